"""Page geometry: fragments → lines → column blocks → reading order (pure Python, no PDFium).

The conventions it reads:
- Characters of one printed line share a baseline; a line's pieces on either side of a *column
  gutter* are different lines. A gutter is a vertical white strip: the gap between two pieces of
  a line is one when the same strip stays empty, with text on both sides, on the lines above or
  below it (a tab stop or a heading's number gap is crossed by the full lines around it).
- Lines of one column follow each other at the column's leading, overlapping horizontally, in one
  type size: those make a *block*. A wider gap, a change of size or a move sideways starts another.
- Reading order (Breuel's rule for Manhattan layouts): block *a* comes before *b* when they overlap
  horizontally and *a* is above, or when *a* lies wholly to the left of *b* and no block between
  them vertically spans across both (a headline or a full-width title closes the columns above it).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from reader.pipeline.chars import ends_sentence

COLUMN_EMS = 5.0  # the narrowest column of prose, in ems (a newspaper's is about eight)


@dataclass(slots=True)
class Fragment:
    """A run of characters on one baseline (see ``reader.sources.pdfium_text``)."""

    text: str
    x0: float
    y0: float  # top (page coordinates grow downwards)
    x1: float
    y1: float  # bottom: the baseline's descent
    size: float
    bold: bool = False
    rotated: bool = False
    starts_bold: bool = False  # its first character is bold (a run-in head)
    boxed: bool = False  # its box is an OCR engine's: padded, and as tall as its own letters reach


@dataclass(slots=True)
class Line:
    """One printed line within a column: fragments left to right."""

    fragments: list[Fragment]
    text: str = ""
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    bold: bool = False  # set bold throughout
    rotated: bool = False
    starts_bold: bool = False

    def __post_init__(self) -> None:
        frags = self.fragments
        self.x0 = min(f.x0 for f in frags)
        self.x1 = max(f.x1 for f in frags)
        self.y0 = min(f.y0 for f in frags)
        self.y1 = max(f.y1 for f in frags)
        weights: dict[float, int] = {}
        for f in frags:
            weights[f.size] = weights.get(f.size, 0) + len(f.text)
        self.size = max(weights.items(), key=lambda kv: (kv[1], kv[0]))[0]
        letters = sum(weights.values())
        for size, count in weights.items():  # small capitals: the line's size is its capitals'
            if self.size < size <= self.size / 0.7 and count >= 0.05 * letters:
                self.size = size
        self.bold = sum(len(f.text) for f in frags if f.bold) >= 0.9 * sum(len(f.text) for f in frags)
        self.starts_bold = frags[0].starts_bold
        self.rotated = frags[0].rotated
        self.text = join_fragments(frags)

    @property
    def width(self) -> float:
        """The line's printed width."""
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Gutter:
    """A column gutter seen on one row: the white strip between ``left`` and ``right``."""

    left: float
    right: float
    y: float


@dataclass(slots=True)
class Block:
    """Consecutive lines of one column, set alike (a paragraph or several, a heading, a caption)."""

    lines: list[Line] = field(default_factory=list)
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0

    def add(self, line: Line) -> None:
        """Append ``line`` and grow the box."""
        if not self.lines:
            self.x0, self.y0, self.x1, self.y1 = line.x0, line.y0, line.x1, line.y1
        else:
            self.x0, self.x1 = min(self.x0, line.x0), max(self.x1, line.x1)
            self.y0, self.y1 = min(self.y0, line.y0), max(self.y1, line.y1)
        self.lines.append(line)


def join_fragments(frags: list[Fragment]) -> str:
    """The text of fragments on one line: a space where a gap parts two words (never between
    two CJK characters, which print without spaces)."""
    from reader.pipeline.chars import is_cjk

    out = frags[0].text
    for prev, frag in itertools.pairwise(frags):
        gap = frag.x0 - prev.x1
        a, b = out[-1:], frag.text[:1]
        # (boxes overlapping by more than kerning does are OCR's padded boxes of two words: ``Chapter`` ``II``)
        overlapped = prev.boxed and frag.boxed and gap < -0.15 * min(frag.size, prev.size) and len(frag.text) > 1
        if a == " " or (is_cjk(a) and is_cjk(b) and gap < 1.5 * frag.size) or (gap < 0.12 * frag.size and not overlapped):
            out += frag.text
        else:
            out += " " + frag.text
    return out


