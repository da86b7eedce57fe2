"""Long plain texts laid out part by part.

A layout holds an object per printed line: for a text of tens of megabytes that is most of the
memory a build needs. A long text is therefore cut into parts of about ``PART_CHARS`` characters,
each laid out (and reflowed by the pipeline) only when the part before is done with. Each part is
large enough for its own conventions (measure, paragraph separation, running heads) to be
inferred as well as the whole's would be; a cut falls where no paragraph can go on across it:
a page break (form feed), else a blank line after a sentence's end, else any blank line, else a
line that ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reader.sources.layout import Layout, LayoutPart

LayOut = Callable[[str], Layout]
"""A function laying out a piece of decoded text."""

PART_CHARS = 1_000_000
"""The length (characters) above which a plain text is laid out in parts, and about each part's."""
PART_LINES = 50_000
"""… or the number of lines (a part's memory goes by its lines: ``yes`` output has 2 characters each)."""

_SENTENCE_END_BLANK_RE = re.compile(r"[.!?。！？…”’\"')）][ \t]*\n[ \t]*\n")
_BLANK_RE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END_LINE_RE = re.compile(r"[.!?。！？…”’\"')）][ \t]*\n")


def part_cuts(text: str, size: int = PART_CHARS, lines: int = PART_LINES) -> list[int]:
    """The offsets where the parts of ``text`` begin (``[0]`` for a text of one part): about
    ``size`` characters or ``lines`` lines each, whichever comes first."""
    cuts = [0]
    while True:
        start = cuts[-1]
        step = size
        window = min(len(text), start + size + size // 2) - start
        newlines = text.count("\n", start, start + window)
        if newlines > lines + lines // 2:
            step = max(1, window * lines // newlines)
        if len(text) - start <= step + step // 2:
            return cuts
        cuts.append(_cut_between(text, start + step, start + step + step // 2))


def _cut_between(text: str, low: int, high: int) -> int:
    """The first safe place to cut ``text`` in [low, high) by the order of preference above."""
    page = text.find("\f", low, high)
    if page >= 0:
        return page + 1
    for pattern in (_SENTENCE_END_BLANK_RE, _BLANK_RE, _SENTENCE_END_LINE_RE):
        m = pattern.search(text, low, high)
        if m:
            return m.end()
    line = text.find("\n", low, high)
    return line + 1 if line >= 0 else high


def text_parts(text: str, lay_out: LayOut, size: int = PART_CHARS, lines: int = PART_LINES) -> Iterator[LayoutPart]:
    """The parts of ``text``, each laid out by ``lay_out`` when it is asked for."""
    cuts = part_cuts(text, size, lines)
    sheet = 0
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        yield LayoutPart(start, sheet, lay_out(text[start:end]), len(cuts))
        sheet += text.count("\f", start, end)

