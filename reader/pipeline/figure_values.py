"""Numbers that are figures: where they stand in a text and what they amount to.

Chinese (`843.2亿元`, `增长7.5%左右`, `960多万人`, `提高0.7个百分点`, `7%—8%`) and English (`$4.2 billion`,
`12 percent`, `up 3.1%`). Each figure gets its printed number and unit, a qualifier, and a normalised
amount in a base measure (`843.2亿元` → 84,320,000,000 元; percentage points apart from percent).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.pipeline.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

MAGNITUDES = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
}
EN_MAGNITUDES = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3}
POINTS = "pp"  # the measure of a change in percentage points (个百分点, percentage points)
_UNITS = (
    "吨标准煤|标准箱|标箱|平方公里|平方千米|平方米|立方米|千瓦时|兆瓦|千瓦|公顷|公里|千米|美元|欧元|港元|人民币|元|人次|户次|场次|架次|"
    "个百分点|百分点|个月|万人|人|个|家|所|件|项|种|亩|吨|斤|公斤|千克|列|名|户|辆|座|台|套|张|篇|次|倍|床|栋|间|条|批|场|"
    "片|处|班|趟|架|艘|只|头|株|棵|册|部|款|支|组|位|例|起|宗|天|小时|分钟|周|岁|米|度|瓦|兆|升|"
    "kWh|GW|MW|kW|km|kg|TB|PB|EB|P|t"
)
_ZH_FIRST = r"(\d{1,3}(?:,\d{3})+|\d+)"  # the whole number, with thousands separators or none
_ZH_BODY = (
    _ZH_FIRST + r"(\.\d+)?"
    rf"([多余])?((?:万亿|千亿|百亿|亿|千万|百万|十万|万|千)?)([多余])?((?:{_UNITS})?)"
    r"([%‰％])?"
)
# The patterns below that must not start after some characters match their first character before
# looking behind it (``\d(?<![0-9.]\d)``, not ``(?<![0-9.])\d``): a pattern that opens with a
# character class is searched for quickly, one that opens with a look-behind is tried everywhere.
_ZH_RE = re.compile(r"(\d(?<![0-9.+\-/]\d)(?:\d{0,2}(?:,\d{3})+|\d*))" + _ZH_BODY.removeprefix(_ZH_FIRST))
_ZH_SECOND_RE = re.compile(_ZH_BODY)  # the second value of a range, after its dash
_AFTER_QUALIFIER = re.compile(r"左右|以上|以内|以下|上下|多|余")
_ABBREVIATION_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z]{2,}$")  # GDP70.75亿元: an abbreviation names the figure
BEFORE_QUALIFIER = re.compile(r"(接近|将近|近|约|大约|超过|超|逾|突破|不低于|不少于|不超过|不高于)$")
_RANGE_RE = re.compile(r"(\d(?<![A-Za-z0-9.+\-/]\d)\d*(?:\.\d+)?)([%％])?\s*[—–~～至-]\s*(?=\d)")
_CN_RE = re.compile(
    rf"([一二两三四五六七八九十](?<![第{CHINESE_NUMERAL_CHARS}][一二两三四五六七八九十])[{CHINESE_NUMERAL_CHARS}]+)"
    r"(家|个|人|所|项|件|名|座|户|亩|吨|条|种|辆|台|套|批|次)(?![大强佳类届])"
)
_EN_RE = re.compile(
    r"(?<![\w.$])(US\$|\$|€|£)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s*(trillion|billion|million|thousand)\b)?"
    r"(?:\s*(percentage points?|per ?cent\b|%))?",
    re.IGNORECASE,
)
_NOT_AFTER = re.compile(r"^(?:[年月日号版期届段区路街道楼层室线]|[A-Za-z]|\+|-\d|/\d)")
_PLACE_TAIL = re.compile(r"^[区段路街道村号楼室巷]")
_AGE_THRESHOLD = re.compile(r"(?:及)?(?:以上|以下)(?:的)?[\u4e00-\u9fff]")  # 65岁及以上失能老年人: who, not how many
_VALUE_BEFORE_YEARS = re.compile(r"(?:从|由|到|至|为|达|达到|提高到|增加到|延长到|缩短到)$")


@dataclass(frozen=True, slots=True)
class Number:
    """A figure's number as printed, before anyone says what it measures."""

    start: int
    end: int  # after the unit (and a range's second number), before an after-qualifier
    text: str  # number, unit and after-qualifier, as printed
    value: float
    unit: str
    qualifier: str
    amount: float | None
    measure: str
    upper: float | None = None
    english: bool = False

    @property
    def span_end(self) -> int:
        """Where the printed figure (its after-qualifier included) ends."""
        return self.start + len(self.text)


