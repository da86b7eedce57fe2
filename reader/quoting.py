"""Quotes as the reader copies them: a span of the reading text, a figure, with their citations.

Plain functions over the model (no UI): the TUI's keys call them, the CLI could as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.cite import citation, place_of, quote_text
from reader.model.document import Document


def quote_blocks(doc: Document, blocks: Sequence[int], style: str = "plain") -> str:
    """The whole of ``blocks`` (furniture left out) quoted with the citation of the first."""
    chosen = [doc.blocks[i] for i in blocks]
    return quote_text(doc, chosen, place_of(doc, blocks[0]), style)


def quote_part(doc: Document, block: int, text: str, style: str = "plain") -> str:
    """``text``, a part of one block (a sentence, a phrase), quoted with that block's citation."""
    part = replace(doc.blocks[block], text=text, emphasis=(), edits=())
    return quote_text(doc, [part], place_of(doc, block), style)


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
