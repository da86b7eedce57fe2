"""Columns set side by side in plain text (``pdftotext -layout``): taken apart by their gutters.

A text extractor's layout mode keeps the printed page's geometry in character cells: the lines of
two or three columns share each text line, set apart by a strip of spaces — the column gutter —
that stays blank down the page. Read line by line, every paragraph is cut into column-wide pieces
interleaved with its neighbours'. Such a page is the PDF source's problem in a fixed-pitch grid,
so it gets the same answer (``reader.sources.geometry``): runs of text set apart by two spaces or
more become fragments (a character cell half an em wide, a line one em tall), rows are split at
the gutters, the pieces grouped into column blocks and put in reading order (Breuel's rule). A
page is read so only when gutters run down most of it (prose columns side by side); an aligned
table or an option list on an otherwise running page is left to the usual reading.
"""

from __future__ import annotations

import re

from reader.pipeline.furniture import PAGE_NUMBER_RE
from reader.sources.geometry import Fragment, Line, page_blocks, page_lines, reading_order
from reader.sources.layout import Chunk, Segment

CELL = 0.5  # a character cell's width, in ems (a fixed-pitch grid of proportional type)
COLUMNED_SHARE = 0.4  # of a page's text lines, how many a gutter must cross for it to be columned
MIN_GUTTER_ROWS = 6
PROSE_LINE = 15  # characters: the median line of a column of prose is longer (a table's cells are not)
_RUN_RE = re.compile(r"\S+(?: \S+)*")  # text between gaps of two spaces or more
_WIDE_GAP_RE = re.compile(r"\S {3,}\S")


def may_have_columns(text: str) -> bool:
    """A quick look: do enough lines have a wide gap inside them to be worth a closer one?"""
    return len(_WIDE_GAP_RE.findall(text, 0, 400_000)) >= MIN_GUTTER_ROWS


def column_chunks(text: str, start: int, end: int, sheet: int) -> list[Chunk] | None:
    """The chunks of the page ``text[start:end]`` read column by column, or None when the page is
    not set in columns side by side (see the module's docstring)."""
    frags: list[Fragment] = []
    spans: dict[int, tuple[int, int]] = {}
    rows = 0
    pos = start
    row = 0
    while pos <= end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        found = False
        for m in _RUN_RE.finditer(text, pos, stop):
            col = m.start() - pos
            frag = Fragment(m.group(), col * CELL, row - 0.75, (col + len(m.group())) * CELL, row + 0.25, 1.0)
            spans[id(frag)] = m.span()
            frags.append(frag)
            found = True
        rows += found
        row += 1
        pos = stop + 1
    if not frags:
        return None
    head, foot = _folio_row(frags, min(f.y1 for f in frags)), _folio_row(frags, max(f.y1 for f in frags))
    body = [f for f in frags if f not in head and f not in foot]
    if not body:
        return None
    lines, _rotated, gutters = page_lines(body)
    crossed = {round(g.y) for g in gutters}
    if len(crossed) < max(MIN_GUTTER_ROWS, COLUMNED_SHARE * rows) or not _prose(lines):
        return None
    chunks: list[Chunk] = [Chunk([_segment(Line([f]), f.x0, spans, sheet)]) for f in head]
    for block in reading_order(page_blocks(lines)):
        chunk = Chunk()
        for line in block.lines:
            chunk.segments.append(_segment(line, block.x0, spans, sheet))
        chunks.append(chunk)
    chunks.extend(Chunk([_segment(Line([f]), f.x0, spans, sheet)]) for f in foot)
    return chunks


def _prose(lines: list[Line]) -> bool:
    """True when the pieces the gutters cut are lines of prose (words, most lines long), not a
    table's cells (short, figures): a table's aligned columns are the table's, kept as they stand."""
    lengths = sorted(len(line.text) for line in lines)
    worded = sum(1 for line in lines if line.text.count(" ") >= 2)
    return lengths[len(lengths) // 2] >= PROSE_LINE and worded >= 0.5 * len(lines)


def _folio_row(frags: list[Fragment], y: float) -> list[Fragment]:
    """The fragments of the page's first or last row (at ``y``) when one of them is a page number
    (``-3-``, ``47700``): that row is the page's head or foot line, set across the columns, and
    its pieces stand at the page's edge, not at the foot of whichever column they fall under."""
    row = [f for f in frags if f.y1 == y]
    return row if any(len(f.text) <= 24 and PAGE_NUMBER_RE.match(f.text) for f in row) else []


def _segment(line: Line, left: float, spans: dict[int, tuple[int, int]], sheet: int) -> Segment:
    """The segment of one column line: its span of the source, its text with the gaps inside it
    closed to one space, its indentation within its column."""
    first, last = spans[id(line.fragments[0])], spans[id(line.fragments[-1])]
    columns = round((line.x0 - left) / CELL)
    seg = Segment(first[0], last[1], line.text, line_start=True, indent=columns > 0, columns=columns)
    seg.sheet = sheet
    return seg
