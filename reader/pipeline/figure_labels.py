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

from reader.pipeline.figure_after import MAX_LABEL, after_phrase, closes_frame, counts_levels, share_predicate
from reader.pipeline.figure_lists import carried_items, list_items, list_position
from reader.pipeline.figure_phrases import clean, cut_at_rate, has_content, subject
from reader.pipeline.figure_values import BEFORE_QUALIFIER, POINTS, Number
from reader.pipeline.figure_words import (
    ADDITION_PREFIX,
    ADDITION_WORDS,
    ADVERBS,
    CHANGE_VERBS,
    FLOW_VERBS,
    HOLDING_VERBS,
    LINKING,
    METRIC_ONLY,
    PUNCT,
    QUOTES,
    RELATIONAL_VERBS,
    Tagger,
    Token,
    is_content,
    is_nounish,
    join,
    rough_tokens,
)

_CLAUSE_MARKS = "，,；;：:。！？!?\n"  # the characters a clause ends at
_SENTENCE_MARKS = "。！？!?\n"
_CLAUSE_CUT = re.compile(f"[{_CLAUSE_MARKS}]")
_BASE_BEFORE = re.compile(r"(?:从|由)\s*$")
_RESULT_BETWEEN = re.compile(r"^\s*(?:提高|提升|增加|增长|上升|下降|降低|减少|扩大|缩小|降|升|增)?(?:到|至)\s*$")


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
    clause_start = _last_cut(_CLAUSE_MARKS, text, number.start)
    sentence_start = _last_cut(_SENTENCE_MARKS, text, number.start)
    prev = i - 1 if i > 0 and numbers[i - 1].span_end > clause_start else None
    seg_start = max(clause_start, done[prev].consumed) if prev is not None else clause_start
    if prev is not None and _is_attribute(text, numbers, done, prev, number):
        seg_start = _attribute_start(text, numbers, done, prev, clause_start)  # 超100亿元项目4个
        prev = prev - 1 if prev > 0 and numbers[prev - 1].span_end > seg_start else None
    segment = text[seg_start : number.start]
    qualifier = BEFORE_QUALIFIER.search(segment)
    if qualifier and _stands_alone(segment, qualifier.group(), tokens_of, words_of):
        segment = segment[: qualifier.start()]  # 退税缓费约80亿元: 约 qualifies the value
    following = numbers[i + 1].start if i + 1 < len(numbers) else len(text)
    if segment.lstrip().startswith("在") and closes_frame(text, number, following, tokens_of):
        segment = segment.lstrip()[1:]  # 在新增减税降费734亿元基础上
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
    listed = list_position(text, numbers, i, clause_start)
    if listed is not None:
        first, position, count = listed
        if position > 0:
            items = done[first].items
            label = items[position] if len(items) == count else done[first].label
            return Labelled(label, subject(label, tokens_of), "", number.span_end, items)
        items = list_items(segment, count, tokens_of, words_of)
        if items is None and not has_content(clean(segment, tokens_of)):
            items = carried_items(numbers, done, i, sentence_start, count, segment, tokens_of)
        if items is not None:
            return Labelled(items[0], subject(items[0], tokens_of), "", number.span_end, items)
    after = after_phrase(text, number, segment, tokens_of, following)
    if after is not None:
        label, consumed = after
        own = clean(segment, tokens_of)
        if not counts_levels(label):
            carried = subject(label, tokens_of)
        elif has_content(own):  # 连跨4个千亿台阶: the economy crossed them, a later clause is about it
            carried = subject(join(own), tokens_of)
        else:
            carried = _carried_subject(text, numbers, done, i, sentence_start, clause_start, tokens_of)
        return Labelled(label, carried or subject(label, tokens_of), "", consumed)
    parts = cut_at_rate(segment).split("、")
    phrase = clean(parts[-1], tokens_of)
    predicate = share_predicate(text, number, following, tokens_of)  # 其中28%投向中小微企业
    if predicate:
        own = join(clean(cut_at_rate(segment), tokens_of))
        carried = "" if own else _carried_subject(text, numbers, done, i, sentence_start, clause_start, tokens_of)
        label = (own or carried) + predicate
        return Labelled(label[:MAX_LABEL], carried or subject(label, tokens_of), "", number.span_end)
    if phrase and (phrase[0][0] in RELATIONAL_VERBS or _same_count_verbs(phrase, numbers, i, sentence_start)):
        flow = phrase[0][0] in RELATIONAL_VERBS
        carried = _carried_subject(text, numbers, done, i, sentence_start, clause_start, tokens_of, flow)
        if carried:  # 占地区生产总值比重41.9%, 供应分配3950套: the subject is the clause's before
            label = carried + join(phrase)
            return Labelled(label[-MAX_LABEL:], carried, "", number.span_end)
    if has_content(phrase) or _acts(phrase):
        whole = len(parts) > 1 and not _is_clause(parts[-2], tokens_of)  # 养老护理、应急救护护理员
        label = join(clean(cut_at_rate(segment), tokens_of)) if whole else join(phrase)
        return Labelled(label[-MAX_LABEL:], subject(label, tokens_of), "", number.span_end)
    carried = ""
    if len(parts) > 1 and prev is None:
        carried = subject(join(clean(parts[0], tokens_of)), tokens_of)  # 经济总量突破千亿、达到1042亿元
    if (
        not carried
        and number.measure == POINTS
        and i > 0
        and numbers[i - 1].start >= sentence_start
        and all(w in CHANGE_VERBS or w in ADVERBS for w, _ in phrase)
    ):
        carried = done[i - 1].label  # 占比97.8%、提升5.7个百分点: points change the rate itself
    if not carried:
        change = bool(phrase) and all(w in CHANGE_VERBS or w in ADVERBS for w, _ in phrase)
        bare = all(w in CHANGE_VERBS or w in ADVERBS or w in METRIC_ONLY or w in LINKING for w, _ in phrase)
        carried = _carried_subject(text, numbers, done, i, sentence_start, clause_start, tokens_of, change, bare)
    label = carried + join(phrase) if carried else join(phrase)
    return Labelled(label[-MAX_LABEL:], carried or subject(label, tokens_of), "", number.span_end)


