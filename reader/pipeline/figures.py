"""Step 5, blocks → figures: numbers with units, each with its label, section and kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.pipeline.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

_UNITS = (
    "平方公里|平方千米|平方米|立方米|千瓦时|兆瓦|千瓦|公顷|公里|千米|美元|欧元|港元|人民币|元|人次|户次|"
    "万人|人|个|家|所|件|项|种|亩|吨|斤|公斤|千克|列|名|户|辆|座|台|套|张|篇|次|倍|床|栋|间|条|批|场|片|处|"
    "班|趟|架|艘|只|头|株|棵|所|册|部|款|支|组|位|例|起|天|小时|分钟|周|月|岁|米|度|瓦|兆|公斤|升|GW|MW|kW|km|kg|t"
)
_ARABIC_RE = re.compile(
    r"(?<![A-Za-z0-9.+\-/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    rf"((?:万亿|千亿|百亿|亿|千万|百万|十万|万|千)?(?:{_UNITS})?)"
    r"(%|‰|％)?"
    r"(左右|以上|以内|以下|多|余|上下)?"
)
_CN_NUM = f"[一二两三四五六七八九十][{CHINESE_NUMERAL_CHARS}]+"
_CN_RE = re.compile(
    rf"(?<![第{CHINESE_NUMERAL_CHARS}])({_CN_NUM})(家|个|人|所|项|件|名|座|户|亩|吨|条|种|辆|台|套|批|次)(?![大强佳类届])"
)
_QUALIFIER_RE = re.compile(r"(左右|以上|以内|以下|多|余|上下)")
_CLAUSE_CUT_RE = re.compile(r"[，,。；;：:！!？?、（）()《》\n]")
_LEAD_VERBS = (
    "实际利用",
    "实现",
    "完成",
    "实施",
    "建成",
    "新建",
    "达到",
    "突破",
    "引育",
    "开行",
    "培育",
    "打造",
    "推进",
    "开展",
    "建设",
    "举办",
    "其中",
    "全年",
    "累计",
    "共",
    "力争",
    "确保",
    "争取",
    "新改建",
    "改造",
    "提质改造",
    "拉通",
    "入库",
    "推动",
)
_TAIL_VERBS = (
    "完成",
    "控制在",
    "保持在",
    "稳定在",
    "达到",
    "突破",
    "超过",
    "提高到",
    "增加到",
    "达",
    "为",
    "是",
    "约",
    "占",
    "至",
    "到",
)
_TARGET_RE = re.compile(r"力争|确保|达到|目标|预期|计划|争取|将|要")
_PLAN_OPENING_RE = re.compile(r"^(?:力争|确保|争取|预计|计划|目标是)")
_BARE_VERB = ("同比增长", "增长", "下降", "提高", "减少", "增加", "分别增长", "同比下降")
_NOT_FIGURE_AFTER = re.compile(r"^(?:[年月日号版期届段区路街道楼层室线]|[A-Za-z]|\+|-\d|/\d)")
_PLACE_TAIL = re.compile(r"^[区段路街道村号楼室巷]")
_MAX_LABEL = 12


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A figure found in one block's text, before the model gives it an index."""

    text: str
    value: float
    unit: str
    qualifier: str
    label: str
    start: int
    end: int
    target: bool


def _is_year(number: str, unit: str, after: str) -> bool:
    """Return True for a calendar year such as 2023年 (or a bare 2023 before 年)."""
    return (
        (not unit or unit.startswith("年"))
        and after.startswith("年")
        and len(number) == 4
        and 1800 <= int(number) <= 2200
    )


def _label(text: str, start: int, end: int, cut: Callable[[str], list[str]] | None) -> str:
    """Return the phrase a figure measures: the clause before it, or the noun after it."""
    left = text[max(0, start - 30) : start]
    clause = _CLAUSE_CUT_RE.split(left)[-1].strip()
    label = _left_label(clause, cut).replace('"', "").replace("“", "").replace("”", "")
    if len(label) >= 2:
        return label
    right = _CLAUSE_CUT_RE.split(text[end : end + 20])[0] if end < len(text) else ""
    words = cut(right) if cut and right else [right]
    taken: list[str] = []
    for word in words:
        if word in _STOP_AFTER or sum(map(len, taken)) >= 8:
            break
        taken.append(word)
    return "".join(taken).replace('"', "") or label


_STOP_AFTER = {
    "在",
    "于",
    "等",
    "和",
    "的",
    "为",
    "是",
    "实现",
    "以上",
    "左右",
    "以内",
    "以下",
    "被",
    "已",
    "均",
    "全部",
    "进入",
    "获",
}


