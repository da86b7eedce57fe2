"""WrappedView: a virtualised Line-API view of a document's text wrapped at the pane's width, wrapped
in the background past the first screen, the same text kept at the top across resizes."""

from __future__ import annotations

import time

from textual.cache import LRUCache
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.model.document import Document
from reader.textlayout import TextLayout, printed_offset, reading_offset
from reader.tui.rows import Look, render_row

GROW_EVERY = 2.0  # seconds between growths of the scrollable height while a large text is wrapped
_NOTHING = Look(-1, frozenset(), "")


class WrappedView(ScrollView):
    """Shows a document's reading blocks wrapped to the view's width; what is drawn over the text
    (``look``) is the subclass's."""

    printed: var[bool] = var(False)
    """Show the text exactly as printed (the reading repairs undone)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc: Document | None = None
        self.wrapped: TextLayout | None = None
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._anchor: tuple[int, int] = (0, 0)  # block and reading-text offset kept at the top
        self._look: Look | None = None  # what is drawn over the text, until the next redraw

    def look(self) -> Look:
        """What is drawn over the text (nothing here)."""
        return _NOTHING

    def rewrapping(self) -> None:
        """Called before the text is wrapped the other way (as printed, or repaired)."""

    def show(self, doc: Document, block: int = 0, offset: int = 0, wrapped: TextLayout | None = None) -> int:
        """Show ``doc`` with ``block`` (and the reading-text ``offset`` in it) at the top (``wrapped``:
        its lines already wrapped, used when made for this width and way); returns the top block."""
        self.doc = doc
        top = self._reading_block(block)
        self._anchor = (top, offset)
        if (
            wrapped is not None
            and wrapped.doc is doc
            and wrapped.width == self.wrap_width
            and wrapped.printed == self.printed
        ):
            self._relayout(wrapped)
        elif self.scrollable_content_region.width:
            self._relayout()
        else:
            self.call_after_refresh(self._relayout)
        return top

    def watch_printed(self) -> None:
        """Show the text the other way, the same text at the top."""
        if self.wrapped is not None and self.wrapped.printed != self.printed:
            self._anchor = self.top_anchor
            self.rewrapping()
            self._relayout()

    @property
    def wrap_width(self) -> int:
        """The width text is wrapped to: the view's, less its padding and scrollbar."""
        return max(8, self.scrollable_content_region.width or 80)

    def _reading_block(self, block: int) -> int:
        """Return ``block`` or the nearest reading block after it."""
        if self.doc is None or not self.doc.blocks:
            return 0
        block = max(0, min(block, len(self.doc.blocks) - 1))
        for i in range(block, len(self.doc.blocks)):
            if self.doc.blocks[i].is_reading:
                return i
        for i in range(block, -1, -1):
            if self.doc.blocks[i].is_reading:
                return i
        return block

    def _relayout(self, wrapped: TextLayout | None = None) -> None:
        """Wrap the document at the current width (or take ``wrapped``), keeping the anchored
        text at the top."""
        if self.doc is None:
            return
        self.wrapped = wrapped or TextLayout(self.doc, self.wrap_width, self.printed)
        if self.text_selection is not None:  # its rows are the old wrapping's
            self.screen.clear_selection()
        block, offset = self._anchor
        # wrap what the screen shows (from the anchored block on) now; a worker wraps the rest
        self._ensure_block(block)
        self._cache.clear()
        self._look = None
        shown = printed_offset(self.doc.blocks[block], offset) if self.printed and self.doc.blocks else offset
        self.scroll_to(y=self.wrapped.row_of_block(block, shown), animate=False, immediate=True)
        if not self.wrapped.complete:
            self.run_worker(self._finish_layout, thread=True, exclusive=True, group="layout")
        self.refresh()

    def _ensure_block(self, block: int) -> None:
        """Wrap at least up to ``block`` and a screenful beyond it, so scrolling there is not clamped."""
        layout = self.wrapped
        if layout is None:
            return
        height = max(24, self.size.height)
        while not layout.complete and (
            not layout.has_block(block) or layout.total < layout.row_of_block(block) + 2 * height
        ):
            layout.extend(8)
        self.virtual_size = Size(layout.width, layout.total)

    def _finish_layout(self) -> None:
        """Wrap the rest of a large document in a thread, growing the view as it goes (at most
        every GROW_EVERY seconds: each growth re-lays the screen out, which costs a frame)."""
        worker = get_current_worker()
        layout = self.wrapped
        grown = time.monotonic()
        while layout is not None and not layout.complete and layout is self.wrapped and not worker.is_cancelled:
            layout.extend(200)
            time.sleep(0.001)  # leave the GIL to the screen between pieces
            if (layout.complete or time.monotonic() - grown >= GROW_EVERY) and not worker.is_cancelled:
                grown = time.monotonic()
                self.app.call_from_thread(self._grow, layout)

    def _grow(self, layout: TextLayout) -> None:
        """Take in rows wrapped by the worker."""
        if layout is self.wrapped:
            self.virtual_size = Size(layout.width, layout.total)

    def on_resize(self) -> None:
        """Re-wrap at the new width; the block and offset at the top stay at the top."""
        if self.wrapped is None and self.doc is not None:
            self._relayout()
        elif self.wrapped is not None:
            width = max(8, self.scrollable_content_region.width)
            if width != self.wrapped.width:
                self._anchor = self.top_anchor
                self._relayout()

    @property
    def top_anchor(self) -> tuple[int, int]:
        """The block and reading-text offset at the top of the view (what a saved position records)."""
        if self.wrapped is None or self.doc is None:
            return self._anchor
        block, offset = self.wrapped.offset_at_row(round(self.scroll_y))
        if self.wrapped.printed and self.doc.blocks:
            offset = reading_offset(self.doc.blocks[block], offset)
        return block, offset

    # -- rendering ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Render one screen row (Line API)."""
        width = self.scrollable_content_region.width
        if self.wrapped is None and self.doc is not None and width:
            self._relayout()  # the first paint: wrap now rather than one frame later
        row = round(self.scroll_y) + y
        key = (row, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if self.wrapped is None:
            return Strip.blank(width)
        if self._look is None:
            self._look = self.look()
        strip = render_row(self.wrapped, row, width, self._look, self.app.console)
        self._cache.set(key, strip)
        return strip

    def _redraw(self) -> None:
        """Drop cached rows and redraw (after the cursor, selection, search or marks changed)."""
        self._cache.clear()
        self._look = None
        self.refresh()
