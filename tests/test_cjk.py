"""Chinese documents beyond the newspaper page: reports, laws, hard-wrapped books, OCR and PDF
extractions — one convention at a time, on text written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.sources.text import spaces_break_lines
from tests.conftest import build, reading


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        # column OCR: every piece but a line's last is a whole printed line of the column
        ("全市新增国家重点小巨人企业 九家总数达到二十五家单\n\n位地区生产总值企业密度 继续保持全国第一名。\n", True),
        # a chapter's label and title apart, among column lines
        (
            "第一章 总体情况\n\n本年度学校共招收本科生五千二百人、研究生 一千三百八十人，在校生总\n\n"
            "学校新增博士学位授权点三个，建成省级 重点实验室七个，毕业生就业去向落实。\n",
            True,
        ),
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


NOTICE_OCR = (
    "联防联控机制综发[2022] 71 号\n\n关于印发新型冠状病毒肺炎防控方案\n〈第九版) 的通知\n\n"
    "各省、自治区、直边市及新疆生产建设兵团应对新型冠状病毒\n肺炎疫情联防联控机制，国务院应对新\n型冠状病毒肺炎疫情联防联控机制各成员单位，中国疾控中\n心:\n\n"
    "为进一步指导各地做好新型冠状病毒肺炎防控工作，国务\n院应对新型冠状病毒肺炎疫情联防联控机制综合组制定了新\n"
    "型冠状病毒肺炎防控方案，现印发给你们，请认真组织实施.\n各地各部门在执行过程中如有相关建议，请及时反\n\n馈机制综合组\n\n"
    "国务院应对新型冠状病毒肺炎\n疫情联防联挖机制综合组\n(国家卫生健康委代章 )\n2022 年6月27日\n息公开形式: 主动公开 )\n\n"
    "一\n一、\nTI\n\f新型冠状病毒肺炎防控方案\n\n(第九版 )\n\n"
    "为指导各地做好新型冠状病毒肺炎疫情防控工作，全面落实“外\n防输入、内防反弹”总策略和“动态清零”总方针，制定本方案。\n\n2\n"
)


def test_a_notices_title_addressees_signature_and_date_stand_apart_and_the_misread_page_number_goes():
    texts = reading(build(NOTICE_OCR), printed=True)  # (the layout decisions, before the punctuation repair)
    assert (
        "关于印发新型冠状病毒肺炎防控方案〈第九版) 的通知" in texts
    )  # a short line that stops mid-sentence ends its block
    assert any(t.startswith("各省、自治区") and t.endswith("中国疾控中心:") for t in texts)
    assert any(t.endswith("请及时反馈机制综合组") for t in texts)  # a word broken over a blank line is joined
    assert "国务院应对新型冠状病毒肺炎疫情联防联挖机制综合组(国家卫生健康委代章 )" in texts
    assert "2022年6月27日" in texts  # the date under a signature is a line of its own
    assert not any(t in ("一", "一、", "TI") for t in texts)  # the page number — 1 — as tesseract read it


def test_a_latin_heavy_line_inside_a_chinese_paragraph_is_measured_like_the_others():
    doc = build(
        "新型冠状病毒为β属冠状病毒，有包膜，颗粒呈圆形或椭圆形，直\n径60~140nm。新冠病毒基因组为单股正链RNA，全长约29.9kb，\n"
        "基因组所包含的开放读码框架依次排列为5′-复制酶(ORF1a/ORF1b)\n-S-ORF3a-ORF3b-E-M-ORF6-ORF7a-ORF7b-ORF8-N-ORF9a-ORF9b-\n"
        "ORF10-3′。核壳蛋白N包裹着病毒RNA形成病毒颗粒的核心结构。\n"
    )
    assert len(reading(doc)) == 1


def test_a_title_with_its_edition_in_brackets_is_a_title():
    doc = build(
        "新型冠状病毒感染诊疗方案\n(试行第十版)\n\n为进一步做好新型冠状病毒感染诊疗工作，我们组织专家制定了本方案。\n"
    )
    assert [b.heading.title for b in doc.blocks if b.heading is not None] == ["新型冠状病毒感染诊疗方案（试行第十版）"]


EXTRACTED_REPORT = (
    "负全市人民的厚望。\n二、2024 年重点任务\n"
    "今年是新中国成立 75 周年，是实现“十四五”规划目标任务的关键一年，也是京津冀\n"
    "协同发展战略实施 10 周年，做好各项工作意义重大。\n着力做好以下十一个方面工作：\n"
    "（一）持续提升首都功能，推动京津冀协同发展取得新的更大进展\n牢牢牵住疏解非首都功能这个“牛鼻子”\n"
    "，推进现代化首都都市圈建设，携手津冀共同打造中国式现代化的先行区、示范区。加强\n"
    "国际交往中心功能建设。实现新国展二期项目竣工，强化雁栖湖国际会都服务保障能力。\n"
    "（二）聚力建设国际科技创新中心，进一步壮大发展新动能新优势\n"
    "充分发挥教育、科技、人才优势，加快构建高效协同的创新体系，持续提升创新能力和水平，\n"
    "使北京成为世界科学前沿和新兴产业技术创新策源地。深入推进教育改革发展，新增学位。\n"
)


def test_an_extracted_reports_headings_stand_on_their_own_lines():
    doc = build(EXTRACTED_REPORT)
    heads = [(b.heading.number, b.heading.title) for b in doc.blocks if b.heading is not None]
    assert heads == [
        ("2", "2024年重点任务"),
        ("2.1", "持续提升首都功能，推动京津冀协同发展取得新的更大进展"),  # after a colon lead-in: its (二) follows text
        ("2.2", "聚力建设国际科技创新中心，进一步壮大发展新动能新优势"),
    ]
    # a line pdftotext broke before its closing punctuation is one printed line
    assert any(
        t.startswith("牢牢牵住疏解非首都功能这个“牛鼻子”，推进") and t.endswith("保障能力。") for t in reading(doc)
    )


def test_a_block_per_line_extraction_with_a_table_is_measured_by_its_prose():
    cells = "\n\n".join(["八", "六", "四", "2.5000", "2.1333", "1.6667", "高速公路", "一级公路", "二级公路"] * 3)
    text = (
        "路段的交通量和大型车比例与基准值的编制条件不同时，其用地指标按表 7.6 中\n\n的系数进行调整。\n\n"
        f"{cells}\n\n"
        "第 7.9 条  服务设施出入口加减速车道用地指标，平原一般不宜超过 3.4 公顷\n\n/处，丘陵、山区一般不宜超过 4.0 公顷/处。\n\n"
        "第 7.11 条  养护设施分为养护工区、道班房和桥隧养护管理站。养护工区一\n\n"
        "般在高速公路和一级公路上设置；道班房主要在二、三、四级公路上设置；桥隧\n\n"
        "养护管理站一般在独立特大桥、隧道或桥梁、隧道群处设置。养护工区和道班房\n\n用地指标不宜超过表 7.8 的规定。\n"
    )
    texts = reading(build(text))
    assert "路段的交通量和大型车比例与基准值的编制条件不同时，其用地指标按表7.6中的系数进行调整。" in texts
    assert any(t.startswith("第7.9条") and t.endswith("4.0公顷/处。") for t in texts)
    assert any(t.startswith("第7.11条") and t.endswith("不宜超过表7.8的规定。") for t in texts)


def test_the_works_title_over_a_page_far_into_it_is_its_running_head():
    page = (
        "安徽省建设用地使用标准（2020 年版）\n\n"
        "路段的交通量和大型车比例与基准值的编制条件不同时，其用地指标按表 7.6 中\n的系数进行调整。\n\n173\n\n\f"
    )
    doc = build(page)
    assert reading(doc) == ["路段的交通量和大型车比例与基准值的编制条件不同时，其用地指标按表7.6中的系数进行调整。"]
    assert {b.role for b in doc.blocks if b.kind == "furniture"} == {"running-head", "page-number"}
    # on a work's first pages its title is its title
    first = build(page.replace("173", "1"))
    assert reading(first)[0] == "安徽省建设用地使用标准（2020年版）"


def test_chinese_markdown_that_marks_its_headings_keeps_numbered_rules_as_paragraphs():
    text = (
        "# 文本\n\n## 字间距\n\n（1）全角中文字符与半角英文字符之间，应有一个半角空格。\n\n"
        "```\n错误：本文介绍如何快速启动Windows系统。\n```\n\n（2）避免使用长句。\n\n## 句子\n\n（1）尽量使用简单句。\n\n"
        "1. 分词\n--------\n\n* jieba.cut 方法接受四个输入参数。\n\n2. 添加自定义词典\n----------------\n\n开发者可以指定自己的词典。\n"
    )
    doc = build(text, "style.md")
    heads = [(b.heading.number, b.heading.title) for b in doc.blocks if b.heading is not None]
    # the rules are not sections; an item the writer underlined is (CommonMark reads it as an item and a rule)
    assert heads == [(None, "文本"), (None, "字间距"), (None, "句子"), ("1", "分词"), ("2", "添加自定义词典")]


def test_chinese_markdown_with_only_a_title_keeps_its_numbered_headings():
    doc = build("# 关于加强管理的通知\n\n一、总体要求\n\n坚持稳中求进。\n\n二、主要任务\n\n加快发展。\n", "notice.md")
    assert [b.heading.number for b in doc.blocks if b.heading is not None] == [None, "1", "2"]


def test_a_table_of_contents_keeps_one_entry_per_line_and_makes_no_outline():
    toc = (
        "目录\n\n第一章 总纲4\n\n第二章 公民的基本权利和义务\n\n第三章 国家机构\n第一节 全国人民代表大会11\n"
        "第二节 中华人民共和国主席.es15\n第三节 国务院.416\n第五节 地方各级人民代表大会和地方各级人民政府.18\n"
        "第六节 民族自治地方的自治机关.es20\n第七节 监察委员会.es21\n"
    )
    doc = build(toc)
    assert reading(doc)[-3:] == [
        "第五节 地方各级人民代表大会和地方各级人民政府.18",
        "第六节 民族自治地方的自治机关.es20",
        "第七节 监察委员会.es21",
    ]
    assert [s.number for s in doc.sections if s.number] == []


def test_a_dashed_folio_glued_to_a_pages_last_line_leaves_the_text():
    pages = [
        "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。\n全年国内生产总值增长百分之五，经济运行稳中有进- 3 -\n",
        "城镇新增就业一千二百万人，居民收入稳步增长，民生保障有力。\n粮食产量连续多年稳定在一万三千亿斤以上，粮食安全— 4 —\n",
    ]
    doc = build("\f".join(pages))
    assert [(b.text, b.page) for b in doc.blocks if b.role == "page-number"] == [("- 3 -", "3"), ("— 4 —", "4")]
    assert all(not t.endswith("-") and not t.endswith("—") for t in reading(doc))


def test_a_standards_clause_number_starts_its_paragraph():
    doc = build(
        "第 7.9 条  服务设施出入口加减速车道用地指标，平原一般不宜超过 3.4 公顷\n/处，丘陵、山区一般不宜超过 4.0 公顷/处。\n"
        "第 7.10 条  公路路段监控通信分中心、路段监控通信站和桥隧监控通信站应\n根据项目实际需要设置，其用地指标不宜超过表 7.7 的规定。\n"
    )
    assert [t[:6] for t in reading(doc)] == ["第7.9条 ", "第7.10条"]
    assert all(b.heading is None for b in doc.blocks)  # a clause is a numbered paragraph, not a section


def test_a_numbered_title_alone_in_its_block_ends_there_though_the_paragraphs_are_short():
    # short one-line paragraphs under numbered titles: the measure is the titles' own, and a title
    # carries no punctuation of prose, so it does not run on into the paragraph below
    text = (
        "1. 建筑节能设计的适用范围\n\n本标准适用于新建建筑。\n\n2. 本标准所用术语和定义\n\n下列术语适用于本标准。\n\n"
        "3. 建筑节能设计基本规定\n\n建筑应当节约能源。\n\n4. 外墙与屋面的保温要求\n\n外墙应当采取保温措施。\n"
    )
    doc = build(text)
    titles = ["建筑节能设计的适用范围", "本标准所用术语和定义", "建筑节能设计基本规定", "外墙与屋面的保温要求"]
    assert [s.title for s in doc.sections if s.number] == titles
    assert "本标准适用于新建建筑。" in reading(doc)


def test_a_layout_extractions_paragraphs_are_not_taken_into_the_table_above_them():
    # pdftotext -layout sets a page's tables and the clauses under them in one block: a line with
    # no gap between cells that ends a sentence or runs to the measure with commas is running text
    page = (Path(__file__).parent / "corpus/zh-pdf-pdftotext/anhui-land-use-standard-2020-p173-layout.txt").read_text()
    doc = build(page)
    texts = reading(doc)
    assert "路段的交通量和大型车比例与基准值的编制条件不同时，其用地指标按表7.6中的系数进行调整。" in texts
    clause = "第7.9条 服务设施出入口加减速车道用地指标，平原一般不宜超过3.4公顷/处，丘陵、山区一般不宜超过4.0公顷/处。"
    assert clause in texts
    assert any(t.startswith("第7.10条 公路路段") and t.endswith("不宜超过表7.7的规定。") for t in texts)
    tables = [b.text for b in doc.blocks if b.kind == "preformatted"]
    assert len(tables) == 2 and all("第7.9条" not in t and "路段的交通量" not in t for t in tables)


def test_a_notices_date_under_its_signature_is_not_a_heading():
    # an OCR'd notice (联防联控机制综发〔2022〕71号): the signing office, its seal note and the
    # date (成文日期) close the covering letter; the outline is the plan's title and its sections
    notice = (Path(__file__).parent / "corpus/ocr-zh/covid-control-v9-p1-2.txt").read_text()
    doc = build(notice)
    assert "2022年6月27日" in reading(doc)
    assert [s.title for s in doc.sections][:3] == ["新型冠状病毒肺炎防控方案", "总体要求", "病原学和流行病学特征"]


def test_a_reports_lead_phrases_may_quote_a_coined_term():
    # the run-in lead phrases under (一) of the Beijing report, two of them quoting a term
    report = (Path(__file__).parent / "corpus/zh-pdf-pdftotext/beijing-2024-gov-report-excerpt.txt").read_text()
    doc = build(report)
    leads = [s.title for s in doc.sections if s.kind == "lead" and s.number and s.number.startswith("2.1.")]
    assert leads[2:4] == ["打好疏解整治促提升“组合拳”", "加快推进“新两翼”建设"]
    # a paragraph that opens with a quotation is no lead phrase
    story = "一\n\n“我就是叫作藤野严九郎的。”他说，后面有几个人笑起来了。\n\n“可以抄一点。”我说，他便收下了讲义。\n"
    assert not [s for s in build(story).sections if s.kind == "lead"]


def test_a_notice_with_unwrapped_paragraphs_keeps_its_forms_fields_on_their_own_lines():
    # each paragraph of the notice is one long line (no wrap at all), so every line break is the
    # writer's: the attached forms' fields stay apart; a field over a seal's place or a blank date,
    # and the office that signs over its date, are not titles
    notice = (Path(__file__).parent / "corpus/zh-report/xinjiang-publicity-notice.txt").read_text()
    doc = build(notice)
    texts = reading(doc)
    assert {"姓名", "联系方式", "办公电话", "职务", "手机号码", "（签章）"} <= set(texts)
    assert "为制作（宣传），请协助配合完成相关采访（拍摄）工作。" in texts
    titles = {s.title for s in doc.sections}
    assert "自治区质量技术监督局协助宣传报道通知单" in titles
    assert not titles & {"部门领导意见", "主管领导签批", "区局办公室意见", "自治区质监局办公室", "年月日"}
