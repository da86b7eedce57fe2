"""The rules generalise: documents laid out by our own generator, at other widths and lengths."""

from __future__ import annotations

import pytest

from tests.conftest import build, reading
from tests.generator import lay_out_cjk, lay_out_latin
from tests.gold import doc_starts, f1, paragraph_starts, squeeze
from tests.texts import ENGLISH_REPORT, RIVER_CITY, SCHOOL_REPORT

LAYOUTS = [
    # (column ems, lines per column, joiner, seed, chance of a blank line after a paragraph)
    (17, 23, " ", 1, 0.5),
    (17, 8, "\n", 2, 0.0),
    (12, 23, " ", 3, 1.0),
    (24, 8, "\n", 4, 0.5),
    (24, 23, " ", 5, 0.0),
    (30, 40, "\n", 6, 0.3),
    (15, 6, " ", 7, 0.8),
]


def _spaced_pairs(texts: list[str]) -> set[str]:
    """The characters on either side of every space in ``texts``."""
    return {t[i - 1 : i + 2] for t in texts for i, ch in enumerate(t) if ch == " " and 0 < i < len(t) - 1}


def _gold_reading(laid) -> list[str]:
    return [t for k, t in laid.blocks if k != "furniture"]


@pytest.mark.parametrize(("column", "lines", "joiner", "seed", "chance"), LAYOUTS)
@pytest.mark.parametrize("blocks", [RIVER_CITY, SCHOOL_REPORT], ids=["report", "school"])
def test_cjk_layouts_reflow_to_their_paragraphs(blocks, column, lines, joiner, seed, chance):
    laid = lay_out_cjk(
        blocks, column, lines, joiner, seed, running_head="政府工作报告" if seed % 2 else None, break_chance=chance
    )
    doc = build(laid.text)
    gold = _gold_reading(laid)
    assert "".join(map(squeeze, reading(doc, printed=True))) == "".join(map(squeeze, gold))
    assert f1(doc_starts(doc), paragraph_starts(gold)) >= 0.95
    # no space is left where a column broke a line; the writer's own (``第一章 总体情况``) stay
    assert _spaced_pairs(reading(doc, printed=True)) <= _spaced_pairs(gold)


@pytest.mark.parametrize(("column", "lines", "joiner", "seed", "chance"), LAYOUTS[:4])
def test_figures_are_the_same_whatever_the_layout(column, lines, joiner, seed, chance):
    clean = build("\n\n".join(t for _, t in RIVER_CITY))
    laid = build(lay_out_cjk(RIVER_CITY, column, lines, joiner, seed, break_chance=chance).text)
    assert [(f.text, f.label) for f in laid.figures] == [(f.text, f.label) for f in clean.figures]
    assert len(laid.figures) >= 30


def test_furniture_in_other_places_becomes_metadata():
    laid = lay_out_cjk(RIVER_CITY, 17, 10, " ", 3, page=5, running_head="政府工作报告")
    doc = build(laid.text)
    assert doc.metadata.page == "05"
    assert doc.metadata.continued_from == ("04",) and doc.metadata.continued_on == ("06",)
    assert not any("政府工作报告" == t for t in reading(doc))


def test_two_paragraphs_in_one_block_are_split():
    doc = build(
        "第一段写到这里就结束了。\n第二段从这一行开始,它比上一行长出许多个字符来啊。\n它的第二行也是满的一整行的文字呀好。\n"
    )
    assert len(reading(doc)) == 2


@pytest.mark.parametrize("blank_lines", [True, False], ids=["blank-lines", "indented"])
@pytest.mark.parametrize("lose", [0.0, 0.5], ids=["hyphens", "hyphens-lost"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hard_wrapped_english_reflows_exactly(blank_lines, lose, seed):
    laid = lay_out_latin(ENGLISH_REPORT, width=60, page_lines=12, blank_lines=blank_lines, seed=seed, lose_hyphen=lose)
    doc = build(laid.text, "report.txt")
    assert reading(doc) == _gold_reading(laid)
    assert [b.text for b in doc.blocks if b.role == "page-number"]


def test_english_outline_uses_the_printed_numbers():
    laid = lay_out_latin(ENGLISH_REPORT, width=70, seed=4)
    doc = build(laid.text, "report.txt")
    assert [s.number for s in doc.sections] == ["1", "2", "2.1", "2.2"]
    assert doc.section("2.1").title == "Network condition"
    assert doc.section("2.1").parent == "2"
