"""Where paragraphs end in Chinese text, by the measure of its column and the document's conventions.

Chinese print has no spaces and no hyphens: a line break inside a paragraph leaves no mark, so a
paragraph's end is read from the line's length against the column's measure (a line that stops
short of the column, after a sentence end, ends its paragraph), from the first-line indent of two
ems (which OCR loses, leaving the first line two ems short), and from what starts the next line
(a list bullet, a heading number). Between the text blocks of OCR (blank lines), a paragraph goes
on across a column break when the block before ran on to the measure without a sentence end, when
a dictionary word runs across the break, or when the next block is full width.

Each decision names its evidence:
- one paragraph per line (clean text): every line starts a paragraph;
- a bullet, or a heading number after a sentence end or a short line, starts a block;
- a date alone on its line (under a title, under a signature) is a block of its own;
- a top-level heading (``一、``, ``第三章``) wrapped over lines ends at its short last line;
- a division's number alone on its line (``第一条``, pdftotext's column of article numbers) goes
  on with the line after it, its body or title;
- a line indented in the source (deeper than the body) starts a paragraph, within a block or
  after a blank line;
- a sentence end followed by a short line (the paragraph's last line) or by a line two ems short
  of the column (the next paragraph's indented first line) ends a paragraph.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from reader.pipeline.chars import BULLETS, ends_sentence
from reader.pipeline.conventions import Conventions
from reader.pipeline.numbering import CJK_SCHEMES, LONE_DIVISION_RE, looks_numbered, match_marker
from reader.sources.layout import Chunk, Layout, Segment

_BULLET_FIRST = frozenset(BULLETS[:10])
_SOFT_END_RE = re.compile(r"[、，,；;—–…]$")
_TOP_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十百]+、|第[一二三四五六七八九十百\d]+[章节部篇]|#+\s)")
# a date alone on its line: the date of a document under its signature (成文日期), a date line under
# a title (（2018年1月2日）, 二○一二年一月九日)
_DATE_LINE_RE = re.compile(
    r"^[(（〈]?[ \t]*(?:\d{4}|[〇○零一二三四五六七八九]{4})[ \t]*年[ \t]*[\d一二三四五六七八九十]{1,3}[ \t]*月"
    r"(?:[ \t]*[\d一二三四五六七八九十]{1,3}[ \t]*日)?[ \t]*[)）]?$"
)
# a second-level heading's mark (（二）): set in the body's type, a line that opens so and stops well
# short mid-sentence is a title (a first-level one, 一、, may be set larger: its lines are short anyway)
_HEADING_LINE_RE = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
# punctuation no line may start with (行首禁则): a line that starts so is the rest of a printed line
# an extractor broke (pdftotext before ``”，``)
_CLOSERS = frozenset("，。、；：！？）」』》〉】〕〗〙〛”’,;:)")
_UNBREAKABLE_RE = re.compile(r"[A-Za-z0-9.%,]+")
# the punctuation of running prose: a line of a sentence carries it, a title (标题) seldom does and
# never at its end (GB/T 15834: no full stop after a heading)
_PROSE_PUNCT_RE = re.compile(r"[，。、；：！？,;:!?]")
# no page, column or editor wraps Chinese at more than this many ems (an A4 line holds about 40, a
# landscape page or a wide editor window about 80): a text whose full lines run longer is not
# wrapped at all — each of its lines is a paragraph, or a line of a form, as its writer broke it
UNWRAPPED_MEASURE = 100.0
WordCheck = Callable[[str, str], bool]


def unit_width(seg: Segment | None) -> float:
    """Width of the first unbreakable unit of ``seg`` (a number or Latin word, else one character)."""
    if seg is None:
        return 0.0
    head = _UNBREAKABLE_RE.match(seg.text)
    return 0.5 * len(head.group()) if head else 1.0


def indented(seg: Segment, col: float, following: Segment | None = None) -> bool:
    """Return True when ``seg`` is about two ems short of the column for no reason but an indent."""
    if not col - 3.25 <= seg.width <= col - 1.75:
        return False
    return following is None or seg.width + unit_width(following) <= col - 0.25


# a form's date left blank to be filled in by hand (``   年  月  日``, ``____年__月__日``)
_BLANK_DATE_RE = re.compile(r"^[ \t\u3000_＿]*年[ \t\u3000_＿]*月[ \t\u3000_＿]*日[ \t\u3000_＿]*$")


def date_line(text: str) -> bool:
    """True for a line that is only a date (``2022年6月27日``, ``二○一二年一月九日``), or a form's
    blank one (``年  月  日``)."""
    if "月" not in text:  # (both patterns need 年 and 月: most lines are ruled out without a regex)
        return False
    return _DATE_LINE_RE.match(text) is not None or _BLANK_DATE_RE.match(text) is not None


def follows_in_sequence(unit: list[Segment], seg: Segment) -> bool:
    """True when ``seg`` carries the number after the one its paragraph opened with (``第六节`` in
    a block that began ``第五节``): the next entry or section, whatever the line before looked like
    (a table of contents' entries end in page numbers and leader junk, not in a sentence's end)."""
    if not unit:
        return False
    first, here = match_marker(unit[0].text), match_marker(seg.text)
    return (
        first is not None
        and here is not None
        and first.scheme == here.scheme
        and first.ordinal is not None
        and here.ordinal == first.ordinal + 1
    )


def numbered_title(seg: Segment) -> bool:
    """True when ``seg`` is a number and a title with no punctuation of prose after the number
    (``1. 第1节标题``, ``第三章 附则``): a heading's line, not the first line of a numbered sentence."""
    marker = match_marker(seg.text)
    return marker is not None and not _PROSE_PUNCT_RE.search(seg.text[marker.end :])


