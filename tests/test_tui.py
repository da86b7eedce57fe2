"""Every key path of the TUI, driven with Textual's Pilot."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from reader.source import Input, read_input
from reader.state import StateStore
from reader.tui.app import ReaderApp
from reader.tui.figures_pane import FiguresPane
from reader.tui.outline_pane import OutlinePane
from reader.tui.screens import ChoiceScreen, GotoScreen, TextScreen
from tests.conftest import SAMPLE

_OSC52 = re.compile(r"\x1b\]52;c;([A-Za-z0-9+/=]+)\x07")


class Terminal:
    """Captures what the app writes to the terminal for the clipboard."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def __call__(self, sequence: str) -> None:
        self.writes.append(sequence)

    @property
    def copied(self) -> list[str]:
        return [base64.b64decode(m.group(1)).decode() for w in self.writes if (m := _OSC52.match(w))]


def make_app(tmp_path: Path, source: Input | None = None, terminal: Terminal | None = None) -> ReaderApp:
    return ReaderApp(
        source or read_input(str(SAMPLE)), StateStore(tmp_path / "state"), terminal_writer=terminal or Terminal()
    )


async def settle(app: ReaderApp, pilot) -> None:
    """Wait until the full model has replaced the quick one."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def top_block(app: ReaderApp) -> int:
    return app.reader.text.top_anchor[0]


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("TMUX", raising=False)


async def test_opens_on_the_reflowed_text_and_quits(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.reader.title == "临江市政府工作报告"
        assert "第03版" in app.reader.sub_title
        first = app.reader.document.blocks[app.reader.text.cursor]
        assert first.text.startswith("过去一年")
        await pilot.press("q")
    assert app.return_code == 0


async def test_j_and_k_move_the_location_and_the_status(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        start = app.reader.block
        await pilot.press("j", "j")
        assert app.reader.block > start
        status = str(app.query_one("#status").render())
        assert "¶ 3/" in status
        await pilot.press("k")
        assert "¶ 2/" in str(app.query_one("#status").render())


async def test_scrolling_moves_the_location_and_g_G_go_to_the_ends(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = app.reader.block
        await pilot.press("pagedown", "pagedown")
        assert app.reader.block > before and app.reader.text.scroll_y > 0
        await pilot.press("G")
        last = [b.index for b in app.reader.document.blocks if b.is_reading][-1]
        assert app.reader.block == last
        await pilot.press("g")
        assert app.reader.text.scroll_y == 0
        await pilot.press("space")
        assert app.reader.text.scroll_y > 0
        await pilot.press("down")


async def test_go_to_a_section_by_number_puts_its_heading_on_top(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon")
        assert isinstance(app.screen, GotoScreen)
        await pilot.press(*"2.2", "enter")
        await pilot.pause()
        block = app.reader.document.blocks[app.reader.block]
        assert block.heading is not None and block.heading.number == "2.2"
        assert top_block(app) == app.reader.block
        assert app.query_one(OutlinePane).cursor_node.data == "2.2"


@pytest.mark.parametrize(
    ("typed", "expect"),
    [("二(三)", "2.3"), ("2.1.2", "2.1.2"), ("2.2:2", "2.2"), ("扎实推进", "2.2.1")],
)
async def test_go_to_forms(tmp_path, typed, expect):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon")
        await pilot.press(*typed, "enter")
        await pilot.pause()
        section = app.reader.document.section(expect)
        if ":" in typed:
            assert app.reader.block == app.reader.document.paragraphs_of(section)[1].index
        else:
            assert app.reader.block == section.first_block


async def test_go_to_within_the_current_chapter_and_unknown_sections(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.1", "enter", "colon", *"(三)", "enter")
        await pilot.pause()
        assert app.reader.block == app.reader.document.section("2.3").first_block
        here = app.reader.block
        await pilot.press("colon", *"9.9", "enter")
        await pilot.pause()
        assert app.reader.block == here
        assert any("no section 9.9" in n.message for n in app._notifications)


async def test_brackets_step_through_sections(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        starts = sorted({s.first_block for s in app.reader.document.sections})
        await pilot.press("right_square_bracket")
        assert app.reader.block == next(b for b in starts if b > 0)
        await pilot.press("right_square_bracket", "right_square_bracket")
        third = app.reader.block
        await pilot.press("left_square_bracket")
        assert app.reader.block < third and app.reader.block in starts


async def test_incremental_search_and_n(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"乡村", "enter")
        await pilot.pause()
        first = app.reader.block
        assert "乡村" in app.reader.document.blocks[first].text
        await pilot.press("n")
        second = app.reader.block
        assert second != first and "乡村" in app.reader.document.blocks[second].text
        await pilot.press("N")
        assert app.reader.block == first


async def test_y_copies_the_paragraph_with_its_citation_through_osc52(tmp_path):
    terminal = Terminal()
    app = make_app(tmp_path, terminal=terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.2:2", "enter", "y")
        await pilot.pause()
        quote = terminal.copied[-1]
        paragraph = app.reader.document.paragraphs_of(app.reader.document.section("2.2"))[1].text
        assert quote.startswith("“" + paragraph + "”")
        assert "二、(二) 第2段" in quote and "临江日报" in quote
        assert any("Copied to the terminal" in n.message for n in app._notifications)


async def test_y_inside_tmux_also_sends_the_passthrough_form(tmp_path, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    terminal = Terminal()
    app = make_app(tmp_path, terminal=terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert any(w.startswith("\x1bPtmux;") for w in terminal.writes)


async def test_visual_selection_of_paragraphs_and_sentences(tmp_path):
    terminal = Terminal()
    app = make_app(tmp_path, terminal=terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        start = app.reader.block
        await pilot.press("v", "j", "y")
        await pilot.pause()
        two = terminal.copied[-1]
        texts = [b.text for b in app.reader.document.blocks[start:] if b.is_reading][:2]
        assert texts[0] in two and texts[1] in two
        await pilot.press("g", "v", "v", "j", "y")
        await pilot.pause()
        sentences = terminal.copied[-1]
        first_two = "过去一年，全市上下团结奋斗，经济运行稳中向好。地区生产总值达到1265.4亿元，同比增长6.2%；"
        assert sentences.startswith("“" + first_two + "”")


async def test_Y_changes_the_citation_style(tmp_path):
    terminal = Terminal()
    app = make_app(tmp_path, terminal=terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("Y")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")  # plain → markdown
        await pilot.press("y")
        await pilot.pause()
        assert terminal.copied[-1].startswith("> ")
        assert app.reader.state.style == "markdown"


async def test_bookmarks(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.3", "enter", "m", "g")
        marked = app.reader.document.section("2.3").first_block
        await pilot.press("apostrophe")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.block == marked


async def test_pane_toggles_and_narrow_terminals(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        outline, figures = app.query_one("#outline"), app.query_one("#figures")
        assert outline.display and figures.display
        await pilot.press("o")
        assert not outline.display
        await pilot.press("f", "o")
        assert outline.display and not figures.display
        await pilot.resize_terminal(80, 24)
        await pilot.press("f")
        assert figures.display
    narrow = make_app(tmp_path / "b")
    async with narrow.run_test(size=(80, 24)) as pilot:
        await settle(narrow, pilot)
        assert not narrow.query_one("#figures").display  # side panes collapse first


async def test_enter_on_a_figure_jumps_to_it_and_c_copies_it(tmp_path):
    terminal = Terminal()
    app = make_app(tmp_path, terminal=terminal)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.2", "enter")
        pane = app.query_one(FiguresPane)
        pane.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = app.reader.document.figures[pane._shown[pane.highlighted]]
        assert chosen.section == "2.2"
        assert app.reader.block == chosen.block and app.reader.text.search == chosen.text
        pane.focus()
        await pilot.press("c")
        await pilot.pause()
        assert chosen.text in terminal.copied[-1] and "二、(二)" in terminal.copied[-1]


async def test_choosing_an_outline_entry_moves_the_text(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        outline = app.query_one(OutlinePane)
        outline.focus()
        node = outline._section_nodes["2.2"]
        outline.move_cursor(node)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.block == app.reader.document.section("2.2").first_block


async def test_position_is_remembered_and_survives_a_resize(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.2", "enter")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert top_block(app) == app.reader.document.section("2.2").first_block
        await pilot.press("q")
    again = make_app(tmp_path)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert top_block(again) == again.reader.document.section("2.2").first_block


async def test_a_corrupt_state_file_is_set_aside_with_a_notice(tmp_path):
    source = read_input(str(SAMPLE))
    from reader.source import content_hash

    state_dir = tmp_path / "state"
    state_dir.mkdir()
    (state_dir / f"{content_hash(source.data)}.json").write_text("{not json")
    app = make_app(tmp_path, source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert any("corrupt" in n.message for n in app._notifications)
        assert list(state_dir.glob("*.corrupt-*.json"))


async def test_a_clipboard_failure_keeps_the_quote_on_screen(tmp_path):
    def broken(_sequence: str) -> None:
        raise OSError("terminal gone")

    app = ReaderApp(read_input(str(SAMPLE)), StateStore(tmp_path), terminal_writer=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        assert app.reader.last_quote.startswith("“过去一年")
        assert any("Could not copy" in n.message for n in app._notifications)


async def test_markup_in_the_document_is_shown_literally(tmp_path):
    source = Input(
        "[bold red]警告[/bold red] 和 [link=file:///etc/passwd]链接[/link] 照原样显示。\n".encode(), "markup.txt", None
    )
    app = make_app(tmp_path, source)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(app, pilot)
        line = "".join(segment.text for segment in app.reader.text.render_line(0))
        assert "[bold red]警告[/bold red]" in line and "[link=file:///etc/passwd]" in line


async def test_help_and_command_palette(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, TextScreen)
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Go to section" in titles and "Copy quote" in titles


async def test_tab_moves_focus_between_panes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.focused is app.reader.text
        await pilot.press("tab")
        assert app.focused is app.query_one(FiguresPane)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is app.query_one(OutlinePane)


async def test_a_jump_before_the_full_model_arrives_lands_in_the_same_place(tmp_path, monkeypatch):
    import threading

    import reader.pipeline.build as build

    real = build.build_document
    release = threading.Event()

    def held_build(*args, **kwargs):
        release.wait(10)  # the full model arrives only after the reader has moved
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "build_document", held_build)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.05)
        await pilot.press("colon", *"2.3", "enter")
        await pilot.pause()
        quick = app.reader.document
        release.set()
        await settle(app, pilot)
        assert app.reader.document is not quick
        heading = app.reader.document.section("2.3").first_block
        assert app.reader.block == heading and top_block(app) == heading


async def test_the_status_line_shows_indexing_progress_until_the_full_model_arrives(tmp_path, monkeypatch):
    import threading

    import reader.pipeline.build as build

    real = build.build_document
    halfway = threading.Event()
    release = threading.Event()

    def slow_build(*args, **kwargs):
        report = kwargs.get("progress")
        if report is None:  # the quick build of the first screen
            return real(*args, **kwargs)
        report(0.4)
        halfway.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "build_document", slow_build)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if halfway.is_set() and "indexing 36%" in str(app.query_one("#status").render()):
                break
        assert "indexing 36%" in str(app.query_one("#status").render())  # 0.4 of the building share
        release.set()
        await settle(app, pilot)
        assert "indexing" not in str(app.query_one("#status").render())


async def test_quitting_before_the_side_panes_arrive_is_clean(tmp_path):
    """q at once: the panes that were to mount after the first frame are not mounted on a closing app."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0 and app._exception is None
