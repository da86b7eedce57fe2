"""Units of reading text a selection moves by: characters, words (jieba's in Chinese), sentences,
and for preformatted blocks lines. Each unit is a (start, end) span of a block's text.

jieba's dictionary takes about a second to load: ``load_words`` loads it (call it off the UI
path); until it is loaded, Chinese words fall back to single characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Unit = Literal["paragraph", "sentence", "word", "character"]
UNITS: tuple[Unit, ...] = ("paragraph", "sentence", "word", "character")

_BODY = r"(?:[^。！？!?；;.]|\.(?!\s|$))"  # (a full stop ends an English sentence before a space)
_SENTENCE_RE = re.compile(rf"{_BODY}*(?:[。！？!?；;]+|\.+(?=\s|$))[”’\"」』）)]*|{_BODY}+$")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOKEN_RE = re.compile(r"\w+(?:['’-]\w+)*|\S")
_words_ready = False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each sentence in ``text``."""
    spans = [
        (m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
        for m in _SENTENCE_RE.finditer(text)
        if m.group().strip()
    ]
    return spans or [(0, len(text))]


def load_words() -> None:
    """Load jieba's dictionary (slow: call it from a worker thread); words are jieba's from then on."""
    global _words_ready
    from reader.pipeline.wordcheck import load_jieba

    load_jieba()
    _words_ready = True


def words_ready() -> bool:
    """True once jieba's dictionary is loaded here."""
    return _words_ready


def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The words of ``text``, each with the punctuation that follows it; Chinese words are jieba's
    once its dictionary is loaded, single characters until then."""
    return _word_spans(text, _words_ready)


@lru_cache(maxsize=512)
def _word_spans(text: str, dictionary: bool) -> tuple[tuple[int, int], ...]:
    """``word_spans``, with or without jieba's dictionary."""
    tokens: list[tuple[int, int]] = []
    if dictionary and _CJK_RE.search(text):
        from reader.pipeline.wordcheck import cut

        pos = 0
        for word in cut(text):
            if word.strip():
                start = pos + (len(word) - len(word.lstrip()))
                tokens.append((start, start + len(word.strip())))
            pos += len(word)
    else:
        for m in _TOKEN_RE.finditer(text):
            if len(m.group()) > 1 and _CJK_RE.search(m.group()):  # a run of Chinese: by character
                tokens.extend((i, i + 1) for i in range(m.start(), m.end()))
            else:
                tokens.append((m.start(), m.end()))
    spans: list[tuple[int, int]] = []
    for start, end in tokens:
        if spans and not any(ch.isalnum() for ch in text[start:end]) and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)  # punctuation goes with the word before it
        else:
            spans.append((start, end))
    return tuple(spans) or ((0, len(text)),)


def units(text: str, unit: Unit, preformatted: bool = False) -> list[tuple[int, int]]:
    """The spans of ``text`` that a selection moves by in ``unit`` (lines stand for the sentences
    of a preformatted block)."""
    if unit == "paragraph" or not text:
        return [(0, len(text))]
    if unit == "sentence":
        if preformatted:
            starts = [0, *(m.end() for m in re.finditer("\n", text))]
            return [(s, (text.find("\n", s) + 1 or len(text) + 1) - 1) for s in starts]
        return sentence_spans(text)
    if unit == "word":
        return list(word_spans(text))
    return [(i, i + 1) for i in range(len(text)) if text[i] != "\n"]
