"""Panes: outline | text | figures side by side. The side panes mount just after the first frame
(their room kept empty until then) and fold away by the reader's choice and the terminal's width."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var

from reader.tui.figures_pane import FiguresPane
from reader.tui.outline_pane import Outline
from reader.tui.text_view import TextView

NARROW, VERY_NARROW = 110, 76  # below these widths the figures, then the outline, fold away
SIDES = ("outline", "figures")


class Panes(Horizontal):
    """The text pane between the outline and the figures (which the screen binds to its location)."""

    DEFAULT_CSS = "Panes { height: 1fr; } Panes > .-hidden { display: none; }"

    outline: var[bool] = var(True)
    """The reader wants the outline (it may still fold away on a narrow terminal)."""
    figures: var[bool] = var(True)
    """The reader wants the figures pane."""

    def __init__(self, text: TextView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.sides: dict[str, Outline | FiguresPane] = {}  # empty until mounted
        self._forced: set[str] = set()  # shown on the reader's word although the terminal is narrow
        self._width = 0  # the terminal width the panes were last folded for

    def compose(self) -> ComposeResult:
        """The text pane (the side panes come after the first frame)."""
        yield self.text

    def reserve(self, reserve: bool) -> None:
        """Keep the side panes' room empty until they mount, so the first frame's text is wrapped
        at its final width and does not move when they arrive."""
        plan = self.plan() if reserve else {name: 0 for name in SIDES}
        self.text.styles.margin = (0, plan["figures"], 0, plan["outline"])

    def mount_sides(self, outline: Outline, figures: FiguresPane) -> None:
        """Mount the outline and figures panes in the room kept for them."""
        self.reserve(False)
        self.mount(outline, before=self.text)
        self.mount(figures)
        self.sides = {"outline": outline, "figures": figures}
        self._apply()

    def watch_outline(self) -> None:
        """Show or hide the outline."""
        self._apply()

    def watch_figures(self) -> None:
        """Show or hide the figures pane."""
        self._apply()

    def toggle(self, name: str) -> bool:
        """Show a side pane that is hidden (even on a narrow terminal), or hide a shown one;
        returns whether it is shown now."""
        pane = self.sides.get(name)
        if pane is None:
            return bool(getattr(self, name))
        shown = pane.has_class("-hidden")
        self._forced.add(name)
        setattr(self, name, shown)
        self._apply()  # (also when the choice was already so: a narrow terminal had folded it)
        return shown

    def on_resize(self) -> None:
        """The terminal's width changed: fold the side panes at narrow widths (figures first);
        the reader's overrides lapse."""
        if self.app.size.width != self._width:
            self._width = self.app.size.width
            self._forced.clear()
            self._apply()

    def _apply(self) -> None:
        """Show or hide the side panes from the reader's choice and the terminal's width."""
        if not self.sides:
            return
        plan = self.plan()
        for name, pane in self.sides.items():
            show = plan[name] > 0
            if show:
                pane.styles.width = plan[name]
            pane.set_class(not show, "-hidden")
            if not show and pane.has_focus_within:
                self.text.focus()

    def plan(self) -> dict[str, int]:
        """The width of each side pane at the terminal's width and the reader's choice (0: hidden)."""
        width = self.app.size.width
        fits = {"figures": width >= NARROW, "outline": width >= VERY_NARROW}
        sizes = {"outline": 32 if width >= NARROW else 24, "figures": 34}
        wanted = {"outline": self.outline, "figures": self.figures}
        return {
            name: sizes[name] if wanted[name] and (fits[name] or name in self._forced) else 0 for name in SIDES
        }
