"""The wrapped-line index of a document at one width: which block and line each screen row shows."""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field

from reader.model.document import Document
from reader.wrap import line_text, wrap_range

PIECE = 20_000  # characters of one paragraph wrapped at a time


@dataclass
class TextLayout:
    """Wrapped lines of a document's reading blocks, one blank row between blocks.

    ``items`` are block indices; ``base[i]`` is the first row of item ``i``. Built incrementally:
    ``extend`` wraps more items, so a huge document shows its first screen at once.
    """

    doc: Document
    width: int
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
                text = blocks[self.items[-1]].text
                more, stop = wrap_range(text, self.width, self._resume, self._resume + PIECE)
                self.starts[-1].extend(more)
                self.total += len(more)
                self._resume = stop if stop < len(text) else 0
                continue
            index = self._reading[self._pending]
            text = blocks[index].text
            starts, stop = wrap_range(text, self.width, 0, PIECE if len(text) > PIECE else None)
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
        """Return the (start, end) offsets in the block text of one wrapped line."""
        return line_text(self.doc.blocks[self.items[item]].text, self.starts[item], line)

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
