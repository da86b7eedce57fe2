"""Figures say what they measure: labels, target or outcome, and normalised values.

The evaluation set (tests/corpus/figures-zh, hand gold) and the corpus page are scored as
``python -m bench.figures`` does; the conventions are checked on sentences written for the test.
"""

from __future__ import annotations

import pytest

from reader.pipeline.build import build_document
from reader.pipeline.figures import FoundFigure, find_figures
from reader.pipeline.wordcheck import tag
from reader.source import load_sidecar
from tests.figure_gold import gold_sets, score_labels

GOLDS = gold_sets()
REVIEW = ["（一）经济运行稳中向好", "一、2025年工作回顾"]
PLAN = ["（二）扩大有效投资", "二、2026年工作安排"]
TRAILING = ("从", "由", "到", "达", "达到", "接近", "超", "超过", "突破", "为", "约")


@pytest.mark.parametrize("gold", GOLDS, ids=[g.name for g in GOLDS])
def test_every_report_of_the_gold_reads_right(gold):
    doc = build_document(gold.text.read_bytes(), gold.text.name, load_sidecar(gold.text))
    score = score_labels(doc, gold)
    page = gold.name.startswith("000_")
    assert score.label_share >= (0.97 if page else 0.95), [(e["key"], f and f.label) for e, f in score.wrong]
    assert score.kind_share >= (1.0 if page else 0.95)
    assert score.recall >= 0.95 and score.precision >= 0.95 and not score.forbidden


def figures(text: str, titles: list[str] | None = None) -> list[FoundFigure]:
    """The figures of one paragraph, with the dictionary on."""
    return find_figures(text, titles or REVIEW, tag)


def labels(text: str, titles: list[str] | None = None) -> list[str]:
    """The labels of one paragraph's figures, in order."""
    return [f.label for f in figures(text, titles)]


@pytest.mark.parametrize(
    "text",
    [
        "全省一般公共预算收入从3200亿元增加到3650亿元。",
        "区域空气优良天数比率接近90%。",
        "国家级高新技术企业由1800家增加到2600家。",
        "全市常住人口突破500万人。",
        "外贸进出口总额达到1.2万亿元。",
        "粮食播种面积稳定在1500万亩以上。",
        "森林覆盖率为46.5%。",
    ],
)
def test_a_label_never_ends_in_a_function_word(text):
    for label in labels(text):
        assert label and not label.endswith(TRAILING), label


def test_from_a_to_b_gives_a_base_and_a_result_of_one_quantity():
    base, result = figures("一般公共预算收入从3200亿元增加到3650亿元。")
    assert base.label == result.label == "一般公共预算收入"
    assert (base.role, result.role) == ("base", "result")
    assert (base.amount, result.amount) == (320_000_000_000, 365_000_000_000)


def test_a_time_phrase_is_never_the_subject():
    (figure,) = figures("到2030年，数字经济核心产业增加值占比达到12%。", PLAN)
    assert figure.label == "数字经济核心产业增加值占比"
    assert all("年" not in label for label in labels("2025年达到1.6万亿元，增长6%。"))


def test_a_clause_with_only_a_total_or_share_borrows_the_subject_before_it():
    assert labels("新增国家级专精特新企业30家，总数达180家。") == ["新增国家级专精特新企业", "国家级专精特新企业总数"]
    assert labels("全年地区生产总值6800亿元、增长5.6%。")[1] == "地区生产总值增长"


def test_values_listed_after_fenbie_are_matched_by_position():
    assert labels("工业投资、技改投资分别增长12.5%、9.8%。") == ["工业投资增长", "技改投资增长"]
    assert labels("城乡居民人均可支配收入分别增长5.2%和6.9%。") == [
        "城镇居民人均可支配收入增长",
        "农村居民人均可支配收入增长",
    ]


def test_a_label_may_follow_the_number():
    first, second = labels("新增1个千亿产业、8家全国重点实验室。", PLAN)
    assert "千亿产业" in first and second == "全国重点实验室"
    assert labels("全市85%的乡镇卫生院达到服务能力推荐标准。") == ["乡镇卫生院"]


def test_level_qualifiers_and_subjects_joined_by_dun_are_kept_whole():
    assert labels("新增市级以上农业产业化龙头企业25家。", PLAN) == ["新增市级以上农业产业化龙头企业"]
    assert "省级及以上" in labels("培育省级及以上专精特新企业60家以上。", PLAN)[0]
    assert labels("雏鹰企业、瞪羚企业达到320家。") == ["雏鹰企业、瞪羚企业"]


def test_target_or_outcome_follows_the_part_of_the_report():
    assert [f.target for f in figures("规上工业增加值增长7.1%。", REVIEW)] == [False]
    assert [f.target for f in figures("规上工业增加值增长6%左右。", PLAN)] == [True]
    untitled = figures("过去一年，地区生产总值增长5.2%，城镇调查失业率控制在5.3%以内。", [])
    assert [f.target for f in untitled] == [False, False]
    run_together = figures("二、2026年工作总体要求和主要目标今年主要预期目标是：地区生产总值增长5%左右。", REVIEW)
    assert [f.target for f in run_together] == [True]


def test_values_are_normalised_with_magnitude_unit_and_qualifier():
    money, people, points, rng = figures(
        "完成投资843.2亿元，新增城镇就业5.83万人，城镇化率提高0.7个百分点，收入增长7%—8%左右。"
    )
    assert (money.amount, money.measure) == (84_320_000_000, "元")
    assert (people.amount, people.measure) == (58_300, "人")
    assert (points.amount, points.measure) == (0.7, "pp")
    assert (rng.amount, rng.upper, rng.measure, rng.qualifier) == (7, 8, "%", "左右")
    assert [f.qualifier for f in figures("粮食产量1300亿斤以上，失业率5.5%以内，优良天数比率接近90%。")] == [
        "以上",
        "以内",
        "接近",
    ]


def test_english_figures_have_values_and_labels():
    found = find_figures(
        "Federal spending on highways rose to $4.2 billion. The unemployment rate fell to 3.5 percent, "
        "and exports were up 3.1%.",
        ["Economic outlook"],
    )
    assert [(f.amount, f.measure) for f in found] == [(4_200_000_000, "$"), (3.5, "%"), (3.1, "%")]
    assert found[0].label == "Federal spending on highways" and found[1].label == "unemployment rate"
