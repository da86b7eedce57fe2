"""OCR punctuation repaired in Chinese text: the half-width marks an OCR engine or an extractor
reads for the full-width ones Chinese is printed with.

In a Chinese sentence, ``,`` ``;`` ``:`` ``?`` ``!`` become ``，；：？！`` where a Chinese character
stands on one side and the other side belongs to the sentence too (a Chinese character or
full-width mark, a number or Latin word run into it, the paragraph's end; a space after the mark
goes with it); brackets become ``（ ）`` where what they enclose is Chinese, or where they are set
between Chinese on both sides; straight double quotes become ``“ ”`` by pairing within the
paragraph (an odd number of them is left alone) where the pair is Chinese the same way; ``...``
after Chinese becomes ``……``. Latin text, numbers (``1,000``, ``3.5``, ``12:30``), URLs, e-mail
addresses and inline code are never touched (no Chinese character on either side, or protected).

Each repair is recorded as ``(start, end, printed)`` in the repaired text's offsets, so the text
exactly as printed can be restored (``Block.printed_text``) and offsets into the printed text moved
into the repaired one (``shift_offset``).
"""

from __future__ import annotations

import re

Edit = tuple[int, int, str]
"""A repair: ``repaired[start:end]`` stands where the page printed ``printed``."""

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]")
# a Chinese character, a CJK symbol or full-width form, or a curly quote (what a Chinese sentence holds)
_WIDE = f"{_HAN}\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019\u2026\u2014"
_WIDE_RE = re.compile(f"[{_WIDE}]")
_CANDIDATE_RE = re.compile(r'[,;:?!()"]|\.{3}')
_PROTECTED_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|`[^`\n]*`")
_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_REPAIRED = {mark: (1, wide) for mark, wide in _MARKS.items()}
# the common case, found by the regex engine alone: a mark between two Chinese characters or marks
# (the mark is matched first and its left side looked at behind it: a pattern that opens with a
# character class is searched for quickly; one that opens with a look-behind is tried at every position)
_BETWEEN_RE = re.compile(f"[,;:?!](?<=[{_WIDE}][,;:?!])(?=[{_WIDE}])")
# the rest: a mark with something else on one side (a number, a Latin word, a space, a quote …)
_OTHER_MARK_RE = re.compile(f"[,;:?!](?:(?<![{_WIDE}][,;:?!])|(?![{_WIDE}]))")
_BRACKET_RE = re.compile(r"[()（）]")
_ELLIPSIS_RE = re.compile(r"\.{3,}")
_LATIN_RE = re.compile(r"[A-Za-z]")


def _han(ch: str) -> bool:
    """True for a Chinese character."""
    return bool(ch) and _HAN_RE.match(ch) is not None


def _wide(ch: str) -> bool:
    """True for a Chinese character, full-width mark or curly quote."""
    return bool(ch) and _WIDE_RE.match(ch) is not None


def _word(ch: str) -> bool:
    """True for a digit, Latin letter or ``%`` run into a Chinese sentence."""
    return bool(ch) and (ch.isascii() and (ch.isalnum() or ch == "%"))


class _Free:
    """Whether a position is open to repair: not inside a URL, an e-mail address or inline code."""

    def __init__(self, text: str) -> None:
        maybe = "://" in text or "www." in text or "@" in text or "`" in text
        self.spans = [m.span() for m in _PROTECTED_RE.finditer(text)] if maybe else []

    def __getitem__(self, at: int) -> bool:
        return not self.spans or not any(a <= at < b for a, b in self.spans)


def _outside(text: str, at: int, step: int) -> str:
    """The character beside ``at`` in direction ``step``, one space skipped."""
    at += step
    if 0 <= at < len(text) and text[at] == " ":
        at += step
    return text[at] if 0 <= at < len(text) else ""


def _pair_is_chinese(text: str, open_at: int, close_at: int) -> bool:
    """True when a bracket or quote pair belongs to a Chinese sentence: it encloses Chinese, or it
    stands between Chinese on both sides, or it encloses no Latin word and has Chinese beside it;
    never an empty pair or one run into a Latin word or number before it (``f(x)``, ``run()``)."""
    inside = text[open_at + 1 : close_at]
    if _HAN_RE.search(inside):
        return True
    if not inside.strip() or (open_at and _word(text[open_at - 1])):  # a call or a term: f(x), run()
        return False
    before, after = _outside(text, open_at, -1), _outside(text, close_at, 1)
    if _han(before) and _han(after):
        return True
    return not _LATIN_RE.search(inside) and (_han(before) or _han(after))


