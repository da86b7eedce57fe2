"""Reading comfort in the TUI: quotes of any span, the document's own labels in the outline, the
text as printed, pages, and the new block kinds (built by hand, as the pipeline will make them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from reader.model.document import Block, Document, Heading, Metadata, Section, SourceSpan
from reader.segments import sentence_spans
from reader.source import Input, read_input
from reader.state import StateStore
from reader.tui.app import ReaderApp
from reader.tui.keys import KEYS
from reader.tui.outline_pane import Outline, OutlinePane, entry_label
from reader.tui.rows import CLIP_MARK
from reader.tui.screens import key_table
from tests.conftest import SAMPLE
from tests.test_tui import Terminal, no_system_clipboard, settle  # noqa: F401 (a fixture)


def sample_app(tmp_path: Path, terminal: Terminal) -> ReaderApp:
    return ReaderApp(read_input(str(SAMPLE)), StateStore(tmp_path / "state"), terminal_writer=terminal)


def rows(app: ReaderApp, count: int) -> list[str]:
    return ["".join(s.text for s in app.reader.text.render_line(y)) for y in range(count)]


def status(app: ReaderApp) -> str:
    return str(app.reader.status.render())


# -- quotes of any span -------------------------------------------------------
async def test_a_half_sentence_selected_by_words_is_quoted_alone_with_its_citation(tmp_path):
    terminal = Terminal()
    app = sample_app(tmp_path, terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.2:2", "enter")
        await pilot.pause()
        paragraph = app.reader.document.blocks[app.reader.block].text
        await pilot.press("v", "v", "v")  # paragraph → its first sentence → its first word
        await app.workers.wait_for_complete()  # (jieba's dictionary, loaded off the UI path)
        await pilot.press("j", "j", "y")
        await pilot.pause()
        quote = terminal.copied[-1]
        body = quote[1 : quote.index("”")]
        assert paragraph.startswith(body) and 2 <= len(body) < len(paragraph) // 2
        assert "\n" not in body
        assert "二、(二) 第2段" in quote.partition("”——")[2]
        assert paragraph[len(body) :] not in quote  # nothing else from the paragraph


async def test_characters_and_the_other_end_move_a_selection_inside_a_sentence(tmp_path):
    terminal = Terminal()
    app = sample_app(tmp_path, terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        first = app.reader.document.blocks[app.reader.block].text
        await pilot.press("v", "v", "v", "v")  # one character
        await pilot.press("l", "l", "l", "o", "l", "l", "y")  # end 3 on, then the start 2 on
        await pilot.pause()
        assert terminal.copied[-1].startswith("“" + first[2:4] + "”")


async def test_sentences_run_over_paragraphs_and_cite_the_range(tmp_path):
    terminal = Terminal()
    app = sample_app(tmp_path, terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.2:1", "enter")
        await pilot.pause()
        doc = app.reader.document
        first, second = doc.paragraphs_of(doc.section("2.2"))[:2]
        count = len(sentence_spans(first.text))
        await pilot.press("v", "v", *["right_parenthesis"] * count, "y")  # to the next paragraph's first
        await pilot.pause()
        quote = terminal.copied[-1]
        opening = second.text[slice(*sentence_spans(second.text)[0])]
        assert quote.startswith("“" + first.text + "\n" + opening + "”")
        assert "二、(二) 第1–2段" in quote.partition("”——")[2]


async def test_a_mouse_drag_selects_a_span_and_y_quotes_it(tmp_path):
    terminal = Terminal()
    app = sample_app(tmp_path, terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        text = app.reader.text
        first = app.reader.document.blocks[app.reader.block].text
        # (padding 1: the text starts at x=1; a Chinese character takes two cells)
        await pilot.mouse_down(text, offset=(5, 0))  # on 一, the third character
        await pilot.hover(text, offset=(12, 0))  # on 市, the seventh
        await pilot.mouse_up(text, offset=(12, 0))
        await pilot.pause()
        assert text.text_selection is not None
        await pilot.press("y")
        await pilot.pause()
        assert terminal.copied[-1].startswith("“" + first[2:7] + "”——")


async def test_the_copy_shows_the_quote_whole_in_the_status_line(tmp_path):
    terminal = Terminal()
    app = sample_app(tmp_path, terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        first = app.reader.document.blocks[app.reader.block].text
        await pilot.press("y")
        await pilot.pause()
        assert f"“{first[:39]}…”" in status(app)  # the toast would cut its Chinese (textual#6357)
        assert any("Copied to the terminal" in n.message for n in app._notifications)


# -- the outline --------------------------------------------------------------
def test_an_entry_shows_the_printed_label_with_the_canonical_number_dimmed(sample_doc):
    section = sample_doc.section("2.3")
    label = entry_label(section)
    assert label.plain.startswith(f"2.3 {section.label}{section.title[:4]}")
    assert any(span.style == "dim" and label.plain[span.start : span.end] == "2.3 " for span in label.spans)
    lead = next(s for s in sample_doc.sections if s.kind == "lead")
    assert entry_label(lead).plain.startswith(f"{lead.number} {lead.title[:4]}")


async def test_go_to_takes_the_printed_label_and_the_number_alike(tmp_path):
    app = sample_app(tmp_path, Terminal())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.1", "enter", "colon", *"(三)", "enter")
        await pilot.pause()
        by_label = app.reader.block
        await pilot.press("g", "colon", *"2.3", "enter")
        await pilot.pause()
        assert app.reader.block == by_label == app.reader.document.section("2.3").first_block


async def test_the_highlighted_entry_shows_its_whole_title_under_the_outline(tmp_path):
    app = sample_app(tmp_path, Terminal())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *"2.1", "enter")
        await pilot.pause()
        outline = app.query_one(Outline)
        section = app.reader.document.section("2.1")
        assert outline.cut  # the tree cuts it at 80 columns...
        assert section.title in str(outline.whole.render()).replace("\n", "")  # ...its whole title is here
        height = app.query_one(OutlinePane).size.height
        await pilot.press("colon", *"2", "enter")
        await pilot.pause()
        assert app.query_one(OutlinePane).size.height == height  # (the tree is not laid out again)


# -- help ---------------------------------------------------------------------
def test_help_descriptions_wrap_under_their_own_column():
    console = Console(width=60, record=True, color_system=None)
    console.print(key_table(KEYS))
    lines = console.export_text().splitlines()
    column = max(len(key) for key, _ in KEYS) + 2
    continued = [line for line in lines if line and not line[:column].strip()]
    assert continued  # some descriptions take two lines at 60 columns...
    assert all(line[column] != " " for line in continued)  # ...and go on under their column


# -- as printed ---------------------------------------------------------------
def _doc(blocks: list[tuple[str, str]], **meta: object) -> Document:
    """A document built by hand: (kind, text) blocks, the first heading numbering section 1."""
    built = []
    pos = 0
    for i, (kind, text) in enumerate(blocks):
        extra: dict[str, object] = {}
        if isinstance(text, tuple):
            text, extra = text
        heading = Heading("1", "一、", text, 1) if kind == "heading" else None
        built.append(Block(i, kind, text, SourceSpan(i + 1, pos, pos + len(text)), "1", heading=heading, **extra))  # type: ignore[arg-type]
        pos += len(text) + 2
    section = Section("1", "1", "一、", blocks[0][1] if isinstance(blocks[0][1], str) else "", 1, "section", 0, len(built))
    metadata = Metadata(title="测试", source="test.txt", content_hash="hand", length=pos, **meta)  # type: ignore[arg-type]
    return Document(metadata, tuple(built), (section,), ())


def doc_app(tmp_path: Path, doc: Document, terminal: Terminal | None = None) -> ReaderApp:
    source = Input(b"", "test.txt", None)
    return ReaderApp(source, StateStore(tmp_path / "state"), doc, True, terminal_writer=terminal or Terminal())


REPAIRED = "经济稳中向好，就业扩大；物价平稳……全年目标完成。"
PRINTED = "经济稳中向好,就业扩大;物价平稳...全年目标完成。"
EDITS = ((6, 7, ","), (11, 12, ";"), (16, 18, "..."))


async def test_p_shows_the_text_as_printed_and_the_choice_is_remembered(tmp_path):
    doc = _doc([("heading", "总体情况"), ("paragraph", (REPAIRED, {"edits": EDITS}))])
    assert doc.blocks[1].printed_text() == PRINTED
    app = doc_app(tmp_path, doc)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        assert any(REPAIRED in row for row in rows(app, 4))
        await pilot.press("p")
        await pilot.pause()
        assert any(PRINTED in row for row in rows(app, 4)) and "as printed" in status(app)
        await pilot.press("q")
    again = doc_app(tmp_path, doc)
    async with again.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        assert any(PRINTED in row for row in rows(again, 4))


async def test_a_quote_of_the_printed_text_is_what_is_shown(tmp_path):
    terminal = Terminal()
    doc = _doc([("heading", "总体情况"), ("paragraph", (REPAIRED, {"edits": EDITS}))])
    app = doc_app(tmp_path, doc, terminal)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        await pilot.press("p", "j", "y")
        await pilot.pause()
        assert terminal.copied[-1].startswith("“" + PRINTED + "”")


# -- pages --------------------------------------------------------------------
async def test_the_status_line_shows_the_printed_page_and_colon_goes_to_a_page(tmp_path):
    blocks = [("heading", "总体情况")] + [
        ("paragraph", (f"第{n}段的文字,讲的是第{page}页上的事情。", {"page_label": str(page)}))
        for n, page in enumerate([1, 1, 2, 2, 3], 1)
    ]
    app = doc_app(tmp_path, _doc(blocks, language="zh"))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        assert "第1页" in status(app)
        for typed, page in (("p2", "2"), ("page 3", "3"), ("第2页", "2")):
            await pilot.press("colon", *typed, "enter")
            await pilot.pause()
            assert app.reader.document.blocks[app.reader.block].page_label == page
        await pilot.press("colon", *"p9", "enter")
        await pilot.pause()
        assert any("no page 9" in n.message for n in app._notifications)


async def test_a_newspaper_page_is_named_by_its_edition_number(tmp_path):
    app = sample_app(tmp_path, Terminal())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "第03版" in status(app)
        await pilot.press("G", "colon", *"第3版", "enter")
        await pilot.pause()
        assert app.reader.block == next(b.index for b in app.reader.document.blocks if b.is_reading)


# -- block kinds --------------------------------------------------------------
CODE = "def wrap(text, width):\n    return [text[i:i + width] for i in range(0, len(text), width)]  # a long line\n"


async def test_preformatted_lines_are_kept_clipped_with_a_marker_and_quoted_as_lines(tmp_path):
    terminal = Terminal()
    doc = _doc([("heading", "代码"), ("preformatted", CODE.rstrip("\n")), ("paragraph", "之后的正文。")])
    app = doc_app(tmp_path, doc, terminal)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        shown = rows(app, 6)
        code = [row for row in shown if "def wrap" in row or "return" in row]
        assert len(code) == 2  # two lines, not re-wrapped
        assert code[1].rstrip().endswith(CLIP_MARK)
        await pilot.press("j", "y")
        await pilot.pause()
        assert terminal.copied[-1].startswith("“" + CODE.rstrip("\n") + "”")


@pytest.mark.parametrize(("kind", "mark"), [("quote", "▎"), ("caption", None), ("footnote", None)])
async def test_quotes_captions_and_footnotes_look_different_from_paragraphs(tmp_path, kind, mark):
    doc = _doc([("heading", "标题"), ("paragraph", "普通段落。"), (kind, "与众不同的一段。")])
    app = doc_app(tmp_path, doc)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        strips = [app.reader.text.render_line(y) for y in range(6)]
        plain = next(s for s in strips if "普通段落" in s.text)
        other = next(s for s in strips if "与众不同" in s.text)
        ordinary = next(seg.style for seg in plain if "普" in seg.text)
        different = next(seg.style for seg in other if "与" in seg.text)
        assert ordinary is not None and different is not None
        assert (different.italic, different.dim) != (ordinary.italic, ordinary.dim)
        if mark:
            assert other.text.startswith(mark)


async def test_the_cursor_and_a_selection_made_while_indexing_stay_when_the_full_model_arrives(tmp_path, monkeypatch):
    import threading

    import reader.pipeline.build as build

    real = build.build_document
    release = threading.Event()

    def held_build(*args, **kwargs):
        if kwargs.get("progress") is not None:  # the full model arrives only after the reader moved
            release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "build_document", held_build)
    terminal = Terminal()
    app = sample_app(tmp_path, terminal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.05)
        await pilot.press("j")
        quick = app.reader.document
        second = quick.blocks[app.reader.block].text
        await pilot.press("v", "v", "right_parenthesis")
        release.set()
        await settle(app, pilot)
        assert app.reader.document is not quick
        await pilot.press("y")
        await pilot.pause()
        spans = sentence_spans(second)
        assert terminal.copied[-1].startswith("“" + second[: spans[1][1]] + "”")
