"""Character classes shared by the pipeline steps (CJK, punctuation, widths)."""

from __future__ import annotations

import re
import unicodedata

# CJK ideographs, kana, Hangul, CJK symbols and punctuation, full-width forms.
CJK_CLASS = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3200-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
CJK_RE = re.compile(f"[{CJK_CLASS}]")
_NOT_CJK_RUN_RE = re.compile(f"[^{CJK_CLASS}]+")

# Punctuation that ends a sentence, optionally followed by closing quotes/brackets.
TERMINAL_RE = re.compile(r"[。！？!?；;…]+[\"'”’」』》）)\]】]*$|[.][\"'”’)\]]*$")
BULLETS = "·・•●▪■◆◇○◦‧∙*-–—"
_FULLWIDTH_PUNCT_RE = re.compile(
    r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u2030-\u205e]"
)
_ASCII_PUNCT_RE = re.compile(r"[!-/:-@\[-`{-~]")


def is_cjk(ch: str) -> bool:
    """Return True when ``ch`` is a CJK character or CJK/full-width punctuation."""
    first = ch[:1]
    known = _CJK_CHARS.get(first)
    if known is None:
        known = _CJK_CHARS[first] = bool(first) and CJK_RE.match(first) is not None
    return known


# is_cjk's answer per character (it is asked of every character beside a break: a document has few
# distinct characters; bounded by Unicode)
_CJK_CHARS: dict[str, bool] = {}


def is_punct(ch: str) -> bool:
    """Return True when ``ch`` is punctuation (Unicode P* or S* category)."""
    return unicodedata.category(ch)[0] in "PS" if ch else False


# An abbreviation's full stop does not end a sentence (``Fig.`` ⏎ ``1.``, ``et al.`` ⏎ ``(2021)``).
_ABBREVIATION_RE = re.compile(
    r"(?:^|[\s(\[])(?:Figs?|Eqs?|Tab|Tabs|No|Nos|Vol|Vols|vol|pp?|cf|vs|al|e\.g|i\.e|Dr|Mr|Mrs|Ms|Prof|St|Sec|Secs|Ch|Ref|Refs|approx|incl|resp|ed|eds|Jr|Sr|[A-Z])\.$"
)


# What ``TERMINAL_RE`` reads at a text's end, for ``ends_sentence`` to test without a regex search
# over the whole text: a run of sentence-final marks, then closing quotes or brackets; or a full stop,
# then the closers Latin text puts after one.
_TERMINALS = "。！？!?；;…"
_CJK_CLOSERS = "\"'”’」』》）)]】"
_LATIN_CLOSERS = "\"'”’)]"
_ABBREVIATION_REACH = 12  # longer than any match of _ABBREVIATION_RE (a space, ``approx``, the stop)


def ends_sentence(text: str) -> bool:
    """Return True when ``text`` ends with sentence-final punctuation (an abbreviation's full
    stop is not one)."""
    text = text.rstrip()
    if not _terminal_end(text):
        return False
    # (``pos`` keeps ``^`` from matching where the search starts: only a short text reaches its start)
    return not (text.endswith(".") and _ABBREVIATION_RE.search(text, max(0, len(text) - _ABBREVIATION_REACH)))


def _terminal_end(text: str) -> bool:
    """True where ``TERMINAL_RE`` finds a match in ``text`` (no trailing space), read from its end."""
    before_closers = text.rstrip(_CJK_CLOSERS)
    if before_closers and before_closers[-1] in _TERMINALS:
        return True
    return text.rstrip(_LATIN_CLOSERS).endswith(".")


def cjk_ratio(text: str) -> float:
    """Return the share of non-space characters in ``text`` that are CJK."""
    sample = "".join(text.split())
    if not sample:
        return 0.0
    return len("".join(_NOT_CJK_RUN_RE.split(sample))) / len(sample)  # (what is left is the CJK characters)


def print_widths(text: str) -> tuple[float, float, float]:
    """Return three print-width measures of ``text`` in ems.

    (character grid: full-width punctuation 1 em, ASCII ½ em;
    compressed punctuation: all punctuation ½ em; full punctuation: all punctuation 1 em).
    """
    n = len(text)
    ascii_n = len(text.encode("ascii", "ignore"))
    ascii_p = len(_ASCII_PUNCT_RE.findall(text))
    wide_p = len(_FULLWIDTH_PUNCT_RE.findall(text)) if ascii_n < n else 0
    wide = n - ascii_n
    grid = wide + 0.5 * ascii_n
    compressed = (wide - wide_p) + 0.5 * (ascii_n - ascii_p) + 0.5 * (ascii_p + wide_p)
    full = (wide - wide_p) + 0.5 * (ascii_n - ascii_p) + (ascii_p + wide_p)
    widths = (grid, compressed, full)
    # A document has few distinct line widths (its measure, a handful of short ones): one shared
    # tuple per distinct value keeps a long document's lines from holding a tuple and floats each.
    return _WIDTHS.setdefault(widths, widths) if len(_WIDTHS) < _WIDTHS_MAX else widths


_WIDTHS: dict[tuple[float, float, float], tuple[float, float, float]] = {}
_WIDTHS_MAX = 50_000


def nearest_letter(text: str, index: int, step: int) -> str:
    """Return the nearest non-space, non-punctuation character from ``index`` going ``step``."""
    i = index
    while 0 <= i < len(text):
        ch = text[i]
        if not ch.isspace() and not is_punct(ch):
            return ch
        i += step
    return ""


RULE_LINE_RE = re.compile(r"^\s*([=\-~_*^#])(?:\s*\1){2,}\s*$")
"""A line of one repeated mark (``=====``, ``-----``, a scene break ``*  *  *``): a rule, not text."""


def rule_line(text: str) -> bool:
    """True for a line that is a rule (see ``RULE_LINE_RE``)."""
    return RULE_LINE_RE.match(text) is not None
