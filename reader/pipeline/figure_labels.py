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

from reader.pipeline.figure_after import MAX_LABEL, after_phrase
from reader.pipeline.figure_lists import carried_items, list_items, list_position
from reader.pipeline.figure_phrases import clean, cut_at_rate, has_content, subject
from reader.pipeline.figure_values import Number
from reader.pipeline.figure_words import QUOTES, Tagger, Token, is_content, is_nounish, join, rough_tokens

_CLAUSE_CUT = re.compile(r"[，,；;：:。！？!?\n]")
_SENTENCE_CUT = re.compile(r"[。！？!?\n]")
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
    after = after_phrase(text, number, segment, tokens_of)
    if after is not None:
        label, consumed = after
        return Labelled(label, subject(label, tokens_of), "", consumed)
    parts = cut_at_rate(segment).split("、")
    phrase = clean(parts[-1], tokens_of)
    if has_content(phrase):
        whole = len(parts) > 1 and not _is_clause(parts[-2], tokens_of)  # 养老护理、应急救护护理员
        label = join(clean(cut_at_rate(segment), tokens_of)) if whole else join(phrase)
        return Labelled(label[-MAX_LABEL:], subject(label, tokens_of), "", number.span_end)
    carried = ""
    if len(parts) > 1 and prev is None:
        carried = subject(join(clean(parts[0], tokens_of)), tokens_of)  # 经济总量突破千亿、达到1042亿元
    if not carried:
        carried = _carried_subject(text, numbers, done, i, sentence_start, clause_start, tokens_of)
    label = carried + join(phrase) if carried else join(phrase)
    return Labelled(label[-MAX_LABEL:], carried or subject(label, tokens_of), "", number.span_end)


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
    for token in clean(clauses[-1], tokens_of):
        if is_content(token) or token[0] in QUOTES or (head and is_nounish(token)):
            head.append(token)
        elif head:
            break
    return join(head)
