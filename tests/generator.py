"""Lays clean documents out the way OCR and PDF extraction break them, with the expected reading.

A document is a list of (kind, text) blocks: ``heading``, ``paragraph``, ``item``. The layout
wraps each paragraph at a column width (CJK = 1 em, ASCII = ½ em), indents first lines by two
ems (which OCR then loses), keeps closing punctuation off line starts, cuts columns every
``column_lines`` lines (a blank line, even mid-paragraph), and joins a column's lines with a
space (OCR) or a newline (PDF extraction). Page furniture goes where it is asked for.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from reader.pipeline.chars import is_cjk
from reader.punct import CLOSING_PUNCT, OPENING_PUNCT

_TOKEN_RE = re.compile(r"[A-Za-z0-9.%]+|.", re.S)


def _em(token: str) -> float:
    """Width of a token in ems."""
    return sum(1.0 if is_cjk(c) else 0.5 for c in token)


def wrap_cjk(text: str, column: float, indent: float) -> list[str]:
    """Wrap CJK text into lines of ``column`` ems, the first line ``indent`` shorter."""
    tokens = _TOKEN_RE.findall(text)
    lines: list[str] = []
    line, width = "", indent
    for tok in tokens:
        w = _em(tok)
        if line and width + w > column:
            if tok in CLOSING_PUNCT:  # kinsoku: closing punctuation stays on the line
                line += tok
                lines.append(line)
                line, width = "", 0.0
                continue
            if line[-1] in OPENING_PUNCT:
                carry = line[-1]
                lines.append(line[:-1])
                line, width = carry, _em(carry)
            else:
                lines.append(line)
                line, width = "", 0.0
        line += tok
        width += w
    if line:
        lines.append(line)
    return lines


@dataclass
class LaidOut:
    """A generated page and what reading it right gives."""

    text: str
    blocks: list[tuple[str, str]] = field(default_factory=list)


def lay_out_cjk(
    blocks: list[tuple[str, str]],
    column: float = 17,
    column_lines: int = 23,
    joiner: str = " ",
    seed: int = 0,
    page: int = 2,
    running_head: str | None = None,
    break_chance: float = 0.5,
) -> LaidOut:
    """Lay out Chinese blocks as an OCR'd newspaper column; return the text and its gold."""
    rng = random.Random(seed)
    chunks: list[list[str]] = [[f"▲上接{page - 1:02d}版"]]
    gold: list[tuple[str, str]] = [("furniture", f"▲上接{page - 1:02d}版")]
    used = 0
    head_at = rng.randrange(2, max(3, len(blocks) - 1)) if running_head else -1
    for n, (kind, text) in enumerate(blocks):
        if n == head_at:
            chunks.append([running_head or ""])
            chunks.append([])
            gold.append(("furniture", running_head or ""))
            used = 0
        gold.append((kind, text))
        if kind == "heading":
            if chunks[-1]:
                chunks.append([])
            chunks[-1].extend(wrap_cjk(text, column - 4, 0))
            chunks.append([])
            used = 0
            continue
        lines = wrap_cjk(text, column, 2 if kind == "paragraph" else 0)
        for line in lines:
            if used >= column_lines:
                chunks.append([])
                used = 0
            chunks[-1].append(line)
            used += 1
        if rng.random() < break_chance and chunks[-1]:
            chunks.append([])
            used = 0
    mark = f"▶下转{page + 1:02d}版"
    chunks[-1].append(mark)
    gold.append(("furniture", mark))
    text = "\n\n".join(joiner.join(c) for c in chunks if c)
    return LaidOut(text + "\n", gold)


def wrap_latin(text: str, width: int, rng: random.Random, hyphenate: float, lose_hyphen: float) -> list[str]:
    """Wrap English text at ``width`` characters, sometimes splitting long words with a hyphen."""
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2
        core = word.rstrip(".,;:")
        if line and len(core) >= 8 and room >= 4 and core.isalpha() and rng.random() < hyphenate:
            cut = min(room, len(core) - 3)
            mark = "" if rng.random() < lose_hyphen else "-"
            lines.append(f"{line} {word[:cut]}{mark}")
            line = word[cut:]
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def lay_out_latin(
    blocks: list[tuple[str, str]],
    width: int = 64,
    page_lines: int = 30,
    blank_lines: bool = True,
    seed: int = 0,
    hyphenate: float = 0.5,
    lose_hyphen: float = 0.0,
) -> LaidOut:
    """Lay out English blocks as hard-wrapped extracted text with page numbers."""
    rng = random.Random(seed)
    out: list[str] = []
    gold: list[tuple[str, str]] = []
    page = 1
    count = 0
    for kind, text in blocks:
        gold.append((kind, text))
        if kind == "heading":
            lines = [text]
        else:
            lines = wrap_latin(text, width, rng, hyphenate, lose_hyphen)
            if not blank_lines and kind == "paragraph":
                lines[0] = "    " + lines[0]
        for line in lines:
            out.append(line)
            count += 1
            if count >= page_lines:
                out.extend(["", f"- {page} -", ""])
                gold.append(("furniture", f"- {page} -"))
                page += 1
                count = 0
        if blank_lines or kind == "heading":
            out.append("")
    return LaidOut("\n".join(out).rstrip() + "\n", gold)
