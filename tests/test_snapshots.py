"""Screens as a person sees them: the main screen at 120×40 and 80×24 (pytest-textual-snapshot)."""

from __future__ import annotations

import pytest

from reader.source import read_input
from reader.state import StateStore
from reader.tui.app import ReaderApp
from tests.conftest import SAMPLE


def _app(tmp_path) -> ReaderApp:
    return ReaderApp(read_input(str(SAMPLE)), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)


async def _ready(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=_ready)


def test_after_going_to_a_section(snap_compare, tmp_path):
    async def go(pilot) -> None:
        await _ready(pilot)
        await pilot.press("colon", *"2.2", "enter")
        await pilot.pause()

    assert snap_compare(_app(tmp_path), terminal_size=(120, 40), run_before=go)


def test_outline_with_the_documents_labels_at_80x24(snap_compare, tmp_path):
    async def go(pilot) -> None:
        await _ready(pilot)
        await pilot.press("colon", *"(三)", "enter")
        await pilot.pause()

    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=go)


def test_a_selection_of_words_at_80x24(snap_compare, tmp_path):
    async def go(pilot) -> None:
        await _ready(pilot)
        await pilot.press("colon", *"2.2:2", "enter", "v", "v", "v")
        await pilot.app.workers.wait_for_complete()  # (jieba's words)
        await pilot.press("j", "j", "j")
        await pilot.pause()

    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=go)


def test_the_help_screen_at_80x24(snap_compare, tmp_path):
    async def go(pilot) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=go)
