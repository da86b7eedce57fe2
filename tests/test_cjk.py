"""Chinese documents beyond the newspaper page: reports, laws, hard-wrapped books, OCR and PDF
extractions — one convention at a time, on text written for the test."""

from __future__ import annotations

import pytest

from reader.sources.text import spaces_break_lines
from tests.conftest import build, reading


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        # column OCR: every piece but a line's last is a whole printed line of the column
        ("全市新增国家重点小巨人企业 九家总数达到二十五家单\n\n位地区生产总值企业密度 继续保持全国第一名。\n", True),
        # a title's own space among lines without any
        (
            "中共中央 国务院关于实施乡村振兴战略的意见\n（2018年1月2日）\n实施乡村振兴战略是重大决策部署。\n一、重大意义\n",
            False,
        ),
        # tesseract's gap after an article's label
        (
            "第一条 中华人民共和国是社会主义国家。\n\n第二条 一切权力属于人民。\n\n人民行使国家权力的机关是人大。\n",
            False,
        ),
        # spaces an engine left around numbers and stray marks in a table of contents
        ("序 。 言，2\n\n第一章 总纲4\n\n第一节 全国人民代表大会11\n", False),
    ],
)
def test_spaces_are_column_line_breaks_only_where_column_ocr_left_them(text, breaks):
    assert spaces_break_lines(text) is breaks


def test_a_title_with_a_space_keeps_it_and_stands_apart_from_the_date_and_the_body():
    doc = build(
        "中共中央 国务院关于实施乡村振兴战略的意见\n（2018年1月2日）\n"
        "实施乡村振兴战略，是党的十九大作出的重大决策部署。现就实施乡村振兴战略提出如下意见。\n"
        "一、新时代实施乡村振兴战略的重大意义\n党的十八大以来，农业农村发展取得了历史性成就。\n"
        "农业农村农民问题是关系国计民生的根本性问题。\n在中国特色社会主义新时代，乡村是一个可以大有作为的广阔天地。\n"
        "二、实施乡村振兴战略的总体要求\n全面贯彻党的十九大精神，加强党对“三农”工作的领导。\n"
    )
    assert reading(doc)[:3] == [
        "中共中央 国务院关于实施乡村振兴战略的意见",
        "（2018年1月2日）",
        "实施乡村振兴战略，是党的十九大作出的重大决策部署。现就实施乡村振兴战略提出如下意见。",
    ]


def _outline(doc) -> list[str]:
    return [s.number for s in doc.sections if s.number and s.kind != "lead" and not s.implied]


LAW = (
    "中华人民共和国人民调解法\n\n目　　录\n\n第一章　总　　则\n第二章　人民调解委员会\n第三章　附　　则\n\n"
    "第一章　总　　则\n\n第一条　为了完善人民调解制度，根据宪法，制定本法。\n\n"
    "第二条　人民调解委员会调解民间纠纷，应当遵循下列原则：\n\n（一）在当事人自愿、平等的基础上进行调解；\n\n"
    "（二）不违背法律、法规和国家政策；\n\n（三）尊重当事人的权利。\n\n"
    "第二章　人民调解委员会\n\n第三条　人民调解委员会是群众性组织。\n\n本法下列用语的含义：\n\n"
    "㈠调解，是指说服、疏导当事人达成协议的活动；\n\n㈡调解员，是指调解民间纠纷的人员。\n\n"
    "第三章　附　　则\n\n第四条　本法自2011年1月1日起施行。\n"
)


def test_a_laws_outline_is_its_chapters_not_its_contents_articles_or_clauses():
    doc = build(LAW)
    assert _outline(doc) == ["1", "2", "3"]
    kinds = {b.text[:4]: b.kind for b in doc.blocks}
    assert kinds["第一条　"] == "paragraph"  # an article is a numbered paragraph
    assert kinds["（三）尊"] == "item"  # the last clause of a list that ran on with semicolons
    assert kinds["㈡调解员"] == "item"  # (二) printed as one character
    contents = [b for b in doc.blocks if b.text.startswith("第二章") and b.heading is None]
    assert len(contents) == 1  # the contents' entry stays a line of the contents


