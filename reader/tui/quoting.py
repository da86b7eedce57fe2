"""Quoting actions of the app: select, copy with citation, citation style, bookmarks."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reader.errors import ReaderError

_OTHER = "\x00other"  # the style menu's "any style by id" entry


class QuotingActions:
    """``v`` select, ``y`` copy, ``Y`` style, ``m``/``'`` bookmarks (mixed into ReaderApp)."""

    document: Any
    location: int
    text: Any
    state: Any
    last_quote: str
    source: Any
    _terminal_writer: Any
    _driver: Any

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
        from reader.cite import place_of

        place = place_of(doc, blocks[0])
        if len(blocks) == 1 and self.text.selection is not None and self.text.selection.sentences is not None:
            from reader.model.document import Block

            original = doc.blocks[blocks[0]]
            chosen = [Block(original.index, original.kind, body, original.source, original.section)]
        else:
            chosen = [doc.blocks[i] for i in blocks]
        self.text.clear_selection()
        self._copy("\n".join(b.text for b in chosen if b.is_reading), body, place)

    def _copy(self, quote: str, body: str, place: Any = None, joiner: str | None = None) -> None:
        """Copy a quote with its citation (``place``: where it stands; None: ``quote`` is copied
        as it is), log it in the document's quote log, say which way it went, keep it for copying
        by hand when every way fails. ``joiner`` puts a figure and its one-line citation together."""
        if place is not None and self.document is not None:
            quote = self._cite_and_log(quote, place, joiner)
        self.last_quote = quote
        from reader.clipboard import CopyResult, copy_text
        from reader.tui.screens import TextScreen

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

    def _cite_and_log(self, body: str, place: Any, joiner: str | None) -> str:
        """The quote with its citation in the chosen style; the quote is also appended to the
        document's quote log (a failed write is one warning, never a lost quote)."""
        from reader.citation.quote import cite, log_quote, quote_with
        from reader.citation.styles import UnknownStyle
        from reader.source import load_sidecar

        doc = self.document
        sidecar = load_sidecar(getattr(self.source, "path", None))
        try:
            cited = cite(doc, place, self.state.style, sidecar)
        except UnknownStyle:
            cited = cite(doc, place, "plain", sidecar)
        quote = f"{body}{joiner}{cited.line()}" if joiner is not None else quote_with(doc, body, cited)
        try:
            log_quote(doc, body, place, cited)
        except OSError as exc:
            self.notify(f"Quote not logged: {exc.strerror or exc}", severity="warning", markup=False)
        return quote

    def action_quote_log(self) -> None:
        """Palette "Quote log": show this document's logged quotes and where the file is."""
        from reader.citation.log import log_path, read_log
        from reader.tui.screens import TextScreen

        if self.document is None:
            return
        text = read_log(self.document) or "No quotes logged yet: y copies one and logs it."
        self.push_screen(TextScreen(f"Quote log: {log_path(self.document)}", Text(text)))

    def _write_terminal(self, sequence: str) -> None:
        """Write an escape sequence (OSC 52) to the terminal."""
        driver = self._driver
        if driver is None:
            raise ReaderError("no terminal")
        driver.write(sequence)
        driver.flush()

    def action_choose_style(self) -> None:
        """``Y``: choose the citation style: the common ones, or any installed CSL style by id."""
        from reader.cite import STYLE_NAMES, STYLES
        from reader.tui.screens import ChoiceScreen

        options = [(key, STYLE_NAMES[key] + ("  ✓" if key == self.state.style else "")) for key in STYLES]
        if self.state.style not in STYLES:
            options.insert(0, (self.state.style, STYLE_NAMES[self.state.style] + "  ✓"))
        options.append((_OTHER, "Other: any installed CSL style by id (nature, vancouver, elsevier-harvard …)"))
        self.push_screen(ChoiceScreen("Citation style", options), self._style_done)

    def _style_done(self, style: str | None) -> None:
        """Keep the chosen style (or ask for one by id)."""
        from reader.citation.styles import all_styles, canonical, is_style
        from reader.cite import STYLE_NAMES

        if style == _OTHER:
            from reader.tui.screens import AskScreen

            ids = list(all_styles())
            prompt = f"Citation style id ({len(ids)} installed; Tab or → completes)"
            self.push_screen(AskScreen(prompt, ids, "chicago-notes-bibliography"), self._style_done)
            return
        if style:
            style = canonical(style)
            if not is_style(style):
                self.notify(f"No citation style {style!r}", severity="warning", markup=False)
                return
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
        from reader.cite import place_of
        from reader.tui.screens import ChoiceScreen

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
