"""What a figure measures, in the document's words, from the structure of the clause it stands in.

A clause (between ，；：。) holds figures and the phrases before and after them. A figure's label is:

1. the noun phrase right after it when the figure counts it (``新增1个千亿产业``, ``8家全国重点实验室``,
   ``80%的县级医院``), with a relative clause before its noun (``100所达到…能力的次中心``); a generic
   noun (two characters or fewer) keeps the example named before ``等`` (``湖南汽车职院等3所院校``) or
   the predicate after it (``301个项目纳入国家用地保障范围``);
2. otherwise the phrase before it, from the clause start (the figure before it in the clause, or the
   last 、 after that figure), without the words that open a clause (其中, 力争, 今年, 开展), introduce
   a value (达到, 突破, 控制在) or qualify one (约, 近, 超, 连年);
3. when that phrase names no subject (``总数达58家``, ``增长5.1%``, ``覆盖10.5亿人``), the subject of
   the figure before it in the sentence, or of the first part of a 、 list, or of the clause before;
4. figures listed after ``分别`` (or one value per item: ``原煤、原油、天然气产量达到 a、b、c``) take the
   items in order, a head shared by the last item going to every item (``家电、新能源汽车零售额``),
   ``城乡居民`` standing for 城镇居民 and 农村居民;
5. ``从/由 A 提高到 B``: A is the base and B the result of one quantity, both with its label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.pipeline.figure_values import POINTS, Number
from reader.pipeline.figure_words import (
    ADDITION_PREFIX,
    ADVERBS,
    CHANGE_VERBS,
    COUNT_HEADS,
    HEAD_NOUNS,
    HOLDING_VERBS,
    LIGHT_VERBS,
    LINKING,
    METRIC_ONLY,
    NOUN_SUFFIXES,
    OPENERS,
    PLACE_PARTICLES,
    PUNCT,
    QUOTES,
    SCOPE_WORDS,
    STOP_WORDS,
    THRESHOLD_NOUNS,
    Tagger,
    Token,
    is_content,
    is_nounish,
    is_time,
    join,
    rough_tokens,
)

_CLAUSE_CUT = re.compile(r"[，,；;：:。！？!?\n]")
_SENTENCE_CUT = re.compile(r"[。！？!?\n]")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
_BASE_BEFORE = re.compile(r"(?:从|由)\s*$")
_RESULT_BETWEEN = re.compile(r"^\s*(?:提高|提升|增加|增长|上升|下降|降低|减少|扩大|缩小|降|升|增)?(?:到|至)\s*$")
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
_AGE_BEFORE_NOUN = re.compile(r"\d+岁(?:及)?(?:以上|以下)?")
_URBAN_RURAL = ("城乡", ("城镇", "农村"))
_COORDINATORS = frozenset("和 及 与 以及 、".split())
_OPEN_QUOTES = frozenset("“‘「『")
_MAX_LABEL = 40
_MAX_PREDICATE = 24


@dataclass
class Labelled:
    """A figure's label, the subject a following clause may borrow, and its role in 从…到…."""

    label: str
    subject: str
    role: str = ""
    consumed: int = 0  # where the words the label took after the figure end
    items: list[str] = field(default_factory=list)


def label_numbers(
    text: str, numbers: Sequence[Number], tag: Tagger | None, cut: Callable[[str], list[str]] | None = None
) -> list[Labelled]:
    """Label every number of one block of text (numbers in order); ``cut`` segments by the
    dictionary alone (for the parallel items of a list)."""
    tokens_of = tag or rough_tokens
    words_of = cut or (lambda phrase: [w for w, _ in tokens_of(phrase)])
    out: list[Labelled] = []
    for i in range(len(numbers)):
        out.append(_label_one(text, numbers, out, i, tokens_of, words_of))
    return out


