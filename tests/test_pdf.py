"""PDFs read directly: reading order from geometry, furniture, page labels, scans and bad files."""

from __future__ import annotations

import json

import pytest

from reader.errors import ReaderError
from reader.pipeline.build import build_document
from reader.sources import read_source
from reader.sources.folios import folio_of, page_labels
from tests import pdf_samples as samples
from tests.test_input import run_reader


def reading(doc):
    """The reading blocks' texts (furniture left out)."""
    return [b.text for b in doc.blocks if b.kind != "furniture"]


def block_with(doc, text):
    """The first block whose text holds ``text``."""
    found = [b for b in doc.blocks if text in b.text]
    assert found, text
    return found[0]


@pytest.fixture(scope="module")
def paper():
    return build_document(samples.english_paper(), "paper.pdf")


@pytest.fixture(scope="module")
def news():
    return build_document(samples.chinese_newspaper(), "news.pdf")


def test_a_paragraph_runs_from_the_foot_of_one_column_to_the_head_of_the_next(paper):
    block = block_with(paper, "The second paragraph opens")
    assert block.text.endswith("continues without any indent and finally ends with a short line.")
    assert block.page_label == "101"


def test_columns_are_read_one_after_the_other_under_the_full_width_title(paper):
    texts = reading(paper)
    assert texts[0] == "On Reading Printed Pages"
    first = texts.index(next(t for t in texts if t.startswith("Reading a printed page")))
    third = texts.index(next(t for t in texts if t.startswith("A third paragraph")))
    assert first < third


def test_line_end_hyphens_join_words_and_keep_compounds(paper):
    text = "\n".join(reading(paper))
    assert "an experiment on many pages" in text
    assert "past the well-known places" in text


def test_running_heads_folios_and_footnotes_leave_the_paragraphs(paper):
    text = "\n".join(t for t in reading(paper))
    assert "Journal of Generated Documents" not in text
    heads = [b for b in paper.blocks if b.role == "running-head"]
    assert len(heads) == 2
    numbers = [b.page for b in paper.blocks if b.role == "page-number"]
    assert numbers == ["101", "102"]
    notes = [b for b in paper.blocks if b.kind == "footnote"]
    assert [n.text[:12] for n in notes] == ["1 A footnote", "1 A footnote"]


def test_headings_come_from_type_size_with_their_numbers(paper):
    headings = [(b.heading.number, b.heading.title) for b in paper.blocks if b.heading]
    assert ("1", "Introduction") in headings and ("2", "Method 1") in headings


def test_blocks_carry_the_printed_page_they_stand_on(paper):
    second = [b for b in paper.blocks if b.kind == "paragraph" and b.page_label == "102"]
    assert second and second[0].text.startswith("Reading a printed page")


def test_a_chinese_newspaper_page_is_read_column_by_column(news):
    texts = reading(news)
    assert texts.index("全市经济运行稳中有进") < next(i for i, t in enumerate(texts) if t.startswith("本报讯"))
    crossing = block_with(news, "本报讯")
    assert crossing.text == (
        "本报讯 今年全市新增就业岗位四万五千个，城镇调查失业率保持在百分之五以内，"
        "全年经济运行稳中有进，各项指标好于预期，其中服务业增加值增长百分之六点五。"
    )
    order = [next(i for i, t in enumerate(texts) if t.startswith(s)) for s in ("本报讯", "据介绍", "专家认为", "会议还")]
    assert order == sorted(order)


def test_the_jump_line_and_the_page_folio_are_furniture(news):
    text = "".join(reading(news))
    assert "下转" not in text and "第1版" not in text
    assert news.metadata.continued_on == ("2",)
    assert news.blocks[0].page_label == "1"


def test_page_labels_come_from_the_pdf_where_nothing_is_printed():
    data = samples.labelled([(0, "r", 1), (3, "D", 3)])
    doc = build_document(data, "labelled.pdf")
    labels = [b.page_label for b in doc.blocks if b.kind == "paragraph"]
    assert labels == ["i", "ii", "iii", "3", "4", "5"]


