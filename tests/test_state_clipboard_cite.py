"""Remembered state, the clipboard fallbacks, citation styles and go-to resolution."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from dataclasses import replace
from multiprocessing import Process

import pytest

from reader.cite import citation, place_of, quote_text
from reader.clipboard import copy_text, osc52, safe_text, tmux_passthrough
from reader.locate import completions, resolve
from reader.state import DocState, StateStore
from tests.conftest import build


# -- state ------------------------------------------------------------------
def test_state_round_trip_and_atomic_file(tmp_path):
    store = StateStore(tmp_path)
    state = DocState(position=120, offset=7, bookmarks=[5, 3], style="apa", outline=False)
    assert store.save("abc", state)
    again = StateStore(tmp_path).load("abc")
    assert (again.position, again.offset, again.bookmarks, again.style, again.outline) == (120, 7, [3, 5], "apa", False)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".lock")] == ["abc.json"]


def test_a_corrupt_state_file_is_set_aside(tmp_path):
    (tmp_path / "abc.json").write_text("{oops")
    store = StateStore(tmp_path)
    assert store.load("abc") == DocState()
    assert "corrupt" in store.warnings[0]
    assert list(tmp_path.glob("abc.corrupt-*.json"))


def test_wrong_types_in_a_state_file_fall_back_to_defaults(tmp_path):
    (tmp_path / "abc.json").write_text(json.dumps({"position": "x", "bookmarks": [1, "y", 2], "style": 3}))
    state = StateStore(tmp_path).load("abc")
    assert state.position == 0 and state.bookmarks == [1, 2] and state.style == "plain"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_state_directory_gives_one_warning(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    store = StateStore(locked / "state")
    assert not store.save("abc", DocState())
    assert not store.save("abc", DocState())
    assert len(store.warnings) == 1


def test_a_state_directory_that_is_a_file_gives_one_warning(tmp_path):
    blocker = tmp_path / "state"
    blocker.write_text("not a directory")
    store = StateStore(blocker)
    assert not store.save("abc", DocState()) and not store.save("abc", DocState())
    assert len(store.warnings) == 1 and blocker.read_text() == "not a directory"


def _hammer(directory: str, n: int) -> None:
    store = StateStore(__import__("pathlib").Path(directory))
    for i in range(200):
        store.save("doc", DocState(position=n * 1000 + i, bookmarks=list(range(n, n + 50))))


def test_two_readers_saving_at_once_never_leave_a_torn_file(tmp_path):
    workers = [Process(target=_hammer, args=(str(tmp_path), n)) for n in (1, 2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    data = json.loads((tmp_path / "doc.json").read_text())
    assert data["position"] in (1199, 2199)
    assert not list(tmp_path.glob(".doc.*.tmp"))


# -- clipboard ----------------------------------------------------------------
def test_osc52_and_the_tmux_passthrough_form():
    seq = osc52("引文")
    assert seq == "\x1b]52;c;" + base64.b64encode("引文".encode()).decode() + "\x07"
    wrapped = tmux_passthrough(seq)
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]52;c;") and wrapped.endswith("\x1b\\")


def test_copy_falls_back_to_osc52_without_a_display(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    written: list[str] = []
    result = copy_text("“引文”\x1b[31m", written.append, in_tmux=True)
    assert result.ok and "OSC 52" in result.way and "tmux" in result.way
    assert base64.b64decode(written[0][7:-1]).decode() == "“引文”[31m"  # the ESC never reaches it


def test_a_pyperclip_failure_falls_back_and_never_raises(monkeypatch):
    import pyperclip

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)

    def broken(_text: str) -> None:
        raise pyperclip.PyperclipException("no xclip")

    monkeypatch.setattr(pyperclip, "copy", broken)
    written: list[str] = []
    assert copy_text("x", written.append, in_tmux=False).way.startswith("the terminal")
    failed = copy_text("x", None)
    assert not failed.ok and "no xclip" in failed.error


def test_over_ssh_the_terminal_is_used(monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 1 10.0.0.2 22")
    written: list[str] = []
    assert copy_text("x", written.append, in_tmux=False).way == "the terminal (OSC 52)"


def test_safe_text_strips_controls_and_bidi():
    assert safe_text("a\x07b\u202ec\x9bd\ne") == "abcd\ne"


# -- citations -----------------------------------------------------------------
NEWS = "▲上接01版 第一段到此结束了啊。\n\n二、重点工作\n\n(一)抓好项目。全年实施项目549个,完成投资1068亿元。\n\n▶下转03版\n"


def _doc(**meta):
    doc = build(NEWS, "news.txt")
    return replace(doc, metadata=replace(doc.metadata, **meta)) if meta else doc


def test_plain_citation_names_the_section_chain_and_says_what_was_inferred():
    doc = build(NEWS, "news.txt")
    block = doc.paragraphs_of(doc.section("2.1"))[0].index
    text = quote_text(doc, [doc.blocks[block]], place_of(doc, block))
    assert text.startswith("“全年实施项目549个")
    assert "二、(一) 第1段" in text and "第02版" in text and "推断" in text


def test_gbt7714_newspaper_report_and_web_forms():
    base = build(NEWS, "news.txt")
    block = base.paragraphs_of(base.section("2.1"))[0].index
    news = _rebuild(base, author="株洲市人民政府", publisher="株洲日报", date="2023-01-10", title="政府工作报告")
    assert citation(news, place_of(news, block), "gbt7714").startswith(
        "株洲市人民政府. 政府工作报告[N]. 株洲日报，2023-01-10（02）. 二、(一) 第1段"
    )
    assert citation(news, place_of(news, block), "gbt7714-2015").startswith(
        "株洲市人民政府. 政府工作报告[N]. 株洲日报, 2023-01-10(02). 二、(一) 第1段"
    )
    report = _rebuild(
        build("二、重点工作\n\n(一)抓好项目。全年实施项目549个。\n", "r.txt"),
        author="株洲市人民政府",
        date="2023-01-10",
        title="政府工作报告",
        page=None,
    )
    first = report.paragraphs_of(report.section("2.1"))[0].index
    assert "政府工作报告[R]" in citation(report, place_of(report, first), "gbt7714")
    web = _rebuild(report, url="https://example.org/r", inferred=())
    day = dt.date(2026, 11, 27)
    assert citation(web, place_of(web, first), "gbt7714", day) == (
        "株洲市人民政府. 政府工作报告[EB/OL]. （2023-01-10）[2026-11-27]. https://example.org/r. 二、(一) 第1段"
    )
    assert citation(web, place_of(web, first), "gbt7714-2015", day) == (
        "株洲市人民政府. 政府工作报告[EB/OL]. (2023-01-10)[2026-11-27]. https://example.org/r. 二、(一) 第1段"
    )


def _rebuild(doc, **meta):
    from reader.model.document import Document

    return Document(replace(doc.metadata, **meta), doc.blocks, doc.sections, doc.figures)


def test_markdown_and_apa_styles():
    doc = _rebuild(build(NEWS, "news.txt"), author="株洲市人民政府", date="2023-01-10", publisher="株洲日报")
    block = doc.paragraphs_of(doc.section("2.1"))[0].index
    md = quote_text(doc, [doc.blocks[block]], place_of(doc, block), "markdown")
    assert md.splitlines()[0].startswith("> 全年实施项目") and md.splitlines()[-1].startswith("> —— ")
    apa = quote_text(doc, [doc.blocks[block]], place_of(doc, block), "apa")
    assert apa.splitlines()[0].endswith("(株洲市人民政府, 2023, Section 2.1, para. 1)")
    assert apa.splitlines()[-1].startswith("株洲市人民政府. (2023, January 10). ")


# -- go to -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "number", "paragraph"),
    [
        ("2.1", "2.1", None),
        ("二(一)", "2.1", None),
        ("二、(一)", "2.1", None),
        ("2.1:1", "2.1", 1),
        ("重点", "2", None),
        ("(一)", "2.1", None),
        ("2", "2", None),
    ],
)
def test_resolve(query, number, paragraph):
    doc = build(NEWS, "news.txt")
    target = resolve(doc, query, doc.section("2"))
    assert target is not None and target.section.number == number and target.paragraph == paragraph


def test_resolve_unknown_and_completions():
    doc = build(NEWS, "news.txt")
    assert resolve(doc, "7.7") is None and resolve(doc, "") is None
    assert completions(doc, "2")[0].startswith("2 重点工作")