def _is_attribute(text: str, numbers: Sequence[Number], done: list[Labelled], prev: int, number: Number) -> bool:
    """True when the figure before, in the same clause, only qualifies the noun this figure counts
    (``投资额超100亿元项目4个``, ``30-100亿元项目6个``): its noun runs right up to this figure."""
    before = numbers[prev]
    if done[prev].consumed != number.start or done[prev].consumed <= before.span_end:
        return False
    return not any(ch in PUNCT for ch in text[before.span_end : number.start])


def _attribute_start(text: str, numbers: Sequence[Number], done: list[Labelled], prev: int, clause_start: int) -> int:
    """Where the phrase of a figure whose noun an earlier figure qualifies begins: the clause start,
    or the end of the figure before the qualifying one (or the last 、 after it)."""
    start = clause_start
    if prev > 0 and numbers[prev - 1].span_end > clause_start:
        start = max(numbers[prev - 1].span_end, done[prev - 1].consumed)
    cut = text.rfind("、", start, numbers[prev].start)
    return cut + 1 if cut >= 0 else start


def _stands_alone(segment: str, qualifier: str, tokens_of: Tagger, words_of: Callable[[str], list[str]]) -> bool:
    """True when the qualifier ending a segment (约, 近, 超过) is a word of its own, not the end of
    one (节约, 附近); a noun the segmenter glued it to (缓费约) does not count."""
    tail = segment[-6:]
    if words_of(tail)[-1:] == [qualifier]:
        return True
    tokens = [t for t in tokens_of(tail) if t[0].strip()]
    return bool(tokens) and tokens[-1][0].endswith(qualifier) and tokens[-1][1].startswith("n")


