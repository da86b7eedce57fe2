"""Quotes as the reader copies them: a span of the reading text or a figure, where it stands, and
the quote with its citation. Plain functions over the model (no UI): the TUI's keys call them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.cite import Place, place_of
from reader.model.document import Document

if TYPE_CHECKING:
    from reader.citation.format import Cited


def span_place(doc: Document, first: int, last: int) -> Place:
    """Where a quote from block ``first`` to block ``last`` stands: the first one's place, with the
    range of paragraphs (第2–3段, para. 2–3) when it runs over several of one section."""
    place = place_of(doc, first)
    if last != first:
        end = place_of(doc, last)
        if end.section == place.section and end.paragraph > place.paragraph:
            place = replace(place, last=end.paragraph)
    return place


def figure_quote(doc: Document, figure: int) -> tuple[str, Place, str]:
    """A figure as quoted: its label and text, where it stands, and what joins it to its one-line
    citation."""
    found = doc.figures[figure]
    body = f"{found.label} {found.text}".strip()
    return body, place_of(doc, found.block), "——" if doc.metadata.language.startswith("zh") else " — "


def cited_quote(
    doc: Document,
    body: str,
    place: Place,
    style: str,
    sidecar: Mapping[str, str] | None = None,
    joiner: str | None = None,
) -> tuple[str, Cited]:
    """``body`` with its citation in ``style`` (plain when that style is not installed); returns
    the quote and the citation made (for the quote log). ``joiner`` puts a figure and its one-line
    citation together."""
    from reader.citation.quote import cite, quote_with
    from reader.citation.styles import UnknownStyle

    try:
        cited = cite(doc, place, style, sidecar)
    except UnknownStyle:
        cited = cite(doc, place, "plain", sidecar)
    quote = f"{body}{joiner}{cited.line()}" if joiner is not None else quote_with(doc, body, cited)
    return quote, cited


def bookmark_entries(doc: Document, bookmarks: Sequence[int]) -> list[tuple[str, str]]:
    """The bookmarks (source positions) as (key, label) rows: section, paragraph, the first words."""
    rows = []
    for position in bookmarks:
        block = doc.block_at(position)
        place = place_of(doc, block)
        where = place.section.number or place.section.title if place.section else ""
        rows.append((str(position), f"{where} ¶{place.paragraph}  {doc.blocks[block].text[:30]}"))
    return rows


def quote_and_log(
    doc: Document,
    body: str,
    place: Place,
    style: str,
    sidecar: Mapping[str, str] | None = None,
    joiner: str | None = None,
) -> tuple[str, str]:
    """``body`` quoted with its citation, and appended to the document's quote log; returns the
    quote and a warning when the log could not be written (the quote is never lost for that)."""
    from reader.citation.quote import log_quote

    quote, cited = cited_quote(doc, body, place, style, sidecar, joiner)
    try:
        log_quote(doc, body, place, cited)
    except OSError as exc:
        return quote, f"Quote not logged: {exc.strerror or exc}"
    return quote, ""
