"""OCR punctuation repaired in Chinese text, on real OCR output and on the cases it must leave alone."""

from __future__ import annotations

import re

import pytest

from reader.pipeline.build import build_document
from reader.pipeline.punctuation import repair
from tests.conftest import CORPUS_TXT, SAMPLE
from tests.corpus_checks import CORPUS_DIR

OCR_ZH = CORPUS_DIR / "ocr-zh"
HALF_WIDTH_BETWEEN_HAN = re.compile(r"[\u4e00-\u9fff][,;:?!][\u4e00-\u9fff]")


def _build(path):
    return build_document(path.read_bytes(), path.name)


def _text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if b.is_reading)


def _undone(text: str, edits) -> str:
    out, pos = [], 0
    for start, end, printed in edits:
        out += [text[pos:start], printed]
        pos = end
    return "".join([*out, text[pos:]])


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("(一)坚持稳中求进,推动经济更高质量发展。", "（一）坚持稳中求进，推动经济更高质量发展。"),
        ("增长7.5%,高于全国;GDP,增长", "增长7.5%，高于全国；GDP，增长"),
        ("规划(2021—2025年)提出", "规划（2021—2025年）提出"),
        ('加快构建"3+3+2"现代产业体系,"三个高地"', "加快构建“3+3+2”现代产业体系，“三个高地”"),
        ("2023年重点抓好以下工作:", "2023年重点抓好以下工作："),
        ("坚持科学精准防控, 落实", "坚持科学精准防控，落实"),  # (the space after the mark goes with it)
        ("你知道吗?还有...等等!", "你知道吗？还有……等等！"),
    ],
)
def test_half_width_marks_in_chinese_become_full_width_and_the_edits_restore_them(printed, read):
    text, edits = repair(printed)
    assert text == read
    assert _undone(text, edits) == printed


@pytest.mark.parametrize(
    "printed",
    [
        "共1,000人，增长3.5%, 12:30开会",  # numbers (a comma or colon inside one)
        'He said "yes", then left (at 12:30)!',  # Latin text
        "详见https://example.cn/a?b=1,2&c=(3)与www.gov.cn/x:y",  # URLs
        "调用jieba.cut()与函数f(x)的值",  # code and formulas run into a word
        '他说"你好,世界',  # an unpaired quote (and its comma between Chinese is still repaired)
    ],
)
def test_numbers_latin_urls_code_and_unpaired_quotes_are_left_alone(printed):
    text, edits = repair(printed)
    untouched = [(s, e, p) for s, e, p in edits if p != ","]
    assert not untouched, text
    assert '"' not in printed or '"' in text


def test_the_corpus_page_reads_with_full_width_commas_and_brackets():
    if not CORPUS_TXT.exists():
        pytest.skip("the shared corpus is not beside this checkout")
    doc = _build(CORPUS_TXT)
    text = _text(doc)
    assert "（一）坚持稳中求进，推动经济更高质量发展。" in text
    assert "2023年发展的主要预期目标是：地区生产总值增长7.5%左右；" in text
    assert not HALF_WIDTH_BETWEEN_HAN.search(text)
    heading = next(b for b in doc.blocks if b.heading and b.heading.number == "2.1")
    assert heading.text.startswith("（一）") and heading.printed_text().startswith("(一)")
    assert heading.heading.label == "(一)"  # the label as printed: what the outline and go-to show


def test_the_bundled_sample_is_repaired_and_its_english_appendix_is_not():
    doc = _build(SAMPLE)
    text = _text(doc)
    assert "过去一年，全市上下团结奋斗，经济运行稳中向好。" in text
    assert not HALF_WIDTH_BETWEEN_HAN.search(text)
    english = [b for b in doc.blocks if b.is_reading and not re.search(r"[\u4e00-\u9fff]", b.text)]
    assert english and all(not b.edits for b in english)
    assert any('"well-known"' in b.text for b in english)


def test_real_ocr_of_a_chinese_diagnosis_plan_is_repaired_where_it_is_chinese():
    """Tesseract's chi_sim output: half-width marks with spaces around Latin terms and brackets."""
    text = _text(_build(OCR_ZH / "covid-diagnosis-v10-p1-2.txt"))
    assert "新型冠状病毒感染诊疗方案（试行第十版）" in text
    assert "为上属冠状病毒，有包膜，颗粒呈圆形或顶圆形，" in text
    assert "病毒颗粒中包含4种结构蛋白：刺突蛋白" in text
    assert "(spike，S)" in text and "(nucleocapsid, N)" in text  # an English term in brackets stays
    assert "SARS-CoV-2" in text and "B. 1.1.529" in text


def test_real_ocr_of_the_constitution_and_a_notice_are_repaired():
    constitution = _text(_build(OCR_ZH / "constitution-p4-5.txt"))
    assert "属于集体所有；" in constitution and not HALF_WIDTH_BETWEEN_HAN.search(constitution)
    notice = _text(_build(OCR_ZH / "covid-control-v9-p1-2.txt"))
    assert "中国疾控中心：" in notice and "坚持科学精准防控，落实" in notice


def test_preformatted_blocks_are_never_repaired_and_emphasis_follows_the_repairs():
    doc = build_document("# 标题\n\n```\n代码,中文(一)\n```\n\n等等...然后**重点工作。**继续,推进\n".encode(), "x.md")
    code = next(b for b in doc.blocks if b.kind == "preformatted")
    assert code.text == "代码,中文(一)" and not code.edits
    para = next(b for b in doc.blocks if b.kind == "paragraph")
    assert para.text == "等等……然后重点工作。继续，推进"
    start, end = para.emphasis[0]
    assert para.text[start:end] == "重点工作。"


def test_an_english_document_is_not_touched():
    doc = build_document(b'A note, in English: (it is) fine... "quoted"; done!\n', "en.txt")
    assert all(not b.edits for b in doc.blocks)


def test_headings_are_found_as_before_on_the_repaired_corpus():
    doc = _build(SAMPLE)
    two = doc.section("2")
    assert [c.label for c in doc.children(two)][:3] == ["(一)", "(二)", "(三)"]
    assert not any(HALF_WIDTH_BETWEEN_HAN.search(s.title) for s in doc.sections)
