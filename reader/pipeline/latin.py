"""Where paragraphs end in Latin-script plain text, by the document's own conventions.

Each decision names its evidence:
- a list item starts a block (``- ``, ``o  ``, ``1.``, ``a)``, ``(ii)``), unless the line before
  ran on to the measure without punctuation — then the number is a wrapped word
  (``…under section`` / ``7.  This requirement…``) — or unless the line before holds the number
  before it inside a sentence (``…two steps: (1) copyright the software, and`` / ``(2) offer…``);
- where a document indents the first lines of its blank-separated paragraphs, a numbered first
  line at that indent over lines at the margin is a numbered paragraph, not an item whose hanging
  indent was left (``  0. This License applies…`` / ``a notice placed…``);
- a hanging indent continues an item; a first-line indent starts a paragraph (where the document
  indents its paragraphs); a line set deeper after a short one is a term's description (man
  pages) or a title's body; a return to a shallower indent ends an indented block;
- a title is a short line at a block's start: the text after it starts anew, except the title
  line that follows a bare chapter number (``CHAPTER I.`` / ``Down the Rabbit-Hole``);
- where blank lines separate paragraphs, nothing else ends one inside a block (a short line is
  uneven wrapping); where they do not, a short line after a sentence end does;
- where each line is a paragraph, a line that opens with a mark only a word can stand before
  (``. 24 August 2021.``, ``), …``) goes on from the line before;
- across a blank line, a paragraph goes on only when it stopped mid-sentence and the next block
  starts in lower case, at a page break, after a full line, or where blocks are not paragraphs;
- inside a block, a line that ends as other paragraphs end, before
  one that opens as others open, ends a paragraph whose blank line OCR lost (``parallels.py``).
"""

from __future__ import annotations

import re

from reader.pipeline.chars import ends_sentence
from reader.pipeline.conventions import Conventions, line_fills
from reader.pipeline.numbering import LONE_NUMBER_RE, Marker, bullet, match_marker
from reader.pipeline.parallels import Parallels
from reader.pipeline.preformatted import display_width
from reader.sources.layout import Segment

_SOFT_ENDS = (",", ";", "—", "–", "-")
_TERM_GAP_RE = re.compile(r"^\S{1,24}(?: \S{1,24})?\s{2,}(?=\S)")
# a mark that only follows a word (a full stop, a comma, a closing bracket) cannot open a block: the
# line goes on from the one before, broken where an inline element stood (a copied link's icon)
_CONTINUES_RE = re.compile(r"^[.,;:)\]](?:\s|$)")
_UNDERLINE_RE = re.compile(r"^([=\-~^])\1{2,}\s*$")
_BROKEN_WORD_RE = re.compile(r"[^\W\d_]{2}-$")  # a word broken (or a compound parted) at the line's end
_NOTE_MARK_RE = re.compile(r"(?<=[.!?])\s?\d{1,2}$")  # a footnote's mark after a sentence (``devices. 2``)
_OPEN_WORDS = frozenset("a an the and or nor but of in on for to with by from at into onto via than".split())
_BARE_NUMBER_SCHEMES = frozenset({"chapter", "roman", "part"})


def ends_block(text: str) -> bool:
    """True when a line may end a block: a sentence end, or a colon before what follows."""
    return ends_sentence(text) or text.rstrip().endswith((":", "："))


def item_marker_end(seg: Segment) -> int | None:
    """Where an item's text starts (in columns) when ``seg`` opens a list item, else None."""
    text = seg.text
    if bullet(text):
        return seg.columns + len(text) - len(text[1:].lstrip())
    marker = match_marker(text)
    if marker is None or marker.scheme in ("md", "chapter", "part", "decimal-bare") or marker.end >= len(text):
        return None
    return seg.columns + marker.end


def _title_line(seg: Segment, edge: int) -> bool:
    """A short line that reads as a title: well short of the measure, and not a sentence — or a
    number with a few words after it (``0. Definitions.``, ``CHAPTER I.``)."""
    text = seg.text
    if text.endswith((*_SOFT_ENDS, ":")):
        return False
    if len(text) > 0.6 * edge and not (len(text) <= edge and _capitalised(text)):
        return False  # (a title in capitals or title case may run nearly the column's width)
    if not ends_sentence(text):
        return True
    marker = match_marker(text)
    return marker is not None and len(text[marker.end :].split()) <= 8


