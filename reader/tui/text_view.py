"""TextView: the reflowed text, a virtualised Line-API view with a paragraph cursor."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.model.document import Document
from reader.textlayout import TextLayout

CURSOR_BG = "on #26324a"
GROW_EVERY = 2.0  # seconds between growths of the scrollable height while a large text is wrapped
_SENTENCE_RE = re.compile(r"[^。！？!?；;]*[。！？!?；;]+[”’\"」』）)]*|[^。！？!?；;]+$")


@dataclass(frozen=True, slots=True)
class Picked:
    """What a quote takes: the blocks, their text, and whether that is the blocks' whole text."""

    blocks: list[int]
    text: str
    whole: bool


@dataclass(frozen=True, slots=True)
class Selection:
    """A visual selection: whole blocks ``first``..``last``, or sentences within one block."""

    first: int
    last: int
    sentences: tuple[int, int] | None = None


class TextView(ScrollView, can_focus=True):
    """Shows the document's reading blocks wrapped to the pane width; the cursor marks a paragraph.

    It owns what is drawn on the text: the search (``search``, matches highlighted), the bookmarked
    blocks (``marked``, bound from the screen) and the visual selection. It posts ``Moved`` when
    the cursor goes to another block, by keys or by scrolling.
    """

    DEFAULT_CSS = """
    TextView { background: $surface; padding: 0 1; scrollbar-size-vertical: 1; overflow-y: scroll; }
    TextView:focus { background-tint: $foreground 3%; }
    """
    BINDINGS = [
        Binding("j", "cursor(1)", "Next ¶", show=False),
        Binding("k", "cursor(-1)", "Prev ¶", show=False),
        Binding("down", "scroll_lines(1)", "Down", show=False),
        Binding("up", "scroll_lines(-1)", "Up", show=False),
        Binding("pagedown,space", "scroll_pages(1)", "Page down", show=False),
        Binding("pageup,b", "scroll_pages(-1)", "Page up", show=False),
        Binding("g,home", "edge(0)", "Start", show=False),
        Binding("G,end", "edge(1)", "End", show=False),
    ]

    class Moved(Message):
        """The cursor moved to another block (by keys or by scrolling) of document ``doc``."""

        def __init__(self, block: int, doc: Document | None) -> None:
            self.block = block
            self.doc = doc
            super().__init__()

    search: var[str] = var("")
    """The text searched for (``/``): its matches are highlighted; ``n``/``N`` go to the next."""
    marked: var[frozenset[int]] = var(frozenset())
    """The bookmarked blocks (underlined)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc: Document | None = None
        self.wrapped: TextLayout | None = None
        self.cursor = 0
        self.selection: Selection | None = None
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._anchor: tuple[int, int] = (0, 0)
        self._search_from: int | None = None  # where an incremental search began

    def watch_search(self) -> None:
        """Redraw the matches."""
        self._redraw()

    def watch_marked(self) -> None:
        """Redraw the bookmarks."""
        self._redraw()

    # -- model -------------------------------------------------------------
    def set_document(self, doc: Document, block: int = 0, offset: int = 0, wrapped: TextLayout | None = None) -> None:
        """Show ``doc`` with ``block`` (and the character ``offset`` in it) at the top; ``wrapped``:
        its lines already wrapped (used when made for the width the view has now)."""
        self.doc = doc
        self.cursor = self._reading_block(block)
        self.selection = None
        self._anchor = (self.cursor, offset)
        if wrapped is not None and wrapped.doc is doc and wrapped.width == self.wrap_width:
            self._relayout(wrapped)
        elif self.scrollable_content_region.width:
            self._relayout()
        else:
            self.call_after_refresh(self._relayout)

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
        self.wrapped = wrapped or TextLayout(self.doc, self.wrap_width)
        block, offset = self._anchor
        # wrap what the screen shows (from the anchored block on) now; a worker wraps the rest
        self._ensure_block(block)
        self._cache.clear()
        self.scroll_to(y=self.wrapped.row_of_block(block, offset), animate=False, immediate=True)
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
                self._anchor = self.wrapped.offset_at_row(round(self.scroll_y))
                self._relayout()

    @property
    def top_anchor(self) -> tuple[int, int]:
        """The block and character offset at the top of the view (what a saved position records)."""
        if self.wrapped is None:
            return self._anchor
        return self.wrapped.offset_at_row(round(self.scroll_y))

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
        strip = self._render_row(row, width)
        self._cache.set(key, strip)
        return strip

    def _render_row(self, row: int, width: int) -> Strip:
        """Build the strip for one absolute row."""
        layout, doc = self.wrapped, self.doc
        if layout is None or doc is None:
            return Strip.blank(width)
        where = layout.row(row)
        if where is None:
            return Strip.blank(width)
        item, line = where
        index = layout.items[item]
        block = doc.blocks[index]
        start, end = layout.span(item, line)
        text = Text(block.text[start:end], no_wrap=True, end="")
        base = self._base_style(doc, index)
        if base:
            text.stylize(base)
        for s, e in block.emphasis:
            if e > start and s < end:
                text.stylize("bold", max(s, start) - start, min(e, end) - start)
        self._stylize_selection(doc, text, index, start, end)
        if self.search:
            self._stylize_matches(text, block.text, start, end)
        segments = list(text.render(self.app.console))
        if index == self.cursor:
            segments.append(Segment(" " * width, Style.parse(CURSOR_BG)))
        return Strip(segments).crop(0, width).extend_cell_length(width)

    def _base_style(self, doc: Document, index: int) -> str:
        """Style of a whole block: headings, the cursor paragraph, bookmarks."""
        block = doc.blocks[index]
        parts = []
        if block.kind == "heading":
            parts.append("bold cyan")
        if block.kind == "item":
            parts.append("italic")
        if index == self.cursor:
            parts.append(CURSOR_BG)
        if index in self.marked:
            parts.append("underline")
        return " ".join(parts)

    def _stylize_selection(self, doc: Document, text: Text, index: int, start: int, end: int) -> None:
        """Reverse the selected blocks or sentences."""
        sel = self.selection
        if sel is None or not sel.first <= index <= sel.last:
            return
        if sel.sentences is None:
            text.stylize("reverse")
            return
        block_text = doc.blocks[index].text
        spans = sentence_spans(block_text)
        a, b = spans[sel.sentences[0]][0], spans[sel.sentences[1]][1]
        if b > start and a < end:
            text.stylize("reverse", max(a, start) - start, min(b, end) - start)

    def _stylize_matches(self, text: Text, block_text: str, start: int, end: int) -> None:
        """Highlight search matches on this line."""
        needle = self.search.lower()
        lo = max(0, start - len(needle) + 1)
        hay = block_text[lo : end + len(needle)].lower()  # only this line's neighbourhood
        pos = hay.find(needle)
        while pos != -1 and lo + pos < end:
            at = lo + pos
            text.stylize("black on yellow", max(at, start) - start, min(at + len(needle), end) - start)
            pos = hay.find(needle, pos + 1)

    def _redraw(self) -> None:
        """Drop cached rows and redraw (after the cursor, selection, search or marks changed)."""
        self._cache.clear()
        self.refresh()

    # -- movement ----------------------------------------------------------
    def move_to(self, block: int, top: bool = False, notify: bool = True) -> None:
        """Put the cursor on ``block``; ``top`` scrolls it to the top of the view."""
        if self.wrapped is None or self.doc is None:
            return
        block = self._reading_block(block)
        self._ensure_block(block)
        self.cursor = block
        item = self.wrapped.item_of_block(block)
        if item is not None:
            rows = self.wrapped.rows_of_item(item)
            height = self.scrollable_content_region.height
            if top:
                self.scroll_to(y=rows.start, animate=False, immediate=True)
            elif rows.start < self.scroll_y:
                self.scroll_to(y=rows.start, animate=False, immediate=True)
            elif rows.stop > self.scroll_y + height:
                self.scroll_to(y=max(rows.start, rows.stop - height), animate=False, immediate=True)
        self._redraw()
        if notify:
            self.post_message(self.Moved(block, self.doc))

    def step(self, delta: int) -> int:
        """Return the reading block ``delta`` paragraphs from the cursor."""
        return self.step_from(self.cursor, delta)

    def action_cursor(self, delta: int) -> None:
        """Move the paragraph cursor (``j``/``k``); in a selection, extend it."""
        if self.selection is not None:
            self.extend_selection(delta)
            return
        self.move_to(self.step(delta))

    def action_scroll_lines(self, delta: int) -> None:
        """Scroll by lines (arrows)."""
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)
        self._follow_scroll()

    def action_scroll_pages(self, delta: int) -> None:
        """Scroll by pages (PgUp/PgDn/Space)."""
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + delta * height, animate=False, immediate=True)
        self._follow_scroll()

    def action_edge(self, end: int) -> None:
        """Go to the start (``g``) or end (``G``) of the document."""
        if self.wrapped is None or not self.wrapped.items:
            return
        if end:
            self.wrapped.extend(None)
            self.virtual_size = Size(self.wrapped.width, self.wrapped.total)
            self.move_to(self.wrapped.items[-1])
            self.scroll_end(animate=False, immediate=True)
        else:
            self.move_to(self.wrapped.items[0], top=True)

    def _follow_scroll(self) -> None:
        """Keep the cursor on screen after scrolling: it moves to the paragraph at the top."""
        if self.wrapped is None:
            return
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        item = self.wrapped.item_of_block(self.cursor)
        if item is not None:
            rows = self.wrapped.rows_of_item(item)
            if rows.stop > top and rows.start < top + height:
                return
        block, _ = self.wrapped.offset_at_row(top)
        if self.wrapped.row(top) is None:
            block = self.step_from(block, 1)
        self.cursor = block
        self._redraw()
        self.post_message(self.Moved(block, self.doc))

    def step_from(self, block: int, delta: int) -> int:
        """Return the reading block ``delta`` items away from ``block``."""
        if self.wrapped is None or not self.wrapped.items:
            return block
        item = self.wrapped.item_of_block(block) or 0
        item = max(0, min(len(self.wrapped.items) - 1, item + delta))
        return self.wrapped.items[item]

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolled (Textual's own handler scrolls): the cursor follows after it."""
        self.call_after_refresh(self._follow_scroll)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolled (Textual's own handler scrolls): the cursor follows after it."""
        self.call_after_refresh(self._follow_scroll)

    # -- search ------------------------------------------------------------
    def find(self, query: str, start: int, delta: int, include_current: bool = False) -> int | None:
        """Return the next reading block (wrapping around) from ``start`` that contains ``query``."""
        doc = self.doc
        if doc is None or not doc.blocks:
            return None
        needle = query.lower()
        n = len(doc.blocks)
        first = 0 if include_current else 1
        for step in range(first, n + 1):
            i = (start + delta * step) % n
            block = doc.blocks[i]
            if block.is_reading and needle in block.text.lower():
                return i
        return None

    def search_typed(self, query: str, done: bool) -> bool:
        """Incremental search: highlight ``query`` and go to its first match from where the search
        began (``done``: the prompt closed). Returns False when there is no match."""
        self.search = query
        if self._search_from is None:
            self._search_from = self.cursor
        found = self.find(query, self._search_from, 1, include_current=True) if query else None
        if found is not None:
            self.move_to(found)
        if done:
            self._search_from = None
        return found is not None or not query

    def search_next(self, delta: int) -> bool:
        """``n``/``N``: go to the next or previous match; False when nothing is searched for."""
        if not self.search:
            return False
        found = self.find(self.search, self.cursor, delta)
        if found is not None:
            self.move_to(found)
        return True

    # -- selection ---------------------------------------------------------
    def start_selection(self) -> None:
        """Start selecting at the cursor paragraph; again to switch to sentences, again to stop."""
        if self.doc is None:
            return
        if self.selection is None:
            self.selection = Selection(self.cursor, self.cursor)
        elif self.selection.sentences is None and self.selection.first == self.selection.last:
            self.selection = Selection(self.cursor, self.cursor, (0, 0))
        else:
            self.selection = None
        self._redraw()

    def extend_selection(self, delta: int) -> None:
        """Grow or shrink the selection by a paragraph (or a sentence in sentence mode)."""
        sel = self.selection
        if sel is None or self.doc is None:
            return
        if sel.sentences is not None:
            count = len(sentence_spans(self.doc.blocks[sel.first].text))
            a, b = sel.sentences
            b = max(a, min(count - 1, b + delta))
            self.selection = Selection(sel.first, sel.last, (a, b))
        else:
            last = self.step_from(sel.last, delta)
            self.selection = Selection(sel.first, max(sel.first, last))
            self.move_to(self.selection.last, notify=True)
        self._redraw()

    def picked(self) -> Picked | None:
        """What a quote takes: the selection, or the cursor paragraph when nothing is selected."""
        if self.doc is None or not self.doc.blocks:
            return None
        sel = self.selection or Selection(self.cursor, self.cursor)
        blocks = [i for i in range(sel.first, sel.last + 1) if self.doc.blocks[i].is_reading]
        if sel.sentences is not None:
            text = self.doc.blocks[sel.first].text
            spans = sentence_spans(text)
            return Picked([sel.first], text[spans[sel.sentences[0]][0] : spans[sel.sentences[1]][1]], False)
        return Picked(blocks, "\n".join(self.doc.blocks[i].text for i in blocks), True)

    def clear_selection(self) -> None:
        """Leave selection mode."""
        if self.selection is not None:
            self.selection = None
            self._redraw()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each sentence in ``text``."""
    spans = [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text) if m.group().strip()]
    return spans or [(0, len(text))]
