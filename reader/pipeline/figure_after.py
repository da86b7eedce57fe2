"""The noun phrase a figure counts, when it stands after the figure.

``新增1个千亿产业``, ``8家全国重点实验室``, ``80%的县级医院``, ``100所达到…能力的次中心`` (a relative
clause before the noun), ``湖南汽车职院等3所院校`` (a generic noun keeps the example before 等),
``301个项目纳入国家用地保障范围`` (or the predicate after it).
"""

from __future__ import annotations

import re

from reader.pipeline.figure_phrases import clean
from reader.pipeline.figure_values import POINTS, Number
from reader.pipeline.figure_words import (
    ADVERBS,
    HEAD_NOUNS,
    NOUN_SUFFIXES,
    OPENERS,
    PUNCT,
    QUOTES,
    SCOPE_WORDS,
    STOP_WORDS,
    THRESHOLD_NOUNS,
    Tagger,
    Token,
    is_content,
    is_nounish,
    join,
)

MAX_LABEL = 40
_CLAUSE_CUT = re.compile(r"[，,；;：:。！？!?\n]")
_COORDINATORS = frozenset("和 及 与 以及 、".split())

_AGE_BEFORE_NOUN = re.compile(r"\d+岁(?:及)?(?:以上|以下)?")


_OPEN_QUOTES = frozenset("“‘「『")


_MAX_PREDICATE = 24
_LONG_ADVERBS = tuple(a for a in ADVERBS if len(a) > 1)
_CLASSIFIERS = frozenset("个 项 座 家 条 批 次 种 类 级".split())


def _rest(text: str, number: Number, following: int) -> str:
    """The words after a figure up to the end of its clause or the next figure."""
    start = number.span_end
    cut = _CLAUSE_CUT.search(text, start, start + 200)
    return text[start : min(cut.start() if cut else start + 200, max(start, following))]


def closes_frame(text: str, number: Number, following: int, tokens_of: Tagger) -> bool:
    """True when the words after a figure close a frame with a localizer (``在…734亿元基础上``,
    ``…的情况下``): the 在 that opened it is no part of what is measured."""
    rest = _rest(text, number, following)
    return bool(rest) and any(pos == "f" for _, pos in tokens_of(rest))


def counts_levels(label: str) -> bool:
    """True when a label names levels or steps counted (``千亿台阶``): not what a later clause is about."""
    return label.endswith(tuple(THRESHOLD_NOUNS))


def share_predicate(text: str, number: Number, following: int, tokens_of: Tagger) -> str:
    """``其中28%投向中小微制造业企业``, ``实现100%“一网统管”``: a share followed by what that share
    does (a verb phrase or a quoted name, up to the clause end), else ``""``."""
    if number.measure not in ("%",):
        return ""
    rest = _rest(text, number, following)
    if not rest or rest[0] in PUNCT or rest[0] in "的级 " or number.span_end + len(rest) == following:
        return ""  # nothing after it, or words that lead to the next value (从2.1%提高到2.5%)
    tokens = [t for t in tokens_of(rest) if t[0].strip()]
    if not tokens or tokens[0][1] == "d" or tokens[0][0].startswith(_LONG_ADVERBS):
        return ""  # 增长10%大力发展…: a new clause whose stop the text left out
    words = join(tokens)
    return words if len(words) <= _MAX_PREDICATE else ""


def after_phrase(
    text: str, number: Number, segment: str, tokens_of: Tagger, following: int | None = None
) -> tuple[str, int] | None:
    """(label, end) when the figure counts the noun phrase after it, else None; ``following`` is
    where the next figure starts (the phrase never runs into it)."""
    start = number.span_end
    rest = _rest(text, number, len(text) if following is None else following)
    skip = len(rest) - len(rest.lstrip("级的 "))  # 15兆瓦级…技术, 80%的县级医院
    if number.measure in ("%", POINTS) and "的" not in rest[:skip]:
        # a share or a change counts nothing after it unless 的 says so; 为X 100%提供Y: X is given Y
        beneficiary = segment.lstrip().startswith(("为", "对"))
        predicate = _predicate(list(tokens_of(rest))) if beneficiary and rest and rest[0] not in PUNCT else ""
        if not predicate:
            return None
        return (join(clean(segment, tokens_of)) + predicate)[:MAX_LABEL], start + len(rest)
    rest = rest[skip:]
    if not rest or rest[0] in PUNCT:
        return None
    age = _AGE_BEFORE_NOUN.match(rest)  # 2.5万名65岁及以上失能老年人: the age belongs to the noun
    if age:
        skip, rest = skip + age.end(), rest[age.end() :]
    tokens = list(tokens_of(rest))
    taken = _noun_phrase(tokens)
    if not taken or not any(is_content(t) for t in taken):
        return None
    if len(tokens) > len(taken) and tokens[len(taken)][1] == "f":
        return None  # 1708亿元高基数的情况下: a frame the value stands in, not what it counts
    content = [t for t in taken if is_content(t)]
    counted = number.unit in _CLASSIFIERS  # 跨过3个万亿元级台阶: steps counted, not a level reached
    if not counted and (content[-1][0] in THRESHOLD_NOUNS or content[0][0] in THRESHOLD_NOUNS):
        return None  # 突破5万关口: a level reached, not what is counted
    label = (age.group() if age else "") + join(taken)
    used = sum(len(w) for w, _ in taken)
    if len(label) <= 2 and segment.rstrip().endswith("等"):
        example = _example_before(segment, tokens_of)
        if example:
            label = example + "等" + label
    elif len(label) <= 2:
        predicate = _predicate(tokens[len(taken) :])
        if predicate:
            label += predicate  # 301个项目纳入国家用地保障范围
    return label[:MAX_LABEL], start + skip + used


