"""Modal screens: go to section, help, bookmarks, citation style (a list, or any id typed), a quote kept for copying by hand."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical, {name} > VerticalScroll {{ width: 72; max-width: 95%; height: auto; max-height: 90%;
    border: thick $primary; background: $surface; padding: 1 2; }}
"""


class GotoScreen(ModalScreen[str | None]):
    """Asks where to go: ``2.3``, ``二(三)``, ``(三)``, ``2.3:4``, a title prefix or a page (``p2``),
    with completion."""

    DEFAULT_CSS = MODAL_CSS.format(name="GotoScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, choices: list[str]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        """Lay out the prompt."""
        with Vertical():
            yield Static("Go to section: 2.3 · 二(三) · (三) · 2.3:4 (4th paragraph) · a title · page: p2, 第2版")
            yield Input(placeholder="2.3", suggester=SuggestFromList(self.choices, case_sensitive=False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Return what was typed."""
        value = event.value.strip()
        self.dismiss(value.split(" ", 1)[0] if value and value[0].isdigit() else value)

    def action_cancel(self) -> None:
        """Close without going anywhere."""
        self.dismiss(None)


class AskScreen(ModalScreen[str | None]):
    """Asks for a name from a long list (a citation style id), with completion as you type."""

    DEFAULT_CSS = MODAL_CSS.format(name="AskScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: str, choices: list[str], placeholder: str = "") -> None:
        super().__init__()
        self.prompt = prompt
        self.choices = choices
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """Lay out the prompt."""
        with Vertical():
            yield Static(Text(self.prompt))
            yield Input(placeholder=self.placeholder, suggester=SuggestFromList(self.choices, case_sensitive=False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Return what was typed."""
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one entry from a list (bookmarks, citation styles)."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChoiceScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], empty: str = "nothing here yet") -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.empty = empty

    def compose(self) -> ComposeResult:
        """Lay out the list."""
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            if self.options:
                yield OptionList(*[Option(Text(label), id=key) for key, label in self.options])
            else:
                yield Static(Text(self.empty, style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the chosen key."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class TextScreen(ModalScreen[None]):
    """Shows plain text (help, or a quote the clipboard refused) until a key closes it; the arrows
    scroll what does not fit."""

    DEFAULT_CSS = MODAL_CSS.format(name="TextScreen") + "TextScreen Static { height: auto; }"
    BINDINGS = [Binding("escape,q,enter,question_mark", "close", "Close")]

    def __init__(self, title: str, body: RenderableType) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        """Lay out the text."""
        with VerticalScroll():
            yield Static(Text(self.title_text, style="bold"))
            yield Static(self.body)

    def action_close(self) -> None:
        """Close the screen."""
        self.dismiss(None)


def key_table(keys: tuple[tuple[str, str], ...]) -> Table:
    """The help's key table: each description wraps under its own column (a hanging indent)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, what in keys:
        table.add_row(Text(key), Text(what))
    return table
