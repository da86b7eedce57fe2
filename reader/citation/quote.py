"""Quotes with their citations, as copied (``y``), printed (``reader quote``) and logged.

``plain`` and ``markdown`` are reader's own one-line forms for notes; every other style is CSL
(``reader.citation.format``): the quote with its in-text citation, then the reference.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path

from reader.citation.format import Cited, format_citation
from reader.citation.items import Item, item_of
from reader.citation.place import Place, locator_of
from reader.citation.styles import canonical, style_info
from reader.model.document import Block, Document


def cite(
    doc: Document,
    place: Place | None,
    style: str = "plain",
    sidecar: Mapping[str, str] | None = None,
    today: _dt.date | None = None,
) -> Cited:
    """Cite the document at ``place`` (None: the whole work) in ``style`` (raises UnknownStyle)."""
    item = item_of(doc, sidecar, today)
    info = style_info(canonical(style))
    locator = locator_of(doc, place) if place is not None else None
    if info.form == "builtin":
        line = _own_line(doc, item, place)
        return Cited(info.id, "builtin", line, "", "")
    return format_citation(item, locator, info.id)


def citation(
    doc: Document,
    place: Place,
    style: str = "plain",
    accessed: _dt.date | None = None,
    sidecar: Mapping[str, str] | None = None,
) -> str:
    """Return the citation line for a quote at ``place`` in ``style``."""
    return cite(doc, place, style, sidecar, accessed).line()


def quote_text(
    doc: Document,
    blocks: list[Block],
    place: Place,
    style: str = "plain",
    sidecar: Mapping[str, str] | None = None,
    today: _dt.date | None = None,
) -> str:
    """Return quoted text (reflowed, furniture left out) with its citation."""
    body = "\n".join(b.text for b in blocks if b.is_reading)
    return quote_with(doc, body, cite(doc, place, style, sidecar, today))


def quote_with(doc: Document, body: str, cited: Cited) -> str:
    """Put a quote's text and its citation together the way ``cited``'s style wants."""
    zh = doc.metadata.language.startswith("zh")
    if cited.form != "builtin":
        return cited.quote(body)
    line = cited.reference
    if cited.style == "markdown":
        quoted = "\n".join(f"> {text}" if text else ">" for text in body.split("\n"))
        return f"{quoted}\n>\n> —— {line}" if zh else f"{quoted}\n>\n> — {line}"
    return f"“{body}”——{line}" if zh else f"\u201c{body}\u201d — {line}"


def _own_line(doc: Document, item: Item, place: Place | None) -> str:
    """reader's plain citation: ``《题名》，报纸 日期 第02版，二、(三) 第2段`` or ``Title, Paper, date, p. 2, sec. 2.3, para. 2``."""
    csl = item.csl
    zh = item.chinese
    title = str(csl.get("title") or doc.metadata.source)
    source = str(csl.get("container-title") or csl.get("publisher") or "")
    date = doc.metadata.date or ""
    page = doc.metadata.page if item.type == "article-newspaper" else None
    where = locator_of(doc, place).phrase(zh) if place is not None else ""
    if zh:
        parts = [f"《{title}》"]
        tail = " ".join(p for p in (source, date, f"第{page}版" if page else "") if p)
        parts.extend(p for p in (tail, where) if p)
        return "，".join(parts) + item.note()
    bits = [title, source, date, f"p. {page}" if page else "", where]
    return ", ".join(b for b in bits if b) + item.note()


def log_quote(
    doc: Document,
    body: str,
    place: Place | None,
    cited: Cited,
    directory: Path | None = None,
    when: _dt.datetime | None = None,
) -> Path:
    """Append a copied quote with its citation, section, page and time to the document's notes
    file (``reader.citation.log``); return the file's path (raises OSError when it cannot)."""
    from reader.citation.log import Entry, append_entry

    zh = doc.metadata.language.startswith("zh")
    section = locator_of(doc, place).phrase(zh) if place is not None else ""
    page = (place.page if place is not None else None) or doc.metadata.page
    page_text = (f"第{page}版" if zh else f"p. {page}") if page else ""
    entry = Entry(body, cited.line(), cited.style, section, page_text, when or _dt.datetime.now())
    return append_entry(doc, entry, directory)
