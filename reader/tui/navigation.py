"""Navigation actions of the app: go to a section, step through sections, search."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.tui.bars import SearchBar

    SearchBarUpdated = SearchBar.Updated
else:
    SearchBarUpdated = Any


class NavigationActions:
    """``:`` go to, ``]``/``[`` sections, ``/`` search and ``n``/``N`` (mixed into ReaderApp)."""

    document: Any
    location: int
    text: Any

    def action_goto(self) -> None:
        """``:`` go to a section by number or title."""
        doc = self.document
        if doc is None:
            return
        from reader.tui.screens import GotoScreen

        choices = [f"{s.number} {s.title}".strip() if s.number else s.title for s in doc.sections]
        self.push_screen(GotoScreen(choices), self._goto_done)

    def _goto_done(self, query: str | None) -> None:
        """Resolve and go."""
        doc = self.document
        if not query or doc is None:
            return
        from reader.locate import completions, resolve

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
        else:  # the current section's own heading when inside it, else the one before
            nxt = max((b for b in starts if b < here), default=None)
        if nxt is not None:
            self._go(nxt, top=True)

    def action_search(self) -> None:
        """``/``: open the incremental search prompt."""
        from reader.tui.bars import SearchBar

        bars = self.query(SearchBar)
        if bars:
            bars.first().open()
        else:
            bar = SearchBar(id="search")
            self.mount(bar, before=self.query_one("#status"))
            self.call_after_refresh(bar.open)

    def on_search_bar_updated(self, event: SearchBarUpdated) -> None:
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
