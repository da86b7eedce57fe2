"""ReaderApp: one document, one current location, three panes that follow it."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.model.document import Document
from reader.opening import Indexer, quick_document
from reader.source import Input
from reader.state import DocState, StateStore
from reader.tui.bars import StatusBar
from reader.tui.navigation import NavigationActions
from reader.tui.quoting import QuotingActions
from reader.tui.text_view import TextView

NARROW, VERY_NARROW = 110, 76


class _Abandoned(BaseException):
    """Raised in the model worker when the app closes mid-build (not an error: nothing to report)."""


class ReaderApp(NavigationActions, QuotingActions, App[int]):
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

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, the three panes, search and status lines, footer."""
        with Horizontal(id="panes"):
            yield TextView(id="text")
        yield StatusBar(id="status")

    @property
    def text(self) -> TextView:
        """The text pane."""
        return self.query_one(TextView)

    def on_mount(self) -> None:
        """Show the quick document at once, then build the full model in a worker."""
        if self._quick is None:
            self._quick, self._complete = quick_document(self.source)
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

    def _reserve_side_panes(self, reserve: bool) -> None:
        """Until the header, footer and side panes mount, keep their room empty, so the first
        screen's text is wrapped at its final width and does not move when they arrive."""
        plan = self._pane_plan() if reserve else {"outline": 0, "figures": 0}
        self.text.styles.margin = (0, plan["figures"], 0, plan["outline"])
        self.query_one("#panes").styles.margin = (1 if reserve else 0, 0, 0, 0)
        self.query_one(StatusBar).styles.margin = (0, 0, 1 if reserve else 0, 0)

    def _mount_side_panes(self) -> None:
        """After the first paint: the outline and figures panes, then the full model in a worker."""
        from reader.tui.figures_pane import FiguresPane
        from reader.tui.outline_pane import OutlinePane

        self._reserve_side_panes(False)
        self.mount(Header(show_clock=False), before=0)
        self.mount(Footer())
        self.call_after_refresh(self.refresh_bindings)
        panes = self.query_one("#panes")
        outline, figures = OutlinePane(id="outline"), FiguresPane(id="figures")
        panes.mount(outline, before=self.text)
        panes.mount(figures)
        self._side = (outline, figures)
        if self.document is not None:
            outline.set_document(self.document)
            figures.set_document(self.document)
            self._follow(self.location)
        self._apply_panes()
        if not self._complete:
            self.build_full_model()

    @work(thread=True, exclusive=True, group="model")
    def build_full_model(self) -> None:
        """Get the full model (with jieba's dictionary) without blocking the screen: from the
        indexer's helper process when there is one, else from the cache or built here; cache it."""
        worker = get_current_worker()

        def progress(stage: str, share: float) -> None:
            if worker.is_cancelled:  # the app is closing: stop building at the next step
                raise _Abandoned
            value = 0.9 * share if stage == "building" else 0.9 + 0.1 * share
            if value - self.indexing >= 0.01:
                self.call_from_thread(self._set_progress, value)

        self.call_from_thread(self._set_progress, 0.01)
        try:
            doc = self._full_model(progress)
        except _Abandoned:
            return
        if doc is not None and not worker.is_cancelled:
            self.call_from_thread(self._swap, doc)

    def _full_model(self, progress: Callable[[str, float], None]) -> Document | None:
        """The full model from the helper, the cache or a build here (None if the build failed)."""
        from reader.cache import cache_key, load_model, save_model
        from reader.pipeline.build import build_document
        from reader.source import load_sidecar

        doc = self._indexer.full_model(progress) if self._indexer is not None else None
        if doc is None:
            sidecar = load_sidecar(self.source.path) if self.source.path else {}
            key = cache_key(self._quick.metadata.content_hash, sidecar) if self._quick else ""
            doc = load_model(key, progress) if key else None
            if doc is None:
                try:
                    doc = build_document(
                        self.source.data,
                        self.source.name,
                        sidecar,
                        dictionary=True,
                        progress=lambda share: progress("building", share),
                    )
                except _Abandoned:
                    raise
                except Exception as exc:  # the quick model stays usable
                    self.call_from_thread(self.notify, f"indexing failed: {exc}", severity="error", markup=False)
                    self.call_from_thread(self._set_progress, 0.0)
                    return None
                if key:
                    save_model(key, doc)
        return doc

    def on_unmount(self) -> None:
        """Closing: stop the helper, so a worker waiting for its model returns at once."""
        if self._indexer is not None:
            self._indexer.close()

    def _set_progress(self, value: float) -> None:
        """Show indexing progress in the status line."""
        self.indexing = value
        self._update_status()

    def _swap(self, doc: Document) -> None:
        """Replace the quick model by the full one, keeping the reader's place."""
        current = self.document
        block, offset = self.text.top_anchor
        if current is not None and current.blocks and (self._user_moved or self._restore is None):
            source = current.blocks[block].source.start + offset
            target = doc.block_at(source)
            offset = max(0, source - doc.blocks[target].source.start)
            self._show(doc, target, offset, by_block=True)
        else:
            self._show(doc, *(self._restore or (0, 0)))
        self.indexing = 0.0
        self._update_status()
        # the model lives as long as the app: keep the cyclic collector from walking its million
        # objects again (each full collection would stop the screen for a tenth of a second)
        gc.freeze()

    def _show(self, doc: Document, position: int, offset: int, by_block: bool = False) -> None:
        """Put ``doc`` on screen at a source position (or a block index when ``by_block``)."""
        block = position if by_block else (doc.block_at(position) if doc.blocks else 0)
        if not by_block and doc.blocks and doc.blocks[block].source.start > position:
            offset = 0
        self.document = doc
        self.title = doc.metadata.title or doc.metadata.source
        self.sub_title = _page_line(doc)
        if self._side is not None:  # in the next frame: the text first
            self.call_after_refresh(self._show_side, doc)
        self.text.marked = {doc.block_at(b) for b in self.state.bookmarks} if doc.blocks else set()
        self.text.set_document(doc, block, offset)
        self.location = self.text.cursor
        self._follow(self.location)

    def _show_side(self, doc: Document) -> None:
        """Give the side panes ``doc`` (unless another document came meanwhile) and its place."""
        if self._side is None or doc is not self.document:
            return
        self._side[0].set_document(doc)
        self._side[1].set_document(doc)
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
        status = self.query_one(StatusBar)
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
        end = doc.blocks[-1].source.end or 1
        percent = min(100, round(100 * doc.blocks[block].source.end / end))
        status.show(label, (place.paragraph, max(total, place.paragraph)), percent, note)

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
        """Copy a figure with its label and citation."""
        from reader.cite import citation, place_of

        doc = self.document
        if doc is None or event.doc is not doc:
            return
        figure = doc.figures[event.figure]
        place = place_of(doc, figure.block)
        body = f"{figure.label} {figure.text}".strip()
        self._copy(
            f"{body}——{citation(doc, place, self.state.style)}"
            if doc.metadata.language.startswith("zh")
            else f"{body} — {citation(doc, place, self.state.style)}",
            body,
        )

    def _go(self, block: int, top: bool = False) -> None:
        """Move the text pane (and so the location) to ``block``."""
        self._user_moved = True
        self.text.move_to(block, top=top)

    # -- actions -------------------------------------------------------------
    def action_toggle_pane(self, name: str) -> None:
        """``o``/``f``: show or hide a side pane."""
        if self._side is None:
            return
        pane = self._side[0] if name == "outline" else self._side[1]
        visible = not pane.has_class("-hidden")
        setattr(self.state, name, not visible)
        self._forced.add(name)
        self._apply_panes()
        self._save()

    def on_resize(self) -> None:
        """Collapse side panes at narrow widths (figures first)."""
        self._forced.clear()
        self._apply_panes()

    def _apply_panes(self) -> None:
        """Show or hide the side panes from the preference and the terminal width."""
        if self._side is None:
            return
        plan = self._pane_plan()
        for name, pane in zip(("outline", "figures"), self._side, strict=True):
            show = plan[name] > 0
            if show:
                pane.styles.width = plan[name]
            pane.set_class(not show, "-hidden")
            if not show and pane.has_focus:
                self.text.focus()

    def _pane_plan(self) -> dict[str, int]:
        """The width of each side pane at the terminal's width and the reader's choice (0: hidden)."""
        width = self.size.width
        fits = {"figures": width >= NARROW, "outline": width >= VERY_NARROW}
        sizes = {"outline": 32 if width >= NARROW else 24, "figures": 34}
        return {
            name: sizes[name] if getattr(self.state, name) and (fits[name] or name in self._forced) else 0
            for name in ("outline", "figures")
        }

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
        yield SystemCommand("Citation style", "Plain, Markdown, GB/T 7714, APA (Y)", self.action_choose_style)
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
    indexer = indexer or Indexer(source)
    try:
        quick, complete = indexer.first_screen()
        if source.path is None and not sys.stdin.isatty():
            _reattach_terminal()
        if not sys.stdout.isatty():
            raise ReaderError("the reader needs a terminal; use 'reader reflow FILE' to print the text")
        app = ReaderApp(source, StateStore(), quick, complete, indexer=indexer)
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
