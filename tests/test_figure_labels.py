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


def test_a_clause_that_relates_to_something_borrows_its_subject():
    assert labels("数字经济核心产业增加值增长9.1%，占地区生产总值比重提高到12.4%。")[1] == (
        "数字经济核心产业增加值占地区生产总值比重"
    )
    assert labels("工业投资500亿元、占全部投资的31%。")[1] == "工业投资占全部投资"


def test_verbs_alone_act_on_what_the_figure_before_counted():
    assert labels("筹集建设保障性租赁住房8600套，供应分配5200套。") == [
        "筹集建设保障性租赁住房",
        "保障性租赁住房供应分配",
    ]
    assert labels("开工改造老旧小区96个、完工54个。")[1] == "老旧小区完工"


def test_a_total_after_net_additions_is_of_the_thing_added():
    assert labels("净增经营主体2.3万户，总量41.5万户。")[1] == "经营主体总量"


def test_a_figure_inside_a_noun_only_qualifies_what_the_next_one_counts():
    assert labels("其中投资额超50亿元项目3个、增长50%。") == [
        labels("其中投资额超50亿元项目3个、增长50%。")[0],
        "投资额超50亿元项目",
        "投资额超50亿元项目增长",
    ]


def test_a_share_followed_by_what_it_does():
    assert labels("普惠贷款余额900亿元，其中62%投向小微企业。")[1] == "普惠贷款余额投向小微企业"
    assert labels("全市政务服务事项100%实现网上办理。") == ["全市政务服务事项实现网上办理"]


def test_a_change_in_points_is_of_the_rate_before_it():
    assert labels("森林覆盖率达到48.2%、提高0.6个百分点。")[1] == "森林覆盖率提高"


def test_a_qualifier_before_the_value_and_an_adverb_after_the_subject_are_left_out():
    assert labels("新增减税降费约35亿元。") == ["新增减税降费"]
    assert labels("研发投入占比仍保持在3%以上。") == ["研发投入占比"]


def test_steps_counted_and_an_abbreviation_before_the_value():
    assert labels("全省生产总值连跨2个千亿元台阶、达到9800亿元。", REVIEW)[1] == "全省生产总值"
    assert labels("地均GDP42.5亿元/平方公里。") == ["地均GDP"]
    assert not figures("PM2.5年均浓度下降。") and not figures("建成5G基站。")


def test_items_sharing_what_follows_their_last_word():
    assert labels("先进制造业和高技术制造业增加值占规上工业比重分别达到48%、31%。") == [
        "先进制造业增加值占规上工业比重",
        "高技术制造业增加值占规上工业比重",
    ]


def test_a_verb_with_its_object_names_the_figure_itself():
    assert labels("做好企业款项支付工作，新增减税降费超过900亿元。") == ["新增减税降费"]
    assert labels("处级干部挂点企业6200家、解决诉求3100件。")[1] == "解决诉求"


def test_growth_or_share_after_additions_is_of_the_additions():
    found = labels("商事主体总量达41万户。一年新增5.2万户、增长18.5%，占全市9.1%。")
    assert found[1:] == ["商事主体新增", "商事主体新增增长", "商事主体新增占全市"]


def test_a_comparison_and_a_leap_keep_the_subject_before():
    found = labels("全区GDP同比增长7.2%、比全市高1.2个百分点；总量跃升到2100亿元，一年净增加160亿元。")
    assert found[1:] == ["全区GDP比全市高", "全区GDP总量", "全区GDP净增加"]


def test_a_value_in_a_frame_counts_nothing_after_it():
    found = labels("固定资产投资在上年完成900亿元高基数的情况下，全年完成960亿元、增长6.7%。")
    assert found == ["固定资产投资", "固定资产投资", "固定资产投资增长"]


def test_more_than_begins_a_word_only_when_the_dictionary_says_so():
    (figure,) = figures("将高血压等40种多发常见慢性病纳入报销范围。")
    assert figure.text == "40种" and figure.label == "多发常见慢性病"


def test_a_frame_around_the_value_and_a_unit_of_containers():
    assert labels("在新增减税降费120亿元基础上，财政收入增长6%。")[0] == "新增减税降费"
    (figure,) = figures("港口集装箱吞吐量达1500万标箱。")
    assert (figure.label, figure.unit, figure.amount) == ("港口集装箱吞吐量", "万标箱", 15_000_000)


def test_items_whose_last_words_end_alike_share_what_follows():
    assert labels("火灾事故、交通事故死亡人数分别下降12%、8%。") == ["火灾事故死亡人数下降", "交通事故死亡人数下降"]


def test_a_counted_noun_ends_before_a_preposition_that_opens_the_predicate():
    assert labels("36条经验做法在全省推广。") == ["经验做法"]


def test_a_sentence_of_only_a_verb_takes_no_subject_from_the_sentence_before():
    assert labels("全区公园总数达120个。建成15座超充站。", REVIEW) == ["全区公园总数", "超充站"]