def measure_of(unit: str) -> tuple[float, str]:
    """Split a printed unit into its magnitude and base measure: ``亿元`` → (1e8, ``元``)."""
    if unit in ("个百分点", "百分点"):
        return 1.0, POINTS
    if unit in ("%", "％"):
        return 1.0, "%"
    for magnitude, factor in MAGNITUDES.items():
        if unit.startswith(magnitude) and unit != "千克" and unit != "千米" and unit != "千瓦" and unit != "千瓦时":
            return factor, unit[len(magnitude) :]
    return 1.0, unit


def find_numbers(text: str, cut: Callable[[str], list[str]] | None = None) -> list[Number]:
    """Every figure-like number in ``text``, in order. With ``cut`` (dictionary word segmentation) a
    unit whose character begins a longer word is no unit (``1200亿台阶``), and a place character
    after a unit that begins a word is no place name (``1000个村级``, unlike ``608所段``)."""
    spans_word = _word_checks(cut) if cut is not None else None
    if not _has_cjk(text):
        return _en_numbers(text)
    ranges = _ranges(text, spans_word)
    taken = [(r.start, r.span_end) for r in ranges]
    found = list(ranges)
    for m in _ZH_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        number = _zh_number(text, m, spans_word)
        if number is not None:
            found.append(number)
    found.extend(n for n in _cn_numbers(text) if not any(a <= n.start < b for a, b in taken))
    found.sort(key=lambda n: n.start)
    return found


def _ranges(text: str, spans_word: Callable[[str, str], bool] | None) -> list[Number]:
    """``7%—8%``, ``6-6.5%``: one figure from the first value to the second (in the second's unit)."""
    out: list[Number] = []
    for m in _RANGE_RE.finditer(text):
        second = _ZH_SECOND_RE.match(text, m.end())
        number = _zh_number(text, second, spans_word, in_range=True) if second else None
        if number is None or not (number.unit or m.group(2)) or number.unit == "年":
            continue
        low = float(m.group(1))
        factor, _ = measure_of(number.unit)
        shown = text[m.start() : number.span_end]
        out.append(
            Number(
                m.start(),
                number.end,
                shown,
                low,
                number.unit,
                number.qualifier,
                low * factor,
                number.measure,
                number.value * factor,
            )
        )
    return out


def _zh_number(
    text: str, m: re.Match[str], spans_word: Callable[[str, str], bool] | None, in_range: bool = False
) -> Number | None:
    """A Chinese-style figure from one regex match, or None for years, names, places and dates."""
    whole, frac, approx1, magnitude, approx2, unit, pct = (g or "" for g in m.groups())
    end = m.end()
    if unit and spans_word is not None and spans_word(text[m.start() : end], text[end : end + 3]):
        end -= len(unit)
        unit = ""
    if (unit in ("千", "兆") and not magnitude) or (magnitude == "千" and not unit and not pct):
        return None
    after = text[end : end + 4]
    before = text[max(0, m.start() - 2) : m.start()]
    if _inside_quotes(text, m.start()):
        return None  # “30分钟职业技能培训圈”, “三类500强”: a number in a name
    if (
        (before.endswith(("+", "-")) and not in_range)
        or before.endswith(("第", "每", "前"))  # 第3位, 每10万人, 排名前1%: a rank, a rate, a cut-off
    ):
        return None
    if (
        before
        and before[-1].isascii()
        and before[-1].isalpha()
        and not _names_a_quantity(text, m.start(), magnitude, unit, pct)
    ):
        return None  # 5G, A320, PM2.5: a number inside a name
    if not (magnitude or unit or pct):
        if not _is_duration(text, m.start(), whole, frac, after):
            return None
        unit, end = "年", end + 1
    elif _NOT_AFTER.match(after) and not (pct or unit):
        return None
    if (unit or magnitude) and not pct and _PLACE_TAIL.match(text[end : end + 1]):
        if spans_word is None or not spans_word("", text[end : end + 3]):
            return None
    if magnitude and not unit and not pct and text[end : end + 1] == "倍":
        return None
    if unit == "岁" and _AGE_THRESHOLD.match(text, end):
        return None
    printed_unit = magnitude + unit + pct
    qualifier = approx1 or approx2
    q = _AFTER_QUALIFIER.match(text, end)
    if q and q.group() in "多余" and spans_word is not None and spans_word("", text[q.start() : q.start() + 3]):
        q = None  # 52种多发常见慢性病: 多 begins the next word
    if q and not (q.group() in "多余" and qualifier):
        qualifier = q.group()
    pre = BEFORE_QUALIFIER.search(text, max(0, m.start() - 4), m.start())
    if not qualifier and pre:
        qualifier = {"将近": "接近", "近": "接近", "大约": "约", "超": "超过", "逾": "超过"}.get(
            pre.group(), pre.group()
        )
    number = float(whole.replace(",", "") + frac)
    factor, measure = measure_of(magnitude + unit if not pct else pct)
    shown_end = q.end() if q else end
    return Number(
        m.start(), end, text[m.start() : shown_end], number, printed_unit, qualifier, number * factor, measure
    )