def _label_one(
    text: str,
    numbers: Sequence[Number],
    done: list[Labelled],
    i: int,
    tokens_of: Tagger,
    words_of: Callable[[str], list[str]],
) -> Labelled:
    """The label of ``numbers[i]``, given the labels of the figures before it."""
    number = numbers[i]
    clause_start = _last_cut(_CLAUSE_CUT, text, number.start)
    sentence_start = _last_cut(_SENTENCE_CUT, text, number.start)
    prev = i - 1 if i > 0 and numbers[i - 1].span_end > clause_start else None
    seg_start = max(clause_start, done[prev].consumed) if prev is not None else clause_start
    segment = text[seg_start : number.start]
    base_start = numbers[prev].start if prev is not None else 0
    if (
        prev is not None
        and _RESULT_BETWEEN.match(segment)
        and _BASE_BEFORE.search(text, max(0, base_start - 3), base_start)
    ):
        done[prev].role = "base"  # 从A提高到B: one quantity, A its base, B its result
        return Labelled(done[prev].label, done[prev].subject, "result", number.span_end)
    if prev is not None and "、" in segment:
        segment = segment[segment.rindex("、") + 1 :]
    listed = _list_position(text, numbers, i, clause_start)
    if listed is not None:
        first, position, count = listed
        if position > 0:
            items = done[first].items
            label = items[position] if len(items) == count else done[first].label
            return Labelled(label, _subject(label, tokens_of), "", number.span_end, items)
        items = _list_items(segment, count, tokens_of, words_of)
        if items is None and not _has_content(_clean(segment, tokens_of)):
            items = _carried_items(numbers, done, i, sentence_start, count, segment, tokens_of)
        if items is not None:
            return Labelled(items[0], _subject(items[0], tokens_of), "", number.span_end, items)
    after = _after_phrase(text, number, segment, tokens_of)
    if after is not None:
        label, consumed = after
        return Labelled(label, _subject(label, tokens_of), "", consumed)
    parts = _cut_at_rate(segment).split("、")
    phrase = _clean(parts[-1], tokens_of)
    if _has_content(phrase):
        whole = len(parts) > 1 and not _is_clause(parts[-2], tokens_of)  # 养老护理、应急救护护理员
        label = join(_clean(_cut_at_rate(segment), tokens_of)) if whole else join(phrase)
        return Labelled(label[-_MAX_LABEL:], _subject(label, tokens_of), "", number.span_end)
    carried = ""
    if len(parts) > 1 and prev is None:
        carried = _subject(join(_clean(parts[0], tokens_of)), tokens_of)  # 经济总量突破千亿、达到1042亿元
    if not carried:
        carried = _carried_subject(text, numbers, done, i, sentence_start, clause_start, tokens_of)
    label = carried + join(phrase) if carried else join(phrase)
    return Labelled(label[-_MAX_LABEL:], carried or _subject(label, tokens_of), "", number.span_end)


def _is_clause(part: str, tokens_of: Tagger) -> bool:
    """True when a part before 、 has a verb after its subject: a clause of its own
    (产业园启动建设、签约项目163个), not one of several nouns (养老护理、应急救护护理员)."""
    tokens = [t for t in tokens_of(part.strip()) if t[0].strip()] if part.strip() else []
    first = next((k for k, t in enumerate(tokens) if is_content(t)), len(tokens))
    return any(pos == "v" for _, pos in tokens[first + 1 :])


