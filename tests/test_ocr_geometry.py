"""How OCR's line boxes become printed lines and blocks: display type, drop caps."""

from __future__ import annotations

from reader.pipeline.blocks import RawBlock
from reader.pipeline.headings import candidate
from reader.sources.geometry import Fragment, page_blocks, page_lines


def _frag(text: str, x0: float, y0: float, x1: float, y1: float, size: float, boxed: bool = True) -> Fragment:
    return Fragment(text, x0, y0, x1, y1, size, boxed=boxed)


def test_display_words_on_one_row_stay_one_line_though_their_ocr_boxes_differ():
    # ``Chapter`` reaches below the baseline (its p), ``II`` does not; the boxes overlap a little
    chapter = _frag("Chapter", 121, 0, 306, 79, 64.9)
    numeral = _frag("II", 297, 6, 348, 61, 45.0)
    lines, _, _ = page_lines([chapter, numeral])
    assert [ln.text for ln in lines] == ["Chapter II"]


def test_text_layer_fragments_keep_the_baseline_rule():
    # a small label whose top meets a larger line's top is another line in a text layer
    big = _frag("Results", 100, 0, 200, 30, 24.0, boxed=False)
    label = _frag("40", 300, 2, 312, 12, 8.0, boxed=False)
    lines, _, _ = page_lines([big, label])
    assert sorted(ln.text for ln in lines) == ["40", "Results"]


def test_a_first_line_raised_by_a_drop_cap_stays_with_its_paragraph():
    first = _frag("WE went tip-toeing along a path amongst", 163, 85, 374, 110, 20.3)
    rest = [
        _frag("the trees back towards the end of the", 196, 106 + 14 * k, 371, 120 + 14 * k, 11.3)
        for k in range(3)
    ]
    lines, _, _ = page_lines([first, *rest])
    assert len(page_blocks(lines)) == 1


def test_a_heading_over_its_paragraph_stays_a_block_of_its_own():
    head = _frag("The Second Voyage", 163, 85, 374, 110, 20.3)
    body = _frag("the trees back towards the end of the", 196, 120, 371, 134, 11.3)
    lines, _, _ = page_lines([head, body])
    assert len(page_blocks(lines)) == 2


def test_a_chapter_number_set_large_is_a_numbered_heading_without_a_title():
    found = candidate(RawBlock("heading", "Chapter II", 0, 10, level=1), cjk=False)
    assert found is not None and (found.scheme, found.ordinal, found.title) == ("chapter", 2, "")