_CLAUSE_BREAK_RE = re.compile(r"[.,:;]\s")
_TITLE_SMALL_WORDS = frozenset("a an the and or nor but of in on for to with by from at as into via".split())


def _capitalised(text: str) -> bool:
    """True for a line whose words are capitalised as a title's are (small words aside), three
    words or more, none of them a sentence's end."""
    words = [w.strip("\"'“”‘’()[]") for w in text.split()]
    words = [w for w in words if w]
    if len(words) < 3 or ends_sentence(text) or not words[0][:1].isupper() or text.upper() == text:
        return False  # (a line in capitals is as often a licence's shouted paragraph as a title)
    if _CLAUSE_BREAK_RE.search(text):
        return False  # ``…Foundation, Inc.  License GPLv3+: GNU``: sentences, not a title
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _wrapped_title(unit: list[Segment], seg: Segment) -> bool:
    """A title line as long as a line of text is a title only when the title wraps (two lines
    or more, capitalised) and a sentence starts under it (``Closer Connection to Foreign`` /
    ``Country`` / ``Even though…``); one long capitalised line is as often a sentence's start
    (``Except for Confidential Business`` / ``Information (CBI) as…``)."""
    return len(unit) >= 2 and seg.text[:1].isupper()


def _title_runs_on(prev: Segment, seg: Segment, edge: int) -> bool:
    """True when a long title line goes on in the next line, capitalised as it is (``…Federal
    Information and Information`` / ``Systems.``): one title over two lines, not a title and its body."""
    if len(prev.text) <= 0.6 * edge or not _capitalised(prev.text):
        return False
    words = [w for w in seg.text.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _sentence_case_words(text: str) -> bool:
    """True for words of running prose, not a title: several, most of them in lower case."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].islower() for w in words) >= 0.6 * len(words)


def _last_word(text: str) -> str:
    """The last word of a line, in lower case."""
    words = text.split()
    return words[-1].lower() if words else ""


def _next_note(first: Segment, seg: Segment) -> bool:
    """True when ``seg`` opens with the bare number after the one ``first`` opens with (``2  …``
    under ``1  …``): footnotes and endnotes set one after another, each its own paragraph."""
    a, b = match_marker(first.text), match_marker(seg.text)
    return (
        a is not None
        and b is not None
        and a.scheme == b.scheme == "decimal-bare"
        and a.ordinal is not None
        and b.ordinal == a.ordinal + 1
    )


def _bare_number(seg: Segment) -> bool:
    """A chapter or part number standing alone (``CHAPTER I.``, ``Letter 4``, ``II.``)."""
    marker = match_marker(seg.text)
    return marker is not None and marker.scheme in _BARE_NUMBER_SCHEMES and not seg.text[marker.end :].strip()


def _sibling_label(marker: Marker, label: str, step: int) -> str:
    """The label of the item ``step`` away from ``marker``'s in its enumeration (``(1)`` → ``(2)``,
    ``b)`` → ``a)``), written as ``label`` is."""
    assert marker.ordinal is not None
    shown = str(marker.ordinal) if marker.scheme == "paren" else label.strip("().")[:1]
    other = str(marker.ordinal + step) if marker.scheme == "paren" else chr(ord(shown) + step)
    return label.replace(shown, other, 1)


def _inline_enumeration(text: str) -> bool:
    """True when the line that opens with ``(1)``/``a)`` names the next number itself (``(2)``)."""
    marker = match_marker(text)
    if marker is None or marker.ordinal is None or marker.scheme not in ("paren", "alpha"):
        return False
    return _sibling_label(marker, marker.label, 1) in text[marker.end :]


def _enumeration_goes_on(before: str, text: str) -> bool:
    """True when ``text`` opens with ``(2)``/``b)`` and the line ``before`` holds ``(1)``/``a)``
    inside its sentence, which has not ended: one enumeration wrapped over the break."""
    marker = match_marker(text)
    if marker is None or marker.ordinal is None or marker.ordinal < 2 or marker.scheme not in ("paren", "alpha"):
        return False
    if ends_block(before):
        return False
    at = before.find(_sibling_label(marker, marker.label.strip(), -1))
    return at > 0 and not before[at - 1].isalnum()


def _after_gap(seg: Segment) -> int | None:
    """Where the text after a term's wide gap starts (``-c     with -lt: sort by…``), in columns."""
    m = _TERM_GAP_RE.match(seg.text)
    return seg.columns + m.end() if m else None


