"""Joining two visual lines of one paragraph: hyphenless CJK breaks and English hyphenation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from reader.pipeline.chars import is_cjk, nearest_letter
from reader.pipeline.numbering import LONE_DIVISION_RE

_TAIL_WORD_RE = re.compile(r"([A-Za-z]+)([-\u2010]?)$")
_HEAD_WORD_RE = re.compile(r"^([A-Za-z]+)")
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:[-\u2010][A-Za-z0-9]+)*")  # a word as printed, compounds whole
_PART_RE = re.compile(r"[A-Za-z0-9]+")
_TAIL_TOKEN_RE = re.compile(r"[A-Za-z0-9]+$")
_HEAD_TOKEN_RE = re.compile(r"^[A-Za-z0-9]+")
KNOWN_ZIPF = 3.0
STANDALONE_ZIPF = 3.5  # a line-end part this common stands alone as a word (``self-``, ``well-``); ``hy-`` does not


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


HYPHENS = "-\u2010"  # a hyphen-minus, or the hyphen groff and typesetters put at a break
SOFT_HYPHEN = "\u00ad"


class Vocabulary:
    """The words a document prints whole (on one line), gathered when first asked: evidence for
    a word broken at a line end (``MS‐`` / ``DOS`` where ``MSDOS`` is printed elsewhere; a
    compound printed with its hyphen elsewhere keeps it)."""

    def __init__(self, texts: Callable[[], Iterable[str]]) -> None:
        self._texts = texts
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            words: set[str] = set()
            for text in self._texts():
                for token in _TOKEN_RE.findall(text):
                    words.add(token)
                    if "-" in token or "\u2010" in token:
                        words.update(_PART_RE.findall(token))
            self._words = words
        return word in self._words


def separator(
    left: str, right: str, cjk_doc: bool, word_list: bool = True, printed: Vocabulary | None = None
) -> tuple[str, bool]:
    """Return (text to put between two line fragments, drop the hyphen ending ``left``).

    CJK on either side joins with nothing (a Chinese line break has no hyphen). Latin words join
    with one space, or with nothing when the break split a word:
    - a soft hyphen at the line end marks a break inside a word: it goes;
    - a hyphen after digits or before one (``800-`` / ``63C``), or inside an identifier, a
      capitalised word or a bracketed key (``[OWASP-`` / ``session]``) is part of the text: kept,
      joined without a space;
    - a hyphen between lower-case parts is judged by the word list: dropped when the joined word
      is known or the first part is no word (``hy-`` / ``drodynamical``), kept in a compound
      (``self-`` / ``consistent``);
    - with no hyphen, a word whose hyphen was lost (``experi`` / ``ment``) is joined when the
      joined word is known and its parts are not both words.
    Without ``word_list`` (a quick first pass) a hyphen is kept (unless the document settles it)
    and a lost one not guessed.
    ``printed``: the words the document prints whole; a hyphen goes when the joined word is
    among them and the hyphenated one is not, and stays in the reverse case, before any other
    rule (``FOR‐`` / ``MAT1`` where ``FORMAT1`` is printed; ``[MMD‐`` / ``Dhhmm…``).
    """
    a, b = left[-1:], right[:1]
    if not a or not b:
        return "", False
    if LONE_DIVISION_RE.match(left):
        return "\u3000", False  # ``第一条`` / ``为了…``: one line as the law prints it, ``第一条　为了…``
    if a == SOFT_HYPHEN:
        return "", True
    if is_cjk(a) or is_cjk(b):
        return "", False
    la, rb = nearest_letter(left, len(left) - 1, -1), nearest_letter(right, 0, 1)
    if is_cjk(la) or is_cjk(rb):
        return "", False
    if cjk_doc and a.isdigit() and b.isdigit():
        return "", False
    if a in HYPHENS:
        seen = _printed_whole(left[:-1], right, printed) if printed is not None else None
        return "", seen if seen is not None else _drop_hyphen(left[:-1], right, word_list)
    tail, head = _TAIL_WORD_RE.search(left), _HEAD_WORD_RE.match(right)
    if tail and head and word_list and not tail.group(2):
        first, second = tail.group(1), head.group(1)
        if second[0].islower() and _is_word(first + second) and not (_is_word(first) and _is_word(second)):
            return "", False  # the hyphen was lost: ``experi``/``ment``
    if a in "–—" and b.isalnum() and left[-2:-1].strip():
        return "", False  # an unspaced dash at the line end: a compound or a number split after it
    return " ", False


def _drop_hyphen(before: str, right: str, word_list: bool) -> bool:
    """Whether the hyphen between ``before`` and ``right`` was only the line break's."""
    tail = _TAIL_WORD_RE.search(before)
    head = _HEAD_WORD_RE.match(right)
    if not tail or not head or not word_list:
        return False
    first, second = tail.group(1), head.group(1)
    token = before.rsplit(None, 1)[-1] if before.strip() else ""
    if first[:1].isupper() and first[1:].islower() and second[0].islower() and token == first:
        first = first.lower()  # a word that opens a sentence (``Au‐`` / ``thentication``)
    if not second[0].islower() or not first.islower() or any(ch.isdigit() or ch in "[(<{_/" for ch in token):
        return False  # an identifier, a name, a bracketed key: the hyphen is text
    return _is_word(first + second) or word_zipf(first) < STANDALONE_ZIPF


def _printed_whole(before: str, right: str, printed: Vocabulary) -> bool | None:
    """Whether the document settles the hyphen between ``before`` and ``right``: dropped when it
    prints the joined word and not the compound, kept in the reverse case, else None."""
    tail, head = _TAIL_TOKEN_RE.search(before), _HEAD_TOKEN_RE.match(right)
    if not tail or not head:
        return None
    first, second = tail.group(), head.group()
    whole = first + second in printed
    compound = f"{first}-{second}" in printed or f"{first}\u2010{second}" in printed
    if whole != compound:
        return whole
    return None
