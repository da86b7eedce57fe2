"""Joining two visual lines of one paragraph: hyphenless CJK breaks and English hyphenation."""

from __future__ import annotations

import re
from functools import lru_cache

from reader.pipeline.chars import is_cjk, nearest_letter

_TAIL_WORD_RE = re.compile(r"([A-Za-z]+)(-?)$")
_HEAD_WORD_RE = re.compile(r"^([A-Za-z]+)")
KNOWN_ZIPF = 3.0


@lru_cache(maxsize=65536)
def word_zipf(word: str) -> float:
    """Return the Zipf frequency of an English word (0 when unknown); loads wordfreq lazily."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return float(zipf_frequency(word.lower(), "en"))


def _is_word(word: str) -> bool:
    """Return True when ``word`` is a known English word."""
    return word_zipf(word) >= KNOWN_ZIPF


def separator(left: str, right: str, cjk_doc: bool, word_list: bool = True) -> tuple[str, bool]:
    """Return (text to put between two line fragments, drop the hyphen ending ``left``).

    Without ``word_list`` (a quick first pass) a hyphen before a lower-case word is kept and a
    lost hyphen is not guessed.

    CJK on either side joins with nothing; Latin words join with one space, or with
    nothing when the break split a word (``experi-``/``ment``, or a lost hyphen).
    """
    a, b = left[-1:], right[:1]
    if not a or not b:
        return "", False
    if is_cjk(a) or is_cjk(b):
        return "", False
    la, rb = nearest_letter(left, len(left) - 1, -1), nearest_letter(right, 0, 1)
    if is_cjk(la) or is_cjk(rb):
        return "", False
    if cjk_doc and a.isdigit() and b.isdigit():
        return "", False
    tail, head = _TAIL_WORD_RE.search(left), _HEAD_WORD_RE.match(right)
    if tail and head and tail.start() < len(left) and word_list:
        first, hyphen, second = tail.group(1), tail.group(2), head.group(1)
        if hyphen:
            if not second[0].islower():
                return "", False  # keep the hyphen: ``Jean-``/``Paul``
            if _is_word(first + second) or not _is_word(first):
                return "", True
            return "", False  # ``well-``/``known`` stays hyphenated
        if second[0].islower() and _is_word(first + second) and not (_is_word(first) and _is_word(second)):
            return "", False  # the hyphen was lost: ``experi``/``ment``
    if a in "-–—" and (b.isalpha() or (a != "-" and b.isdigit())) and left[-2:-1].strip():
        return "", False  # an unspaced dash at the line end: a compound or a number split after it
    return " ", False
