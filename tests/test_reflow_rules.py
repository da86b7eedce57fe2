"""Line-joining and paragraph rules, one behaviour at a time."""

from __future__ import annotations

import pytest

from reader.pipeline.joiner import separator
from tests.conftest import build, reading


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("建设示范", "城市", "建设示范城市"),
        ("增长", "10%以上", "增长10%以上"),
        ("做好2023年", "工作", "做好2023年工作"),
        ('"竣工即交证"', '"一把手走流程"', '"竣工即交证""一把手走流程"'),
        ("experi-", "ment", "experiment"),
        ("well-", "known", "well-known"),
        ("experi", "ment", "experiment"),
        ("in", "formation", "in formation"),
        ("Jean-", "Paul", "Jean-Paul"),
        ("the", "river", "the river"),
    ],
)
def test_separator(left, right, joined):
    sep, drop = separator(left, right, cjk_doc=False)
    assert (left[:-1] if drop else left) + sep + right == joined


def test_a_column_break_inside_a_word_is_joined_by_the_dictionary():
    text = "全市新增国家重点小巨人企业九家总数达到二十五家单\n\n位地区生产总值企业密度继续保持全国第一名。\n"
    assert reading(build(text)) == [
        "全市新增国家重点小巨人企业九家总数达到二十五家单位地区生产总值企业密度继续保持全国第一名。"
    ]


def test_a_latin_word_pair_keeps_its_space_in_chinese_text():
    # one line, nothing says its spaces are column breaks: the writer's spaces stay
    doc = build("我们使用 Open Source 软件。\n")
    assert reading(doc) == ["我们使用 Open Source 软件。"]


def test_the_extractors_spaces_leave_chinese_text_and_the_writers_stay():
    doc = build("政 府 工 作 报 告\n\n2025 年 3 月 5 日，中共中央 国务院印发。 省长 赵刚讲话。\n")
    assert reading(doc) == ["政府工作报告", "2025年3月5日，中共中央 国务院印发。省长 赵刚讲话。"]


def test_page_numbers_and_repeated_headers_leave_english_text():
    lines = []
    for page in range(1, 4):
        lines += ["Annual Review", "", f"Paragraph {page} of the review ends here.", "", f"Page {page}", ""]
    doc = build("\n".join(lines), "review.txt")
    assert reading(doc) == [f"Paragraph {p} of the review ends here." for p in range(1, 4)]
    roles = {b.role for b in doc.blocks if b.kind == "furniture"}
    assert roles == {"running-head", "page-number"}


def test_markup_and_brackets_are_kept_as_text():
    doc = build("[bold red]不是标记[/bold red]，而是文字。\n")
    assert reading(doc) == ["[bold red]不是标记[/bold red]，而是文字。"]


def test_headings_of_every_style_get_canonical_numbers():
    text = "\n\n".join(
        [
            "第一章 总则",
            "第一节 目的",
            "为了规范管理,制定本办法。",
            "第二节 范围",
            "本办法适用于全市。",
            "第二章 分则",
            "一、职责分工",
            "各部门按职责分工负责。",
            "(一)市级部门",
            "市级部门负责统筹。",
        ]
    )
    doc = build(text)
    numbers = {s.title: s.number for s in doc.sections}
    assert numbers["总则"] == "1" and numbers["目的"] == "1.1" and numbers["范围"] == "1.2"
    assert numbers["分则"] == "2" and numbers["职责分工"] == "2.1" and numbers["市级部门"] == "2.1.1"


def test_markdown_headings():
    doc = build("# Title\n\nIntro text here.\n\n## Part one\n\nBody.\n\n## Part two\n\nMore body.\n", "x.md")
    titles = [(s.level, s.title) for s in doc.sections]
    assert titles == [(1, "Title"), (2, "Part one"), (2, "Part two")]
    # Markdown headings carry no numbers unless they print one: none is invented
    assert [s.number for s in doc.sections] == [None, None, None]
    numbered = build("# Guide\n\n## 2.1 Scope\n\nBody.\n\n## 3. Terms\n\nMore.\n", "y.md")
    assert [(s.number, s.title) for s in numbered.sections] == [(None, "Guide"), ("2.1", "Scope"), ("3", "Terms")]


def test_chinese_numeral_figures_need_a_measure_word():
    doc = build("全市新增三十家企业,实施十大工程,建成两个中心。\n")
    assert [f.text for f in doc.figures] == ["三十家"]
    assert doc.figures[0].value == 30


@pytest.mark.parametrize(
    "text",
    [
        "2023年政府工作报告。",
        "详见01版。",
        "枫溪大道608所段改造。",
        '构建"3+3+2"现代产业体系。',
        "打造5G应用场景。",
        "遗失30004849号凭据。",
        "推动331片区改造。",
    ],
)
def test_numbers_that_are_not_figures(text):
    assert build(text + "\n").figures == ()


def test_english_chapters_and_parenthesised_numbers():
    text = "\n\n".join(
        [
            "Chapter I The River",
            "The river rises in the hills and runs to the sea.",
            "1. Sources",
            "Most of its water comes from rain.",
            "Chapter II The Town",
            "The town grew where the river could be crossed.",
        ]
    )
    doc = build(text, "book.txt")
    numbers = {s.title: s.number for s in doc.sections}
    assert numbers == {"The River": "1", "Sources": "1.1", "The Town": "2"}


def test_parenthesised_arabic_headings_nest_under_chinese_ones():
    text = "\n\n".join(
        [
            "一、总体要求",
            "坚持稳中求进工作总基调。",
            "(1)目标",
            "全年增长百分之五左右。",
            "(2)措施",
            "加大投资力度扩大内需。",
            "二、保障措施",
            "加强组织领导。",
        ]
    )
    doc = build(text)
    numbers = {s.title: s.number for s in doc.sections}
    assert numbers["目标"] == "1.1" and numbers["措施"] == "1.2" and numbers["保障措施"] == "2"
