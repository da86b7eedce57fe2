"""SearchBar (incremental search input) and StatusBar (section, paragraph n/N, % read, progress)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

from reader.cite import place_of
from reader.locate import page_name
from reader.model.document import Document
from reader.tui.location import Location


class SearchBar(Input):
    """The ``/`` prompt: each change posts ``SearchBar.Updated``; Enter or Escape closes it."""

    DEFAULT_CSS = "SearchBar { display: none; height: 1; border: none; padding: 0 1; }"
    BINDINGS = [Binding("escape", "close", "Close search", show=False)]

    class Updated(Message):
        """The search text changed (incremental search)."""

        def __init__(self, query: str, done: bool = False) -> None:
            self.query = query
            self.done = done
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search…", id=id)

    def open(self) -> None:
        """Show the prompt and focus it."""
        self.display = True
        self.value = ""
        self.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the user types."""
        event.stop()
        self.post_message(self.Updated(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: keep the search, close the prompt."""
        event.stop()
        self.post_message(self.Updated(event.value, done=True))
        self.display = False

    def action_close(self) -> None:
        """Escape: close the prompt, keep the matches."""
        self.display = False
        self.post_message(self.Updated(self.value, done=True))


class StatusBar(Widget):
    """One line: where the reader is (section, paragraph n/N, % read), and the indexing progress
    of a large document; both bound from the screen."""

    DEFAULT_CSS = "StatusBar { height: 1; background: $primary-background; padding: 0 1; }"

    location: var[Location] = var(Location())
    """Where the reader is."""
    indexing: var[float] = var(0.0)
    """The share of the full model built so far (0: not indexing)."""

    printed: var[bool] = var(False)
    """The text is shown exactly as printed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._flash: Text | None = None
        self._flash_timer: Timer | None = None

    def watch_location(self) -> None:
        """Show the new place (a message shown for a moment gives way)."""
        self._flash = None
        self._update()

    def watch_indexing(self) -> None:
        """Show the progress."""
        self._update()

    def watch_printed(self) -> None:
        """Say whether the text is shown as printed."""
        self._update()

    def flash(self, message: Text, seconds: float = 4.0) -> None:
        """Show ``message`` instead of the place for a moment (or until the reader moves). Unlike a
        toast, this line lies over no other widget, so its Chinese is never cut (textual#6357)."""
        self._flash = message
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(seconds, self._end_flash)
        self._update()

    def flash_copied(self, body: str) -> None:
        """Show the quote just copied (its start, on one line)."""
        line = " ".join(body.split())  # (a quote over paragraphs shows them run on)
        shown = Text.assemble(("copied ", "bold"), f"“{line if len(line) <= 40 else line[:39] + '…'}”")
        self.flash(shown.append(" with its citation"))

    def _end_flash(self) -> None:
        """The moment is over: the place again."""
        self._flash = None
        self._update()

    def _update(self) -> None:
        """Repaint this line when its text changed (its size never does)."""
        text = self._flash or status_line(self.location, self.indexing, self.printed)
        if text.plain != self._text.plain or text is self._flash:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        """The status text."""
        return self._text


def status_line(location: Location, indexing: float, printed: bool = False) -> Text:
    """Section, paragraph n/N in it, the printed page, % read, indexing progress, "as printed"."""
    notes = [f"indexing {min(99, round(100 * indexing))}%" if indexing else "", "as printed" if printed else ""]
    note = "   ".join(n for n in notes if n)
    doc = location.doc
    if doc is None or not doc.blocks:
        return _status("", (0, 0), "", 100, note or "empty document")
    block = min(location.block, len(doc.blocks) - 1)
    place = place_of(doc, block)
    total = (
        len(doc.paragraphs_of(place.section))
        if place.section
        else sum(1 for b in doc.blocks if b.kind in ("paragraph", "item"))
    )
    label = ""
    if place.section is not None:
        label = place.section.number or place.section.title
        # the printed labels: 二、(三) from the top in Chinese; the section's own elsewhere (5.2.)
        chain = doc.label_chain(place.section) if doc.metadata.language.startswith("zh") else place.section.label
        if chain and chain.rstrip(".．") != label:
            label = f"{label} {chain}"
    percent = min(100, round(100 * doc.blocks[block].source.end / _length(doc)))
    on_page = doc.blocks[block].page_label or doc.metadata.page
    page = page_name(doc, on_page) if on_page else ""
    return _status(label, (place.paragraph, max(total, place.paragraph)), page, percent, note)


def _length(doc: Document) -> int:
    """The length of the whole source (a partial model covers only some of it)."""
    return max(doc.metadata.length, doc.blocks[-1].source.end) or 1


def _status(section: str, paragraph: tuple[int, int], page: str, percent: int, note: str) -> Text:
    """The status line's text."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"§ {section}" if section else "§ –", style="bold")
    text.append(f"   ¶ {paragraph[0]}/{paragraph[1]}")
    if page:
        text.append(f"   {page}")
    text.append(f"   {percent}%")
    if note:
        text.append(f"   {note}", style="italic")
    return text
