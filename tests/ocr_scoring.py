"""Scores of a reading made by OCR against the text a page was rendered from.

OCR changes characters, so block starts cannot be compared by offset alone: the two texts
(whitespace removed) are aligned (``difflib``) and each block start of the reading is carried
to the other text through the alignment. Character accuracy is 1 − (substituted + deleted +
inserted characters) / characters of the rendered text; *folded* accuracy first makes full- and
half-width forms and curly and straight quotes alike (the width of punctuation is the pipeline's
repair, not the engine's reading).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "―": "—", "‐": "-"})


def strict(text: str) -> str:
    """Text without whitespace (and without OCR bold marks)."""
    return _WS.sub("", text).replace("**", "")


def folded(text: str) -> str:
    """``strict`` text with width and quote forms made alike."""
    return strict(unicodedata.normalize("NFKC", text).translate(_QUOTES))


@dataclass(frozen=True)
class Scores:
    """How a reading compares with the rendered text."""

    accuracy: float  # character accuracy, folded forms
    strict_accuracy: float  # character accuracy, exact characters
    f1: float  # paragraph-start F1 through the alignment
    characters: int


def char_accuracy(gold: str, read: str) -> float:
    """1 − edit operations / len(gold), by difflib's alignment."""
    matcher = difflib.SequenceMatcher(None, gold, read, autojunk=False)
    errors = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            errors += max(i2 - i1, j2 - j1)
    return 1 - errors / max(1, len(gold))


def _starts(texts: list[str], form: callable) -> tuple[str, list[int]]:  # type: ignore[valid-type]
    """The joined text and the offset where each text starts in it."""
    out: list[int] = []
    pos = 0
    parts: list[str] = []
    for text in texts:
        part = form(text)
        if part:
            out.append(pos)
        parts.append(part)
        pos += len(part)
    return "".join(parts), out


def score(gold_blocks: list[str], read_blocks: list[str]) -> Scores:
    """Compare the blocks a page was rendered from with the blocks read from it."""
    gold, gold_starts = _starts(gold_blocks, folded)
    read, read_starts = _starts(read_blocks, folded)
    matcher = difflib.SequenceMatcher(None, read, gold, autojunk=False)
    mapping: dict[int, int] = {}
    for op, i1, i2, j1, _j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            mapping[k] = j1 + (k - i1) if op == "equal" else j1
    found = {mapping.get(s, -1) for s in read_starts}
    wanted = set(gold_starts)
    hit = len(found & wanted)
    f1 = 0.0 if not hit else 2 * hit / (len(found) + len(wanted))
    accuracy = char_accuracy(gold, read)
    exact = char_accuracy(strict("".join(gold_blocks)), strict("".join(read_blocks)))
    return Scores(accuracy, exact, f1, len(gold))


__all__ = ["Scores", "char_accuracy", "folded", "score", "strict"]
