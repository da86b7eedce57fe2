"""A selection of the text shown: any span, moved by paragraph, sentence, word or character across
paragraphs. Plain data and functions (the text pane draws it, the screen quotes it)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from reader.model.document import Document
from reader.segments import UNITS, Unit, units
from reader.textlayout import TextLayout, shown_text

Pos = tuple[int, int]
"""A place in the text shown: (block index, character offset)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """The span from ``start`` to ``end`` (end exclusive, never before start). ``unit`` is what
    ``j``/``k`` move by; ``moving`` is the end that moves (``o`` swaps it)."""

    start: Pos
    end: Pos
    unit: Unit = "paragraph"
    moving: Literal["start", "end"] = "end"

    @property
    def caret(self) -> Pos:
        """The moving end."""
        return self.end if self.moving == "end" else self.start


def begin(layout: TextLayout, block: int) -> Selection:
    """Select the whole of ``block``."""
    return Selection((block, 0), (block, len(layout.text(block))))


def refine(layout: TextLayout, sel: Selection) -> Selection | None:
    """The next finer unit (paragraph → sentence → word → character), its first one from the
    selection's start selected; None after characters (the selection ends)."""
    finer = UNITS.index(sel.unit) + 1
    if finer >= len(UNITS):
        return None
    unit = UNITS[finer]
    block, offset = sel.start
    ends = [e for s, e in _units(layout, block, unit) if e > offset]
    end = (block, ends[0]) if ends else sel.end
    return Selection(sel.start, end, unit)


def step(layout: TextLayout, sel: Selection, unit: Unit, delta: int) -> Selection:
    """Move the moving end ``delta`` units (of ``unit``) on, across paragraphs; the selection never
    becomes empty (a step that would empty it is not taken)."""
    for _ in range(abs(delta)):
        moved = _step_once(layout, sel, unit, delta > 0)
        if moved is None:
            break
        sel = moved
    return sel


def swap(sel: Selection) -> Selection:
    """Let the other end move."""
    return replace(sel, moving="start" if sel.moving == "end" else "end")


def selected_blocks(layout: TextLayout, sel: Selection) -> list[int]:
    """The reading blocks the selection touches."""
    return [b for b in range(sel.start[0], sel.end[0] + 1) if layout.doc.blocks[b].is_reading]


def _units(layout: TextLayout, block: int, unit: Unit) -> list[tuple[int, int]]:
    """The spans of ``unit`` in ``block``'s text shown."""
    return units(layout.text(block), unit, layout.doc.blocks[block].kind == "preformatted")


def _neighbour(layout: TextLayout, block: int, forward: bool) -> int | None:
    """The next (or previous) reading block with text."""
    blocks = layout.doc.blocks
    indices = range(block + 1, len(blocks)) if forward else range(block - 1, -1, -1)
    return next((i for i in indices if blocks[i].is_reading and layout.text(i)), None)


def _step_once(layout: TextLayout, sel: Selection, unit: Unit, forward: bool) -> Selection | None:
    """One unit on (or back) for the moving end; None when it cannot move."""
    moving_end = sel.moving == "end"
    block, offset = sel.caret
    spans = _units(layout, block, unit)
    marks = [e for _, e in spans] if moving_end else [s for s, _ in spans]
    inside = [m for m in marks if m > offset] if forward else [m for m in marks if m < offset]
    if inside:
        target: Pos = (block, inside[0] if forward else inside[-1])
    else:
        other = _neighbour(layout, block, forward)
        if other is None:
            return None
        spans = _units(layout, other, unit)
        if moving_end:
            target = (other, spans[0][1] if forward else len(layout.text(other)))
        else:
            target = (other, 0 if forward else spans[-1][0])
    if target <= sel.start if moving_end else target >= sel.end:
        return None
    return replace(sel, end=target) if moving_end else replace(sel, start=target)


def span_text(layout: TextLayout, start: Pos, end: Pos) -> str:
    """The text shown from ``start`` to ``end``, paragraphs joined by a line break (furniture and
    the wrapping's breaks left out)."""
    (first, offset), (last, stop) = start, end
    parts = []
    for block in range(first, last + 1):
        if layout.doc.blocks[block].is_reading:
            text = layout.text(block)
            parts.append(text[offset if block == first else 0 : stop if block == last else len(text)])
    return "\n".join(part for part in parts if part)


def pos_at(layout: TextLayout, x: int, row: int) -> Pos:
    """The place at character ``x`` of a row (a gap between blocks: the end of the block above)."""
    block = layout.items[layout.item_at(row)]
    text = layout.text(block)
    if layout.row(row) is None:
        return block, len(text)
    return block, max(0, min(len(text), x))


def edge(layout: TextLayout, end: bool) -> Pos:
    """The start (or end) of the text shown."""
    block = layout.items[-1 if end else 0]
    return block, len(layout.text(block)) if end else 0


def carry(sel: Selection | None, old: Document, new: Document, printed: bool) -> Selection | None:
    """A selection of ``old`` on ``new`` (the same source): each end's block found by where it starts
    in the source, its offset kept (the texts of a quick and a full model mostly agree)."""
    if sel is None:
        return None

    def moved(pos: Pos) -> Pos:
        """One end on ``new``."""
        block = new.block_at(old.blocks[pos[0]].source.start)
        return block, min(pos[1], len(shown_text(new.blocks[block], printed)))

    start, end = moved(sel.start), moved(sel.end)
    return replace(sel, start=start, end=end) if start < end else None