def _rows(frags: list[Fragment]) -> list[list[Fragment]]:
    """Group fragments into rows: those on one baseline, or whose vertical middle lies within a
    row's line, never two over the same stretch of the page's width (superscript and subscript
    note marks stay with the word they touch)."""
    ordered = sorted(frags, key=lambda f: (f.y1, f.x0))
    rows: list[list[Fragment]] = []
    boxes: list[tuple[float, float, float]] = []  # top, bottom, size of each row's main fragment
    for frag in ordered:
        mid = (frag.y0 + frag.y1) / 2
        best, best_off = -1, 0.0
        for k in range(len(rows) - 1, max(-1, len(rows) - 6), -1):
            top, bottom, size = boxes[k]
            if not top <= mid <= bottom:
                continue
            # on the row's baseline, or (an OCR box: a word without descenders ends higher) its top line
            offset = min(abs(frag.y1 - bottom), abs(frag.y0 - top)) if frag.boxed else abs(frag.y1 - bottom)
            if offset > 0.35 * size and not (frag.size < 0.85 * size and _touches(frag, rows[k])):
                continue
            slack = max(0.5, 0.25 * min([frag.size, *(f.size for f in rows[k])]) if frag.boxed else 0.5)  # (OCR's boxes overlap a little)
            if any(f.x0 < frag.x1 - slack and frag.x0 < f.x1 - slack for f in rows[k]):
                continue  # the row already prints there: another line
            if best < 0 or offset < best_off:
                best, best_off = k, offset
        if best < 0:
            rows.append([frag])
            boxes.append((frag.y0, frag.y1, frag.size))
        else:
            rows[best].append(frag)
            if frag.size > boxes[best][2]:
                boxes[best] = (frag.y0, frag.y1, frag.size)
    rows = _attach_small(rows)
    for row in rows:
        row.sort(key=lambda f: f.x0)
    rows.sort(key=lambda r: min(f.y1 for f in r))
    return rows


def _touches(frag: Fragment, row: list[Fragment]) -> bool:
    """True when ``frag`` stands right beside a fragment of ``row`` (a note mark by its word), or
    hangs just before the row's first word (a footnote's mark set out in the margin)."""
    em = frag.size
    first = min(row, key=lambda f: f.x0)
    if frag.x1 <= first.x0 and first.x0 - frag.x1 < 2.5 * first.size and len(frag.text) <= 3:
        return True
    return any(-0.5 * em < frag.x0 - f.x1 < 0.6 * em or -0.5 * em < f.x0 - frag.x1 < 0.6 * em for f in row)


def _attach_small(rows: list[list[Fragment]]) -> list[list[Fragment]]:
    """Put rows of small type that stand within a neighbouring row's line, beside its words
    (superscript note marks set before or after their words), into that row."""
    rows.sort(key=lambda r: min(f.y1 for f in r))
    out: list[list[Fragment]] = []
    for k, row in enumerate(rows):
        if not row:
            continue
        size = max(f.size for f in row)
        mid = (min(f.y0 for f in row) + max(f.y1 for f in row)) / 2
        host = None
        for other in (rows[k - 1] if k else None, rows[k + 1] if k + 1 < len(rows) else None):
            if not other or other is row:
                continue
            big = max(f.size for f in other)
            if (
                size < 0.85 * big
                and min(f.y0 for f in other) <= mid <= max(f.y1 for f in other)
                and all(_touches(f, other) for f in row)
                and not any(f.x0 < g.x1 - 0.5 and g.x0 < f.x1 - 0.5 for f in row for g in other)
            ):
                host = other
                break
        if host is None:
            out.append(row)
        else:
            host.extend(row)
            row.clear()
    return [row for row in out if row]


def _covers(row: list[Fragment], x: float) -> bool:
    """True when a fragment of ``row`` prints across ``x``."""
    return any(f.x0 < x < f.x1 for f in row)


def _both_sides(row: list[Fragment], x: float) -> bool:
    """True when ``row`` has text on both sides of ``x``."""
    return any(f.x1 <= x for f in row) and any(f.x0 >= x for f in row)


