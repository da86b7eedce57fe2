"""SearchBar (incremental search input) and StatusBar (section, paragraph n/N, % read, progress)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input


class SearchBar(Input):
    """The ``/`` prompt: each change posts ``SearchBar.Changed``; Enter or Escape closes it."""

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
    """One line: where the reader is, and the indexing progress of a large document."""

    DEFAULT_CSS = "StatusBar { height: 1; background: $primary-background; padding: 0 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, section: str, paragraph: tuple[int, int], percent: int, note: str = "", page: str = "") -> None:
        """Update the status line (a repaint of this line only: its size never changes); ``page``:
        the printed page the reader is on, as the status line names it (``p. 27``)."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"§ {section}" if section else "§ –", style="bold")
        text.append(f"   ¶ {paragraph[0]}/{paragraph[1]}")
        if page:
            text.append(f"   {page}")
        text.append(f"   {percent}%")
        if note:
            text.append(f"   {note}", style="italic")
        if text.plain != self._text.plain:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        """The status text."""
        return self._text
