"""Wrapping reading text for the terminal by cell width, with the basic Chinese line-breaking rules.

No line starts with closing punctuation, no line ends with opening punctuation, a middle dot stays
between its neighbours, Latin words and numbers stay whole (unless longer than a line), and no line
starts with a stray space (clreq, basic level). These rules govern where a wrapped row may begin: a
block's first row begins where the block does (a list bullet ``·`` may open it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from rich.cells import cell_len

from reader.punct import CLOSING_PUNCT, MIDDLE_DOTS, OPENING_PUNCT

_QUOTE_RE = re.compile('"')
CLOSING = CLOSING_PUNCT
OPENING = OPENING_PUNCT


def cells(text: str) -> int:
    """Return the terminal cell width of ``text`` (CJK characters take two cells)."""
    if text.isascii():
        return len(text)
    return cell_len(text)


class _CellWidths(dict[str, int]):
    """Cell width of each character met so far (a dict, so whole lines can be summed in C)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = cell_len(ch)
        return width


_CELLS = _CellWidths()


def _fitting(text: str, pos: int, width: int) -> int:
    """Return the end of the longest run of ``text`` from ``pos`` that fits in ``width`` cells."""
    end, used, n = pos, 0, len(text)
    step = width // 2 + 4  # about a line of wide characters; narrow ones take another piece
    while end < n:
        piece = text[end : end + step]
        running = list(accumulate(map(_CELLS.__getitem__, piece), initial=used))
        fit = bisect_right(running, width) - 1  # characters of the piece that still fit
        if fit < len(piece):
            return end + fit
        used, end = running[-1], end + fit
    return end


def _is_word(ch: str) -> bool:
    """Return True for characters that belong to an unbreakable Latin word or number."""
    return ch.isascii() and (ch.isalnum() or ch in "_'%.,+-/@#$&")


def _quote_roles(text: str) -> frozenset[int]:
    """Offsets of ASCII double quotes that close a quotation (every second one)."""
    if '"' not in text:
        return frozenset()
    positions = [m.start() for m in _QUOTE_RE.finditer(text)]
    return frozenset(positions[1::2])


def _can_break(text: str, b: int, closing_quotes: frozenset[int] = frozenset()) -> bool:
    """Return True when a line may end before ``text[b]``."""
    before, after = text[b - 1], text[b]
    if after in CLOSING or before in OPENING or before in MIDDLE_DOTS:
        return False
    if after == '"' and b in closing_quotes:
        return False
    if before == '"' and b - 1 not in closing_quotes:
        return False
    if before == " " or after == " ":
        return True
    if _is_word(before) and _is_word(after):
        return False
    return True


def wrap(text: str, width: int) -> list[int]:
    """Return the offsets where each wrapped line of ``text`` starts (always at least one line)."""
    return wrap_range(text, width)[0] or [0]


def wrap_range(text: str, width: int, pos: int = 0, limit: int | None = None) -> tuple[list[int], int]:
    """Wrap ``text`` from offset ``pos`` until a line would start at or past ``limit``.

    Returns the line starts and where wrapping stopped (``len(text)`` when done), so a huge
    paragraph can be wrapped a piece at a time.
    """
    width = max(width, 4)
    n = len(text)
    stop = n if limit is None else min(n, limit)
    starts: list[int] = []
    ascii_text = text.isascii()
    closing_quotes = _quote_roles(text) if pos == 0 and n < 200_000 else _quote_roles_near(text, pos, stop)
    continuing = pos > 0
    while pos < stop:
        while pos < n and text[pos] == " " and (starts or continuing):
            pos += 1
        if pos >= stop:
            break
        starts.append(pos)
        # the longest run from pos that fits in ``width`` cells
        end = min(n, pos + width) if ascii_text else _fitting(text, pos, width)
        if end >= n:
            pos = n
            break
        b = end
        while b > pos + 1 and not _can_break(text, b, closing_quotes):
            b -= 1
        if b <= pos + 1 and not _can_break(text, b, closing_quotes):
            b = end  # nothing breakable: a hard break inside an over-long word
        pos = b
    return starts, min(pos, n) if pos < n else n


def _quote_roles_near(text: str, start: int, stop: int) -> frozenset[int]:
    """Closing-quote offsets for a piece of a huge text (parity counted from the text's start)."""
    before = text.count('"', 0, start)
    positions = [m.start() for m in _QUOTE_RE.finditer(text, start, min(len(text), stop + 200))]
    return frozenset(p for k, p in enumerate(positions) if (before + k) % 2 == 1)


def line_text(text: str, starts: list[int], index: int) -> tuple[int, int]:
    """Return the (start, end) offsets of wrapped line ``index``, trailing spaces left out."""
    start = starts[index]
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end
