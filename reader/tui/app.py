"""ReaderApp: one document, one current location, three panes that follow it."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer, Header

from reader.cite import STYLE_NAMES, STYLES, Place, citation, place_of, quote_text
from reader.clipboard import CopyResult, copy_text
from reader.errors import ReaderError
from reader.locate import completions, resolve
from reader.model.document import Document
from reader.source import Input
from reader.state import DocState, StateStore
from reader.tui.bars import SearchBar, StatusBar
from reader.tui.figures_pane import FiguresPane
from reader.tui.keys import KEYS
from reader.tui.outline_pane import OutlinePane
from reader.tui.screens import ChoiceScreen, GotoScreen, TextScreen
from reader.tui.text_view import TextView

QUICK_BYTES = 256 * 1024
NARROW, VERY_NARROW = 110, 76


def quick_document(source: Input) -> tuple[Document, bool]:
    """Build what the first screen needs: the whole document if small, else its opening part.

    No dictionary look-ups here (jieba loads in the background); returns (document, complete).
    """
    from reader.errors import NotTextError
    from reader.pipeline.build import build_document, load_sidecar

    data = source.data
    complete = len(data) <= QUICK_BYTES or data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if not complete:
        cut = data.rfind(b"\n", 0, QUICK_BYTES)
        data = data[: cut if cut > 0 else QUICK_BYTES]
    sidecar = load_sidecar(source.path) if source.path else {}
    try:
        return build_document(data, source.name, sidecar, dictionary=False), complete
    except NotTextError:
        raise ReaderError(f"{source.name} is not a text document") from None


class ReaderApp(App[int]):
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

    def __init__(
        self,
        source: Input,
        store: StateStore | None = None,
        quick: Document | None = None,
        complete: bool = False,
        terminal_writer: object | None = None,
    ) -> None:
        super().__init__()
        self.source = source
        self.store = store
        self._quick = quick
        self._complete = complete
        self.state = DocState()
        self.last_quote = ""
        self._terminal_writer = terminal_writer
        self._forced: set[str] = set()
        self._user_moved = False
        self._restore: tuple[int, int] | None = None
        self.indexing = 0.0

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, the three panes, search and status lines, footer."""
        yield Header(show_clock=False)
        with Horizontal(id="panes"):
            yield OutlinePane(id="outline")
            yield TextView(id="text")
            yield FiguresPane(id="figures")
        yield SearchBar(id="search")
        yield StatusBar(id="status")
        yield Footer()

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
        self._show(doc, *self._restore)
        self.text.focus()
        self._apply_panes()
        self.build_full_model()

    @work(thread=True, exclusive=True, group="model")
    def build_full_model(self) -> None:
        """Build the full model (with jieba's dictionary) without blocking the screen."""
        from reader.pipeline.build import build_document, load_sidecar

        if not self._complete:
            self.call_from_thread(self._set_progress, 0.01)
        sidecar = load_sidecar(self.source.path) if self.source.path else {}
        try:
            doc = build_document(self.source.data, self.source.name, sidecar, dictionary=True)
        except Exception as exc:  # the quick model stays usable
            self.call_from_thread(self.notify, f"indexing failed: {exc}", severity="error", markup=False)
            return
        self.call_from_thread(self._swap, doc)

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

    def _show(self, doc: Document, position: int, offset: int, by_block: bool = False) -> None:
        """Put ``doc`` on screen at a source position (or a block index when ``by_block``)."""
        block = position if by_block else (doc.block_at(position) if doc.blocks else 0)
        if not by_block and doc.blocks and doc.blocks[block].source.start > position:
            offset = 0
        self.document = doc
        self.title = doc.metadata.title or doc.metadata.source
        self.sub_title = _page_line(doc)
        self.query_one(OutlinePane).set_document(doc)
        self.query_one(FiguresPane).set_document(doc)
        self.text.marked = {doc.block_at(b) for b in self.state.bookmarks} if doc.blocks else set()
        self.text.set_document(doc, block, offset)
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
        self.query_one(OutlinePane).show_section(inner.key if inner else None)
        self.query_one(FiguresPane).show_section(doc.blocks[block].section)
        self._update_status()
        self._save_soon()

    def _update_status(self) -> None:
        """Section, paragraph n/N, % read, indexing progress."""
        doc = self.document
        status = self.query_one(StatusBar)
        note = "indexing…" if self.indexing else ""
        if doc is None or not doc.blocks:
            status.show("", (0, 0), 100, note or "empty document")
            return
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
        """The text pane moved: that is the new location."""
        self._user_moved = True
        self.location = event.block

    def on_outline_pane_chosen(self, event: OutlinePane.Chosen) -> None:
        """An outline entry was chosen: show its heading at the top."""
        doc = self.document
        section = doc.section(event.key) if doc else None
        if section is not None:
            self._go(section.first_block, top=True)

    def on_figures_pane_chosen(self, event: FiguresPane.Chosen) -> None:
        """A figure was chosen: go to its paragraph and mark the figure."""
        doc = self.document
        if doc is None:
            return
        figure = doc.figures[event.figure]
        self.text.search = figure.text
        self._go(figure.block)
        self.text.focus()

    def on_figures_pane_copy_requested(self, event: FiguresPane.CopyRequested) -> None:
        """Copy a figure with its label and citation."""
        doc = self.document
        if doc is None:
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
    def action_goto(self) -> None:
        """``:`` go to a section by number or title."""
        doc = self.document
        if doc is None:
            return
        choices = [f"{s.number} {s.title}".strip() if s.number else s.title for s in doc.sections]
        self.push_screen(GotoScreen(choices), self._goto_done)

    def _goto_done(self, query: str | None) -> None:
        """Resolve and go."""
        doc = self.document
        if not query or doc is None:
            return
        current = doc.section_at(self.location)
        target = resolve(doc, query, current)
        if target is None:
            hints = ", ".join(completions(doc, query, 4))
            self.notify(f"no section {query}" + (f" (try {hints})" if hints else ""), severity="warning", markup=False)
            return
        block = target.section.first_block
        if target.paragraph:
            paragraphs = doc.paragraphs_of(target.section)
            if not 1 <= target.paragraph <= len(paragraphs):
                self.notify(
                    f"{target.section.number} has {len(paragraphs)} paragraphs", severity="warning", markup=False
                )
                return
            block = paragraphs[target.paragraph - 1].index
        self._go(block, top=True)
        self.text.focus()

    def action_section(self, delta: int) -> None:
        """``]``/``[``: the next or previous section's heading."""
        doc = self.document
        if doc is None or not doc.sections:
            return
        starts = sorted({s.first_block for s in doc.sections})
        here = self.location
        if delta > 0:
            nxt = next((b for b in starts if b > here), None)
        else:
            current = max((b for b in starts if b <= here), default=None)
            nxt = max((b for b in starts if b < here and b != current), default=None) if current == here else current
            if current is not None and current < here:
                nxt = current
        if nxt is not None:
            self._go(nxt, top=True)

    def action_search(self) -> None:
        """``/``: open the incremental search prompt."""
        self.query_one(SearchBar).open()

    def on_search_bar_updated(self, event: SearchBar.Updated) -> None:
        """Highlight matches and jump to the first one from the cursor."""
        self.text.search = event.query
        self._search_from = getattr(self, "_search_from", self.location)
        if event.query:
            found = self._find(event.query, self._search_from, 1, include_current=True)
            if found is not None:
                self.text.move_to(found)
            else:
                self.notify(f"not found: {event.query}", severity="warning", markup=False, timeout=2)
        self.text.refresh_all()
        if event.done:
            del self._search_from
            self.text.focus()

    def _find(self, query: str, start: int, delta: int, include_current: bool = False) -> int | None:
        """Return the next reading block (wrapping around) that contains ``query``."""
        doc = self.document
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

    def action_search_next(self, delta: int) -> None:
        """``n``/``N``: the next or previous match."""
        if not self.text.search:
            self.notify("no search yet: press /", markup=False, timeout=2)
            return
        found = self._find(self.text.search, self.location, delta)
        if found is not None:
            self._go(found)

    def action_visual(self) -> None:
        """``v``: select paragraphs, then sentences, then stop."""
        self.text.start_selection()

    def action_escape(self) -> None:
        """Escape: leave the selection."""
        self.text.clear_selection()

    def action_yank(self) -> None:
        """``y``: copy the paragraph or selection as a quote with its citation."""
        doc = self.document
        picked = self.text.selected_text()
        if doc is None or picked is None:
            return
        blocks, body = picked
        place: Place = place_of(doc, blocks[0])
        if len(blocks) == 1 and self.text.selection is not None and self.text.selection.sentences is not None:
            from reader.model.document import Block

            original = doc.blocks[blocks[0]]
            chosen = [Block(original.index, original.kind, body, original.source, original.section)]
        else:
            chosen = [doc.blocks[i] for i in blocks]
        quote = quote_text(doc, chosen, place, self.state.style)
        self.text.clear_selection()
        self._copy(quote, body)

    def _copy(self, quote: str, body: str) -> None:
        """Copy ``quote``, say which way, keep it for copying by hand when every way fails."""
        self.last_quote = quote
        writer = self._terminal_writer or self._write_terminal
        try:
            result = copy_text(quote, writer)
        except Exception as exc:  # never crash on a clipboard error
            result = CopyResult(False, "clipboard", str(exc))
        short = body if len(body) <= 40 else body[:39] + "…"
        if result.ok:
            self.notify(f"Copied to {result.way}: “{short}” with its citation", title="Quote copied", markup=False)
        else:
            self.notify(
                f"Could not copy ({result.way}: {result.error}); the quote is shown to copy by hand",
                severity="error",
                markup=False,
            )
            self.push_screen(TextScreen("Quote (select it with the mouse)", Text(quote)))

    def _write_terminal(self, sequence: str) -> None:
        """Write an escape sequence (OSC 52) to the terminal."""
        driver = self._driver
        if driver is None:
            raise ReaderError("no terminal")
        driver.write(sequence)
        driver.flush()

    def action_choose_style(self) -> None:
        """``Y``: choose the citation style."""
        options = [(key, STYLE_NAMES[key] + ("  ✓" if key == self.state.style else "")) for key in STYLES]
        self.push_screen(ChoiceScreen("Citation style", options), self._style_done)

    def _style_done(self, style: str | None) -> None:
        """Keep the chosen style."""
        if style:
            self.state.style = style
            self.notify(f"Citation style: {STYLE_NAMES[style]}", markup=False)
            self._save()

    def action_bookmark(self) -> None:
        """``m``: toggle a bookmark on the current paragraph."""
        doc = self.document
        if doc is None or not doc.blocks:
            return
        position = doc.blocks[self.location].source.start
        if position in self.state.bookmarks:
            self.state.bookmarks.remove(position)
            self.text.marked.discard(self.location)
            self.notify("Bookmark removed", markup=False)
        else:
            self.state.bookmarks = sorted({*self.state.bookmarks, position})
            self.text.marked.add(self.location)
            self.notify("Bookmarked", markup=False)
        self.text.refresh_all()
        self._save()

    def action_bookmarks(self) -> None:
        """``'``: list bookmarks."""
        doc = self.document
        if doc is None:
            return
        options = []
        for position in self.state.bookmarks:
            block = doc.block_at(position)
            place = place_of(doc, block)
            where = place.section.number or place.section.title if place.section else ""
            snippet = doc.blocks[block].text[:30]
            options.append((str(position), f"{where} ¶{place.paragraph}  {snippet}"))
        self.push_screen(ChoiceScreen("Bookmarks", options, "no bookmarks yet: press m"), self._bookmark_done)

    def _bookmark_done(self, key: str | None) -> None:
        """Go to the chosen bookmark."""
        if key and self.document is not None:
            self._go(self.document.block_at(int(key)), top=True)

    def action_toggle_pane(self, name: str) -> None:
        """``o``/``f``: show or hide a side pane."""
        pane = self.query_one(f"#{name}")
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
        width = self.size.width
        fits = {"figures": width >= NARROW, "outline": width >= VERY_NARROW}
        self.query_one("#outline").styles.width = 32 if width >= NARROW else 24
        for name in ("outline", "figures"):
            wanted = getattr(self.state, name)
            show = wanted and (fits[name] or name in self._forced)
            pane = self.query_one(f"#{name}")
            pane.set_class(not show, "-hidden")
            if not show and pane.has_focus:
                self.text.focus()

    def action_help(self) -> None:
        """``?``: the key table."""
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


def run_app(source: Input) -> int:
    """Open the TUI on ``source``; return the exit status."""
    quick, complete = quick_document(source)
    if source.path is None and not sys.stdin.isatty():
        _reattach_terminal()
    if not sys.stdout.isatty():
        raise ReaderError("the reader needs a terminal; use 'reader reflow FILE' to print the text")
    app = ReaderApp(source, StateStore(), quick, complete)
    result = app.run()
    return int(result or 0)
