"""The numbering grammar: the markers documents print before headings, list items and captions.

One place for it (reflow, structure and the go-to prompt all read numbers). A marker is what a
line starts with — ``二、``, ``(三)``, ``第三章``, ``3.1``, ``CHAPTER I.``, ``Letter 4``, ``IV.``,
``a)``, ``(2)``, ``•`` — with the scheme it belongs to, its ordinal, and its rank: a smaller rank
holds a larger one (a chapter holds its sections). Whether a numbered line *is* a heading is the
structure step's decision (does it continue its scheme's sequence, does it read as a title, is
content under it); this module only reads the marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.pipeline.numerals import roman_to_int, to_int

CN_DIGITS = "一二三四五六七八九十百零〇两"
_SP = r"[ \t\u3000]*"
_WORDS = r"(?:CHAPTER|Chapter|PART|Part|BOOK|Book|SECTION|Section|LETTER|Letter|ARTICLE|Article|APPENDIX|Appendix|Lecture|LECTURE|Canto|CANTO|Act|ACT|Scene|SCENE)"
_UNITS = "%％‰亿万千百十元角斤吨克米里亩顷个家所项人次户辆台套件条座年月日号倍度秒分时天周岁"  # a quantity, not a number
_PARENTHESISED = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"  # (一)…(十) as one character (U+3220…), as some databases print them
_ROMAN = r"(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"


@dataclass(frozen=True, slots=True)
class Marker:
    """A number printed at the start of a line.

    ``scheme`` names the numbering (``cn``: 一、, ``cn-paren``: (一), ``chapter``: 第…章 or
    CHAPTER I., ``part``, ``section-cn``: 第…节, ``article``: 第…条, ``decimal``: 1. or 2.1,
    ``paren``: (1), ``roman``: IV., ``alpha``: A. / a) / (a), ``md``: Markdown #s, ``bullet``);
    ``literal`` is a dotted number as printed (``2.1``); ``label`` the marker as printed;
    ``end`` where the text after it starts.
    """

    scheme: str
    rank: float
    ordinal: int | None
    literal: str | None
    label: str
    end: int

    @property
    def depth(self) -> int:
        """How many levels a dotted number spells (``2.1.3``: 3)."""
        return self.literal.count(".") + 1 if self.literal else 1


_GRAMMAR: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("md", 1, re.compile(r"^(#{1,6})[ \t]+")),
    ("part", 9, re.compile(rf"^第([{CN_DIGITS}\d]+)[部篇编][分]?{_SP}")),
    ("chapter", 10, re.compile(rf"^第([{CN_DIGITS}\d]+)[章回卷]{_SP}")),
    ("chapter", 10, re.compile(rf"^{_WORDS}[ \t]+({_ROMAN}|\d{{1,3}}|[A-Z])\b[.:]?[ \t]*")),
    ("section-cn", 11, re.compile(rf"^第([{CN_DIGITS}\d]+)节{_SP}")),
    ("article", 19, re.compile(rf"^第[ \t]*(\d{{1,3}}(?:[.．]\d{{1,3}})+|[{CN_DIGITS}\d]+)[ \t]*条{_SP}")),  # 第7.9条: a standard's clause
    ("cn", 20, re.compile(rf"^([{CN_DIGITS}]+)(?:[、]|[.．](?!\d)){_SP}")),
    ("cn-paren", 21, re.compile(rf"^[(（]([{CN_DIGITS}]+)[)）]{_SP}")),
    ("cn-paren", 21, re.compile(rf"^([{_PARENTHESISED}]){_SP}")),
    ("decimal", 22, re.compile(rf"^(\d{{1,3}}(?:[.．]\d{{1,3}})+)(?:[.．、][ \t\u3000]*|[ \t\u3000]+|$|(?=[^\d\s{_UNITS}]))")),
    ("decimal", 22, re.compile(r"^(\d{1,4})(?:[、]|[.．](?![\d%]))[ \t\u3000]*")),
    ("roman", 12, re.compile(rf"^({_ROMAN})\.(?:[ \t]+|$)")),
    ("decimal-bare", 22, re.compile(r"^(\d{1,2})[ \t]+(?=[A-Z][A-Za-z]*(?:[ \t]|$))")),  # ``1 PURPOSE``, ``2 Related Work``
    ("alpha-upper", 13, re.compile(r"^([A-Z])\.[ \t]+(?=[A-Z])")),
    ("paren", 23, re.compile(r"^[(（](\d{1,3})[)）][ \t\u3000]*")),
    ("paren", 23, re.compile(r"^(\d{1,3})[)）][ \t\u3000]*")),
    ("circled", 23, re.compile(r"^([①-⑳])[ \t\u3000]*")),
    ("alpha", 24, re.compile(r"^[(（]?([a-z])[.)）][ \t]+")),
    ("alpha-paren", 25, re.compile(r"^\(([ivx]{1,5})\)[ \t]+")),
)
LONE_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
"""A section number alone on its line (``1.``, ``1.3``, ``2.1.4.``), as extractors set it apart
from its title."""
LONE_DIVISION_RE = re.compile(rf"^第[{CN_DIGITS}\d]+[编章节条](?:之[{CN_DIGITS}]+)?$")
"""A Chinese division's number alone on its line (``第一条``, ``第二章``, ``第十七条之一``): pdftotext
sets a law's article and chapter numbers in a column of their own, so the number comes out on a
line of its own and its body or title on the next (after a blank line)."""
BULLET_RE = re.compile(r"^(?:[·・•●▪■◆◇○◦‧∙]|[-*+–—](?=[ \t])|o(?=[ \t]{2,}|[ \t]+[A-Z]))[ \t]*")
CAPTION_RE = re.compile(
    r"^(?:(?:Fig\.|Figure|FIGURE|Table|TABLE|Tab\.|Exhibit|Listing|Plate)[ \t]*[A-Z]?\d+(?:[.\-–]\d+)*[.:]?"
    r"|[图表][ \t]*\d+(?:[.\-–]\d+)*)(?:[ \t\u3000]|$)"
)


def _ordinal(scheme: str, text: str) -> int | None:
    """The ordinal a marker's digits, numeral or letter spell."""
    if scheme in ("alpha", "alpha-upper"):
        return ord(text.lower()) - ord("a") + 1
    if text in _PARENTHESISED:
        return _PARENTHESISED.index(text) + 1
    if scheme == "circled":
        return ord(text) - ord("①") + 1
    if scheme == "alpha-paren":
        return roman_to_int(text)
    if scheme == "roman":
        return roman_to_int(text)
    if scheme == "chapter" and len(text) == 1 and text.isalpha() and text.isupper() and text not in "IVXLCDM":
        return ord(text) - ord("A") + 1  # Appendix A
    last = text.replace("．", ".").split(".")[-1]
    return to_int(last) if last else None


