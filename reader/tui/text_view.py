"""TextView: the reflowed text (a WrappedView) with a paragraph cursor, the search, bookmarks and a
selection by keys or by the mouse."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.geometry import Offset, Size
from textual.message import Message
from textual.reactive import var
from textual.selection import Selection as MouseSelection

from reader.model.document import Document
from reader.segments import Unit
from reader.textlayout import TextLayout
from reader.tui.rows import Look
from reader.tui.selection import Pos, Selection, begin, carry, edge, pos_at, refine, span_text, swap
from reader.tui.selection import step as step_selection
from reader.tui.wrapped_view import WrappedView


@dataclass(frozen=True, slots=True)
class Picked:
    """What a quote takes: the span from ``start`` to ``end`` (end exclusive) and its text, exactly
    as shown, paragraphs joined by a line break (never the wrapping's)."""

    start: Pos
    end: Pos
    text: str


class TextView(WrappedView, can_focus=True):
    """Shows the document's reading blocks wrapped to the pane width; the cursor marks a paragraph.

    It owns what is drawn on the text: the search (``search``, matches highlighted), the bookmarked
    blocks (``marked``, bound from the screen), whether the text is shown as printed (``printed``,
    bound from the screen) and the selection, by keys (``v``) or by the mouse (Textual's selection).
    It posts ``Moved`` when the cursor goes to another block, by keys or by scrolling.
    """

    DEFAULT_CSS = """
    TextView { background: $surface; padding: 0 1; scrollbar-size-vertical: 1; overflow-y: scroll; }
    TextView:focus { background-tint: $foreground 3%; }
    """
    BINDINGS = [
        # while a selection is on (see check_action): move its end by character, word, sentence
        Binding("l,right", "caret('character', 1)", "Next character", show=False),
        Binding("h,left", "caret('character', -1)", "Previous character", show=False),
        Binding("w", "caret('word', 1)", "Next word", show=False),
        Binding("b", "caret('word', -1)", "Previous word", show=False),
        Binding("right_parenthesis", "caret('sentence', 1)", "Next sentence", show=False),
        Binding("left_parenthesis", "caret('sentence', -1)", "Previous sentence", show=False),
        Binding("o", "swap_ends", "Other end", show=False),
        Binding("j", "cursor(1)", "Next ¶", show=False),
        Binding("k", "cursor(-1)", "Prev ¶", show=False),
        Binding("down", "scroll_lines(1)", "Down", show=False),
        Binding("up", "scroll_lines(-1)", "Up", show=False),
        Binding("pagedown,space", "scroll_pages(1)", "Page down", show=False),
        Binding("pageup,b", "scroll_pages(-1)", "Page up", show=False),
        Binding("g,home", "edge(0)", "Start", show=False),
        Binding("G,end", "edge(1)", "End", show=False),
    ]
    _SELECTION_ACTIONS = frozenset({"caret", "swap_ends"})

    search: var[str] = var("")
    """The text searched for (``/``): its matches are highlighted; ``n``/``N`` go to the next."""
    marked: var[frozenset[int]] = var(frozenset())
    """The bookmarked blocks (underlined)."""

    class Moved(Message):
        """The cursor moved to another block (by keys or by scrolling) of document ``doc``."""

        def __init__(self, block: int, doc: Document | None) -> None:
            self.block = block
            self.doc = doc
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = 0
        self.selection: Selection | None = None
        self._search_from: int | None = None  # where an incremental search began

    def watch_search(self) -> None:
        """Redraw the matches."""
        self._redraw()

    def watch_marked(self) -> None:
        """Redraw the bookmarks."""
        self._redraw()

    def rewrapping(self) -> None:
        """The text is wrapped the other way: a selection by keys ends."""
        self.selection = None

    def look(self) -> Look:
        """The cursor, the bookmarks, the search and the selection drawn over the text."""
        return Look(self.cursor, self.marked, self.search, self._span())

    # -- model -------------------------------------------------------------
    def set_document(
        self,
        doc: Document,
        block: int = 0,
        offset: int = 0,
        wrapped: TextLayout | None = None,
        cursor: int | None = None,
        replacing: bool = False,
    ) -> None:
        """Show ``doc`` with ``block`` (and the reading-text ``offset`` in it) at the top, the cursor
        there (or on ``cursor``); ``wrapped``: its lines already wrapped (used when made for the
        width and the way the view shows now); ``replacing``: ``doc`` is a fuller model of the same
        text, so a selection is carried over to it."""
        old = self.doc
        self.selection = carry(self.selection, old, doc, self.printed) if replacing and old else None
        top = self.show(doc, block, offset, wrapped)
        self.cursor = top if cursor is None else self._reading_block(cursor)
        self._redraw()

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
        """Move the paragraph cursor (``j``/``k``); in a selection, move its end by its unit."""
        if self.selection is not None:
            self._select(self.selection.unit, delta)
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
        """Return the next reading block (wrapping around) from ``start`` that shows ``query``."""
        return self.wrapped.find(query, start, delta, include_current) if self.wrapped is not None else None

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
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The caret keys work in a selection only (else ``b`` pages up and ``o`` toggles the outline)."""
        if action in self._SELECTION_ACTIONS:
            return self.selection is not None
        return True

    def start_selection(self) -> None:
        """``v``: select the cursor paragraph; again: its first sentence, then word, then character
        (``j``/``k`` move the selection's end by that unit); once more: stop selecting."""
        layout = self.wrapped
        if layout is None or self.doc is None or not self.doc.blocks:
            return
        if self.selection is None:
            if self.text_selection is not None:
                self.screen.clear_selection()
            self.selection = begin(layout, self.cursor)
            if self.doc.metadata.language.startswith("zh"):
                from reader.segments import load_words, words_ready

                if not words_ready():  # jieba's words from its dictionary, loaded off the UI path
                    self.run_worker(load_words, thread=True, exclusive=True, group="words")
        else:
            self.selection = refine(layout, self.selection)
        self._redraw()

    def action_caret(self, unit: Unit, delta: int) -> None:
        """Move the selection's moving end by ``delta`` units."""
        self._select(unit, delta)

    def action_swap_ends(self) -> None:
        """``o`` in a selection: move its other end from now on."""
        if self.selection is not None:
            self.selection = swap(self.selection)
            self._show_caret()

    def _select(self, unit: Unit, delta: int) -> None:
        """Move the selection's end and keep it in view."""
        if self.selection is None or self.wrapped is None:
            return
        self.selection = step_selection(self.wrapped, self.selection, unit, delta)
        self._show_caret()

    def _show_caret(self) -> None:
        """Scroll the selection's moving end into view; the cursor (and the location) follow it."""
        sel, layout = self.selection, self.wrapped
        if sel is None or layout is None:
            return
        block, offset = sel.caret
        self._ensure_block(block)
        row = layout.row_of_block(block, offset - 1 if sel.moving == "end" and offset else offset)
        height = max(1, self.scrollable_content_region.height)
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= self.scroll_y + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)
        if block != self.cursor:
            self.cursor = block
            self.post_message(self.Moved(block, self.doc))
        self._redraw()

    def clear_selection(self) -> None:
        """Leave selection mode (the keyboard's and the mouse's)."""
        if self.text_selection is not None:
            self.screen.clear_selection()
        if self.selection is not None:
            self.selection = None
            self._redraw()

    def _span(self) -> tuple[Pos, Pos] | None:
        """The selected span: the mouse's, else the keyboard's."""
        mouse = self.text_selection
        if mouse is not None and self.wrapped is not None and self.wrapped.items:
            return self._mouse_pos(mouse.start, False), self._mouse_pos(mouse.end, True)
        if self.selection is not None:
            return self.selection.start, self.selection.end
        return None

    def _mouse_pos(self, offset: Offset | None, end: bool) -> Pos:
        """A place in the text from an offset of Textual's selection (x: character, y: row; None:
        everything is selected)."""
        layout = self.wrapped
        assert layout is not None
        if offset is None:
            return edge(layout, end)
        return pos_at(layout, offset.x, offset.y)

    def picked(self) -> Picked | None:
        """What a quote takes: the selection (the mouse's or the keyboard's), or the cursor
        paragraph when nothing is selected."""
        layout = self.wrapped
        if layout is None or self.doc is None or not self.doc.blocks:
            return None
        span = self._span() or ((self.cursor, 0), (self.cursor, len(layout.text(self.cursor))))
        body = span_text(layout, *span)
        return Picked(span[0], span[1], body) if body else None

    def get_selection(self, selection: MouseSelection) -> tuple[str, str] | None:
        """The mouse selection's text, for Textual's own copy."""
        picked = self.picked() if self.text_selection is not None else None
        return (picked.text, "\n") if picked is not None else None

    def selection_updated(self, selection: MouseSelection | None) -> None:
        """The mouse selected (or let go): it replaces a selection made by keys; redraw."""
        if selection is not None:
            self.selection = None
        self._redraw()

