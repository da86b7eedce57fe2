"""FiguresPane: the figures of the current section (or all), each value, unit and label; in section
order or by label, all of them or only targets or only outcomes."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.model.document import Document, Figure
from reader.tui.location import Location, follow_location

ALL_LIMIT = 5000
KIND_FILTERS: tuple[str | None, ...] = (None, "target", "outcome")  # ``t`` steps through them
_KIND_NAMES = {"target": "targets", "outcome": "outcomes"}


class FiguresPane(OptionList):
    """Lists figures; Enter posts ``FiguresPane.Chosen``, ``c`` posts ``FiguresPane.CopyRequested``;
    ``s`` sorts by label (or back to section order), ``t`` shows targets, outcomes or all."""

    DEFAULT_CSS = """
    FiguresPane { width: 34; border-left: solid $primary-background; background: $panel; }
    """
    BINDINGS = [
        Binding("c", "copy_figure", "Copy figure", show=False),
        Binding("a", "toggle_all", "All figures", show=False),
        Binding("s", "toggle_sort", "Sort figures", show=False),
        Binding("t", "cycle_kind", "Targets / outcomes", show=False),
    ]

    class Chosen(Message):
        """The user chose a figure (an index into ``doc.figures``): jump to it."""

        def __init__(self, figure: int, doc: Document | None) -> None:
            self.figure = figure
            self.doc = doc
            super().__init__()

    class CopyRequested(Message):
        """The user asked to copy a figure (an index into ``doc.figures``) with its citation."""

        def __init__(self, figure: int, doc: Document | None) -> None:
            self.figure = figure
            self.doc = doc
            super().__init__()

    location: var[Location] = var(Location())
    """Where the reader is (bound from the screen): its section's figures are listed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc: Document | None = None
        self.show_all = False
        self.by_label = False
        self.kind: str | None = None
        self._section: str | None = None
        self._shown: list[int] = []

    def watch_location(self, location: Location) -> None:
        """Follow the location: a new document a frame after the text, then its section's figures."""
        follow_location(self, location)

    def show_location(self, location: Location) -> None:
        """List the figures of the section holding the location's block."""
        doc = location.doc
        if doc is not None and doc.blocks:
            self.show_section(doc.blocks[min(location.block, len(doc.blocks) - 1)].section)

    def set_document(self, doc: Document) -> None:
        """Use ``doc``'s figures."""
        self.doc = doc
        self._section = "\0"
        self.border_title = "Figures"

    def show_section(self, key: str | None, force: bool = False) -> None:
        """List the figures of section ``key`` (or all of them when the toggle is on)."""
        if self.doc is None or (key == self._section and not force):
            return
        self._section = key
        doc = self.doc
        section = doc.section(key) if key else None
        if self.show_all:
            figures: list[Figure] = list(doc.figures)
            title = "All figures"
        else:
            figures = doc.figures_of(section) if section else [f for f in doc.figures if f.section is None]
            title = f"Figures of {section.number or section.title}" if section else "Figures"
        if self.kind is not None:
            figures = [f for f in figures if f.kind == self.kind]
        if self.by_label:
            figures = sorted(figures, key=lambda f: (f.label, f.index))  # by label, section order within
        total = len(figures)
        figures = figures[:ALL_LIMIT]
        self.border_title = " · ".join(
            part
            for part in (
                f"{title} ({total})" if self.show_all else title,
                _KIND_NAMES.get(self.kind or "", ""),
                "by label" if self.by_label else "",
            )
            if part
        )
        self._shown = [f.index for f in figures]
        self.clear_options()
        self.add_options([Option(_figure_label(f), id=str(f.index)) for f in figures])
        if not figures:
            self.add_option(Option(Text("no figures here", style="dim"), disabled=True))

    def action_toggle_all(self) -> None:
        """Switch between this section's figures and all figures."""
        self.show_all = not self.show_all
        self.show_section(self._section, force=True)

    def action_toggle_sort(self) -> None:
        """Sort by label, or back to section order."""
        self.by_label = not self.by_label
        self.show_section(self._section, force=True)

    def action_cycle_kind(self) -> None:
        """Show all figures, then only targets, then only outcomes."""
        self.kind = KIND_FILTERS[(KIND_FILTERS.index(self.kind) + 1) % len(KIND_FILTERS)]
        self.show_section(self._section, force=True)

    def _highlighted_figure(self) -> int | None:
        """The figure under the highlight."""
        if self.highlighted is None or self.highlighted >= len(self._shown):
            return None
        return self._shown[self.highlighted]

    def action_copy_figure(self) -> None:
        """Ask the app to copy the highlighted figure."""
        figure = self._highlighted_figure()
        if figure is not None:
            self.post_message(self.CopyRequested(figure, self.doc))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a figure: jump to it."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id), self.doc))


def _figure_label(figure: Figure) -> Text:
    """One row of the list: value and unit, then what it measures."""
    text = Text()
    text.append(figure.text, style="bold green" if figure.kind == "outcome" else "bold yellow")
    if figure.label:
        text.append("  " + figure.label, style="")
    return text
