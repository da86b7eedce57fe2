"""The side panes' share of the app: room kept for them on the first frame, mounting them just
after it, and showing or hiding them by the reader's choice and the terminal's width."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Footer, Header

from reader.tui.bars import StatusBar

if TYPE_CHECKING:
    from reader.model.document import Document
    from reader.state import DocState

NARROW, VERY_NARROW = 110, 76  # below these widths the figures, then the outline, fold away


class SidePanes:
    """Mounting, showing and hiding the outline and figures panes (mixed into ReaderApp)."""

    document: Any
    location: int
    text: Any
    state: DocState
    size: Any
    _side: tuple[Any, Any] | None
    _forced: set[str]
    _complete: bool
    _status: StatusBar
    _closing: bool
    screen: Any

    def _reserve_side_panes(self, reserve: bool) -> None:
        """Until the header, footer and side panes mount, keep their room empty, so the first
        screen's text is wrapped at its final width and does not move when they arrive."""
        plan = self._pane_plan() if reserve else {"outline": 0, "figures": 0}
        self.text.styles.margin = (0, plan["figures"], 0, plan["outline"])
        self.query_one("#panes").styles.margin = (1 if reserve else 0, 0, 0, 0)
        self._status.styles.margin = (0, 0, 1 if reserve else 0, 0)

    def _mount_side_panes(self) -> None:
        """After the first paint: the outline and figures panes, then the full model in a worker
        (nothing when the reader quit before that paint was over)."""
        from textual.app import ScreenStackError

        try:
            if self._closing or not self.screen.is_attached:
                return
        except ScreenStackError:
            return
        from reader.tui.figures_pane import FiguresPane
        from reader.tui.outline_pane import OutlinePane

        self._reserve_side_panes(False)
        self.mount(Header(show_clock=False), before=0)
        self.mount(Footer())
        self.call_after_refresh(self.refresh_bindings)
        panes = self.query_one("#panes")
        outline, figures = OutlinePane(id="outline"), FiguresPane(id="figures")
        panes.mount(outline, before=self.text)
        panes.mount(figures)
        self._side = (outline, figures)
        if self.document is not None:
            outline.set_document(self.document)
            figures.set_document(self.document)
            self._follow(self.location)
        self._apply_panes()
        if not self._complete:
            self.build_full_model()

    def _show_side(self, doc: Document) -> None:
        """Give the side panes ``doc`` (unless another document came meanwhile) and its place."""
        if self._side is None or doc is not self.document:
            return
        self._side[0].set_document(doc)
        self._side[1].set_document(doc)
        self._follow(self.location)

    def action_toggle_pane(self, name: str) -> None:
        """``o``/``f``: show or hide a side pane."""
        if self._side is None:
            return
        pane = self._side[0] if name == "outline" else self._side[1]
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
        if self._side is None:
            return
        plan = self._pane_plan()
        for name, pane in zip(("outline", "figures"), self._side, strict=True):
            show = plan[name] > 0
            if show:
                pane.styles.width = plan[name]
            pane.set_class(not show, "-hidden")
            if not show and pane.has_focus:
                self.text.focus()

    def _pane_plan(self) -> dict[str, int]:
        """The width of each side pane at the terminal's width and the reader's choice (0: hidden)."""
        width = self.size.width
        fits = {"figures": width >= NARROW, "outline": width >= VERY_NARROW}
        sizes = {"outline": 32 if width >= NARROW else 24, "figures": 34}
        return {
            name: sizes[name] if getattr(self.state, name) and (fits[name] or name in self._forced) else 0
            for name in ("outline", "figures")
        }
