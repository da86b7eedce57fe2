"""Quotes as the reader copies them: a span of the reading text, a figure, with their citations.

Plain functions over the model (no UI): the TUI's keys call them, the CLI could as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.cite import citation, place_of, quote_text
from reader.model.document import Document


def quote_span(doc: Document, first: int, last: int, body: str, style: str = "plain") -> str:
    """``body``, the text from block ``first`` to block ``last`` (a part of one paragraph or a run of
    several), quoted with its citation: the paragraph, or the range 第2–3段 / ¶2–3 within a section."""
    place = place_of(doc, first)
    if last != first:
        end = place_of(doc, last)
        if end.section == place.section and end.paragraph > place.paragraph:
            place = replace(place, last=end.paragraph)
    part = replace(doc.blocks[first], text=body, emphasis=(), edits=())
    return quote_text(doc, [part], place, style)


def quote_figure(doc: Document, figure: int, style: str = "plain") -> tuple[str, str]:
    """A figure with what it measures and its citation; returns (quote, the figure's own text)."""
    found = doc.figures[figure]
    body = f"{found.label} {found.text}".strip()
    cite = citation(doc, place_of(doc, found.block), style)
    joiner = "——" if doc.metadata.language.startswith("zh") else " — "
    return f"{body}{joiner}{cite}", body


def bookmark_entries(doc: Document, bookmarks: Sequence[int]) -> list[tuple[str, str]]:
    """The bookmarks (source positions) as (key, label) rows: section, paragraph, the first words."""
    rows = []
    for position in bookmarks:
        block = doc.block_at(position)
        place = place_of(doc, block)
        where = place.section.number or place.section.title if place.section else ""
        rows.append((str(position), f"{where} ¶{place.paragraph}  {doc.blocks[block].text[:30]}"))
    return rows