def test_printed_folios_win_over_page_labels_that_disagree():
    data = samples.labelled([(0, "D", 5)], pages=4, folios=["iv", "ES-1", "ES-2", "1-1"])
    _decoded, layout = read_source(data, "mislabelled.pdf")
    assert layout.page_labels == ["iv", "ES-1", "ES-2", "1-1"]


def test_the_label_rule_fills_unprinted_pages_from_the_sequence():
    assert page_labels([None, "ii", None, "1", None], [None] * 5) == ["1", "ii", "iii", "1", "2"]
    assert page_labels([None, None], ["5", "6"]) == ["5", "6"]
    assert page_labels(["iv", None], ["5", "6"]) == ["iv", "v"]


@pytest.mark.parametrize(
    ("text", "label"),
    [("27", "27"), ("iv", "iv"), ("ES-1", "ES-1"), ("-3-", "3"), ("— 5 —", "5"), ("第 3 页", "3"), ("１２", "12"), ("Page 3 of 48", "3")],
)
def test_folios_are_read_in_their_printed_forms(text, label):
    assert folio_of(text)[0] == label


@pytest.mark.parametrize("text", ["Chapter 3", "mix", "did", "2024 年", "The end"])
def test_words_are_not_folios(text):
    assert folio_of(text) is None


def test_a_scanned_page_in_a_text_file_becomes_a_placeholder_where_it_stands():
    doc = build_document(samples.scanned(["text", "scan", "text"]), "mixed.pdf")
    texts = reading(doc)
    assert texts == [
        "Page 1 has a real text layer with words in it.",
        "[page 2: scanned, no text layer]",
        "Page 3 has a real text layer with words in it.",
    ]
    assert any("no readable text layer" in w for w in doc.metadata.warnings)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: samples.scanned(["scan", "scan"]), "has no text layer (scanned pages): run OCR first"),
        (samples.garbled, "has no text layer (scanned pages): run OCR first"),
        (samples.encrypted, "is encrypted: it needs a password"),
        (lambda: samples.english_paper()[:2000], "is a damaged PDF"),
    ],
    ids=["scan", "garbled", "encrypted", "damaged"],
)
def test_unreadable_pdfs_are_named_for_what_they_are(make, message):
    with pytest.raises(ReaderError) as caught:
        build_document(make(), "bad.pdf")
    assert message in str(caught.value) and "bad.pdf" in str(caught.value)


def test_a_pdf_is_known_by_its_bytes_not_its_name(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_bytes(samples.english_paper(pages=1))
    result = run_reader("reflow", str(path))
    assert result.returncode == 0 and "On Reading Printed Pages" in result.stdout.decode()


def test_json_spans_point_into_the_text_the_source_wrote(tmp_path):
    data = samples.english_paper(pages=1)
    path = tmp_path / "paper.pdf"
    path.write_bytes(data)
    decoded, _layout = read_source(data, "paper.pdf")
    result = run_reader("reflow", "--json", str(path))
    blocks = json.loads(result.stdout)["blocks"] if result.stdout.startswith(b"{") else json.loads(result.stdout)
    title = next(b for b in blocks if b["text"] == "On Reading Printed Pages")
    assert decoded.text[title["source"]["start"] : title["source"]["end"]] == "On Reading Printed Pages"


def test_the_first_screen_reads_only_the_first_pages():
    from bench.pdf import long_report

    data = long_report(20)
    quick = build_document(data, "long.pdf", dictionary=False, pages=3)
    full = build_document(data, "long.pdf", dictionary=False)
    assert {b.page_label for b in quick.blocks} == {"1", "2", "3"}
    assert len(full.blocks) > 5 * len(quick.blocks)
    assert quick.blocks[2].source == full.blocks[2].source


async def test_the_status_line_names_the_printed_page(tmp_path):
    from reader.source import read_input
    from reader.state import StateStore
    from reader.tui.app import ReaderApp

    path = tmp_path / "paper.pdf"
    path.write_bytes(samples.english_paper())
    app = ReaderApp(read_input(str(path)), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "p. 101" in str(app.reader.status.render())
        await pilot.press("q")