def _left_label(clause: str, cut: Callable[[str], list[str]] | None) -> str:
    """Trim the clause before a figure to the phrase it measures."""
    if any(ch.isdigit() for ch in clause):
        return ""
    for verb in _TAIL_VERBS:
        if clause.endswith(verb) and len(clause) > len(verb) + 1:
            clause = clause[: -len(verb)]
            break
    words = cut(clause) if cut and clause else [clause]
    while words and words[0] in _LEAD_VERBS:
        words = words[1:]
    label = "".join(words)
    if label in ("新增", "增长", "增加", "其中", "以及", "和", "等"):
        return ""
    while len(label) > _MAX_LABEL and len(words) > 1:
        words = words[1:]
        label = "".join(words)
    return label[-_MAX_LABEL * 2 :]


def find_figures(text: str, cut: Callable[[str], list[str]] | None = None, plan: bool = False) -> list[FoundFigure]:
    """Find the figures in one block of text; ``plan`` marks a block inside a plan section."""
    out: list[FoundFigure] = []
    for m in _ARABIC_RE.finditer(text):
        whole, frac, unit, pct, qual = (
            m.group(1),
            m.group(2) or "",
            m.group(3) or "",
            m.group(4) or "",
            m.group(5) or "",
        )
        if not unit and not pct:
            continue
        after = text[m.end() : m.end() + 2]
        before = text[max(0, m.start() - 2) : m.start()]
        if _is_year(whole, unit, text[m.end(1) + len(frac) : m.end(1) + len(frac) + 4]) or _NOT_FIGURE_AFTER.match(
            text[m.end(1) + len(frac) : m.end(1) + len(frac) + 4] if not unit and not pct else after
        ):
            continue
        if unit and not pct and _PLACE_TAIL.match(after):
            continue
        if before.endswith(("+", "-", "第")) or (before and before[-1].isalpha() and before[-1].isascii()):
            continue
        if unit in ("千", "兆") or (unit and unit[-1] in "万亿千" and after[:1] in ("倍",)):
            continue
        number = whole.replace(",", "") + frac
        value = float(number)
        unit_text = unit + pct
        out.append(_make(text, m.start(), m.end(), number, value, unit_text, qual, cut, plan))
    for m in _CN_RE.finditer(text):
        value_int = chinese_to_int(m.group(1))
        if value_int is None or value_int < 10 or _inside_quotes(text, m.start()):
            continue
        qual_m = _QUALIFIER_RE.match(text, m.end())
        qual = qual_m.group() if qual_m else ""
        out.append(
            _make(text, m.start(), m.end() + len(qual), m.group(1), float(value_int), m.group(2), qual, cut, plan)
        )
    out.sort(key=lambda f: f.start)
    return _inherit_labels(text, out)


def _inherit_labels(text: str, figures: list[FoundFigure]) -> list[FoundFigure]:
    """Give ``增长5.1%`` or ``…和7.1%`` the label of the figure before it in the same sentence."""
    from dataclasses import replace

    out: list[FoundFigure] = []
    for fig in figures:
        prev = out[-1] if out else None
        same_sentence = prev is not None and not any(c in text[prev.end : fig.start] for c in "。！？")
        if same_sentence and prev is not None:
            between = text[prev.end : fig.start]
            clause = re.split(r"[，,；;、]", between)[-1]
            if clause in _BARE_VERB:
                base = prev.label
                for verb in ("完成", "达到", "实现"):
                    base = base.removesuffix(verb)
                fig = replace(fig, label=base + clause.removeprefix("分别"))
            elif not fig.label or between.strip() in ("和", "、", "及", "至", "到", "和"):
                fig = replace(fig, label=prev.label)
        out.append(fig)
    return out


def _make(
    text: str,
    start: int,
    end: int,
    number: str,
    value: float,
    unit: str,
    qual: str,
    cut: Callable[[str], list[str]] | None,
    plan: bool,
) -> FoundFigure:
    """Build a FoundFigure, deciding whether it is a target."""
    window = max(0, start - 300)  # look back a sentence's length, never to the start of a huge block
    sentence_start = max(window - 1, *(text.rfind(c, window, start) for c in "。！？;；"))
    sentence = text[sentence_start + 1 : end]
    clause_start = max(window - 1, *(text.rfind(c, window, start) for c in "，,。！？;；"))
    clause = text[clause_start + 1 : end]
    target = (
        plan
        or qual in ("左右", "以上", "以内", "以下")
        or _TARGET_RE.search(clause) is not None
        or _PLAN_OPENING_RE.match(sentence.lstrip()) is not None
    )
    return FoundFigure(text[start:end], value, unit, qual, _label(text, start, end, cut), start, end, target)


def _inside_quotes(text: str, pos: int) -> bool:
    """Return True when ``pos`` sits inside an open quotation (a name such as "两个统筹")."""
    left = text[max(0, pos - 12) : pos]
    return left.count('"') % 2 == 1 or left.rfind("“") > left.rfind("”")
