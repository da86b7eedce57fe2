"""Labels for English figures: the words before the value (``unemployment fell to 3.5 percent``),
or the noun phrase after it when nothing is before (``$4.2 billion for highways``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.pipeline.figure_values import Number

_CLAUSE_CUT = re.compile(r"[;:()]|,\s|\.\s|\n|\band\b|\bwhile\b|\bbut\b")
# Words that introduce or qualify a value, and the change verbs before it: not part of the label.
_TRAILING = frozenset(
    "to by at of was were is are be been being reached hit totaled totalled rose fell grew increased decreased declined "
    "climbed dropped jumped up down about nearly almost approximately roughly some over under than more less "
    "an estimated a the from would will to-date".split()
)
_LEADING = frozenset("and but while with including in this last next year a an the of for that which its their".split())
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_MAX_WORDS = 6


def english_labels(text: str, numbers: Sequence[Number]) -> list[str]:
    """One label per number of an English block."""
    out: list[str] = []
    for i, number in enumerate(numbers):
        start = _clause_start(text, number.start)
        if i > 0 and numbers[i - 1].span_end > start:
            start = numbers[i - 1].span_end
        before = _words(text[start : number.start])
        while before and (before[-1].lower() in _TRAILING or _YEAR.match(before[-1])):
            before.pop()
        while before and (before[0].lower() in _LEADING or _YEAR.match(before[0])):
            before.pop(0)
        label = " ".join(before[-_MAX_WORDS:])
        if not label:
            after = _words(text[number.span_end : number.span_end + 80])
            while after and after[0].lower() in ("in", "of", "for", "on", "to"):
                after.pop(0)
            taken = []
            for word in after:
                if word.lower() in _TRAILING or word.lower() in _LEADING or _YEAR.match(word):
                    break
                taken.append(word)
            label = " ".join(taken[:_MAX_WORDS])
        if not label and out:
            label = out[-1]
        out.append(label)
    return out


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins."""
    cut = max(0, pos - 300)
    for m in _CLAUSE_CUT.finditer(text, cut, pos):
        cut = m.end()
    return cut


def _words(text: str) -> list[str]:
    """The words of a phrase, punctuation stripped."""
    cut = _CLAUSE_CUT.split(text)[0] if text else ""
    return [w.strip("\"'“”‘’") for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", cut)]
