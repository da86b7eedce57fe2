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