# a speck of dust OCR read as a mark alone at a line's start (``_ In this case, …``): no part of the
# line's measure
_SPECK_RE = re.compile(r"^[_|~^`]\s+(?=\w)")
_PAIRS = (("\u201c", "\u201d"), ("(", ")"))
_STRAIGHT_OPEN_RE = re.compile(r'(?:^|(?<=[\s(\[]))"(?=\w)')
_STRAIGHT_CLOSE_RE = re.compile(r'(?<=[\w.,!?])"')


def _left_open(text: str) -> bool:
    """True when a line leaves a quotation or a parenthesis open (``specified in "Telnet Protocol``)."""
    if any(text.rfind(o) > text.rfind(c) for o, c in _PAIRS):
        return True
    opens = [m.start() for m in _STRAIGHT_OPEN_RE.finditer(text)]
    closes = [m.start() for m in _STRAIGHT_CLOSE_RE.finditer(text)]
    return bool(opens) and (not closes or opens[-1] > closes[-1])


def _closes_first(text: str) -> bool:
    """True when a line closes a quotation or parenthesis before it opens one (``Specification" [3].)``)."""
    for o, c in _PAIRS:
        if c in text and (o not in text or text.index(c) < text.index(o)):
            return True
    close, open_ = _STRAIGHT_CLOSE_RE.search(text), _STRAIGHT_OPEN_RE.search(text)
    return close is not None and (open_ is None or close.start() < open_.start())