# What any marker can start with: a quick test that spares most lines the whole grammar.
_MAY_BE_MARKER_RE = re.compile(
    rf"^(?:[#第(（①-⑳0-9{CN_DIGITS}{_PARENTHESISED}]|[A-Za-z][.)]|[MDCLXVI]+\.|{_WORDS}[ \t])"
)


_STARTERS = frozenset("#第(（0123456789" + CN_DIGITS + _PARENTHESISED + "".join(chr(c) for c in range(0x2460, 0x2474)))


def match_marker(text: str) -> Marker | None:
    """The marker ``text`` starts with (a heading or list number), or None."""
    first = text[:1]
    if (first not in _STARTERS and not ("A" <= first <= "z")) or not _MAY_BE_MARKER_RE.match(text):
        return None
    for scheme, rank, pattern in _GRAMMAR:
        m = pattern.match(text)
        if not m:
            continue
        marker = m.group(1)
        if scheme == "md":
            return Marker("md", len(marker), None, None, "", m.end())
        literal = marker.replace("．", ".") if "." in marker.replace("．", ".") else None
        ordinal = _ordinal(scheme, marker)
        if ordinal is None:
            continue
        if literal:
            rank = rank + 0.1 * literal.count(".")
        return Marker(scheme, rank, ordinal, literal, text[: m.end()].rstrip(), m.end())
    return None


def bullet(text: str) -> bool:
    """True when ``text`` opens with a list bullet (``•``, ``-``, ``*``, ``·``, an RFC's ``o``)."""
    return BULLET_RE.match(text) is not None


def caption(text: str) -> bool:
    """True when ``text`` opens a caption (``Fig. 1.``, ``Table 2:``, ``图1``, ``表2``)."""
    return CAPTION_RE.match(text) is not None


CJK_SCHEMES = frozenset({"part", "chapter", "section-cn", "article", "cn", "cn-paren", "decimal", "paren"})


def looks_numbered(text: str, schemes: frozenset[str] | None = None) -> bool:
    """True when ``text`` opens with a heading-style number (of one of ``schemes``, or any)."""
    marker = match_marker(text.lstrip())
    return marker is not None and marker.scheme != "md" and (schemes is None or marker.scheme in schemes)