def _names_a_quantity(text: str, start: int, magnitude: str, unit: str, pct: str) -> bool:
    """True when the Latin letters before a number are an abbreviation naming what it measures
    (``GDP70.75亿元``, ``SUV3万辆``): two or more capitals, and the number has a magnitude, a unit
    (not a year) or a percent sign."""
    if not _ABBREVIATION_BEFORE.search(text, max(0, start - 12), start):
        return False
    return bool(magnitude or pct or (unit and unit != "年"))


def _word_checks(cut: Callable[[str], list[str]]) -> Callable[[str, str], bool]:
    """``spans_word(printed, after)``: True when a dictionary word runs from the end of ``printed``
    into ``after`` (with ``printed`` empty: when ``after`` begins with a word of two or more)."""

    def spans_word(printed: str, after: str) -> bool:
        if not after or not ("\u4e00" <= after[0] <= "\u9fff") or after[0] == "级":
            return False  # 30万吨级: 级 makes the figure an attribute, its unit stays
        if not printed:
            return len(cut(after)[0]) > 1
        pos = 0
        for word in cut(printed + after):
            if pos < len(printed) < pos + len(word):
                return True
            pos += len(word)
        return False

    return spans_word


def _is_duration(text: str, start: int, whole: str, frac: str, after: str) -> bool:
    """``13.5年`` in ``受教育年限从13.5年提高到14年``: a number of years that is a measured value
    (a fraction, or a value something is raised to), not a calendar year or a span (``连续8年``)."""
    if not after.startswith("年") or after.startswith(("年来", "年间", "年度")) or len(whole) >= 4:
        return False
    return bool(frac) or bool(_VALUE_BEFORE_YEARS.search(text, max(0, start - 4), start))


def _cn_numbers(text: str) -> list[Number]:
    """Figures written in Chinese numerals (``三十家``), ten and above, outside quotation marks."""
    out: list[Number] = []
    for m in _CN_RE.finditer(text):
        value = chinese_to_int(m.group(1))
        if value is None or value < 10 or _inside_quotes(text, m.start()):
            continue
        q = _AFTER_QUALIFIER.match(text, m.end())
        shown = text[m.start() : q.end() if q else m.end()]
        out.append(
            Number(m.start(), m.end(), shown, float(value), m.group(2), q.group() if q else "", value, m.group(2))
        )
    return out


def _en_numbers(text: str) -> list[Number]:
    """English figures: money (``$4.2 billion``), percentages (``12 percent``, ``3.1%``), points and
    magnitudes (``1.5 million``); bare numbers and years are not figures."""
    out: list[Number] = []
    for m in _EN_RE.finditer(text):
        currency, whole, frac, magnitude, pct = (g or "" for g in m.groups())
        if not (currency or magnitude or pct):
            continue
        value = float(whole.replace(",", "") + frac)
        factor = EN_MAGNITUDES.get(magnitude.lower(), 1.0)
        lowered = pct.lower()
        measure = POINTS if lowered.startswith("percentage") else "%" if pct else currency.replace("US", "")
        unit = " ".join(p for p in (magnitude, pct) if p)
        before = text[max(0, m.start() - 20) : m.start()].lower()
        qualifier = next(
            (q for q in ("about", "nearly", "almost", "more than", "over", "less than") if before.endswith(q + " ")), ""
        )
        out.append(
            Number(m.start(), m.end(), m.group().strip(), value, unit, qualifier, value * factor, measure, english=True)
        )
    return out


def _inside_quotes(text: str, pos: int) -> bool:
    """True when ``pos`` sits inside an open quotation (a name such as "两个统筹"), counting the
    quotation marks since the sentence began."""
    start = max(0, pos - 200)
    left = text[start:pos]
    if '"' not in left and "“" not in left:
        return False
    ends = [left.rfind(c) for c in "。！？!?\n"]
    left = left[max(ends) + 1 :]
    return left.count('"') % 2 == 1 or left.rfind("“") > left.rfind("”")


def _has_cjk(text: str) -> bool:
    """True when the text holds Chinese characters (English figures are looked for only in English)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
