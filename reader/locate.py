"""Resolving what a user types to go somewhere: a section (``2.3``, ``二(三)``, ``(三)``, ``2.3:4``, a
title, the document's own label) or a printed page (``p2``, ``page 2``, ``第2版``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model.document import Document, Section
from reader.pipeline.numerals import to_int

_CN = "一二三四五六七八九十百零〇两"
_PAGE_RE = re.compile(r"(?:p\.?|page)\s*(\d+|[ivxlcdm]+)|第\s*(\d+)\s*[版页]", re.IGNORECASE)
_TOKEN_RE = re.compile(rf"[(（]([{_CN}\d]+)[)）]|([{_CN}]+)、?|(\d+)|第([{_CN}\d]+)[章节]")


_WIDTHS = str.maketrans("，；：？！（）“”", ',;:?!()""')


def _fold(text: str) -> str:
    """Punctuation of either width as half-width: a typed title matches the repaired one and the printed."""
    return text.replace("……", "...").translate(_WIDTHS)


@dataclass(frozen=True, slots=True)
class Target:
    """A resolved go-to request: the section, and a paragraph number within it (or None)."""

    section: Section
    paragraph: int | None = None


def _numeric(query: str) -> str | None:
    """Turn ``二(三)`` or ``第二章`` into ``2.3``; None when ``query`` is not a number form."""
    if re.fullmatch(r"\d+(?:[.．]\d+)*", query):
        return query.replace("．", ".")
    parts: list[str] = []
    pos = 0
    for m in _TOKEN_RE.finditer(query):
        if m.start() != pos:
            return None
        value = to_int(next(g for g in m.groups() if g))
        if value is None:
            return None
        parts.append(str(value))
        pos = m.end()
    if pos != len(query) or not parts:
        return None
    return ".".join(parts)


def resolve(doc: Document, query: str, current: Section | None = None) -> Target | None:
    """Resolve a go-to query against ``doc``; ``current`` scopes a bare ``(三)`` to its chapter."""
    query = query.strip()
    if not query:
        return None
    paragraph: int | None = None
    m = re.fullmatch(r"(.*?)[:：](\d+)", query)
    if m:
        query, paragraph = m.group(1).strip(), int(m.group(2))
    number = _numeric(query)
    if number:
        bracketed = query.startswith(("(", "（")) and "." not in number
        section = None
        if bracketed and current is not None:  # (三) means 2.3 inside chapter 2
            chapter = doc.ancestors(current)[0]
            if chapter.number:
                section = doc.section(f"{chapter.number}.{number}")
        if section is None and not bracketed:
            section = doc.section(number)
        if section is None and bracketed:
            section = next(
                (s for s in doc.sections if s.number and s.number.endswith("." + number) and s.kind != "lead"), None
            )
        if section is not None:
            return Target(section, paragraph)
    folded = _fold(query)
    for section in doc.sections:
        title = _fold(section.title)
        if title and (title.startswith(folded) or _fold(section.label or "") + title == folded):
            return Target(section, paragraph)
    low = folded.lower()
    for section in doc.sections:
        if low and low in _fold(section.title).lower():
            return Target(section, paragraph)
    return None


def completions(doc: Document, prefix: str, limit: int = 8) -> list[str]:
    """Return section numbers and titles that complete ``prefix``."""
    prefix = prefix.strip()
    out: list[str] = []
    for s in doc.sections:
        name = s.number or ""
        if (prefix and name.startswith(prefix)) or (prefix and s.title.startswith(prefix)):
            out.append(f"{name} {s.title}".strip())
        elif not prefix and s.level == 1:
            out.append(f"{name} {s.title}".strip())
        if len(out) >= limit:
            break
    return out


def page_query(query: str) -> str | None:
    """The page a go-to query names (``p2``, ``p. 2``, ``page 2``, ``第2版``, ``第02页``), or None."""
    m = _PAGE_RE.fullmatch(query.strip())
    return (m.group(1) or m.group(2)) if m else None


def _same_page(label: str, page: str) -> bool:
    """True when a printed page label is ``page`` (``02`` is ``2``; roman numerals by their letters)."""
    return label.strip().lstrip("0").lower() == page.lstrip("0").lower()


def pages_known(doc: Document) -> bool:
    """True when the document's blocks carry their printed pages."""
    return any(b.page_label for b in doc.blocks)


def page_block(doc: Document, page: str) -> int | None:
    """The first reading block printed on ``page`` (a document of one page: its first block), or None."""
    for block in doc.blocks:
        if block.is_reading and block.page_label and _same_page(block.page_label, page):
            return block.index
    if not pages_known(doc) and doc.metadata.page and _same_page(doc.metadata.page, page):
        return next((b.index for b in doc.blocks if b.is_reading), None)
    return None


def page_name(doc: Document, label: str) -> str:
    """A printed page as the status line says it: ``第02版`` (a newspaper), ``第27页``, ``p. 27``."""
    if not doc.metadata.language.startswith("zh"):
        return f"p. {label}"
    return f"第{label}版" if doc.metadata.page else f"第{label}页"


def destination(doc: Document, query: str, current: Section | None = None) -> tuple[int | None, str]:
    """Where a go-to query leads: (the block to show at the top, "") or (None, why not), for a
    page (``p2``), a section (``2.3``, ``(三)``, a title) or a paragraph of one (``2.3:4``)."""
    page = page_query(query)
    if page is not None:
        found = page_block(doc, page)
        if found is None:
            known = "" if pages_known(doc) else " (this document does not say where its pages begin)"
            return None, f"no page {page}{known}"
        return found, ""
    target = resolve(doc, query, current)
    if target is None:
        hints = ", ".join(completions(doc, query, 4))
        return None, f"no section {query}" + (f" (try {hints})" if hints else "")
    if not target.paragraph:
        return target.section.first_block, ""
    paragraphs = doc.paragraphs_of(target.section)
    if not 1 <= target.paragraph <= len(paragraphs):
        return None, f"{target.section.number} has {len(paragraphs)} paragraphs"
    return paragraphs[target.paragraph - 1].index, ""


def page_line(doc: Document) -> str:
    """The header's second line: page and continuation marks, date."""
    meta = doc.metadata
    zh = meta.language.startswith("zh")
    bits = []
    if meta.page:
        bits.append(f"第{meta.page}版" if zh else f"page {meta.page}")
    if meta.continued_from:
        bits.append(("上接" if zh else "continued from ") + ",".join(meta.continued_from))
    if meta.continued_on:
        bits.append(("下转" if zh else "continued on ") + ",".join(meta.continued_on))
    if meta.date:
        bits.append(meta.date)
    return " · ".join(bits)
