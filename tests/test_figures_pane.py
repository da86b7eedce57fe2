"""The figures pane: sorted in section order or by label, all figures or only targets or outcomes."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.tui.figures_pane import FiguresPane
from tests.conftest import build

REPORT = (
    "一、2025年工作回顾\n\n"
    "过去一年，地区生产总值增长5.6%，城镇新增就业8.2万人，粮食产量120亿斤。\n\n"
    "二、2026年工作安排\n\n"
    "主要预期目标是：地区生产总值增长5%左右，城镇新增就业8万人以上，粮食产量稳定在118亿斤以上。\n"
)


class PaneApp(App):
    """Just the figures pane, showing all figures of the report."""

    def compose(self) -> ComposeResult:
        yield FiguresPane(id="figures")

    def on_mount(self) -> None:
        pane = self.query_one(FiguresPane)
        pane.set_document(build(REPORT))
        pane.show_all = True
        pane.show_section(None, force=True)
        pane.focus()


def shown(pane: FiguresPane) -> list[tuple[str, str]]:
    """The (label, kind) of each figure the pane lists, in order."""
    assert pane.doc is not None
    return [(pane.doc.figures[i].label, pane.doc.figures[i].kind) for i in pane._shown]


async def test_s_sorts_by_label_and_back_and_t_steps_through_targets_outcomes_all():
    app = PaneApp()
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(FiguresPane)
        in_order = shown(pane)
        assert [kind for _, kind in in_order] == ["outcome"] * 3 + ["target"] * 3
        await pilot.press("s")
        by_label = shown(pane)
        assert [label for label, _ in by_label] == sorted(label for label, _ in in_order)
        assert "by label" in str(pane.border_title)
        await pilot.press("t")
        assert {kind for _, kind in shown(pane)} == {"target"} and len(shown(pane)) == 3
        assert "targets" in str(pane.border_title)
        await pilot.press("t")
        assert {kind for _, kind in shown(pane)} == {"outcome"}
        await pilot.press("t", "s")
        assert shown(pane) == in_order