def _last_cut(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """The offset just after the last match of ``pattern`` before ``pos`` (0 when none)."""
    start = max(0, pos - 400)  # a sentence's length, never back to the start of a huge block
    cut = start
    for m in pattern.finditer(text, start, pos):
        cut = m.end()
    return cut


def _clean(segment: str, tokens_of: Tagger) -> list[Token]:
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
    if len(tokens) > 1 and word.isdigit() and tokens[1][0].startswith("年"):
        return True
    return word in LIGHT_VERBS and len(tokens) > 1 and is_content(tokens[1])


def _trailing_function(tokens: list[Token]) -> bool:
    """True when the last token only introduces or qualifies the value (达到, 约, 连年, 2025年)."""
    word = tokens[-1][0]
    if word in LINKING or word in PLACE_PARTICLES or word in ADVERBS or word in PUNCT or is_time(word):
        return True
    if word == "年" and len(tokens) > 1 and tokens[-2][0].isdigit():
        return True
    return word.endswith("性") and len(word) > 2  # 历史性突破: an adverbial before the value


def _cut_at_rate(segment: str) -> str:
    """``配置AED达每10万人``: the quantity is before the linking word that opens a rate."""
    m = re.search(r"(?:达到|达|为|是)每", segment)
    return segment[: m.start()] if m else segment


def _has_content(tokens: Sequence[Token]) -> bool:
    """True when the phrase names a subject (a noun that is not only a metric, time or scope)."""
    return any(is_content(t) for t in tokens)


def _subject(label: str, tokens_of: Tagger) -> str:
    """What a label is about, for a clause after it to borrow: without a leading addition verb or
    the trailing change verb, metric, count head or value (新增国家级小巨人 → 国家级小巨人,
    基本养老保险参保人数增加 → 基本养老保险, 经济总量突破千亿 → 经济总量)."""
    tokens = list(tokens_of(label)) if label else []
    if len(tokens) > 1 and tokens[0][0].startswith(ADDITION_PREFIX) and tokens[0][1].startswith("v"):
        tokens.pop(0)
    elif len(tokens) > 2 and tokens[0][0] == ADDITION_PREFIX and tokens[1][1].startswith("v"):
        del tokens[:2]  # 新/入选: the addition verb in two tokens
    while len(tokens) > 1 and _subject_tail(tokens[-1]):
        word = tokens.pop()[0]
        if word in COUNT_HEADS and len(tokens) > 1 and tokens[-1][1] == "v":
            tokens.pop()
    return join(tokens) or label


def _subject_tail(token: Token) -> bool:
    """True for a trailing word that is no part of a subject (a verb, metric, adverb or value)."""
    word, pos = token
    if word in CHANGE_VERBS or word in METRIC_ONLY or word in ADVERBS or word in LINKING or word in COUNT_HEADS:
        return True
    if pos == "v":
        return len(word) == 1  # 连跨; a longer word tagged v may be a noun (收入, 装机)
    return pos in ("m", "d", "u", "uj", "p", "c", "f")


def _carried_subject(
    text: str,
    numbers: Sequence[Number],
    done: list[Labelled],
    i: int,
    sentence_start: int,
    clause_start: int,
    tokens_of: Tagger,
) -> str:
    """The subject a clause without one borrows: the figure's before it in the sentence, else the
    leading noun phrase of the clause before."""
    if i > 0 and numbers[i - 1].start >= sentence_start:
        return done[i - 1].subject
    clauses = [c for c in _CLAUSE_CUT.split(text[sentence_start:clause_start]) if c.strip()]
    if not clauses:
        return ""
    head: list[Token] = []
    for token in _clean(clauses[-1], tokens_of):
        if is_content(token) or token[0] in QUOTES or (head and is_nounish(token)):
            head.append(token)
        elif head:
            break
    return join(head)


def _list_position(text: str, numbers: Sequence[Number], i: int, clause_start: int) -> tuple[int, int, int] | None:
    """(first, position, count) when ``numbers[i]`` is one of values listed with 、/和 only between
    them (``分别增长4.3%、6.1%``); None for a figure on its own."""
    first = i
    while (
        first > 0
        and numbers[first - 1].span_end > clause_start
        and _LIST_JOIN.fullmatch(text, numbers[first - 1].span_end, numbers[first].start)
    ):
        first -= 1
    last = i
    while last + 1 < len(numbers) and _LIST_JOIN.fullmatch(text, numbers[last].span_end, numbers[last + 1].start):
        last += 1
    if first == last:
        return None
    return first, i - first, last - first + 1


def _list_items(segment: str, count: int, tokens_of: Tagger, words_of: Callable[[str], list[str]]) -> list[str] | None:
    """The labels of ``count`` listed values from the phrase before the first: one item each, the
    change verb after the items shared (家电、新能源汽车零售额分别增长 → 家电零售额增长, …)."""
    tokens = _clean(segment, tokens_of)
    verb: list[Token] = []
    while tokens and (tokens[-1][0] in CHANGE_VERBS or tokens[-1][0] in ADVERBS or tokens[-1][0] == "年均"):
        verb.insert(0, tokens.pop())
    verb_text = join([t for t in verb if t[0] not in ("分别", "均", "都")])
    items: list[list[Token]] = [[]]
    for token in tokens:
        if token[0] in _COORDINATORS:
            items.append([])
        else:
            items[-1].append(token)
    items = [item for item in items if item]
    if len(items) == 1 and count == 2:
        while len(items[0]) > 1 and items[0][0][0] in SCOPE_WORDS:
            items[0].pop(0)
    if len(items) == 1 and count == 2 and join(items[0]).startswith(_URBAN_RURAL[0]):
        rest = join(items[0])[len(_URBAN_RURAL[0]) :]
        return [place + rest + verb_text for place in _URBAN_RURAL[1]]
    if len(items) != count or not _has_content(items[-1]):
        return None
    last = items[-1]
    head = ""
    if len(last) >= 2 and all(len(item) <= 2 and not _is_metric_noun(item[-1][0]) for item in items[:-1]):
        head = last[-1][0]
        if _parallel_prefix(items[:-1], join(last), words_of):
            head = join(last)[len(join(items[0])) :]  # 城镇、农村居民人均可支配收入: all after 农村
    return [
        join(item) + (head if k < count - 1 and not join(item).endswith(head) else "") + verb_text
        for k, item in enumerate(items)
    ]


def _parallel_prefix(earlier: list[list[Token]], last: str, words_of: Callable[[str], list[str]]) -> bool:
    """True when the last item begins with a word as long as each earlier one-word item (农村 ∥ 城镇),
    the rest of it starting at a word boundary (居民…): the rest is then shared by every item."""
    size = len(join(earlier[0]))
    if len(last) <= size or any(len(item) != 1 or len(join(item)) != size for item in earlier):
        return False
    if len(words_of(join(earlier[0]))) != 1 or len(words_of(last[:size])) != 1:
        return False
    return len(words_of(last[size:])[0]) >= 2


def _is_metric_noun(word: str) -> bool:
    """True for a word that already names a measured quantity (人数, 产值, 零售额, 花费)."""
    return word in COUNT_HEADS or word.endswith(("额", "量", "率", "数", "值", "价", "费", "入", "出", "标准", "规模"))


def _carried_items(
    numbers: Sequence[Number],
    done: list[Labelled],
    i: int,
    sentence_start: int,
    count: int,
    segment: str,
    tokens_of: Tagger,
) -> list[str] | None:
    """``原煤、原油、天然气产量…, 分别增长 a、b、c``: each value borrows the subject of the value in
    the same place of the list before it in the sentence."""
    j = i - 1
    while j >= 0 and numbers[j].start >= sentence_start:
        if len(done[j].items) == count:
            phrase = join([t for t in _clean(segment, tokens_of) if t[0] not in ("分别", "均", "都")])
            return [_subject(item, tokens_of) + phrase for item in done[j].items]
        j -= 1
    return None


def _after_phrase(text: str, number: Number, segment: str, tokens_of: Tagger) -> tuple[str, int] | None:
    """(label, end) when the figure counts the noun phrase after it, else None."""
    start = number.span_end
    cut = _CLAUSE_CUT.search(text, start, start + 200)
    rest = text[start : cut.start() if cut else start + 200]
    skip = len(rest) - len(rest.lstrip("级的 "))  # 15兆瓦级…技术, 80%的县级医院
    if number.measure in ("%", POINTS) and "的" not in rest[:skip]:
        # a share or a change counts nothing after it unless 的 says so; 为X 100%提供Y: X is given Y
        beneficiary = segment.lstrip().startswith(("为", "对"))
        predicate = _predicate(list(tokens_of(rest))) if beneficiary and rest and rest[0] not in PUNCT else ""
        if not predicate:
            return None
        return (join(_clean(segment, tokens_of)) + predicate)[:_MAX_LABEL], start + len(rest)
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
    content = [t for t in taken if is_content(t)]
    if content[-1][0] in THRESHOLD_NOUNS or content[0][0] in THRESHOLD_NOUNS:
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
    return label[:_MAX_LABEL], start + skip + used


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
        elif word in _COORDINATORS and taken and nxt[0] and not nxt[0][0].isdigit() and is_nounish(nxt):
            taken.append((word, pos))
        elif pos.startswith("v") and taken and nxt[0] in _COORDINATORS and _nounish_at(tokens, k + 2):
            taken.append((word, pos))  # 试验验证和中试平台: a verb named in a list of nouns
        elif k == 0 and pos.startswith("v") and any(w == "的" for w, _ in tokens[1:8]):
            taken.append((word, pos))  # a relative clause opens with its verb
        elif word in PUNCT or word in STOP_WORDS or word == "的" or any(c.isdigit() for c in word):
            break
        elif is_nounish((word, pos)) or pos == "q":
            taken.append((word, pos))
        elif word in ADVERBS:
            break  # 项目有序推进: the predicate begins
        elif pos.startswith(("v", "a")) and _modifier(taken, nxt, pos):
            taken.append((word, pos))
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
    for word, _ in tokens:
        if word in PUNCT or any(c.isdigit() for c in word):
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
