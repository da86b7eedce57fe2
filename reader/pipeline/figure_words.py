"""Word classes for figure labels, and the tokens (word, part of speech) the labels are cut from.

Each class names the convention it serves in Chinese report prose; they are closed lists of
function words, never a document's own phrases. Parts of speech come from ``jieba.posseg`` when the
dictionary is on; without it a text is split at these function words only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Token = tuple[str, str]  # (word, part of speech as jieba.posseg tags it)
Tagger = Callable[[str], Sequence[Token]]

# Light verbs that open a clause and say nothing of the quantity (开展培训50万人次 → 培训).
LIGHT_VERBS = frozenset("开展 实施 推进 进行 组织 举办 加快 加强 推动 落实 启动".split())
# Words that introduce a value: the quantity is what comes before them (达到, 突破, 控制在 …).
LINKING = frozenset(
    "达到 达 为 是 突破 超过 超 逾 接近 将近 近 约 大约 至 到 从 由 降到 降至 达到了 迈上 迈入 跨上 跃上 站上 跻身 "
    "共计 合计 累计达 不低于 不少于 不超过 不高于 完成 实现 保持 维持 设定为 设为 定为 确定为 预计为".split()
)
# 在/于/到/至 after a verb of holding or changing make one linking phrase (控制在, 提高到).
PLACE_PARTICLES = frozenset("在 于 到 至".split())
HOLDING_VERBS = frozenset(
    "控制 保持 稳定 维持 提高 提升 增加 增长 上升 下降 降低 减少 扩大 缩小 延长 缩短 压减 压降 突破 跃升 攀升 回升".split()
)
# Verbs that name a change of the quantity: part of the metric (增长8.1%), kept in labels.
CHANGE_VERBS = frozenset("增长 下降 上涨 下跌 提高 提升 增加 减少 降低 扩大 缩小 回落 增产 减产 上升 新增".split())
# Adverbs between a quantity and its value (粮食产量连年稳定在 …, 分别增长): dropped.
ADVERBS = frozenset(
    "分别 均 都 已 已经 全部 全面 连年 连续 首次 成功 顺利 正式 相继 先后 陆续 基本 同比 比上年 累计 共 "
    "历史性 整体 总体 稳定 稳步 持续 继续 进一步 大幅 再 又 还 也 有序 加力 大力 扎实 深入 如期 超额 仍 仍然 依然 "
    "同口径 可比口径 各".split()
)
# Verbs that relate a subject to something else (占地区生产总值比重, 高于全国): a clause opening with one
# has left its subject to the clause before.
RELATIONAL_VERBS = frozenset("占 相当于 高于 低于 快于 慢于 领先 比 较".split())
# Words that open a clause without belonging to the quantity (其中, 力争, 确保 …).
OPENERS = frozenset(
    "其中 同时 并 并且 以及 和 及 与 还 也 而 、 力争 确保 争取 预计 计划 努力 要 将 全力 实现 累计 共 合计 "
    "目标是 预期".split()
)
# A time phrase is never a subject (今年, 2025年, 五年来 …).
TIME_WORDS = frozenset(
    "今年 明年 去年 上年 前年 全年 当年 年末 年底 年初 上半年 下半年 同期 目前 截至 期间 以来 年内 届时 此前 近年 近年来 "
    "本届 一年来 五年来 十年来 五年 十年 三年".split()
)
_TIME_RE = re.compile(r"^(?:\d{2,4}年|[一二三四五六七八九十两]+年(?:来)?|\d+年来|到\d{4}年|\d{4}年底|\d{4}年末)$")
# Metric words that need a subject: a clause with only these borrows the subject before it.
METRIC_ONLY = frozenset("总数 总量 总产 总产量 占比 比重 增速 增幅 比例 年均 平均 规模 幅度 强度 密度".split())
# Heads that count a subject's members; dropped when the subject is carried (参保人数 → 基本养老保险).
COUNT_HEADS = frozenset("人数 总数 数量 个数 户数 总量".split())
# Words that scope a quantity to the whole area (全国, 全省 …): not a subject on their own.
SCOPE_WORDS = frozenset("全国 全省 全市 全区 全县 全州 全盟 全域 全社会 全年".split())
# Verbs of addition that name a flow, not a stock (新增 企业 ≠ 企业): kept at the head of a label.
ADDITION_PREFIX = "新"
# Verbs of adding, building or supplying at the head of a label (净增经营主体, 筹集建设住房): what a
# later clause borrows is their object.
FLOW_VERBS = frozenset(
    "新增 净增 新建 新开工 新改扩建 改扩建 新认定 累计 建设 筹集 筹建 建成 投用 开工 完工 完成 引进 培育 认定 "
    "供应 分配 改造 实施".split()
)
# The first characters of verbs of adding among the flow verbs (新增, 净增, 新建): a label with one
# counts additions, and a growth or share after it is of the additions.
ADDITION_WORDS = ("新", "净")
# Head nouns of a project or facility: a verb before them names its kind (改造项目, 共建重点项目).
HEAD_NOUNS = ("项目", "工程", "行动", "计划", "平台", "中心", "基地", "园区", "设施", "站点", "体系", "机制", "活动")
# Nouns after a figure that name a level reached, not what is counted (突破5万关口, 1200亿台阶).
THRESHOLD_NOUNS = frozenset("关口 大关 台阶 行列 关 水平 级别 量级".split())
# Noun-forming single characters after a verb inside a noun phrase (集聚区, 漂浮式, 服务站).
NOUN_SUFFIXES = frozenset("区 式 型 站 点 类 化 园 港 库 场 所 室 馆 院 网 线 段 片 群 链 圈 带")
# Words that stop a noun phrase after a figure (it is then followed by its predicate).
STOP_WORDS = frozenset(
    "等 在 于 和 及 与 或 以 为 被 由 将 已 均 都 并 全部 全面 实现 进入 入围 入选 获得 荣获 达到".split()
)
PUNCT = frozenset("，,；;。！？!?：:、（）()《》〈〉【】\n")
QUOTES = frozenset("“”\"‘’'「」『』")
_NOUNISH = ("n", "vn", "j", "l", "eng", "nz", "ns", "nt", "nr", "b", "an", "ng", "s", "k", "zg")


def is_time(word: str) -> bool:
    """True for a time phrase: 今年, 2025年, 五年, 十年来."""
    return word in TIME_WORDS or bool(_TIME_RE.match(word))


def is_nounish(token: Token) -> bool:
    """True for a token that can be the head or part of a noun phrase."""
    word, pos = token
    return pos.startswith(_NOUNISH) or (pos == "m" and not any(c.isdigit() for c in word) and len(word) > 1)


_FUNCTION_POS = ("v", "d", "p", "c", "u", "x", "q", "r", "y", "e", "o", "w")


def is_content(token: Token) -> bool:
    """True for a token that names what is measured: not a function, time, scope or metric word, not
    a verb, adverb or particle (part-of-speech tags decide only what the word lists leave open)."""
    word, pos = token
    if word in METRIC_ONLY or word in SCOPE_WORDS or word in ADVERBS or word in OPENERS or is_time(word):
        return False
    if word in QUOTES or word in PUNCT or word in LINKING or word in CHANGE_VERBS or word in HOLDING_VERBS:
        return False
    if any(c.isdigit() for c in word):
        return False
    if pos.startswith("a") and len(word) == 1:
        return False  # 净增加, 比全市高: a one-character adjective names nothing
    return pos == "vn" or not pos.startswith(_FUNCTION_POS)


def join(tokens: Sequence[Token]) -> str:
    """The text of tokens, quotation marks left out."""
    return "".join(w for w, _ in tokens if w not in QUOTES)


_SPLIT_WORDS = sorted(LINKING | HOLDING_VERBS | CHANGE_VERBS | ADVERBS | OPENERS | TIME_WORDS | METRIC_ONLY, key=len)


def rough_tokens(text: str) -> list[Token]:
    """Tokens without a dictionary: the text split at the function words above (nouns between)."""
    out: list[Token] = []
    i, run = 0, ""
    words = _SPLIT_WORDS[::-1]
    while i < len(text):
        hit = next((w for w in words if text.startswith(w, i)), None)
        ch = text[i]
        if hit or ch in PUNCT or ch in QUOTES or ch.isdigit():
            if run:
                out.append((run, "n"))
                run = ""
            if hit:
                out.append((hit, "v" if hit in LINKING or hit in CHANGE_VERBS or hit in HOLDING_VERBS else "d"))
                i += len(hit)
                continue
            out.append((ch, "x" if not ch.isdigit() else "m"))
        else:
            run += ch
        i += 1
    if run:
        out.append((run, "n"))
    return out
