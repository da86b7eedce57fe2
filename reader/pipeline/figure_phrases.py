"""The phrase before a figure, cleaned to what it measures, and the subject a later clause borrows.

``clean`` drops the words that open a clause (其中, 力争, 今年, 开展), introduce a value (达到, 突破,
控制在, 增至) or qualify one (约, 近, 连年, 历史性); ``subject`` keeps what a label is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.pipeline.figure_words import (
    ADDITION_PREFIX,
    ADVERBS,
    CHANGE_VERBS,
    COUNT_HEADS,
    FLOW_VERBS,
    HOLDING_VERBS,
    LIGHT_VERBS,
    LINKING,
    METRIC_ONLY,
    OPENERS,
    PLACE_PARTICLES,
    PUNCT,
    SCOPE_WORDS,
    Tagger,
    Token,
    is_content,
    is_nounish,
    is_time,
    join,
)

_LINKING_TAIL = re.compile(
    "(?:[增升降减扩缩提][至到]|"  # 增至, 升至, 降到: a change verb and the value it reached
    + "|".join(
        sorted(
            (w for w in LINKING | {h + p for h in HOLDING_VERBS for p in PLACE_PARTICLES} if len(w) > 1),
            key=len,
            reverse=True,
        )
    )
    + ")+$"
)


def clean(segment: str, tokens_of: Tagger) -> list[Token]:
    """The tokens of the phrase before a figure, without the words that open a clause, time phrases,
    the words that introduce or qualify the value, and adverbs before it."""
    segment = _LINKING_TAIL.sub("", segment.strip())  # 控制在, 迈上: whatever the segmenter makes of them
    tokens = [t for t in tokens_of(segment) if t[0].strip()] if segment else []
    while tokens and _leading_function(tokens):
        if len(tokens) > 1 and tokens[0][0].isdigit() and tokens[1][0].startswith("年"):
            tokens.pop(0)  # 2024年: the number and 年 as two tokens
        tokens.pop(0)
    while tokens and _trailing_function(tokens):
        word = tokens.pop()[0]
        if word in PLACE_PARTICLES and tokens and tokens[-1][0] in HOLDING_VERBS:
            tokens.pop()
        elif word == "年" and tokens and tokens[-1][0].isdigit():
            tokens.pop()
    return tokens


def _leading_function(tokens: list[Token]) -> bool:
    """True when the first token opens the clause without naming the quantity."""
    word = tokens[0][0]
    if word in OPENERS or word in PUNCT or is_time(word):
        return True
    if word in ADVERBS and len(tokens) > 1 and tokens[1][0] in CHANGE_VERBS:
        return True  # 大幅增长: the change, not how big it was
    if len(tokens) > 1 and word.isdigit() and tokens[1][0].startswith("年"):
        return True
    return word in LIGHT_VERBS and any(is_content(t) for t in tokens[1:])  # 推动各类市场主体


def _trailing_function(tokens: list[Token]) -> bool:
    """True when the last token only introduces or qualifies the value (达到, 约, 连年, 2025年)."""
    word, pos = tokens[-1]
    if word in LINKING or word in PLACE_PARTICLES or word in ADVERBS or word in PUNCT or is_time(word):
        return True
    if pos.startswith("u") and len(tokens) > 1:
        return True  # 占贷款总额的: a particle never ends what is measured
    if word == "年" and len(tokens) > 1 and tokens[-2][0].isdigit():
        return True
    return word.endswith("性") and len(word) > 2  # 历史性突破: an adverbial before the value


def cut_at_rate(segment: str) -> str:
    """``配置AED达每10万人``: the quantity is before the linking word that opens a rate."""
    m = re.search(r"(?:达到|达|为|是)每", segment)
    return segment[: m.start()] if m else segment


def has_content(tokens: Sequence[Token]) -> bool:
    """True when the phrase names a subject (a noun that is not only a metric, time or scope)."""
    return any(is_content(t) for t in tokens)


def subject(label: str, tokens_of: Tagger) -> str:
    """What a label is about, for a clause after it to borrow: without a leading addition verb or
    the trailing change verb, metric, count head or value (新增国家级小巨人 → 国家级小巨人,
    基本养老保险参保人数增加 → 基本养老保险, 经济总量突破千亿 → 经济总量)."""
    tokens = list(tokens_of(label)) if label else []
    if len(tokens) > 1 and tokens[0][0].startswith(ADDITION_PREFIX) and tokens[0][1].startswith("v"):
        tokens.pop(0)
    elif len(tokens) > 2 and tokens[0][0] == ADDITION_PREFIX and tokens[1][1].startswith("v"):
        del tokens[:2]  # 新/入选: the addition verb in two tokens
    scope = 0
    while scope < len(tokens) - 1 and tokens[scope][0] in SCOPE_WORDS:
        scope += 1  # 全省净增各类市场主体
    lead = _leading_verbs(tokens[scope:])
    rest = tokens[scope + lead :]
    if lead and any(is_nounish(t) and is_content(t) for t in rest) and len(join(rest)) > 2:
        del tokens[: scope + lead]  # 净增商事主体, 建设筹集保障性住房: what was added or built is the subject
    while len(tokens) > 1 and _subject_tail(tokens[-1]):
        word = tokens.pop()[0]
        if word in COUNT_HEADS and len(tokens) > 1 and tokens[-1][1] == "v":
            tokens.pop()
    return join(tokens) or label


def _leading_verbs(tokens: list[Token]) -> int:
    """How many tokens at the start are verbs of adding, building or supplying (净增, 建设筹集,
    供应分配): they say what happened to the subject, not what it is (新增就业岗位 keeps 就业)."""
    k = 0
    while k < len(tokens) and tokens[k][0] in FLOW_VERBS:
        k += 1  # the tagger may call one a place name (新建/ns): the word list decides
    return k


def _subject_tail(token: Token) -> bool:
    """True for a trailing word that is no part of a subject (a verb, metric, adverb or value)."""
    word, pos = token
    if word in CHANGE_VERBS or word in METRIC_ONLY or word in ADVERBS or word in LINKING or word in COUNT_HEADS:
        return True
    if pos == "v":
        return len(word) == 1  # 连跨; a longer word tagged v may be a noun (收入, 装机)
    return pos in ("m", "d", "u", "uj", "p", "c", "f")
