"""Values listed one per item: ``分别增长4.3%、6.1%``, ``原煤、原油、天然气产量达到 a、b、c``.

Items are matched to values by position; a head the last item shares goes to every item
(``家电、新能源汽车零售额`` → 家电零售额); ``城乡居民`` stands for 城镇居民 and 农村居民; a list
without subjects borrows those of the list before it in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.pipeline.figure_phrases import clean, has_content, subject
from reader.pipeline.figure_values import Number
from reader.pipeline.figure_words import (
    ADVERBS,
    CHANGE_VERBS,
    COUNT_HEADS,
    SCOPE_WORDS,
    Tagger,
    Token,
    join,
)

if TYPE_CHECKING:
    from reader.pipeline.figure_labels import Labelled

_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|以及)\s*")


_URBAN_RURAL = ("城乡", ("城镇", "农村"))


_COORDINATORS = frozenset("和 及 与 以及 、".split())


def list_position(text: str, numbers: Sequence[Number], i: int, clause_start: int) -> tuple[int, int, int] | None:
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


def list_items(segment: str, count: int, tokens_of: Tagger, words_of: Callable[[str], list[str]]) -> list[str] | None:
    """The labels of ``count`` listed values from the phrase before the first: one item each, the
    change verb after the items shared (家电、新能源汽车零售额分别增长 → 家电零售额增长, …)."""
    tokens = clean(segment, tokens_of)
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
    if len(items) != count or not has_content(items[-1]):
        return None
    last = items[-1]
    head = ""
    if len(last) >= 2 and all(len(item) <= 2 and not _is_metric_noun(item[-1][0]) for item in items[:-1]):
        head = last[-1][0]
        if _parallel_prefix(items[:-1], join(last), words_of):
            head = join(last)[len(join(items[0])) :]  # 城镇、农村居民人均可支配收入: all after 农村
    shared = _after_parallel_word(items[0], last)
    if shared:
        head = shared  # 先进制造业和高技术制造业增加值占规模以上工业比重: all after 制造业
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


def _after_parallel_word(first: list[Token], last: list[Token]) -> str:
    """What the last item holds after the word the first item ends with, or one ending like it
    (制造业 in 先进制造业 and 高技术制造业增加值…, 安全事故 and 交通事故死亡人数): the words every
    item shares, or ``""``."""
    word = first[-1][0]
    ends = [k for k, t in enumerate(last[:-1]) if t[0] == word or _shared_tail(t[0], word) >= 2]
    return join(last[ends[-1] + 1 :]) if ends and len(word) > 1 else ""


def _shared_tail(a: str, b: str) -> int:
    """How many characters two words share at their ends (安全事故, 交通事故: 2)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _is_metric_noun(word: str) -> bool:
    """True for a word that already names a measured quantity (人数, 产值, 零售额, 花费)."""
    return word in COUNT_HEADS or word.endswith(("额", "量", "率", "数", "值", "价", "费", "入", "出", "标准", "规模"))


def carried_items(
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
            phrase = join([t for t in clean(segment, tokens_of) if t[0] not in ("分别", "均", "都")])
            return [subject(item, tokens_of) + phrase for item in done[j].items]
        j -= 1
    return None
