"""ReaderScreen: the reading screen. It composes the panes, holds the one location they follow,
routes their messages and handles the reader's keys."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header

from reader.cite import Place
from reader.locate import page_line
from reader.model.document import Document
from reader.state import DocState, StateStore
from reader.textlayout import TextLayout
from reader.tui.bars import SearchBar, StatusBar
from reader.tui.figures_pane import FiguresPane
from reader.tui.location import Location
from reader.tui.outline_pane import Outline, OutlinePane
from reader.tui.panes import Panes
from reader.tui.text_view import TextView

OTHER_STYLE = "\x00other"  # the style menu's "any style by id" entry


class ReaderScreen(Screen[None]):
    """Header, outline | text | figures, the search prompt, the status line and the footer.

    ``location`` (a block of the document shown) is the screen's: the text pane moves it (it posts
    ``TextView.Moved``); the panes and the status line follow it through data binding. A choice in
    a side pane (``OutlinePane.Chosen``, ``FiguresPane.Chosen``) or the search prompt
    (``SearchBar.Updated``) comes here as a message, and the screen moves the text pane.
    """

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
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
        Binding("p", "toggle_printed", "As printed", show=False),
        Binding("escape", "escape", "Leave selection", show=False),
    ]

    location: var[Location] = var(Location())
    """The one current location: the panes and the status line are bound to it."""
    indexing: var[float] = var(0.0)
    """The share of the full model built so far (0: not indexing)."""
    marked: var[frozenset[int]] = var(frozenset())
    """The bookmarked blocks of the document shown."""
    printed: var[bool] = var(False)
    """Show the text exactly as printed (the reading repairs undone); remembered per document."""

    class Ready(Message):
        """The first screen is up and the side panes are mounted: the full model may come now
        (wrapped for ``text``'s width)."""

        def __init__(self, text: TextView) -> None:
            self.text = text
            super().__init__()

    def __init__(
        self,
        doc: Document,
        state: DocState,
        store: StateStore | None,
        terminal: Callable[[str], None],
        source_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.source_path = source_path  # (its sidecar's metadata goes into citations)
        self.state = state
        self.store = store
        self.terminal = terminal  # writes OSC 52 to the terminal
        self.last_quote = ""
        self.text = TextView(id="text")
        self.panes = Panes(self.text, id="panes")
        self.status = StatusBar(id="status")
        self._first = doc
        self._restore = (state.position, state.offset)
        self._user_moved = False
        self._save_timer: Timer | None = None

    @property
    def document(self) -> Document | None:
        """The document shown."""
        return self.location.doc

    @property
    def block(self) -> int:
        """The current block."""
        return self.location.block

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The panes and the status line (the header and footer come after the first frame)."""
        self.text.data_bind(ReaderScreen.marked, ReaderScreen.printed)
        yield self.panes
        yield self.status.data_bind(ReaderScreen.location, ReaderScreen.indexing, ReaderScreen.printed)

    def on_mount(self) -> None:
        """Show the first document at the remembered place, in room kept for what mounts next."""
        self.panes.outline, self.panes.figures = self.state.outline, self.state.figures
        self.printed = self.state.printed
        self._reserve(True)
        self._show(self._first, *self._restore)
        self.text.focus()
        self.call_after_refresh(self._mount_rest)

    def _reserve(self, reserve: bool) -> None:
        """Keep (or give back) the room of the header, footer and side panes."""
        self.panes.reserve(reserve)
        self.panes.styles.margin = (1 if reserve else 0, 0, 0, 0)
        self.status.styles.margin = (0, 0, 1 if reserve else 0, 0)

    def _mount_rest(self) -> None:
        """After the first paint: the header, footer and side panes; then ask for the full model
        (nothing when the reader quit before that paint was over)."""
        if not self.is_attached or self.app.return_code is not None:  # (quit, or an error is closing it)
            return
        self._reserve(False)
        self.mount(Header(show_clock=False), before=0)
        self.mount(Footer())
        self.call_after_refresh(self.refresh_bindings)
        outline = OutlinePane(id="outline-tree").data_bind(ReaderScreen.location)
        figures = FiguresPane(id="figures").data_bind(ReaderScreen.location)
        self.panes.mount_sides(Outline(outline, id="outline"), figures)
        self.post_message(self.Ready(self.text))

    def _show(
        self,
        doc: Document,
        position: int,
        offset: int,
        by_block: bool = False,
        wrapped: TextLayout | None = None,
        cursor: int | None = None,
        replacing: bool = False,
    ) -> None:
        """Put ``doc`` on screen at a source position (or a block index when ``by_block``;
        ``wrapped``: its lines, already wrapped; ``cursor``: the cursor's block when not the top's;
        ``replacing``: a fuller model of the document shown)."""
        block = position if by_block else (doc.block_at(position) if doc.blocks else 0)
        if not by_block and doc.blocks and doc.blocks[block].source.start > position:
            offset = 0
        self.title = doc.metadata.title or doc.metadata.source
        self.sub_title = page_line(doc)
        self.marked = frozenset(doc.block_at(b) for b in self.state.bookmarks) if doc.blocks else frozenset()
        self.text.set_document(doc, block, offset, wrapped, cursor, replacing)
        self.location = Location(doc, self.text.cursor)

    def show_full_model(self, doc: Document, wrapped: TextLayout | None) -> None:
        """The full model replaces the quick one, at the reader's place (or the remembered one
        when the reader has not moved yet)."""
        current = self.location.doc
        if current is not None and current.blocks and self._user_moved:
            block, offset = self.text.top_anchor
            source = current.blocks[block].source.start + offset
            target = doc.block_at(source)
            offset = max(0, source - doc.blocks[target].source.start)
            cursor = doc.block_at(current.blocks[self.text.cursor].source.start)  # (it may be below the top)
            self._show(doc, target, offset, by_block=True, wrapped=wrapped, cursor=cursor, replacing=True)
        else:
            self._show(doc, *self._restore, wrapped=wrapped)
        self.indexing = 0.0

    # -- the location --------------------------------------------------------
    def watch_location(self) -> None:
        """A new place: remember it soon."""
        self._save_soon()

    def on_text_view_moved(self, message: TextView.Moved) -> None:
        """The text pane moved: that is the new location (unless it speaks of a replaced model)."""
        if message.doc is None or message.doc is not self.location.doc:
            return
        self._user_moved = True
        self.location = Location(message.doc, message.block)

    def on_outline_pane_chosen(self, message: OutlinePane.Chosen) -> None:
        """An outline entry was chosen: show its heading at the top."""
        doc = self.location.doc
        section = doc.section(message.key) if doc else None
        if section is not None:
            self._go(section.first_block, top=True)

    def on_figures_pane_chosen(self, message: FiguresPane.Chosen) -> None:
        """A figure was chosen: go to its paragraph and mark the figure."""
        doc = self.location.doc
        if doc is None or message.doc is not doc:
            return
        figure = doc.figures[message.figure]
        self.text.search = figure.text
        self._go(figure.block)
        self.text.focus()

    def on_figures_pane_copy_requested(self, message: FiguresPane.CopyRequested) -> None:
        """Copy a figure with its label and citation (and log it)."""
        from reader.quoting import figure_quote

        doc = self.location.doc
        if doc is None or message.doc is not doc:
            return
        body, place, joiner = figure_quote(doc, message.figure)
        self._copy(body, place, joiner)

    def _go(self, block: int, top: bool = False) -> None:
        """Move the text pane (and so the location) to ``block``."""
        self._user_moved = True
        self.text.move_to(block, top=top)

    # -- going places --------------------------------------------------------
    def action_goto(self) -> None:
        """``:`` go to a section by number or title."""
        doc = self.location.doc
        if doc is None:
            return
        from reader.tui.screens import GotoScreen

        choices = [f"{s.number} {s.title}".strip() if s.number else s.title for s in doc.sections]
        choices += [f"{s.label}{s.title}" for s in doc.sections if s.label]  # as the document prints them
        self.app.push_screen(GotoScreen(choices), self._goto_done)

    def _goto_done(self, query: str | None) -> None:
        """Resolve and go."""
        doc = self.location.doc
        if not query or doc is None:
            return
        from reader.locate import destination

        block, why_not = destination(doc, query, doc.section_at(self.location.block))
        if block is None:
            self.notify(why_not, severity="warning", markup=False)
            return
        self._go(block, top=True)
        self.text.focus()

    def action_section(self, delta: int) -> None:
        """``]``/``[``: the next or previous section's heading."""
        doc = self.location.doc
        if doc is None or not doc.sections:
            return
        starts = sorted({s.first_block for s in doc.sections})
        here = self.location.block
        if delta > 0:
            nxt = next((b for b in starts if b > here), None)
        else:  # the current section's own heading when inside it, else the one before
            nxt = max((b for b in starts if b < here), default=None)
        if nxt is not None:
            self._go(nxt, top=True)

    def action_search(self) -> None:
        """``/``: open the incremental search prompt."""
        bars = self.query(SearchBar)
        if bars:
            bars.first().open()
        else:
            bar = SearchBar(id="search")
            self.mount(bar, before=self.status)
            self.call_after_refresh(bar.open)

    def on_search_bar_updated(self, message: SearchBar.Updated) -> None:
        """Search as the reader types; the text pane highlights the matches and goes to the first."""
        self._user_moved = True
        if not self.text.search_typed(message.query, message.done):
            self.notify(f"not found: {message.query}", severity="warning", markup=False, timeout=2)
        if message.done:
            self.text.focus()

    def action_search_next(self, delta: int) -> None:
        """``n``/``N``: the next or previous match."""
        self._user_moved = True
        if not self.text.search_next(delta):
            self.notify("no search yet: press /", markup=False, timeout=2)

    # -- quoting -------------------------------------------------------------
    def action_visual(self) -> None:
        """``v``: select paragraphs, then sentences, then stop."""
        self.text.start_selection()

    def action_escape(self) -> None:
        """Escape: leave the selection."""
        self.text.clear_selection()

    def action_yank(self) -> None:
        """``y``: copy the paragraph or selection as a quote with its citation."""
        from reader.quoting import span_place

        doc = self.location.doc
        picked = self.text.picked()
        if doc is None or picked is None:
            return
        self.text.clear_selection()
        self._copy(picked.text, span_place(doc, picked.start[0], picked.end[0]))

    def _copy(self, body: str, place: Place, joiner: str | None = None) -> None:
        """Copy ``body`` with its citation at ``place``, log it in the document's quote log, say
        which way it went, keep it for copying by hand when every way fails (``joiner``: a figure
        and its one-line citation)."""
        from reader.clipboard import CopyResult, copy_text
        from reader.quoting import quote_and_log
        from reader.source import load_sidecar
        from reader.tui.screens import TextScreen

        doc = self.location.doc
        if doc is None:
            return
        sidecar = load_sidecar(self.source_path)
        quote, warning = quote_and_log(doc, body, place, self.state.style, sidecar, joiner)
        if warning:
            self.notify(warning, severity="warning", markup=False)
        self.last_quote = quote
        try:
            result = copy_text(quote, self.terminal)
        except Exception as exc:  # never crash on a clipboard error
            result = CopyResult(False, "clipboard", str(exc))
        if result.ok:
            self.notify(f"Copied to {result.way} with its citation", title="Quote copied", markup=False)
            self.status.flash_copied(body)
        else:
            self.notify(
                f"Could not copy ({result.way}: {result.error}); the quote is shown to copy by hand",
                severity="error",
                markup=False,
            )
            self.app.push_screen(TextScreen("Quote (select it with the mouse)", Text(quote)))

    def action_quote_log(self) -> None:
        """Palette "Quote log": this document's logged quotes and where the file is."""
        from reader.citation.log import log_path, read_log
        from reader.tui.screens import TextScreen

        doc = self.location.doc
        if doc is None:
            return
        text = read_log(doc) or "No quotes logged yet: y copies one and logs it."
        self.app.push_screen(TextScreen(f"Quote log: {log_path(doc)}", Text(text)))

    def action_choose_style(self) -> None:
        """``Y``: choose the citation style: the common ones, or any installed CSL style by id."""
        from reader.cite import STYLE_NAMES, STYLES
        from reader.tui.screens import ChoiceScreen

        options = [(key, STYLE_NAMES[key] + ("  ✓" if key == self.state.style else "")) for key in STYLES]
        if self.state.style not in STYLES:
            options.insert(0, (self.state.style, STYLE_NAMES[self.state.style] + "  ✓"))
        options.append((OTHER_STYLE, "Other: any installed CSL style by id (nature, vancouver, elsevier-harvard …)"))
        self.app.push_screen(ChoiceScreen("Citation style", options), self._style_done)

    def _style_done(self, style: str | None) -> None:
        """Keep the chosen style (or ask for one by id)."""
        from reader.citation.styles import all_styles, canonical, is_style
        from reader.cite import STYLE_NAMES

        if style == OTHER_STYLE:
            from reader.tui.screens import AskScreen

            ids = list(all_styles())
            prompt = f"Citation style id ({len(ids)} installed; Tab or → completes)"
            self.app.push_screen(AskScreen(prompt, ids, "chicago-notes-bibliography"), self._style_done)
            return
        if style:
            style = canonical(style)
            if not is_style(style):
                self.notify(f"No citation style {style!r}", severity="warning", markup=False)
                return
            self.state.style = style
            self.notify(f"Citation style: {STYLE_NAMES[style]}", markup=False)
            self.save()

    def action_bookmark(self) -> None:
        """``m``: toggle a bookmark on the current paragraph."""
        doc = self.location.doc
        if doc is None or not doc.blocks:
            return
        block = self.location.block
        position = doc.blocks[block].source.start
        if position in self.state.bookmarks:
            self.state.bookmarks.remove(position)
            self.marked = self.marked - {block}
            self.notify("Bookmark removed", markup=False)
        else:
            self.state.bookmarks = sorted({*self.state.bookmarks, position})
            self.marked = self.marked | {block}
            self.notify("Bookmarked", markup=False)
        self.save()

    def action_bookmarks(self) -> None:
        """``'``: list bookmarks."""
        from reader.quoting import bookmark_entries
        from reader.tui.screens import ChoiceScreen

        doc = self.location.doc
        if doc is None:
            return
        options = bookmark_entries(doc, self.state.bookmarks)
        self.app.push_screen(ChoiceScreen("Bookmarks", options, "no bookmarks yet: press m"), self._bookmark_done)

    def _bookmark_done(self, key: str | None) -> None:
        """Go to the chosen bookmark."""
        doc = self.location.doc
        if key and doc is not None:
            self._go(doc.block_at(int(key)), top=True)

    def action_copy_text(self) -> None:
        """The usual copy key (Ctrl+C): a selection in the text is copied as a quote with its
        citation; other selected text as it is."""
        if self.text.text_selection is not None or self.text.selection is not None:
            self.action_yank()
        else:
            super().action_copy_text()

    def action_toggle_printed(self) -> None:
        """``p``: show the text exactly as printed, or as repaired for reading."""
        self.printed = self.state.printed = not self.printed
        doc = self.location.doc
        repaired = doc is not None and any(b.edits for b in doc.blocks)
        if self.printed and not repaired:
            self.notify("Shown as printed: nothing was repaired in this text", markup=False)
        else:
            self.notify("Shown as printed" if self.printed else "Shown repaired for reading", markup=False)
        self.save()

    # -- panes, help, palette ------------------------------------------------
    def action_toggle_pane(self, name: str) -> None:
        """``o``/``f``: show or hide a side pane."""
        if not self.panes.sides:
            return
        setattr(self.state, name, self.panes.toggle(name))
        self.save()

    def action_help(self) -> None:
        """``?``: the key table."""
        from reader.tui.keys import KEYS
        from reader.tui.screens import TextScreen, key_table

        self.app.push_screen(TextScreen("Keys", key_table(KEYS)))

    def commands(self) -> Iterable[SystemCommand]:
        """The command palette's entries for this screen: every action, by name (keys.PALETTE)."""
        from reader.tui.keys import PALETTE

        for title, what, action in PALETTE:
            yield SystemCommand(title, what, partial(self.run_action, action))

    def action_show_last_quote(self) -> None:
        """Show the last quote (for copying by hand)."""
        from reader.tui.screens import TextScreen

        self.app.push_screen(TextScreen("Last quote", Text(self.last_quote or "nothing copied yet")))

    # -- remembering ---------------------------------------------------------
    def _save_soon(self) -> None:
        """Save the position shortly (debounced)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.5, self.save)

    def save(self) -> None:
        """Write the state of this document (a failure: a warning, once)."""
        doc = self.location.doc
        if self.store is None or doc is None or not doc.blocks:
            return
        block, offset = self.text.top_anchor
        self.state.position = doc.blocks[block].source.start
        self.state.offset = offset
        if not self.store.save(doc.metadata.content_hash, self.state):
            for warning in self.store.warnings:
                self.notify(warning, severity="warning", markup=False)
            self.store.warnings.clear()

    def on_unmount(self) -> None:
        """Closing: remember the place."""
        self.save()