def _brackets(text: str, free: _Free, out: dict[int, tuple[int, str]]) -> None:
    """Pair the brackets (half- or full-width) and repair the half-width ones of Chinese pairs;
    an unpaired one by the side it opens to (``(`` before Chinese, ``)`` after it)."""
    stack: list[int] = []
    single: list[int] = []
    for m in _BRACKET_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch in "(（" and free[i]:
            stack.append(i)
        elif ch in ")）" and free[i]:
            if stack:
                a = stack.pop()
                if _pair_is_chinese(text, a, i):
                    for at in (a, i):
                        if text[at] in "()":
                            out[at] = (1, "（" if text[at] == "(" else "）")
            else:
                single.append(i)
    for i in [*stack, *single]:
        if text[i] == "(" and _han(text[i + 1 : i + 2]):
            out[i] = (1, "（")
        elif text[i] == ")" and _han(text[i - 1 : i] if i else ""):
            out[i] = (1, "）")


def _quotes(text: str, free: _Free, out: dict[int, tuple[int, str]]) -> None:
    """Pair the straight double quotes of the paragraph in order; a Chinese pair becomes “ ”
    (an odd number of quotes is left alone: which one lost its partner is unknown)."""
    at = [i for i in _positions(text, '"') if free[i]]
    if len(at) % 2:
        return
    for a, b in zip(at[::2], at[1::2], strict=True):
        if _pair_is_chinese(text, a, b):
            out[a] = (1, "“")
            out[b] = (1, "”")


def _shown(text: str, out: dict[int, tuple[int, str]], at: int) -> str:
    """The character at ``at`` after the one-character repairs so far."""
    if not 0 <= at < len(text):
        return ""
    got = out.get(at)
    return got[1] if got is not None and got[0] == 1 else text[at]


def _positions(text: str, ch: str) -> list[int]:
    """Where ``ch`` stands in ``text``."""
    out: list[int] = []
    at = text.find(ch)
    while at >= 0:
        out.append(at)
        at = text.find(ch, at + 1)
    return out


def _marks(text: str, free: _Free, out: dict[int, tuple[int, str]]) -> None:
    """Repair ``, ; : ? !`` of a Chinese sentence (see the module's docstring)."""
    if free.spans:
        out.update((m.start(), _REPAIRED[m.group()]) for m in _BETWEEN_RE.finditer(text) if free[m.start()])
    else:
        out.update((m.start(), _REPAIRED[m.group()]) for m in _BETWEEN_RE.finditer(text))
    for m in _OTHER_MARK_RE.finditer(text):
        i, ch = m.start(), m.group()
        if not free[i]:
            continue
        before, after = _shown(text, out, i - 1), _shown(text, out, i + 1)
        spaced = after == " " and _wide(_shown(text, out, i + 2))
        if _wide(before) and _wide(after):
            out[i] = (1, _MARKS[ch])
        elif _han(before) and (after in ("", "\n") or _word(after) or spaced):
            out[i] = (2 if spaced else 1, _MARKS[ch])
        elif _word(before) and _han(after):
            out[i] = (1, _MARKS[ch])


def _ellipses(text: str, free: _Free, out: dict[int, tuple[int, str]]) -> None:
    """``...`` (three dots or more) after Chinese becomes ``……``."""
    for m in _ELLIPSIS_RE.finditer(text):
        if m.start() and free[m.start()] and _wide(_shown(text, out, m.start() - 1)):
            out[m.start()] = (m.end() - m.start(), "……")


def repair(text: str) -> tuple[str, tuple[Edit, ...]]:
    """Repair the OCR punctuation of one paragraph of Chinese text; return the repaired text and
    the repairs made, as ``(start, end, printed)`` in the repaired text's offsets."""
    if not _CANDIDATE_RE.search(text) or not _HAN_RE.search(text):
        return text, ()
    free = _Free(text)
    out: dict[int, tuple[int, str]] = {}
    if "(" in text or ")" in text:
        _brackets(text, free, out)
    if '"' in text:
        _quotes(text, free, out)
    _marks(text, free, out)
    if "..." in text:
        _ellipses(text, free, out)
    if not out:
        return text, ()
    parts: list[str] = []
    edits: list[Edit] = []
    pos = shift = 0
    for at in sorted(out):
        if at < pos:  # (inside a repair already made)
            continue
        size, new = out[at]
        parts.append(text[pos:at])
        parts.append(new)
        edits.append((at + shift, at + shift + len(new), text[at : at + size]))
        shift += len(new) - size
        pos = at + size
    parts.append(text[pos:])
    return "".join(parts), tuple(edits)


def repaired(text: str) -> str:
    """``text`` with its OCR punctuation repaired (for titles, which keep no repairs)."""
    return repair(text)[0]


def shift_offset(edits: tuple[Edit, ...], offset: int) -> int:
    """Where an offset into the printed text falls in the repaired text (inside a repair: its start)."""
    shift = 0
    for start, end, printed in edits:
        at = start - shift  # where this repair starts in the printed text
        if offset < at:
            break
        if offset < at + len(printed):
            return start
        shift += (end - start) - len(printed)
    return offset + shift