def _support(rows: list[list[Fragment]], tops: list[float], r: int, x: float, reach: float) -> int:
    """How many rows near row ``r`` (stopping at the first that prints across ``x``) have text on
    both sides of ``x``: the strip at ``x`` is a gutter when several do, and when the text on
    each side is as wide as a column of prose (``COLUMN_EMS``), not a table's or a contents
    page's narrow column of numbers."""
    count = 0
    widest = [_side_width(rows[r], x)]
    for step in (-1, 1):
        k = r + step
        last = tops[r]
        while 0 <= k < len(rows) and abs(tops[k] - last) <= reach:
            if _covers(rows[k], x):
                break
            if _both_sides(rows[k], x):
                count += 1
                widest.append(_side_width(rows[k], x))
                if count >= 4:  # enough to tell
                    break
            last = tops[k]
            k += step
    left = max(w[0] for w in widest)
    right = max(w[1] for w in widest)
    return count if min(left, right) >= COLUMN_EMS else 0


def _side_width(row: list[Fragment], x: float) -> tuple[float, float]:
    """The widths, in ems, of the fragments next to ``x`` on either side."""
    left = max((f for f in row if f.x1 <= x), key=lambda f: f.x1, default=None)
    right = min((f for f in row if f.x0 >= x), key=lambda f: f.x0, default=None)
    return (
        (left.x1 - left.x0) / left.size if left else 0.0,
        (right.x1 - right.x0) / right.size if right else 0.0,
    )


def page_lines(frags: list[Fragment]) -> tuple[list[Line], list[Line], list[Gutter]]:
    """The page's lines (rows split at column gutters), its rotated lines (margin stamps,
    vertical labels), each in top-to-bottom order, and the gutters found."""
    upright = [f for f in frags if not f.rotated]
    rotated = [Line([f]) for f in frags if f.rotated]
    rows = _rows(upright)
    tops = [min(f.y1 for f in row) for row in rows]
    cuts: list[set[int]] = [set() for _ in rows]
    confirmed: list[Gutter] = []
    pending: list[tuple[int, int, float, float]] = []
    for r, row in enumerate(rows):
        for k in range(1, len(row)):
            a, b = row[k - 1], row[k]
            em = max(a.size, b.size)
            if b.x0 - a.x1 < 0.5 * em:
                continue
            reach = 2.6 * em
            # the gutter the row above showed, if this gap lies across it, needs no second look
            known = any(_overlap(g.left, g.right, a.x1, b.x0) >= 0.5 * em and tops[r] - g.y <= reach for g in confirmed[-4:])
            if known or max(_support(rows, tops, r, a.x1 + 0.25 * em, reach), _support(rows, tops, r, b.x0 - 0.25 * em, reach)) >= 2:
                cuts[r].add(k)
                confirmed.append(Gutter(a.x1, b.x0, tops[r]))
            else:
                pending.append((r, k, a.x1, b.x0))
    for r, k, left, right in pending:  # a short last line beside an indented first line
        for g in confirmed:
            if abs(g.y - tops[r]) <= 12 * rows[r][k].size and g.left >= left - 1 and g.right <= right + 1:
                cuts[r].add(k)
                confirmed.append(Gutter(left, right, tops[r]))
                break
    lines: list[Line] = []
    for r, row in enumerate(rows):
        start = 0
        for k in [*sorted(cuts[r]), len(row)]:
            lines.append(Line(row[start:k]))
            start = k
    lines.sort(key=lambda ln: (ln.y1, ln.x0))
    rotated.sort(key=lambda ln: (ln.x0, ln.y0))
    return lines, rotated, confirmed


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """The length two intervals share."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def column_extent(block: Block, gutters: list[Gutter], left: float, right: float) -> tuple[float, float]:
    """The left and right edges of the column ``block`` stands in: the nearest gutters beside it
    (found on rows within a few lines of it), else the edges of the page's text (``left``,
    ``right``). A short line alone cannot show where its column ends."""
    reach = 3 * max((ln.size for ln in block.lines), default=10.0)
    x0, x1 = min(left, block.x0), max(right, block.x1)
    for g in gutters:
        if not block.y0 - reach <= g.y <= block.y1 + reach:
            continue
        if g.left <= block.x0 + 1:  # a gutter to the left: the column starts after it
            x0 = max(x0, min(g.right, block.x0))
        elif g.right >= block.x1 - 1:  # to the right (a ragged line may stop short of it)
            x1 = min(x1, max(g.left, block.x1))
    return x0, x1


def page_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into column blocks: a line joins the block whose last line is the nearest line
    above it that it overlaps, when it follows at a normal leading in the same type size."""
    blocks: list[Block] = []
    owner: list[int] = []
    for i, line in enumerate(lines):
        chosen = -1
        for j in range(i - 1, -1, -1):
            above = lines[j]
            if line.y1 - above.y1 > 3 * max(line.size, above.size):
                break
            if above.y1 >= line.y1 - 0.3 * line.size:
                continue  # on the same row (another column)
            if _overlap(above.x0, above.x1, line.x0, line.x1) <= 0:
                continue
            block = blocks[owner[j]]
            pitch = line.y1 - above.y1
            same_size = abs(line.size - above.size) <= 0.12 * max(line.size, above.size) or _raised_first(block, line)
            if block.lines[-1] is above and same_size and pitch <= 1.75 * max(line.size, above.size):
                shared = _overlap(block.x0, block.x1, line.x0, line.x1)
                if shared >= 0.5 * min(line.width, block.x1 - block.x0):
                    chosen = owner[j]
            break
        if chosen < 0:
            blocks.append(Block())
            chosen = len(blocks) - 1
        blocks[chosen].add(line)
        owner.append(chosen)
    return blocks


