"""Quotes with citations: plain, Markdown, GB/T 7714 (2025 and 2015) and APA 7."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from reader.model.document import Block, Document, Metadata, Section

STYLES: tuple[str, ...] = ("plain", "markdown", "gbt7714", "gbt7714-2015", "apa")
STYLE_NAMES = {
    "plain": "Plain",
    "markdown": "Markdown",
    "gbt7714": "GB/T 7714-2025",
    "gbt7714-2015": "GB/T 7714-2015",
    "apa": "APA 7",
}


@dataclass(frozen=True, slots=True)
class Place:
    """Where a quote stands: its section and its paragraph number within it (1-based); ``last``:
    the last paragraph of a quote that runs over several (第2–3段, ¶2–3)."""

    section: Section | None
    paragraph: int
    last: int | None = None


def place_of(doc: Document, block_index: int) -> Place:
    """Return the section (lead entries skipped) and paragraph number of a block."""
    block = doc.blocks[block_index]
    section = doc.section(block.section) if block.section else None
    if section is None:
        return Place(None, _ordinal(doc.blocks[: block_index + 1]))
    paragraphs = doc.paragraphs_of(section)
    for n, b in enumerate(paragraphs, 1):
        if b.index >= block_index:
            return Place(section, n)
    return Place(section, max(1, len(paragraphs)))


def _ordinal(blocks: tuple[Block, ...]) -> int:
    """Count the reading paragraphs among ``blocks``."""
    return max(1, sum(1 for b in blocks if b.kind in ("paragraph", "item")))


def _is_zh(meta: Metadata) -> bool:
    """Return True when the document is Chinese."""
    return meta.language.startswith("zh")


def _where(doc: Document, place: Place) -> str:
    """Return the location part of a citation: ``二、(三) 第2段`` or ``§2.3 ¶2``."""
    zh = _is_zh(doc.metadata)
    numbers = f"{place.paragraph}–{place.last}" if place.last and place.last > place.paragraph else f"{place.paragraph}"
    if place.section is None:
        return f"第{numbers}段" if zh else f"¶{numbers}"
    if zh:
        chain = doc.label_chain(place.section) or place.section.title
        return f"{chain} 第{numbers}段"
    label = f"§{place.section.number}" if place.section.number else place.section.title
    return f"{label} ¶{numbers}"


def _inferred_mark(meta: Metadata) -> str:
    """Return a note saying which metadata was inferred, or nothing."""
    if not meta.inferred:
        return ""
    fields = ", ".join(meta.inferred)
    return f"（推断：{fields}）" if _is_zh(meta) else f" (inferred: {fields})"


def citation(doc: Document, place: Place, style: str = "plain", accessed: _dt.date | None = None) -> str:
    """Return the citation line for a quote at ``place`` in ``style``."""
    meta = doc.metadata
    zh = _is_zh(meta)
    where = _where(doc, place)
    title = meta.title or meta.source
    date = meta.date or ""
    page = meta.page
    pub = meta.publisher or ""
    if style in ("plain", "markdown"):
        if zh:
            parts = [f"《{title}》"]
            tail = " ".join(p for p in (pub, date, f"第{page}版" if page else "") if p)
            if tail:
                parts.append(tail)
            parts.append(where)
            return "，".join(parts) + _inferred_mark(meta)
        bits = [title, pub, date, f"p. {page}" if page else "", where]
        return ", ".join(b for b in bits if b) + _inferred_mark(meta)
    if style.startswith("gbt7714"):
        return _gbt7714(meta, where, style.endswith("2015"), accessed)
    if style == "apa":
        author = meta.author or pub or title
        year = f"({date})" if date else "(n.d.)"
        source = f" {pub}." if pub and pub != author else ""
        pages = f", p. {page}" if page else ""
        url = f" {meta.url}" if meta.url else ""
        return f"{author}. {year}. {title}.{source}{url} ({where}{pages})"
    raise ValueError(f"unknown citation style: {style}")


def _gbt7714(meta: Metadata, where: str, edition_2015: bool, accessed: _dt.date | None) -> str:
    """Format a GB/T 7714 reference: [N] newspaper, [R] report, [EB/OL] web page."""
    author = meta.author or (meta.publisher if meta.publisher and not meta.page else "") or "佚名"
    title = meta.title or meta.source
    today = (accessed or _dt.date.today()).isoformat()
    if meta.page and meta.publisher:
        kind = "N/OL" if meta.url else "N"
        ref = f"{author}. {title}[{kind}]. {meta.publisher}, {meta.date or 'n.d.'}({meta.page})"
    elif meta.url:
        ref = f"{author}. {title}[EB/OL]. ({meta.date or 'n.d.'})"
    else:
        year = (meta.date or "")[:4]
        tail = ", ".join(p for p in (meta.publisher, year) if p)
        ref = f"{author}. {title}[R]" + (f". {tail}" if tail else "")
    if meta.url:
        # both editions keep the access date for network resources; 2015 also put it on
        # electronic copies of print works, which 2025 dropped.
        ref += f"[{today}]. {meta.url}"
    elif edition_2015 and meta.page and not meta.publisher:
        ref += f"[{today}]"
    return f"{ref}. {where}"


def quote_text(doc: Document, blocks: list[Block], place: Place, style: str = "plain") -> str:
    """Return quoted text (reflowed, furniture left out) followed by its citation."""
    body = "\n".join(b.text for b in blocks if b.is_reading)
    cite = citation(doc, place, style)
    zh = _is_zh(doc.metadata)
    if style == "markdown":
        quoted = "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))
        return f"{quoted}\n>\n> —— {cite}" if zh else f"{quoted}\n>\n> — {cite}"
    if style == "plain":
        return f"“{body}”——{cite}" if zh else f"\u201c{body}\u201d — {cite}"
    return f"{body}\n\n{cite}"