def _same_count_verbs(phrase: list[Token], numbers: Sequence[Number], i: int, sentence_start: int) -> bool:
    """True when a phrase of verbs alone counts in the unit of the figure before it in the sentence
    (``筹集建设公共住房7732套，供应分配3950套``): the verbs act on that figure's subject."""
    if i == 0 or numbers[i - 1].start < sentence_start or numbers[i].measure in ("%", POINTS, "元"):
        return False
    if numbers[i - 1].measure != numbers[i].measure or not numbers[i].measure:
        return False
    return all(pos.startswith("v") for _, pos in phrase) and not phrase[0][0].startswith(ADDITION_PREFIX)


def _acts(phrase: list[Token]) -> bool:
    """True for a phrase of verbs that does something to something (解决诉求, 新增减税降费): it
    names the figure itself, unlike a change or a link alone (增长, 净增加, 覆盖)."""
    if len(phrase) < 2:
        return False
    word, pos = phrase[-1]
    return pos.startswith("v") and not (word in CHANGE_VERBS or word in LINKING or word in HOLDING_VERBS)


def _counts_additions(label: str, tokens_of: Tagger) -> bool:
    """True when a label counts additions (新增上市企业, 企业新增): a verb of adding among its words."""
    return any(w in FLOW_VERBS and w.startswith(ADDITION_WORDS) for w, _ in tokens_of(label))


def _without_change(label: str, tokens_of: Tagger) -> str:
    """A label without the change verb it ends in (商事主体新增增长 → 商事主体新增), additions kept."""
    tokens = list(tokens_of(label))
    while len(tokens) > 1 and tokens[-1][0] in CHANGE_VERBS and not tokens[-1][0].startswith(ADDITION_WORDS):
        tokens.pop()
    return join(tokens)


def _is_clause(part: str, tokens_of: Tagger) -> bool:
    """True when a part before 、 has a verb after its subject: a clause of its own
    (产业园启动建设、签约项目163个), not one of several nouns (养老护理、应急救护护理员)."""
    tokens = [t for t in tokens_of(part.strip()) if t[0].strip()] if part.strip() else []
    first = next((k for k, t in enumerate(tokens) if is_content(t)), len(tokens))
    return any(pos == "v" for _, pos in tokens[first + 1 :])


def _last_cut(marks: str, text: str, pos: int) -> int:
    """The offset just after the last of the characters ``marks`` before ``pos`` (0 when none)."""
    start = max(0, pos - 400)  # a sentence's length, never back to the start of a huge block
    last = max(text.rfind(mark, start, pos) for mark in marks)
    return last + 1 if last >= 0 else start


def _carried_subject(
    text: str,
    numbers: Sequence[Number],
    done: list[Labelled],
    i: int,
    sentence_start: int,
    clause_start: int,
    tokens_of: Tagger,
    flow: bool = False,
    across: bool = False,
) -> str:
    """The subject a clause without one borrows: the figure's before it in the sentence, else the
    leading noun phrase of the clause before, else, with ``across`` (a sentence that opens with only
    a change or a metric: 一年新增12.3万户), the subject of the figure in the sentence before. With
    ``flow`` (a change or a relation), a figure before that counts additions lends its whole label
    (新增7家、占全市22.6%: of the additions)."""
    if i > 0 and numbers[i - 1].start >= sentence_start:
        if flow and _counts_additions(done[i - 1].label, tokens_of):
            return _without_change(done[i - 1].label, tokens_of)
        return done[i - 1].subject
    clauses = [c for c in _CLAUSE_CUT.split(text[sentence_start:clause_start]) if c.strip()]
    if not clauses:
        if not across:
            return ""
        before = _last_cut(_SENTENCE_MARKS, text, max(0, sentence_start - 1))
        same_block = "\n" not in text[before:sentence_start]
        return done[i - 1].subject if i > 0 and numbers[i - 1].start >= before and same_block else ""
    head: list[Token] = []
    for token in clean(clauses[-1], tokens_of):
        if is_content(token) or token[0] in QUOTES or (head and is_nounish(token)):
            head.append(token)
        elif head:
            break
    return join(head)
