"""OCR's own confusions, repaired where a reader can be sure, and the characters it doubted.

The repairs (each kept as an edit, so the text as recognised can be shown):
- ``l``, ``I`` or ``|`` inside a number (``20l9``, ``3I5``) or standing for a 1 before ``+`` and a
  number or capital (``l+N``, the "1+N" policy) is the digit ``1``; ``O`` or ``o`` inside a number
  is ``0``. Letters inside words are never touched (``I+II`` stays, ``lO`` in a word stays).
- ``一一`` that the page draws as one unbroken stroke between Chinese characters is the dash
  ``——`` (the engine looks at the pixels, see ``ocr_engine``); ``一一`` as the word (一一对应) has
  a gap between its strokes and stays.
Half-width punctuation in Chinese text is the pipeline's repair (``reader/pipeline/punctuation.py``),
as for every Chinese text.

A character the recogniser gave a confidence below ``DOUBT`` is *doubtful*: the model marks it so
the reader can see which characters to check against the page.
"""

from __future__ import annotations

import re

DOUBT = 0.6  # a character read with less confidence than this is marked doubtful
_ONE_RE = re.compile(r"(?<![A-Za-z0-9])[lI|](?=[0-9])(?=[0-9]*(?![A-Za-z]))|(?<=[0-9])[lI|](?![A-Za-z])|(?<![A-Za-z])[lI](?=\+(?:[0-9]|[A-Z](?![A-Za-z])))")
_ZERO_RE = re.compile(r"(?<=[0-9])[Oo](?=[0-9])")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff5e\u201c\u201d"
_DASH_NEIGHBOUR_RE = re.compile(f"[{_CJK}]")


def repairs(text: str, dashes: tuple[int, ...] = ()) -> list[tuple[int, int, str]]:
    """The edits ``(start, end, replacement)`` that repair OCR confusions in one recognised line
    (sorted, one character each; ``dashes``: where a drawn dash was read as 一一)."""
    edits: dict[int, str] = {}
    for m in _ONE_RE.finditer(text):
        if _in_number(text, m.start()) or text[m.end() : m.end() + 1] == "+":
            edits[m.start()] = "1"
    for m in _ZERO_RE.finditer(text):
        edits[m.start()] = "0"
    for k in dashes:
        if text[k : k + 2] != "一一":
            continue
        before, after = text[k - 1 : k], text[k + 2 : k + 3]
        if _DASH_NEIGHBOUR_RE.match(before or "") or _DASH_NEIGHBOUR_RE.match(after or ""):
            edits[k] = "—"
            edits[k + 1] = "—"
    return [(k, k + 1, edits[k]) for k in sorted(edits)]


def _in_number(text: str, k: int) -> bool:
    """Whether the letter at ``k`` stands among digits (a digit on either side, no letter touching)."""
    before, after = text[k - 1 : k], text[k + 1 : k + 2]
    if (before.isalpha() and before.isascii()) or (after.isalpha() and after.isascii()):
        return False
    return before.isdigit() or after.isdigit()


__all__ = ["DOUBT", "repairs"]