class LatinBreaks:
    """Paragraph-end decisions for Latin-script text under a document's conventions."""

    def __init__(self, conventions: Conventions, parallels: Parallels | None = None) -> None:
        self.conv = conventions
        self.parallels = parallels  # the document's parallel paragraphs (``parallels.py``)
        self.titled: int | None = None  # id of the first line of the last block ended as a title

    def ends_title(self, unit: list[Segment]) -> bool:
        """True when the block of ``unit`` was ended for being a title line (it stands alone)."""
        return bool(unit) and self.titled == id(unit[0])

    def item_start(self, prev: Segment | None, seg: Segment) -> bool:
        """True when ``seg`` opens a list item here (see the module's first rule); an enumeration
        inside a sentence (``(1) assert …, and (2) offer …`` on one line, or wrapped) opens none."""
        if item_marker_end(seg) is None or _inline_enumeration(seg.text):
            return False
        if prev is not None and _enumeration_goes_on(prev.text, seg.text):
            return False
        if prev is None or seg.columns < prev.columns:
            return True
        ran_on = line_fills(prev, self.conv.edge) and not prev.text.rstrip().endswith((".", ":", ";", "?", "!"))
        return not (ran_on and seg.columns == prev.columns)

    def within(self, unit: list[Segment], prev: Segment, seg: Segment) -> bool:
        """Does a paragraph end between two lines of one block?"""
        conv = self.conv
        if conv.lines_are_paragraphs:
            return not _CONTINUES_RE.match(seg.text)
        if self.item_start(prev, seg):
            return True
        if _UNDERLINE_RE.match(seg.text) or _UNDERLINE_RE.match(prev.text):
            return True  # a title's underline (``Title`` / ``-----``, the setext convention) stands apart
        if LONE_NUMBER_RE.match(seg.text) and "." in seg.text.rstrip(".") and ends_sentence(_NOTE_MARK_RE.sub("", prev.text)):
            return True  # pdftotext sets a heading's number (``1.3``: no sentence ends so) on a line of its own
        first = unit[0]
        if _next_note(first, seg) and ends_block(prev.text):
            return True  # notes numbered in sequence (``1  This publication…`` / ``2  Storage…``)
        runs_on = seg.columns == prev.columns and seg.text[:1].islower() and not ends_block(prev.text)
        if all(_title_line(s, conv.edge) for s in unit) and len(unit) <= 3 and not runs_on:
            # (a line that goes on in lower case at the same indent is a narrow column's first line, not a title)
            if len(unit) == 1 and _bare_number(first) and _title_line(seg, conv.edge):
                return False  # ``CHAPTER I.`` / ``Down the Rabbit-Hole``: one heading
            if (
                (not _title_line(seg, conv.edge) or seg.columns != prev.columns)
                and not _title_runs_on(prev, seg, conv.edge)
                and (all(len(s.text) <= 0.6 * conv.edge for s in unit) or _wrapped_title(unit, seg))
                and not (seg.text[:1].islower() and _sentence_case_words(prev.text))
            ):  # (``The data from the flight data`` / ``recorders, as…``: a sentence's short line, no title)
                self.titled = id(first)
                return True  # a title line, then its body
        if seg.columns > prev.columns:
            hanging = item_marker_end(first) or _after_gap(first)
            if len(unit) == 1 and hanging is not None and abs(seg.columns - hanging) <= 1:
                return False  # an item's (or a term's) hanging indent
            if len(unit) == 1 and seg.text[:1].islower() and line_fills(prev, conv.edge) and not ends_block(prev.text):
                return False  # a hanging indent (a defined term's paragraph): the sentence runs on
            if conv.paragraph_indent and ends_block(prev.text):
                return True
            if not line_fills(prev, conv.edge) or seg.columns >= prev.columns + 2:
                return True
        elif seg.columns < prev.columns:
            if len(unit) == 1 and conv.paragraph_indent and seg.columns == conv.body_indent and item_marker_end(first) is not None:
                return False  # an item set as an indented paragraph (``   a. You have no…`` / ``or business…``)
            if len(unit) == 1 and (item_marker_end(first) is None or seg.columns < first.columns):
                if conv.first_indent and seg.columns == conv.body_indent == first.columns - conv.first_indent:
                    return False  # a numbered paragraph's first line, indented as every paragraph's is
                return seg.columns < first.columns and item_marker_end(first) is not None
            if len(unit) >= 2 and seg.columns < min(s.columns for s in unit[1:]):
                return True
        elif conv.paragraph_indent and seg.columns > conv.body_indent and ends_block(prev.text):
            return False
        if self.parallels is not None and self.parallels.ends_between(prev, seg):
            return True  # the document's parallel paragraphs show an end OCR lost
        if conv.blank_separated:
            return False
        return self._ragged(prev, seg)

    def _ragged(self, prev: Segment, seg: Segment) -> bool:
        """Without blank lines between paragraphs: a short line after a sentence end ends one."""
        if seg.text[:1].islower() and not ends_sentence(prev.text):
            return False
        first_word = len(_SPECK_RE.sub("", seg.text).split(" ", 1)[0])
        short = prev.columns + display_width(_SPECK_RE.sub("", prev.text)) + 1 + first_word <= self.conv.edge
        return short and not prev.text.endswith(_SOFT_ENDS) and ends_block(prev.text)

    def across(self, prev: Segment, seg: Segment, crossed_page: bool) -> bool:
        """Does a paragraph end at a blank line (and perhaps a page break)?"""
        if item_marker_end(seg) is not None or bullet(seg.text):
            return True
        if _after_gap(seg) is not None:
            return True  # a term set apart by a wide gap (``exec   Show diagnostic…``) opens a list's entry
        if prev.text.endswith("-") and seg.text[:1].islower():
            return False
        if crossed_page and _BROKEN_WORD_RE.search(prev.text) and seg.text[:1].isalpha():
            return False  # a page does not end a paragraph inside a word (``Soekarno-`` / ``Hatta``)
        if ends_block(prev.text):
            return True
        if _left_open(prev.text) and _closes_first(seg.text):
            return False  # a quotation or parenthesis opened before the blank line closes after it
        if _last_word(prev.text) in _OPEN_WORDS and (seg.text[:1].islower() or (_capitalised(prev.text) and seg.text[:1].isupper())):
            return False  # ``…to participate in`` / ``this rulemaking…``, ``Resident Alien or`` / ``Nonresident Alien``
        if seg.text[:1].islower() and (prev.text.endswith(_SOFT_ENDS) or _sentence_case_words(prev.text)):
            return False  # a clause that runs on (no title)
        if seg.text[:1].islower() and (
            crossed_page or line_fills(prev, self.conv.edge) or not self.conv.blank_separated
        ):
            return False
        return True