def _raised_first(block: Block, line: Line) -> bool:
    """A paragraph's first line made taller by a drop cap or a raised initial (``WE went…``),
    alone in its block, stopping mid-sentence, over a line that goes on in lower case."""
    if len(block.lines) != 1 or not line.text[:1].islower() or block.lines[0].size <= line.size:
        return False
    text = block.lines[0].text.rstrip()
    return len(text.split()) >= 4 and not ends_sentence(text) and not text.endswith((":", "："))


def reading_order(blocks: list[Block]) -> list[Block]:
    """The blocks in reading order (see the module's docstring), ties broken top to bottom; a
    block wholly below a much wider one (a headline, a centred title) is not put before it for
    standing to its left."""
    n = len(blocks)
    if n <= 1:
        return list(blocks)
    spans = [(b.x0, b.x1) for b in blocks]
    after: list[list[int]] = [[] for _ in range(n)]
    needs = [0] * n
    for i in range(n):
        for j in range(n):
            if i == j or not _before(i, j, blocks, spans):
                continue
            after[i].append(j)
            needs[j] += 1
    ready = [i for i in range(n) if needs[i] == 0]
    order: list[int] = []
    placed = [False] * n
    while len(order) < n:
        if not ready:  # a cycle (overlapping boxes): take the top-most remaining block
            ready = [min((i for i in range(n) if not placed[i]), key=lambda i: (blocks[i].y0, blocks[i].x0))]
        ready.sort(key=lambda i: (blocks[i].y0, blocks[i].x0))
        i = ready.pop(0)
        if placed[i]:
            continue
        placed[i] = True
        order.append(i)
        for j in after[i]:
            needs[j] -= 1
            if needs[j] == 0 and not placed[j]:
                ready.append(j)
    return [blocks[i] for i in order]


def _before(i: int, j: int, blocks: list[Block], spans: list[tuple[float, float]]) -> bool:
    """Breuel's ordering rule between blocks ``i`` and ``j`` (by their columns' extents)."""
    a, b = blocks[i], blocks[j]
    (a0, a1), (b0, b1) = spans[i], spans[j]
    if _overlap(a0, a1, b0, b1) > 0.5:
        return a.y0 < b.y0 and (a.y1 <= b.y0 + 2 or a.y0 + a.y1 < b.y0 + b.y1)
    if a1 > b0 + 0.5:
        return False
    if a.y0 >= b.y1 and b1 - b0 > 1.5 * (a1 - a0):
        return False  # wholly below a wider block (a headline centred over several columns)
    low, high = min(a.y1, b.y1) - 1, max(a.y0, b.y0) + 1
    for k, c in enumerate(blocks):
        if k == i or k == j:
            continue
        c0, c1 = spans[k]
        if c.y0 >= low and c.y1 <= high and c0 < a1 and c1 > b0:
            return False  # something spanning both stands between them
    return True
