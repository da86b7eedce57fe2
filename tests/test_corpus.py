"""The corpus page against its gold reading, outline and figures."""

from __future__ import annotations

import re

from tests.conftest import CORPUS_TXT, reading
from tests.corpus_checks import fold
from tests.gold import figure_key, figure_scores, squeeze, start_f1

CJK_SPACE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]\s+[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def test_paragraph_starts_match_the_gold(corpus_doc, corpus_gold):
    assert start_f1(corpus_doc, corpus_gold) >= 0.98


def test_every_non_space_character_is_kept_in_order(corpus_doc):
    """Exactly as printed: the punctuation repaired for reading is recorded, not lost."""
    source = squeeze(CORPUS_TXT.read_text("utf-8"))
    assert "".join(squeeze(b.printed_text()) for b in corpus_doc.blocks) == source


def test_no_space_is_left_between_cjk_characters(corpus_doc):
    for text in reading(corpus_doc):
        assert not CJK_SPACE.search(text), text[:40]


def test_the_broken_words_are_joined(corpus_doc):
    text = "".join(reading(corpus_doc))
    for joined in ("建设示范城市", "2023年工作", "增长10%以上", "总数达25家，单位地区生产总值", "确保不发生规模性返贫"):
        assert joined in text


def test_furniture_leaves_the_text_and_becomes_metadata(corpus_doc):
    text = "".join(reading(corpus_doc))
    assert "上接" not in text and "下转" not in text and "政府工作报告" not in text
    meta = corpus_doc.metadata
    assert meta.page == "02" and meta.continued_from == ("01",) and meta.continued_on == ("03",)
    assert meta.title == "政府工作报告" and "title" in meta.inferred


def test_the_ocr_bold_mark_becomes_emphasis(corpus_doc):
    block = next(b for b in corpus_doc.blocks if "乡统筹发力。" in b.text)
    assert "**" not in block.text
    start, end = block.emphasis[0]
    assert block.text[start:end] == "乡统筹发力。"


def test_outline_has_chapter_two_its_five_sections_and_the_notices(corpus_doc, corpus_gold):
    top = corpus_doc.top_sections
    assert [s.number for s in top] == ["1", "2", None]
    assert top[0].implied
    two = corpus_doc.section("2")
    assert two.title == "深入贯彻党的二十大精神，扎扎实实做好2023年工作"  # (the OCR's , repaired)
    numbered = [c for c in corpus_doc.children(two)]
    assert [c.number for c in numbered] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    gold_titles = {b["number"]: b["title"] for b in corpus_gold["blocks"] if b["kind"] == "heading" and b["number"]}
    for section in numbered:  # (the gold is as printed)
        assert fold(section.title) == fold(gold_titles[section.number])
    assert top[2].title == "下列证件声明作废" and top[2].kind == "article"


def test_lead_phrases_are_third_level_entries(corpus_doc):
    leads = corpus_doc.children(corpus_doc.section("2.1"))
    assert leads[0].title == "全力加快项目建设" and leads[0].number == "2.1.1" and leads[0].kind == "lead"


def test_notices_are_items_of_their_own_entry(corpus_doc):
    notices = corpus_doc.top_sections[2]
    items = corpus_doc.paragraphs_of(notices)
    assert len(items) == 6 and all(b.kind == "item" for b in items)
    assert items[2].text == "·谭梓辰（父：谭鹏、母：吴双）遗失Q430385197号出生证"
    assert items[2].printed_text() == "·谭梓辰(父:谭鹏、母:吴双)遗失Q430385197号出生证"


def test_figures_recall_and_precision(corpus_doc, corpus_figures):
    recall, precision, forbidden = figure_scores(corpus_doc, corpus_figures)
    assert recall >= 0.95 and precision >= 0.95
    assert forbidden == []


def test_figure_labels(corpus_doc, corpus_figures):
    for key, label in corpus_figures["labels"].items():
        labels = [f.label for f in corpus_doc.figures if figure_key(f.text) == key]
        assert labels and label in labels[0], (key, labels)


def test_targets_in_the_plan_and_outcomes_in_the_review(corpus_doc):
    by_key = {figure_key(f.text): f for f in corpus_doc.figures}
    assert by_key["30.66亿"].kind == "outcome" and by_key["30.66亿"].section == "1"
    assert by_key["7.5%"].kind == "target" and by_key["7.5%"].qualifier == "左右"


def test_source_spans_point_back_to_the_file(corpus_doc):
    source = CORPUS_TXT.read_text("utf-8")
    for block in corpus_doc.blocks:
        piece = source[block.source.start : block.source.end]
        assert squeeze(piece).replace("**", "") == squeeze(block.printed_text())
        assert source.count("\n", 0, block.source.start) + 1 == block.source.line
