"""Resolving what a user types to go to a section: ``2.3``, ``二(三)``, ``(三)``, ``2.3:4``, a title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model.document import Document, Section
from reader.pipeline.numerals import to_int

_CN = "一二三四五六七八九十百零〇两"
_TOKEN_RE = re.compile(rf"[(（]([{_CN}\d]+)[)）]|([{_CN}]+)、?|(\d+)|第([{_CN}\d]+)[章节]")


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
    for section in doc.sections:
        if section.title and (section.title.startswith(query) or (section.label or "") + section.title == query):
            return Target(section, paragraph)
    low = query.lower()
    for section in doc.sections:
        if low and low in section.title.lower():
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
