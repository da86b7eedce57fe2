"""Clean documents written for the tests and the sample: the expected readings of generated layouts."""

from __future__ import annotations

RIVER_CITY: list[tuple[str, str]] = [
    (
        "paragraph",
        "过去一年,全市上下团结奋斗,经济运行稳中向好。地区生产总值达到1265.4亿元,同比增长6.2%;一般公共预算收入完成98.7亿元,增长5.1%。新增城镇就业4.6万人,城镇调查失业率控制在5.2%以内。",
    ),
    (
        "paragraph",
        "产业结构持续优化。新培育规模以上工业企业126家,高新技术企业总数达到842家,数字经济核心产业增加值占比提高到9.3%。临江港完成货物吞吐量3650万吨,开通国际航线4条。",
    ),
    (
        "paragraph",
        "民生保障更加有力。新建改扩建中小学和幼儿园23所,新增学位1.8万个;改造老旧小区156个,惠及居民5.2万户。城乡居民人均可支配收入分别增长5.4%和7.1%。",
    ),
    ("heading", "二、坚定信心,奋力完成2024年目标任务"),
    (
        "paragraph",
        '今年是实施"十四五"规划的关键之年。全市经济社会发展的主要预期目标是:地区生产总值增长6%左右;一般公共预算收入增长5%以上;城镇新增就业4.5万人以上;居民消费价格涨幅3%左右。',
    ),
    ("paragraph", "(一)聚焦实体经济,加快建设现代化产业体系。坚持制造业当家,推动传统产业升级和新兴产业壮大。"),
    (
        "paragraph",
        "全力推进项目建设。实施市级重点项目320个,年度计划投资680亿元。加快临江新材料产业园建设,力争年内新开工亿元以上项目80个。",
    ),
    (
        "paragraph",
        "全力培育市场主体。实施中小企业梯度培育计划,新增专精特新企业60家以上,新增上市企业2家。全年减税降费和退税缓税规模保持在40亿元左右。",
    ),
    (
        "paragraph",
        "(二)聚焦城乡融合,全面推进乡村振兴。守牢粮食安全底线,稳定粮食播种面积186万亩,粮食总产量稳定在15.6亿斤以上。",
    ),
    (
        "paragraph",
        "扎实推进美丽乡村建设。完成农村公路提质改造420公里,新建农村供水工程35处,建设省级美丽乡村示范村18个。",
    ),
    ("paragraph", "扎实促进农民增收。发展特色产业集群,培育农业产业化龙头企业25家,农村居民人均可支配收入增长7%以上。"),
    (
        "paragraph",
        "(三)聚焦民生福祉,持续提升公共服务水平。新增公办学位6000个,建成社区养老服务中心48个,城市社区嵌入式托育点覆盖率达到60%。",
    ),
    ("paragraph", "各位代表!目标催人奋进,使命重在担当。让我们以更加昂扬的斗志,真抓实干,为建设现代化新临江而不懈奋斗!"),
]

SCHOOL_REPORT: list[tuple[str, str]] = [
    ("heading", "第一章 总体情况"),
    (
        "paragraph",
        "本年度学校共招收本科生5200人、研究生1380人,在校生总数达到31500人。全年获批国家级科研项目86项,到账科研经费4.3亿元,同比增长12%。",
    ),
    ("paragraph", "学校新增博士学位授权点3个,建成省级重点实验室7个。毕业生就业去向落实率为92.6%,其中升学率达到28%。"),
    ("heading", "第二章 主要工作"),
    ("paragraph", "1.人才培养质量稳步提升。新增国家级一流本科课程14门,学生在各类竞赛中获国家级奖项210项。"),
    ("paragraph", "2.科学研究实现新突破。发表高水平论文960篇,授权发明专利320件,成果转化合同金额1.2亿元。"),
    ("paragraph", "3.服务社会能力不断增强。与地方政府和企业共建研究院12个,开展继续教育培训2.6万人次。"),
]

ENGLISH_REPORT: list[tuple[str, str]] = [
    ("heading", "1. Introduction"),
    (
        "paragraph",
        "The municipal water authority reviewed its distribution network during the year and found that consumption had risen steadily while investment in maintenance had not kept pace with the demands placed upon an ageing infrastructure.",
    ),
    (
        "paragraph",
        "Independent engineers carried out a comprehensive examination of every treatment facility, and their recommendations form the basis of the programme described in the following sections of this document.",
    ),
    ("heading", "2. Findings"),
    ("heading", "2.1 Network condition"),
    (
        "paragraph",
        "Approximately one fifth of the underground pipework exceeded its expected service life, and leakage accounted for a considerable proportion of the water that entered the system before reaching households.",
    ),
    (
        "paragraph",
        "Replacement of the oldest mains was identified as the most effective intervention, particularly in neighbourhoods where repeated interruptions had damaged public confidence in the authority.",
    ),
    ("heading", "2.2 Financial position"),
    (
        "paragraph",
        "Operating revenue covered routine expenditure, but the capital reserve was insufficient for the necessary improvements, so the board approved a borrowing programme spread over a decade with annual independent monitoring.",
    ),
]
