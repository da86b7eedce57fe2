"""Normalisation for reading: the forms extraction and OCR leave, made plain, offsets kept.

Each rule serves one convention of the tools that make our input:
- PDF text layers keep typographic ligatures (``ﬁ`` ``ﬂ`` …, Unicode's compatibility block
  U+FB00–FB06): a search for "significantly" must find ``signiﬁcantly``; they become letters.
- Soft hyphens (U+00AD) mark where a word *may* break; inside a line they are invisible and go;
  at a line end they mean the word goes on and stay there for the joiner (which then drops them).
- Non-breaking and figure spaces become spaces; full-width Latin letters and digits in English
  text become ASCII (never NFKC on Chinese text: it would turn full-width punctuation into ASCII).
- Chinese has no spaces between words. In extracted or OCR'd Chinese the tool's spaces go: between
  a CJK character and a number (``2025 年 3 月``, ``75 周年``), beside CJK punctuation
  (``完成。 下一步``), and inside letter-spaced runs (``政 府 工 作 报 告``, a title set with
  tracking) — unless the document uses spaces for its column line breaks (the OCR newspaper
  convention), which the text source decides first. A space between two Chinese words
  (``中共中央 国务院``, ``省长 赵刚``) or between Chinese and Latin words (``使用 Python``) is the
  writer's and stays; so is a tab, which separates cells (a copied table's row, tab-separated
  values), never the extraction's stray space — and a row of such cells keeps all its spaces, as
  a table is read: line by line, as set (``索 引 号：<TAB>…``, a label spaced to the width of the others).
Every change is an edit ``(start, end, replacement)`` on the clean text; ``rewrite`` applies them
and returns the offset map back to the file.
"""

from __future__ import annotations

import bisect
import math
import re

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LATIN_FORMS_RE = re.compile(r"[ﬀ-ﬆ]|\u00ad(?![ \t]*[\n\f])|[\u00a0\u2007\u202f\u2009\u200a]")
_FULLWIDTH_RE = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3200-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019"
# spaces between a CJK character and a digit, or beside CJK punctuation
_CJK_SPACE_RE = re.compile(
    rf"(?<=[{_CJK}]) +(?=[0-9])|(?<=[0-9]) +(?=[{_CJK}])"
    rf"|(?<=[{_CJK_PUNCT}]) +(?=[{_CJK}])|(?<=[{_CJK}]) +(?=[{_CJK_PUNCT}])"
)
# a letter-spaced run: three or more single CJK characters with spaces between them
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_TRACKED_RE = re.compile(rf"(?<![{_HAN}])[{_HAN}](?: +[{_HAN}](?![{_HAN}])){{2,}}")
_GAP_RE = re.compile(r" +")
_TAB_ROW_RE = re.compile(r"^[^\n]*\S\t[^\n]*$", re.M)


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """True when ``at`` falls in one of the sorted ``spans``."""
    i = bisect.bisect_right(spans, (at, math.inf)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def reading_edits(text: str, cjk: bool, cjk_spaces: bool) -> list[tuple[int, int, str]]:
    """The edits that make ``text`` plain for reading (sorted, non-overlapping).

    ``cjk``: the document is Chinese (full-width Latin is then left alone); ``cjk_spaces``:
    remove spaces around CJK characters (False when they are column line breaks).
    """
    edits: list[tuple[int, int, str]] = []
    if not text.isascii():
        for m in _LATIN_FORMS_RE.finditer(text):
            ch = m.group()
            edits.append((m.start(), m.end(), _LIGATURES.get(ch, "" if ch == "\u00ad" else " ")))
        if not cjk:
            for m in _FULLWIDTH_RE.finditer(text):
                plain = "".join(chr(ord(c) - 0xFEE0) for c in m.group())
                edits.append((m.start(), m.end(), plain))
        if cjk and cjk_spaces:
            gaps = {m.span() for m in _CJK_SPACE_RE.finditer(text)}
            for run in _TRACKED_RE.finditer(text):
                gaps.update(g.span() for g in _GAP_RE.finditer(text, run.start(), run.end()))
            rows = [m.span() for m in _TAB_ROW_RE.finditer(text)] if "\t" in text else []
            edits.extend((a, b, "") for a, b in gaps if not _inside(rows, a))
        edits.sort()
    return edits

