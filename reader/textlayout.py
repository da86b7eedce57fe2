"""The wrapped-line index of a document at one width: which block and line each screen row shows.

Text is shown as read (the repaired text) or exactly as printed (``printed``: each block's
``printed_text()``); offsets in the index are offsets into the text shown. A block quote is
indented (``INDENT``); a preformatted block keeps its own lines, never re-wrapped.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field

from reader.model.document import Block, Document
from reader.wrap import line_text, wrap_range

PIECE = 20_000  # characters of one paragraph wrapped at a time
INDENT = {"quote": 2}  # cells a block of this kind is indented by


def shown_text(block: Block, printed: bool) -> str:
    """The text of ``block`` as shown: as read, or exactly as printed."""
    return block.printed_text() if printed else block.text


def printed_offset(block: Block, offset: int) -> int:
    """Where a reading-text offset of ``block`` falls in its printed text (a repaired span maps to
    its start)."""
    shift = 0
    for start, end, printed in block.edits:
        if offset < start:
            break
        if offset < end:
            return start + shift
        shift += len(printed) - (end - start)
    return offset + shift


def reading_offset(block: Block, offset: int) -> int:
    """Where a printed-text offset of ``block`` falls in its reading text (the inverse)."""
    shift = 0
    for start, end, printed in block.edits:
        at = start + shift
        if offset < at:
            break
        if offset < at + len(printed):
            return start
        shift += len(printed) - (end - start)
    return offset - shift


def line_starts(text: str) -> list[int]:
    """Where each of a preformatted block's own lines starts."""
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


@dataclass
class TextLayout:
    """Wrapped lines of a document's reading blocks, one blank row between blocks.

    ``items`` are block indices; ``base[i]`` is the first row of item ``i``. Built incrementally:
    ``extend`` wraps more items, so a huge document shows its first screen at once.
    """

    doc: Document
    width: int
    printed: bool = False
    items: list[int] = field(default_factory=list)
    starts: list[list[int]] = field(default_factory=list)
    base: list[int] = field(default_factory=list)
    total: int = 0
    _pending: int = 0
    _position: dict[int, int] = field(default_factory=dict)
    _resume: int = 0  # where the last item's wrapping stopped, when it is not finished
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self._reading = [b.index for b in self.doc.blocks if b.is_reading]
        self._texts: dict[int, str] = {}  # printed texts that differ from the reading text

    def text(self, block: int) -> str:
        """The text shown for ``block``."""
        found = self._texts.get(block)
        if found is not None:
            return found
        b = self.doc.blocks[block]
        if self.printed and b.edits:
            found = self._texts[block] = b.printed_text()
            return found
        return b.text

    def indent(self, block: int) -> int:
        """The cells ``block`` is indented by."""
        return INDENT.get(self.doc.blocks[block].kind, 0)

    @property
    def complete(self) -> bool:
        """True once every block has been wrapped."""
        return self._pending >= len(self._reading) and not self._resume

    @property
    def progress(self) -> float:
        """The share of blocks wrapped so far."""
        return self._pending / len(self._reading) if self._reading else 1.0

    def extend(self, count: int | None = None) -> None:
        """Wrap up to ``count`` more blocks (all of them when None); safe from a worker thread."""
        with self._lock:
            self._extend(count)

    def _extend(self, count: int | None) -> None:
        """Wrap more: finish a half-wrapped huge paragraph piece by piece, then whole blocks."""
        budget = len(self._reading) if count is None else count
        blocks = self.doc.blocks
        while budget > 0 and (self._resume or self._pending < len(self._reading)):
            budget -= 1
            if self._resume:
                text, width = self.text(self.items[-1]), self.width - self.indent(self.items[-1])
                more, stop = wrap_range(text, width, self._resume, self._resume + PIECE)
                self.starts[-1].extend(more)
                self.total += len(more)
                self._resume = stop if stop < len(text) else 0
                continue
            index = self._reading[self._pending]
            text = self.text(index)
            if blocks[index].kind == "preformatted":
                starts, stop = line_starts(text), len(text)
            else:
                width = self.width - self.indent(index)
                starts, stop = wrap_range(text, width, 0, PIECE if len(text) > PIECE else None)
            self._position[index] = len(self.items)
            self.starts.append(starts or [0])
            self.base.append(self.total)
            self.items.append(index)  # last: readers index ``items`` to see what is complete
            self.total += len(self.starts[-1]) + 1
            self._pending += 1
            self._resume = stop if stop < len(text) else 0

    def row(self, y: int) -> tuple[int, int] | None:
        """Return (item, line) shown on row ``y``, or None for a gap or past the end."""
        if y < 0 or y >= self.total:
            return None
        item = bisect.bisect_right(self.base, y) - 1
        line = y - self.base[item]
        if line >= len(self.starts[item]):
            return None
        return item, line

    def item_at(self, y: int) -> int:
        """Return the item whose rows include ``y`` (a gap belongs to the item above it)."""
        if not self.items:
            return 0
        return max(0, min(len(self.items) - 1, bisect.bisect_right(self.base, y) - 1))

    def span(self, item: int, line: int) -> tuple[int, int]:
        """Return the (start, end) offsets in the block text of one wrapped line (a preformatted
        line without its line break)."""
        text = self.text(self.items[item])
        start, end = line_text(text, self.starts[item], line)
        return (start, end - 1) if text[start:end].endswith("\n") else (start, end)

    def has_block(self, block: int) -> bool:
        """True once ``block`` (or the reading block after it) has at least begun to be wrapped."""
        return block in self._position or (bool(self.items) and self.items[-1] > block)

    def item_of_block(self, block: int) -> int | None:
        """Return the item showing a block (the nearest reading block after it for furniture)."""
        if block in self._position:
            return self._position[block]
        i = bisect.bisect_left(self.items, block)
        return min(i, len(self.items) - 1) if self.items else None

    def row_of_block(self, block: int, offset: int = 0) -> int:
        """Return the row where ``offset`` (a character offset in the block) is shown."""
        item = self.item_of_block(block)
        if item is None:
            return 0
        line = max(0, bisect.bisect_right(self.starts[item], offset) - 1)
        return self.base[item] + line

    def offset_at_row(self, y: int) -> tuple[int, int]:
        """Return (block, character offset) shown at row ``y``: the anchor kept across resizes."""
        if not self.items:
            return 0, 0
        item = self.item_at(y)
        line = min(len(self.starts[item]) - 1, max(0, y - self.base[item]))
        return self.items[item], self.starts[item][line]

    def rows_of_item(self, item: int) -> range:
        """Return the rows an item's text occupies."""
        return range(self.base[item], self.base[item] + len(self.starts[item]))

    def find(self, query: str, start: int, delta: int, include_current: bool = False) -> int | None:
        """The next reading block (by ``delta``, wrapping around) from ``start`` whose text shown
        contains ``query`` (any case)."""
        blocks = self.doc.blocks
        if not blocks:
            return None
        needle = query.lower()
        n = len(blocks)
        for step in range(0 if include_current else 1, n + 1):
            i = (start + delta * step) % n
            if blocks[i].is_reading and needle in self.text(i).lower():
                return i
        return None
