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
from reader.pipeline.numbering import LONE_NUMBER_RE, bullet, match_marker
from reader.pipeline.parallels import Parallels
from reader.pipeline.preformatted import display_width
from reader.sources.layout import Segment

_SOFT_ENDS = (",", ";", "—", "–", "-")
_TERM_GAP_RE = re.compile(r"^\S{1,24}(?: \S{1,24})?\s{2,}(?=\S)")
# a mark that only follows a word (a full stop, a comma, a closing bracket) cannot open a block: the
# line goes on from the one before, broken where an inline element stood (a copied link's icon)
_CONTINUES_RE = re.compile(r"^[.,;:)\]](?:\s|$)")
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
    if len(text) > 0.6 * edge or text.endswith((*_SOFT_ENDS, ":")):
        return False
    if not ends_sentence(text):
        return True
    marker = match_marker(text)
    return marker is not None and len(text[marker.end :].split()) <= 8


def _bare_number(seg: Segment) -> bool:
    """A chapter or part number standing alone (``CHAPTER I.``, ``Letter 4``, ``II.``)."""
    marker = match_marker(seg.text)
    return marker is not None and marker.scheme in _BARE_NUMBER_SCHEMES and not seg.text[marker.end :].strip()


def _inline_enumeration(text: str) -> bool:
    """True when the line that opens with ``(1)``/``a)`` names the next number itself (``(2)``)."""
    marker = match_marker(text)
    if marker is None or marker.ordinal is None or marker.scheme not in ("paren", "alpha"):
        return False
    label = marker.label
    following = marker.ordinal + 1
    nxt = str(following) if marker.scheme == "paren" else chr(ord("a") + following - 1)
    pattern = label.replace(str(marker.ordinal) if marker.scheme == "paren" else label.strip("()")[:1], nxt, 1)
    return pattern in text[marker.end :]


def _enumeration_goes_on(before: str, text: str) -> bool:
    """True when ``text`` opens with ``(2)``/``b)`` and the line ``before`` holds ``(1)``/``a)``
    inside its sentence, which has not ended: one enumeration wrapped over the break."""
    marker = match_marker(text)
    if marker is None or marker.ordinal is None or marker.ordinal < 2 or marker.scheme not in ("paren", "alpha"):
        return False
    if ends_block(before):
        return False
    label = marker.label.strip()
    shown = str(marker.ordinal) if marker.scheme == "paren" else label.strip("().")[:1]
    wanted = str(marker.ordinal - 1) if marker.scheme == "paren" else chr(ord(shown) - 1)
    earlier = label.replace(shown, wanted, 1)
    at = before.find(earlier)
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
        if LONE_NUMBER_RE.match(seg.text) and "." in seg.text.rstrip(".") and ends_sentence(prev.text):
            return True  # pdftotext sets a heading's number (``1.3``: no sentence ends so) on a line of its own
        first = unit[0]
        runs_on = seg.columns == prev.columns and seg.text[:1].islower() and not ends_block(prev.text)
        if all(_title_line(s, conv.edge) for s in unit) and len(unit) <= 3 and not runs_on:
            # (a line that goes on in lower case at the same indent is a narrow column's first line, not a title)
            if len(unit) == 1 and _bare_number(first) and _title_line(seg, conv.edge):
                return False  # ``CHAPTER I.`` / ``Down the Rabbit-Hole``: one heading
            if not _title_line(seg, conv.edge) or seg.columns != prev.columns:
                self.titled = id(first)
                return True  # a title line, then its body
        if seg.columns > prev.columns:
            hanging = item_marker_end(first) or _after_gap(first)
            if len(unit) == 1 and hanging is not None and abs(seg.columns - hanging) <= 1:
                return False  # an item's (or a term's) hanging indent
            if conv.paragraph_indent and ends_block(prev.text):
                return True
            if not line_fills(prev, conv.edge) or seg.columns >= prev.columns + 2:
                return True
        elif seg.columns < prev.columns:
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
        if prev.text.endswith("-") and seg.text[:1].islower():
            return False
        if ends_block(prev.text):
            return True
        if _left_open(prev.text) and _closes_first(seg.text):
            return False  # a quotation or parenthesis opened before the blank line closes after it
        if seg.text[:1].islower() and (
            crossed_page or line_fills(prev, self.conv.edge) or not self.conv.blank_separated
        ):
            return False
        return True