def item_start(seg: Segment) -> bool:
    """Return True when ``seg`` opens a list item (a bullet)."""
    return seg.text[:1] in _BULLET_FIRST  # (a set, not _BULLET_RE: asked of every line)


def opens_with_closer(seg: Segment) -> bool:
    """True when ``seg`` starts with punctuation no printed line starts with (see ``_CLOSERS``)."""
    return seg.text[:1] in _CLOSERS


def mend_split_lines(layout: Layout) -> None:
    """Where an extractor broke one printed line in two before its closing punctuation
    (``…这个“牛鼻子”`` / ``，推进现代化…``), give the second part the whole line's width: the
    measure then reads the line as printed."""
    for chunk in layout.chunks:
        body = [s for s in chunk.segments if s.role is None]
        for before, seg in itertools.pairwise(body):
            if seg.line_start and opens_with_closer(seg):
                seg.width += before.width


class CjkBreaks:
    """Paragraph-end decisions for Chinese text: the measure-based rules of the newspaper column,
    under a document's conventions (see the module's docstring)."""

    def __init__(self, layout: Layout, conventions: Conventions, words: WordCheck | None) -> None:
        self.layout = layout
        self.conv = conventions
        self.words = words
        if layout.cjk:
            mend_split_lines(layout)
        # one paragraph per line, as the conventions found it or as the measure shows it
        self.lines_are_paragraphs = conventions.lines_are_paragraphs or layout.column > UNWRAPPED_MEASURE

    def column_of(self, chunk: Chunk) -> float:
        """Return the column width for ``chunk``: its own when it has enough full lines."""
        body = [s.width for s in chunk.segments if s.role is None][:-1]
        if len(body) >= 4:
            local = sorted(body)[len(body) * 3 // 4]
            if local < self.layout.column * 0.8:
                return local
        return self.layout.column

    def starts_new(self, seg: Segment) -> bool:
        """Return True when ``seg`` opens a heading or an item whatever came before."""
        return item_start(seg) or looks_numbered(seg.text, CJK_SCHEMES)

    def within(
        self, unit: list[Segment], unit_kind: str, prev: Segment, seg: Segment, col: float, following: Segment | None
    ) -> bool:
        """Decide whether a paragraph ends between two lines of one text block."""
        if opens_with_closer(seg) or self.numbers_next(unit, prev, seg):
            return False
        if prev.latin != seg.latin and seg.line_start and (ends_sentence(prev.text) or self.short(unit, prev, seg, col)):
            return True  # a change of script after a sentence's end or a short line
        if self.lines_are_paragraphs and seg.line_start:
            return True
        if item_start(seg):
            return True
        if date_line(prev.text) or date_line(seg.text):
            return True
        if self.starts_new(seg) and (ends_sentence(prev.text) or prev.width <= col - 1.5 or follows_in_sequence(unit, seg)):
            return True
        if unit_kind == "item":
            return False
        if self.heading_line_ended(unit, prev, col):
            return True
        if unit and _TOP_HEADING_RE.match(unit[0].text):
            # the title's last line is short; the body after it runs on to the measure (its first
            # line's indent may be lost) — unlike a title's next line, which is no longer than its first
            full = seg.width >= col - 2.5 or (seg.width >= 0.85 * col and seg.width >= prev.width + 4)
            return prev.width <= col - 1.5 and full
        if seg.indent and seg.line_start:
            return True
        if not ends_sentence(prev.text):
            return False
        if self.short(unit, prev, seg, col):
            return True
        return indented(seg, col, following) and (following is not None or not ends_sentence(seg.text))

    def across(
        self,
        unit: list[Segment],
        unit_kind: str,
        prev: Segment,
        seg: Segment,
        col_prev: float,
        col: float,
        following: Segment | None,
        crossed: bool,
    ) -> bool:
        """Decide whether a paragraph ends at a blank line between two text blocks (``crossed``:
        furniture or a page break stands between them)."""
        if opens_with_closer(seg) or self.numbers_next(unit, prev, seg):
            return False
        if self.heading_line_ended(unit, prev, col_prev):
            return True
        if self.starts_new(seg) or (unit and _TOP_HEADING_RE.match(unit[0].text)):
            return True
        if date_line(prev.text) or date_line(seg.text):
            return True
        if self.set_in(seg) or (len(unit) == 1 and self.set_in(prev) and not ends_sentence(prev.text) and not crossed):
            return True  # an indented first line; or after a line set apart on its own (a centred title)
        if unit_kind == "item":
            return False
        if self.lines_are_paragraphs:
            return ends_sentence(prev.text) or not crossed
        only = following is None
        prev_full = not self.short(unit, prev, seg, col_prev)
        seg_full = seg.width >= col - 1.0
        if ends_sentence(prev.text):
            return not (prev_full and seg_full and not only)
        if _SOFT_END_RE.search(prev.text):
            return False
        if self.words is not None and self.words(prev.text, seg.text):
            return False
        if prev.width <= 0.75 * col_prev - 2 and not crossed:
            return True  # a block that stopped well short mid-sentence: a title, a heading, a lost line
        if unit == [prev] and numbered_title(prev):
            return True  # a numbered title alone in its block: the measure may be its own (short prose)
        if seg_full and (not only or prev_full):
            return False  # a full line goes on from the full line before (pdfminer: a block per line)
        if indented(seg, col, following) and not only and not ends_sentence(seg.text):
            return True
        if ends_sentence(seg.text) and seg.width < col - 1.5:
            return False  # a paragraph's last line: the paragraph before goes on here
        if self.words is not None:
            return True
        return not prev_full

    @staticmethod
    def numbers_next(unit: list[Segment], prev: Segment, seg: Segment) -> bool:
        """True when ``prev`` is a division's number alone (``第一条``, ``第一章``: see
        ``LONE_DIVISION_RE``) and ``seg`` its body or title, which carries no number of its own."""
        return unit == [prev] and LONE_DIVISION_RE.match(prev.text) is not None and match_marker(seg.text) is None

    def heading_line_ended(self, unit: list[Segment], prev: Segment, col: float) -> bool:
        """True when a second-level heading's one line stopped well short of the column without a
        sentence end (``（一）持续提升首都功能，推动…进展``): the title is done; a wrapped
        title's first line runs on to the measure."""
        return (
            len(unit) == 1
            and _HEADING_LINE_RE.match(unit[0].text) is not None
            and not ends_sentence(prev.text)
            and prev.width <= col - 6
        )

    def whole_line(self, seg: Segment) -> bool:
        """True when ``seg`` is a whole source line (not a piece of one that spaces cut)."""
        if not seg.line_start:
            return False
        segments = self.layout.chunks[seg.chunk].segments
        at = segments.index(seg)
        return at + 1 == len(segments) or segments[at + 1].line_start or segments[at + 1].role is not None

    def set_in(self, seg: Segment) -> bool:
        """True when the source line of ``seg`` is set deeper than the body: a first-line indent
        (``　　`` or spaces before a paragraph) or a centred line. OCR and PDF extraction lose
        such indents; where the text keeps them, they open a paragraph."""
        return seg.line_start and seg.indent and seg.columns > self.conv.body_indent

    def short(self, unit: list[Segment], prev: Segment, seg: Segment, col: float) -> bool:
        """Return True when ``prev`` stopped before the column end though ``seg``'s first unit would fit."""
        expected = col - 2.0 if len(unit) == 1 and unit[0] is prev else col
        return prev.width <= expected - 1.5 and prev.width + unit_width(seg) <= expected - 0.25