REPORT = (
    "2025年陕西省政府工作报告\n来源：陕西日报\n2025年1月16日在陕西省第十四届人民代表大会第三次会议上\n"
    "陕西省省长 赵刚\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、2024年工作回顾\n"
    "过去一年，是中华人民共和国成立75周年，也是陕西高质量发展迈出坚实步伐的重要一年。\n"
    "全省生产总值增长5.5%，城乡居民人均可支配收入分别增长4.5%和6.6%。\n"
    "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，经济运行稳中有进。\n"
    "我们坚持创新引领，现代化产业体系加快构建，科技成果转化成效明显。\n"
    "各位代表！过去一年成绩来之不易。\n"
)


def test_a_reports_title_block_keeps_its_title_and_byline_apart():
    doc = build(REPORT)
    assert reading(doc)[:5] == [
        "2025年陕西省政府工作报告",
        "来源：陕西日报",
        "2025年1月16日在陕西省第十四届人民代表大会第三次会议上",
        "陕西省省长 赵刚",
        "各位代表：",
    ]
    heads = [(b.heading.number, b.heading.title) for b in doc.blocks if b.heading is not None]
    assert heads == [
        (None, "2025年陕西省政府工作报告"),
        ("1", "2024年工作回顾"),
    ]  # a title may open with its year; a byline is no title


def test_a_first_line_indent_after_a_blank_line_opens_a_paragraph():
    notice = (
        "各地、州、市质量技术监督局，各直属单位：\n\n"
        "　　为进一步规范和提高信息宣传工作的质量和水平，现就加强信息宣传工作通知如下：\n"
        "　　一、充分认识宣传工作的重要性\n\n"
        "　　质监工作与国计民生息息相关，做好质监信息宣传工作有着十分重要意义。\n"
        "　　二、突出信息宣传工作的重点\n\n"
        "　　一是明确信息宣传工作的重点，区局按年度评选先进集体，并给予提供学习培训机会。\n\n"
        "　　二是建立和完善宣传工作运行机制——\n\n"
        "　　健全信息宣传工作网络。\n"
    )
    doc = build(notice)
    assert reading(doc) == [line.strip() for line in notice.splitlines() if line.strip()]
    # 一、 after a lead-in ending with a colon is the first heading of an official document (GB/T 9704)
    assert [b.heading.number for b in doc.blocks if b.heading is not None] == ["1", "2"]


STORY = (
    "                          孤　独　者〔１〕\n\n\n"
    "                                 一\n\n"
    "    我和魏连殳相识一场，回想起来倒也别致，竟是以送殓始，以送殓终。\n"
    "    那时我在Ｓ城，就时时听到人们提起他的名字，都说他很有些古怪：所学的\n是动物学，却到中学堂去做历史教员。\n\n"
    "                                 二\n\n"
    "    但是，連殳的景况也实在改变得真快。\n"
)


def test_a_storys_title_and_its_part_numerals_are_its_outline():
    doc = build(STORY)
    heads = [(b.heading.number, b.text) for b in doc.blocks if b.heading is not None]
    assert heads == [(None, "孤　独　者〔１〕"), ("1", "一"), ("2", "二")]
    assert reading(doc)[2:4] == [
        "我和魏连殳相识一场，回想起来倒也别致，竟是以送殓始，以送殓终。",
        "那时我在Ｓ城，就时时听到人们提起他的名字，都说他很有些古怪：所学的是动物学，却到中学堂去做历史教员。",
    ]


def test_a_title_with_book_title_marks_is_a_title():
    doc = build(
        "                        《呐喊》自序\n\n"
        "    我在年青时候也曾经做过许多梦，后来大半忘却了，但自己也并不以为可惜。\n"
        "所谓回忆者，虽说可以使人欢欣，有时也不免使人寂寞，使精神的丝缕还牵着己逝\n的寂寞的时光。\n"
    )
    assert [b.heading.title for b in doc.blocks if b.heading is not None] == ["《呐喊》自序"]
    assert len(reading(doc)) == 2
