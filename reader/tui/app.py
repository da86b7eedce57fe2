"""ReaderApp: one document, one current location, three panes that follow it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive, var
from textual.screen import Screen

from reader.errors import ReaderError
from reader.model.document import Document
from reader.opening import Indexer, quick_document
from reader.source import Input
from reader.state import DocState, StateStore
from reader.textlayout import TextLayout
from reader.tui.bars import StatusBar
from reader.tui.indexing import Indexing
from reader.tui.navigation import NavigationActions
from reader.tui.panes import SidePanes
from reader.tui.quoting import QuotingActions
from reader.tui.text_view import TextView


class ReaderApp(Indexing, SidePanes, NavigationActions, QuotingActions, App[int]):
    """The reader: outline | text | figures, linked through one current location."""

    TITLE = "reader"
    CSS = """
    #panes { height: 1fr; }
    .-hidden { display: none; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("colon", "goto", "Go to"),
        Binding("slash", "search", "Search"),
        Binding("n", "search_next(1)", "Next match", show=False),
        Binding("N", "search_next(-1)", "Prev match", show=False),
        Binding("right_square_bracket", "section(1)", "Next §", show=False),
        Binding("left_square_bracket", "section(-1)", "Prev §", show=False),
        Binding("y", "yank", "Copy quote"),
        Binding("v", "visual", "Select", show=False),
        Binding("Y", "choose_style", "Cite style", show=False),
        Binding("m", "bookmark", "Mark", show=False),
        Binding("apostrophe", "bookmarks", "Marks", show=False),
        Binding("o", "toggle_pane('outline')", "Outline"),
        Binding("f", "toggle_pane('figures')", "Figures"),
        Binding("escape", "escape", "Leave selection", show=False),
    ]

    location: reactive[int] = reactive(0, init=False)
    document: var[Document | None] = var(None)

    debug_errors = False  # ``--debug``: let Textual print the full trace of an unexpected error

    def _fatal_error(self) -> None:
        """An unexpected error: leave quietly; ``run_app`` prints one line (the trace only with --debug)."""
        if self.debug_errors:
            super()._fatal_error()
            return
        self.bell()
        self._close_messages_no_wait()

    def __init__(
        self,
        source: Input,
        store: StateStore | None = None,
        quick: Document | None = None,
        complete: bool = False,
        terminal_writer: object | None = None,
        indexer: Indexer | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.store = store
        self._quick = quick
        self._complete = complete
        self._indexer = indexer
        self.state = DocState()
        self.last_quote = ""
        self._terminal_writer = terminal_writer
        self._forced: set[str] = set()
        self._user_moved = False
        self._restore: tuple[int, int] | None = None
        self._side: tuple[Any, Any] | None = None
        self.indexing = 0.0
        self._text_view = TextView(id="text")
        self._status = StatusBar(id="status")

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, the three panes, search and status lines, footer."""
        with Horizontal(id="panes"):
            yield self._text_view
        yield self._status

    @property
    def text(self) -> TextView:
        """The text pane (kept, not queried: a save timer may fire while the app is closing)."""
        return self._text_view

    def on_mount(self) -> None:
        """Show the quick document at once, then build the full model in a worker."""
        if self._quick is None:
            self._quick, self._complete = quick_document(self.source, self.store)
        doc = self._quick
        if self.store is not None:
            self.state = self.store.load(doc.metadata.content_hash)
            for warning in self.store.warnings:
                self.notify(warning, severity="warning", markup=False)
            self.store.warnings.clear()
        self._restore = (self.state.position, self.state.offset)
        for warning in doc.metadata.warnings:
            self.notify(warning, title="While decoding", severity="warning", markup=False)
        self._reserve_side_panes(True)
        self._show(doc, *self._restore)
        self.text.focus()
        self.call_after_refresh(self._mount_side_panes)

    def _show(
        self, doc: Document, position: int, offset: int, by_block: bool = False, wrapped: TextLayout | None = None
    ) -> None:
        """Put ``doc`` on screen at a source position (or a block index when ``by_block``;
        ``wrapped``: its lines, already wrapped)."""
        block = position if by_block else (doc.block_at(position) if doc.blocks else 0)
        if not by_block and doc.blocks and doc.blocks[block].source.start > position:
            offset = 0
        self.document = doc
        self.title = doc.metadata.title or doc.metadata.source
        self.sub_title = _page_line(doc)
        if self._side is not None:  # in the next frame: the text first
            self.call_after_refresh(self._show_side, doc)
        self.text.marked = {doc.block_at(b) for b in self.state.bookmarks} if doc.blocks else set()
        self.text.set_document(doc, block, offset, wrapped)
        self.location = self.text.cursor
        self._follow(self.location)

    # -- the shared location ------------------------------------------------
    def watch_location(self, block: int) -> None:
        """Every pane follows the current block."""
        self._follow(block)

    def _follow(self, block: int) -> None:
        """Update the outline highlight, the figures list and the status line."""
        doc = self.document
        if doc is None or not doc.blocks:
            self._update_status()
            return
        block = min(block, len(doc.blocks) - 1)
        inner = doc.section_at(block)
        if self._side is not None and self._side[0].doc is doc:
            self._side[0].show_section(inner.key if inner else None)
            self._side[1].show_section(doc.blocks[block].section)
        self._update_status()
        self._save_soon()

    def _update_status(self) -> None:
        """Section, paragraph n/N, % read, indexing progress."""
        doc = self.document
        status = self._status
        note = f"indexing {min(99, round(100 * self.indexing))}%" if self.indexing else ""
        if doc is None or not doc.blocks:
            status.show("", (0, 0), 100, note or "empty document")
            return
        from reader.cite import place_of

        block = min(self.location, len(doc.blocks) - 1)
        place = place_of(doc, block)
        total = (
            len(doc.paragraphs_of(place.section))
            if place.section
            else sum(1 for b in doc.blocks if b.kind in ("paragraph", "item"))
        )
        label = ""
        if place.section is not None:
            label = place.section.number or place.section.title
            chain = doc.label_chain(place.section)
            if chain and chain != label:
                label = f"{label} {chain}"
        end = max(doc.metadata.length, doc.blocks[-1].source.end) or 1  # a partial model: the whole
        percent = min(100, round(100 * doc.blocks[block].source.end / end))
        page = doc.blocks[block].page_label
        where = ("" if page is None else f"第{page}页" if doc.metadata.language.startswith("zh") else f"p. {page}")
        status.show(label, (place.paragraph, max(total, place.paragraph)), percent, note, where)

    def on_text_view_moved(self, event: TextView.Moved) -> None:
        """The text pane moved: that is the new location (unless it speaks of a replaced model)."""
        if event.doc is not self.document:
            return
        self._user_moved = True
        self.location = event.block

    def on_outline_pane_chosen(self, event: Any) -> None:
        """An outline entry was chosen: show its heading at the top."""
        doc = self.document
        section = doc.section(event.key) if doc else None
        if section is not None:
            self._go(section.first_block, top=True)

    def on_figures_pane_chosen(self, event: Any) -> None:
        """A figure was chosen: go to its paragraph and mark the figure."""
        doc = self.document
        if doc is None or event.doc is not doc:
            return
        figure = doc.figures[event.figure]
        self.text.search = figure.text
        self._go(figure.block)
        self.text.focus()

    def on_figures_pane_copy_requested(self, event: Any) -> None:
        """Copy a figure with its label and citation (and log it)."""
        from reader.cite import place_of

        doc = self.document
        if doc is None or event.doc is not doc:
            return
        figure = doc.figures[event.figure]
        body = f"{figure.label} {figure.text}".strip()
        self._copy(body, body, place_of(doc, figure.block), "——" if doc.metadata.language.startswith("zh") else " — ")

    def _go(self, block: int, top: bool = False) -> None:
        """Move the text pane (and so the location) to ``block``."""
        self._user_moved = True
        self.text.move_to(block, top=top)

    # -- actions -------------------------------------------------------------
    def action_help(self) -> None:
        """``?``: the key table."""
        from reader.tui.keys import KEYS
        from reader.tui.screens import TextScreen

        body = Text()
        for key, what in KEYS:
            body.append(f"{key:<26}", style="bold")
            body.append(what + "\n")
        self.push_screen(TextScreen("Keys", body))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every action, by name."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Go to section", "Jump to 2.3, 二(三), 2.3:4 or a title (:)", self.action_goto)
        yield SystemCommand("Search", "Incremental search (/)", self.action_search)
        yield SystemCommand("Copy quote", "Copy the paragraph with its citation (y)", self.action_yank)
        yield SystemCommand(
            "Citation style", "GB/T 7714, APA, Chicago, MLA … any CSL style (Y)", self.action_choose_style
        )
        yield SystemCommand("Bookmark", "Toggle a bookmark here (m)", self.action_bookmark)
        yield SystemCommand("Bookmarks", "List bookmarks (')", self.action_bookmarks)
        yield SystemCommand(
            "Toggle outline", "Show or hide the outline (o)", lambda: self.action_toggle_pane("outline")
        )
        yield SystemCommand(
            "Toggle figures", "Show or hide the figures (f)", lambda: self.action_toggle_pane("figures")
        )
        yield SystemCommand("Select", "Select paragraphs or sentences (v)", self.action_visual)
        yield SystemCommand("Next section", "(])", lambda: self.action_section(1))
        yield SystemCommand("Previous section", "([)", lambda: self.action_section(-1))
        yield SystemCommand("Show last quote", "The last quote copied", self._show_last_quote)
        yield SystemCommand("Quote log", "Every quote copied from this document, with citations", self.action_quote_log)
        yield SystemCommand("Help", "The key table (?)", self.action_help)

    def _show_last_quote(self) -> None:
        """Show the last quote (for copying by hand)."""
        from reader.tui.screens import TextScreen

        self.push_screen(TextScreen("Last quote", Text(self.last_quote or "nothing copied yet")))

    # -- remembering ---------------------------------------------------------
    def _save_soon(self) -> None:
        """Save the position shortly (debounced)."""
        timer = getattr(self, "_save_timer", None)
        if timer is not None:
            timer.stop()
        self._save_timer = self.set_timer(0.5, self._save)

    def _save(self) -> None:
        """Write the state of this document."""
        doc = self.document
        if self.store is None or doc is None or not doc.blocks:
            return
        block, offset = self.text.top_anchor
        self.state.position = doc.blocks[block].source.start
        self.state.offset = offset
        if not self.store.save(doc.metadata.content_hash, self.state):
            for warning in self.store.warnings:
                self.notify(warning, severity="warning", markup=False)
            self.store.warnings.clear()

    async def action_quit(self) -> None:
        """``q``: save and leave."""
        self._save()
        self.exit(0)


def _page_line(doc: Document) -> str:
    """The header's second line: page and continuation marks."""
    meta = doc.metadata
    zh = meta.language.startswith("zh")
    bits = []
    if meta.page:
        bits.append(f"第{meta.page}版" if zh else f"page {meta.page}")
    if meta.continued_from:
        bits.append(("上接" if zh else "continued from ") + ",".join(meta.continued_from))
    if meta.continued_on:
        bits.append(("下转" if zh else "continued on ") + ",".join(meta.continued_on))
    if meta.date:
        bits.append(meta.date)
    return " · ".join(bits)


def _reattach_terminal() -> None:
    """After reading a document from a pipe, take keys from the terminal (as toolong does)."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise ReaderError("standard input is a pipe and there is no terminal to read keys from") from None
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, closefd=False)


def run_app(source: Input, debug: bool = False, indexer: Indexer | None = None) -> int:
    """Open the TUI on ``source`` (``indexer``: its helper, already at work); return the exit
    status (an unexpected error: one line, status 2)."""
    indexer = indexer or Indexer(source, StateStore())
    try:
        quick, complete = indexer.first_screen()
        if source.path is None and not sys.stdin.isatty():
            _reattach_terminal()
        if not sys.stdout.isatty():
            raise ReaderError("the reader needs a terminal; use 'reader reflow FILE' to print the text")
        app = ReaderApp(source, indexer.store or StateStore(), quick, complete, indexer=indexer)
        app.debug_errors = debug
        # Textual hands each frame to a writer thread; with the default 5 ms GIL switch interval a
        # busy main thread (or a worker) holds every frame back from the terminal by 5-15 ms
        sys.setswitchinterval(0.001)
        result = app.run()
    finally:
        indexer.close()
    if app._exception is not None and not debug:
        error = app._exception
        raise ReaderError(f"unexpected error: {type(error).__name__}: {error} (rerun with --debug for the trace)")
    return int(result or 0)
