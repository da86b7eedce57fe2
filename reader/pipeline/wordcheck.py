"""Word look-ups across a line break, using jieba's dictionary (loaded lazily and quietly)."""

from __future__ import annotations

import logging
import threading
import warnings
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_jieba: Any = None


def load_jieba() -> Any:
    """Import and initialise jieba once, with its log lines and warnings silenced."""
    global _jieba
    with _lock:
        if _jieba is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba

                jieba.setLogLevel(logging.ERROR)
                logging.getLogger("jieba").setLevel(logging.ERROR)
                jieba.initialize()
            _jieba = jieba
    return _jieba


def cut(text: str) -> list[str]:
    """Segment a short window of Chinese text into words."""
    return list(_cut(text))


@lru_cache(maxsize=65536)
def _cut(text: str) -> tuple[str, ...]:
    """Cached segmentation (figure labels repeat across a long report)."""
    return tuple(load_jieba().cut(text, HMM=False))


def word_spans_break(left: str, right: str) -> bool:
    """Return True when a dictionary word runs across the break between ``left`` and ``right``."""
    window_left, window_right = left[-4:], right[:4]
    if not window_left or not window_right:
        return False
    pos = 0
    cut_at = len(window_left)
    for word in cut(window_left + window_right):
        end = pos + len(word)
        if pos < cut_at < end and len(word) >= 2:
            return True
        pos = end
    return False


def tag(text: str) -> tuple[tuple[str, str], ...]:
    """Segment a short window of Chinese text into (word, part of speech) pairs (jieba.posseg)."""
    return _tag(text)


@lru_cache(maxsize=65536)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    """Cached tagging (figure clauses repeat across a long report)."""
    load_jieba()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba.posseg

        return tuple((p.word, p.flag) for p in jieba.posseg.lcut(text, HMM=True))