def _noun_phrase(tokens: list[Token]) -> list[Token]:
    """The noun phrase at the start of ``tokens``: nouns, quoted names, a relative clause ending in
    的, a verb inside a noun (通用机场, 集聚区, 漂浮式) and coordinated nouns (验证和中试平台)."""
    taken: list[Token] = []
    relative = False
    quoted = False
    for k, (word, pos) in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", "")
        if word in QUOTES:
            quoted = word in _OPEN_QUOTES or (word in ('"', "'") and not quoted)
            taken.append((word, pos))
        elif quoted:
            taken.append((word, pos))  # a quoted name is taken whole: “4+1”专项基金
        elif word == "的" and taken and not relative:
            relative = True  # 达到二级医院服务能力的次中心
            taken.append((word, pos))
        elif word in _COORDINATORS and taken and nxt[0] and is_nounish(nxt) and is_content(nxt):
            taken.append((word, pos))
        elif pos.startswith("v") and taken and nxt[0] in _COORDINATORS and _nounish_at(tokens, k + 2):
            taken.append((word, pos))  # 试验验证和中试平台: a verb named in a list of nouns
        elif k == 0 and pos.startswith("v") and any(w == "的" for w, _ in tokens[1:8]):
            taken.append((word, pos))  # a relative clause opens with its verb
        elif word in PUNCT or word in STOP_WORDS or word == "的" or any(c.isdigit() for c in word):
            break
        elif is_nounish((word, pos)) or pos == "q":
            taken.append((word, pos))
        elif word in NOUN_SUFFIXES and taken:
            taken.append((word, "n"))  # 超充站: a noun-forming character the tagger calls a verb
        elif word in ADVERBS:
            break  # 项目有序推进: the predicate begins
        elif pos == "d" and nxt[0] and is_nounish(nxt) and nxt[1] != "vn":
            taken.append((word, pos))  # 特定病种, 更新项目: a modifier the tagger calls an adverb
        elif pos.startswith(("v", "a")) and _modifier(taken, nxt, pos):
            taken.append((word, pos))
        elif pos == "v" and taken and taken[-1][1] in ("a", "b") and nxt[0] and nxt[1].startswith("n"):
            taken.append((word, pos))  # 灵活就业人员: a verb between a modifier and its noun
        elif pos == "v" and taken and nxt[1] == "p" and any(p.startswith("v") for _, p in tokens[k + 2 :]):
            taken.append((word, "n"))  # 经验做法在全国推广: the verb after 在 is the predicate
        else:
            if pos == "v" and len(taken) > 1 and taken[-1][1] == "vn":
                taken.pop()  # 项目投产达效: the deverbal noun opens the predicate
            break
    while taken and (taken[-1][0] in ("的", *_COORDINATORS) or taken[-1][1] in ("v", "a", "d")):
        taken.pop()
    return taken


def _modifier(taken: list[Token], nxt: Token, pos: str) -> bool:
    """True when a verb or adjective inside a noun phrase modifies what follows: as its first word
    (通用机场), before a noun-forming character (集聚区, 漂浮式), before a project's head noun
    (改造项目, 共建重点项目), or an adjective before a noun or another adjective (黑臭水体)."""
    if not taken or nxt[0] in NOUN_SUFFIXES or nxt[1] == "k":
        return True
    if nxt[0].endswith(HEAD_NOUNS):
        return True
    return pos.startswith("a") and (nxt[1].startswith("a") or is_nounish(nxt))


def _nounish_at(tokens: list[Token], k: int) -> bool:
    """True when ``tokens[k]`` exists and can be part of a noun phrase."""
    return k < len(tokens) and is_nounish(tokens[k])


def _predicate(tokens: list[Token]) -> str:
    """The predicate after a generic counted noun (纳入国家用地保障范围), up to the clause end."""
    words: list[str] = []
    for word, _ in tokens:  # the words after a figure stop before the next one (前1% is no figure)
        if word in PUNCT:
            break
        if word not in QUOTES:
            words.append(word)
    text = "".join(words)
    if not words or not tokens[0][1].startswith("v") or len(text) > _MAX_PREDICATE:
        return ""
    return text


def _example_before(segment: str, tokens_of: Tagger) -> str:
    """``湖南汽车职院等``: the last example named before 等 (after any verb that opens the clause)."""
    body = segment.rstrip()[:-1]
    body = re.split(r"[、，,；;]", body)[-1]
    tokens = [t for t in tokens_of(body) if t[0].strip()] if body.strip() else []
    while tokens and (tokens[0][1] == "v" or tokens[0][0] in OPENERS or tokens[0][0] in SCOPE_WORDS):
        tokens.pop(0)
    return join(tokens)
