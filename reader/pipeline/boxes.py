"""Text set in a box of asterisks or hashes, its frame taken away.

Plain-text documents set a passage they want noticed inside a frame drawn with one character:
the Mozilla Public License boxes its disclaimers (``*  6. Disclaimer of Warranty  *`` between
lines of ``*``), READMEs and source headers box banners with ``#``. The frame is drawing, not
text: a reader wants the passage's words (a search, a quote), as prose, with its headings. Tables
and diagrams frame cells with ``|`` and ``+``: those are left to preformatted detection.
"""

from __future__ import annotations

import re

_BORDER_CHARS = "*#"
_MIN_LINES = 3  # interior lines a box needs (one framed line is decoration, not a box)
_LINE_RE = re.compile(r"[^\n]*\n?")


def box_edits(text: str) -> list[tuple[int, int, str]]:
    """The edits that take the frames off boxed passages of ``text`` (sorted, non-overlapping)."""
    if "**" not in text and "##" not in text:
        return []
    lines = [(m.start(), m.group().rstrip("\n")) for m in _LINE_RE.finditer(text) if m.group()]
    edits: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        end = _box_end(lines, i)
        if end is None:
            i += 1
            continue
        edits.extend(_unframe(lines[i : end + 1]))
        i = end + 1
    return edits


def _border(line: str) -> str | None:
    """The frame character of a border line (``*****…``, eight or more), else None."""
    body = line.strip()
    return body[0] if len(body) >= 8 and body[0] in _BORDER_CHARS and body == body[0] * len(body) else None


def _box_end(lines: list[tuple[int, str]], top: int) -> int | None:
    """The index of the bottom border of a box whose top border is line ``top``, else None."""
    char = _border(lines[top][1])
    if char is None:
        return None
    left = len(lines[top][1]) - len(lines[top][1].lstrip())
    right = len(lines[top][1].rstrip())
    i = top + 1
    while i < len(lines):
        line = lines[i][1].rstrip()
        if _border(line) == char and len(line) == right:
            inner = [text for _, text in lines[top + 1 : i]]
            words = sum(ch.isalpha() for text in inner for ch in text[left + 1 : right - 1])
            printing = sum(not ch.isspace() for text in inner for ch in text[left + 1 : right - 1])
            return i if len(inner) >= _MIN_LINES and printing and words >= 0.5 * printing else None
        if len(line) != right or line[left : left + 1] != char or line[-1] != char:
            return None
        i += 1
    return None


def _unframe(box: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Edits for one box: border lines emptied, each inner line's frame and common indent gone."""
    (top_at, top), (bottom_at, bottom) = box[0], box[-1]
    left = len(top) - len(top.lstrip())
    inner = box[1:-1]
    indents = [len(text) - left - 1 - len(text[left + 1 :].lstrip()) for _, text in inner if text[left + 1 : -1].strip()]
    indent = min(indents, default=0)
    edits = [(top_at, top_at + len(top), "")]
    for at, text in inner:
        body = text.rstrip()
        content = body[left + 1 : -1].rstrip()
        cut = left + 1 + indent if content.strip() else len(body)
        edits.append((at, at + min(cut, len(body)), ""))
        if content.strip():
            edits.append((at + left + 1 + len(content), at + len(text), ""))
    edits.append((bottom_at, bottom_at + len(bottom), ""))
    return edits
