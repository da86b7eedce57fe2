"""Quoting actions of the app: select, copy with citation, citation style, bookmarks."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from reader.errors import ReaderError


class QuotingActions:
    """``v`` select, ``y`` copy, ``Y`` style, ``m``/``'`` bookmarks (mixed into ReaderApp)."""

    document: Any
    location: int
    text: Any
    state: Any
    last_quote: str
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
        from reader.cite import place_of, quote_text

        place = place_of(doc, blocks[0])
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

    def _write_terminal(self, sequence: str) -> None:
        """Write an escape sequence (OSC 52) to the terminal."""
        driver = self._driver
        if driver is None:
            raise ReaderError("no terminal")
        driver.write(sequence)
        driver.flush()

    def action_choose_style(self) -> None:
        """``Y``: choose the citation style."""
        from reader.cite import STYLE_NAMES, STYLES
        from reader.tui.screens import ChoiceScreen

        options = [(key, STYLE_NAMES[key] + ("  ✓" if key == self.state.style else "")) for key in STYLES]
        self.push_screen(ChoiceScreen("Citation style", options), self._style_done)

    def _style_done(self, style: str | None) -> None:
        """Keep the chosen style."""
        from reader.cite import STYLE_NAMES

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
