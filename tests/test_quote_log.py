"""The quote log: every quote copied lands, with its citation, in the document's Markdown notes file."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from reader.citation.log import Entry, append_entry, data_dir, log_path, read_log
from reader.citation.quote import cite, log_quote
from reader.cite import place_of
from reader.source import read_input
from reader.tui.app import ReaderApp
from reader.tui.screens import AskScreen, ChoiceScreen, TextScreen
from tests.conftest import SAMPLE, build
from tests.test_tui import Terminal, make_app, no_system_clipboard, settle  # noqa: F401 (fixture)

NEWS = "▲上接01版 第一段到此结束了啊。\n\n二、重点工作\n\n(一)抓好项目。全年实施项目549个,完成投资1068亿元。\n\n▶下转03版\n"


def test_the_log_lives_under_the_data_dir_and_is_plain_markdown(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    doc = build(NEWS, "株洲 news.txt")
    block = doc.paragraphs_of(doc.section("2.1"))[0].index
    place = place_of(doc, block)
    cited = cite(doc, place, "gbt7714")
    path = log_quote(doc, doc.blocks[block].text, place, cited, when=dt.datetime(2026, 11, 27, 9, 30))
    assert data_dir() == tmp_path / "data" and path.parent == tmp_path / "data" / "quotes"
    assert path.name.endswith(f"-{doc.metadata.content_hash[:8]}.md") and " " not in path.name
    text = path.read_text("utf-8")
    assert text.startswith("# Quotes from ")
    assert "## 2026-11-27 09:30 · 二、(一) 第1段 · 第02版" in text
    assert "> 全年实施项目549个" in text and cited.line() in text and "*(gbt7714)*" in text


def test_a_failed_write_keeps_the_earlier_entries(tmp_path, monkeypatch):
    doc = build(NEWS, "news.txt")
    append_entry(doc, Entry("第一条引文", "引文一", "plain"), tmp_path)

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        append_entry(doc, Entry("第二条引文", "引文二", "plain"), tmp_path)
    monkeypatch.undo()
    text = read_log(doc, tmp_path)
    assert "第一条引文" in text and "第二条引文" not in text
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_nothing_raw_from_the_document_reaches_the_log(tmp_path):
    doc = build(NEWS, "news.txt")
    append_entry(doc, Entry("引文\x1b[31m红\u202e字", "出处\x07", "plain"), tmp_path)
    text = read_log(doc, tmp_path)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text and "引文[31m红字" in text


async def test_two_y_presses_log_both_quotes_with_their_citations(tmp_path):
    terminal = Terminal()
    app = make_app(tmp_path, terminal=terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.reader.state.style = "gbt7714"
        await pilot.press("y")
        await pilot.press("j", "y")
        await pilot.pause()
        text = read_log(app.reader.document)
        first, second = terminal.copied[-2:]
        assert first != second
        assert text.count("\n## ") == 2
        for copied in (first, second):
            body, citation = copied.split("\n\n")
            assert body in text and citation in text
            assert "临江市人民政府. 临江市政府工作报告[N]. 临江日报，2024-01-15（03）." in citation
        assert log_path(app.reader.document).parent == data_dir() / "quotes"


async def test_the_quote_log_palette_command_shows_the_file(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Quote log" in titles
        app.reader.action_quote_log()
        await pilot.pause()
        assert isinstance(app.screen, TextScreen) and "No quotes logged yet" in str(app.screen.body)
        await pilot.press("escape", "y")
        await pilot.pause()
        app.reader.action_quote_log()
        await pilot.pause()
        assert isinstance(app.screen, TextScreen) and "过去一年" in str(app.screen.body)
        assert str(log_path(app.reader.document)) in app.screen.title_text


async def test_Y_lists_the_common_styles_and_takes_any_installed_one_by_id(tmp_path):
    terminal = Terminal()
    app = ReaderApp(read_input(str(SAMPLE)), None, terminal_writer=terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("Y")
        assert isinstance(app.screen, ChoiceScreen)
        keys = [key for key, _ in app.screen.options]
        assert keys[:5] == ["plain", "markdown", "gbt7714", "gbt7714-2015", "apa"]
        assert "modern-language-association" in keys and "chicago-author-date" in keys
        app.screen.dismiss(keys[-1])  # "Other: any installed CSL style by id"
        await pilot.pause()
        assert isinstance(app.screen, AskScreen) and "elsevier-harvard" in app.screen.choices
        await pilot.press(*"nature", "enter")
        await pilot.pause()
        assert app.reader.state.style == "nature"
        await pilot.press("Y")
        assert ("nature", "Nature  ✓") in app.screen.options
        app.screen.dismiss("modern-language-association")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "临江市政府工作报告" in terminal.copied[-1] and "par." in terminal.copied[-1]
