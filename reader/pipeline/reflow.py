"""Step 3, layout → blocks: recover paragraphs and join their lines."""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.pipeline.blocks import RawBlock, anchor_pairs, anchors_of, join_lines, preformatted_block, take_emphasis
from reader.pipeline.chars import BULLETS, ends_sentence
from reader.pipeline.conventions import infer
from reader.pipeline.latin import LatinBreaks, item_marker_end
from reader.pipeline.numbering import CJK_SCHEMES, looks_numbered
from reader.sources.layout import Chunk, Layout, Segment

_BULLET_RE = re.compile(f"^[{re.escape(BULLETS[:10])}]")
_LATIN_BULLET_RE = re.compile(r"^[-*•·]\s")
_SOFT_END_RE = re.compile(r"[、，,；;—–…]$")
_TOP_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十百]+、|第[一二三四五六七八九十百\d]+[章节部篇]|#+\s)")
_UNBREAKABLE_RE = re.compile(r"[A-Za-z0-9.%,]+")
WordCheck = Callable[[str, str], bool]


def _unit_width(seg: Segment | None) -> float:
    """Width of the first unbreakable unit of ``seg`` (a number or Latin word, else one character)."""
    if seg is None:
        return 0.0
    head = _UNBREAKABLE_RE.match(seg.text)
    return 0.5 * len(head.group()) if head else 1.0


def _indented(seg: Segment, col: float, following: Segment | None = None) -> bool:
    """Return True when ``seg`` is about two ems short of the column for no reason but an indent."""
    if not col - 3.25 <= seg.width <= col - 1.75:
        return False
    return following is None or seg.width + _unit_width(following) <= col - 0.25


def _is_item_start(seg: Segment, cjk_doc: bool) -> bool:
    """Return True when ``seg`` opens a list item (a bullet)."""
    if cjk_doc:
        return _BULLET_RE.match(seg.text) is not None
    return seg.line_start and _LATIN_BULLET_RE.match(seg.text) is not None


class _Reflower:
    """Walks the segments once, deciding at each break whether a paragraph ends."""

    def __init__(self, layout: Layout, words: WordCheck | None, word_list: bool = True) -> None:
        self.layout = layout
        self.conv = infer(layout)
        self.latin = LatinBreaks(self.conv)
        self.crossed = False  # furniture or a page break since the last line
        self.words = words
        self.word_list = word_list
        self.cjk = layout.cjk
        self.blocks: list[RawBlock] = []
        self.unit: list[Segment] = []
        self.unit_kind = "paragraph"
        self.unit_level = 0
        self.article_ended = False
        self.body_count = [sum(1 for s in c.segments if s.role is None) for c in layout.chunks]

    def column_of(self, chunk: Chunk) -> float:
        """Return the column width for ``chunk``: its own when it has enough full lines."""
        body = [s.width for s in chunk.segments if s.role is None][:-1]
        if self.cjk and len(body) >= 4:
            local = sorted(body)[len(body) * 3 // 4]
            if local < self.layout.column * 0.8:
                return local
        return self.layout.column

    # -- decisions -------------------------------------------------------
    def starts_new(self, seg: Segment) -> bool:
        """Return True when ``seg`` opens a heading or an item whatever came before."""
        return _is_item_start(seg, self.cjk) or (looks_numbered(seg.text, CJK_SCHEMES) and (seg.line_start or self.cjk))

    def break_within(self, prev: Segment, seg: Segment, col: float, following: Segment | None) -> bool:
        """Decide whether a paragraph ends between two lines of one text block."""
        if prev.latin != seg.latin and seg.line_start and self.cjk:
            return True
        cjk = self.cjk and not (prev.latin and seg.latin)
        if not cjk:
            return self.latin.within(self.unit, prev, seg)
        if self.conv.lines_are_paragraphs and seg.line_start:
            return True
        if cjk and _is_item_start(seg, True):
            return True
        if self.starts_new(seg) and (ends_sentence(prev.text) or prev.width <= col - 1.5 or not cjk):
            return True
        if self.unit_kind == "item":
            return False
        if self.unit and _TOP_HEADING_RE.match(self.unit[0].text):
            return prev.width <= col - 1.5 and seg.width >= col - 2.5
        if not cjk:
            if seg.indent and not prev.indent:
                return True
            if seg.text[:1].islower() and not ends_sentence(prev.text):
                return False
            first_word = len(seg.text.split(" ", 1)[0])
            return prev.width + 1 + first_word <= col and not _SOFT_END_RE.search(prev.text)
        if seg.indent and seg.line_start:
            return True
        if not ends_sentence(prev.text):
            return False
        if self.short(prev, seg, col):
            return True
        return _indented(seg, col, following) and (following is not None or not ends_sentence(seg.text))

    def break_across(self, prev: Segment, seg: Segment, col_prev: float, col: float, following: Segment | None) -> bool:
        """Decide whether a paragraph ends at a blank line between two text blocks."""
        if self.article_ended or prev.latin != seg.latin:
            return True
        if not self.cjk or (prev.latin and seg.latin):
            return self.latin.across(prev, seg, self.crossed or prev.sheet != seg.sheet)
        if self.starts_new(seg) or (self.unit and _TOP_HEADING_RE.match(self.unit[0].text)):
            return True
        if self.unit_kind == "item":
            return False
        if self.conv.lines_are_paragraphs:
            return ends_sentence(prev.text) or not (self.crossed or prev.sheet != seg.sheet)
        only = following is None
        prev_full = not self.short(prev, seg, col_prev)
        seg_full = seg.width >= col - 1.0
        if ends_sentence(prev.text):
            return not (prev_full and seg_full and not only)
        if _SOFT_END_RE.search(prev.text):
            return False
        if self.words is not None and self.words(prev.text, seg.text):
            return False
        if seg_full and not only:
            return False
        if _indented(seg, col, following) and not only and not ends_sentence(seg.text):
            return True
        if ends_sentence(seg.text) and seg.width < col - 1.5:
            return False  # a paragraph's last line: the paragraph before goes on here
        if self.words is not None:
            return True
        return not prev_full

    def short(self, prev: Segment, seg: Segment, col: float) -> bool:
        """Return True when ``prev`` stopped before the column end though ``seg``'s first unit would fit."""
        expected = col - 2.0 if len(self.unit) == 1 and self.unit[0] is prev else col
        return prev.width <= expected - 1.5 and prev.width + _unit_width(seg) <= expected - 0.25

    # -- output ----------------------------------------------------------
    def flush(self) -> None:
        """Emit the paragraph or item gathered so far."""
        if not self.unit:
            return
        joined, anchors = join_lines(self.unit, self.cjk, self.word_list)
        chunk = self.unit[0].chunk
        standalone = self.unit[-1].chunk == chunk and len(self.unit) == self.body_count[chunk]
        standalone = standalone or self.latin.ends_title(self.unit)
        joined, emphasis, marks = take_emphasis(joined)
        if marks:
            anchors = anchors_of([(t - 2 * sum(1 for m in marks if m < t), src) for t, src in anchor_pairs(anchors)])
        self.blocks.append(
            RawBlock(
                self.unit_kind,
                joined,
                self.unit[0].start,
                self.unit[-1].end,
                emphasis=emphasis,
                standalone=standalone,
                anchors=anchors,
                level=self.unit_level,
                sheet=self.unit[0].sheet,
                end_sheet=self.unit[-1].sheet,
                columns=self.unit[0].columns,
            )
        )
        self.unit = []
        self.unit_level = 0

    def start(self, seg: Segment) -> None:
        """Begin a new paragraph or item at ``seg``."""
        self.flush()
        self.unit = [seg]
        if seg.latin and not self.cjk:
            self.unit_kind = "item" if item_marker_end(seg) is not None else "paragraph"
        else:
            self.unit_kind = "item" if _is_item_start(seg, self.cjk) else "paragraph"

    def run(self, progress: Callable[[float], None] | None = None) -> list[RawBlock]:
        """Reflow every chunk and return the blocks in reading order (``progress`` hears the share
        of chunks done, every few hundred chunks)."""
        prev: Segment | None = None
        prev_col = self.layout.column
        total = len(self.layout.chunks)
        for done, chunk in enumerate(self.layout.chunks):
            if progress is not None and done % 512 == 0:
                progress(done / total)
            if chunk.hint is not None:
                self.hinted(chunk)
                prev = chunk.segments[-1] if chunk.hint not in ("furniture", "preformatted", "heading") else None
                continue
            col = self.column_of(chunk)
            body = [s for s in chunk.segments if s.role is None]
            first_body = True
            position = {id(s): i for i, s in enumerate(body)}
            for seg in chunk.segments:
                if seg.role is not None:
                    self.crossed = True
                    if seg.role == "continued-on":
                        self.article_ended = True
                    self.blocks.append(RawBlock("furniture", seg.text, seg.start, seg.end, seg.role, seg.page, sheet=seg.sheet, end_sheet=seg.sheet))
                    continue
                at = position[id(seg)]
                following = body[at + 1] if at + 1 < len(body) else None
                if prev is None:
                    self.start(seg)
                elif first_body:
                    if self.break_across(prev, seg, prev_col, col, following):
                        self.start(seg)
                    else:
                        self.unit.append(seg)
                elif self.article_ended or self.break_within(prev, seg, col, following):
                    self.start(seg)
                else:
                    self.unit.append(seg)
                prev = seg
                first_body = False
                self.article_ended = False
                self.crossed = False
            prev_col = col
        self.flush()
        return self._place_furniture()

    def hinted(self, chunk: Chunk) -> None:
        """A chunk whose kind its source knows: furniture, preformatted lines, a heading, or a
        block of prose (which may go on from the chunk before, across a column or page)."""
        hint = chunk.hint
        segments = chunk.segments
        if hint == "furniture":
            self.flush()
            for seg in segments:
                self.blocks.append(RawBlock("furniture", seg.text, seg.start, seg.end, seg.role, seg.page, sheet=seg.sheet, end_sheet=seg.sheet))
            return
        if hint == "preformatted":
            self.flush()
            self.blocks.append(preformatted_block(segments))
            return
        if chunk.continues and self.unit and self.unit_kind == hint:
            self.unit.extend(segments)
            return
        self.flush()
        self.unit = list(segments)
        self.unit_kind = hint or "paragraph"
        self.unit_level = chunk.level
        if hint == "heading":
            self.flush()

    def _place_furniture(self) -> list[RawBlock]:
        """Order blocks by source position (furniture found inside a paragraph goes after it)."""
        out: list[RawBlock] = []
        pending: list[RawBlock] = []
        for block in self.blocks:
            if block.kind == "furniture":
                pending.append(block)
            else:
                if pending and block.start > pending[0].start:
                    out.extend(pending)
                    pending = []
                out.append(block)
        out.extend(pending)
        out.sort(key=lambda b: b.start)
        return out


def reflow(
    layout: Layout,
    words: WordCheck | None = None,
    word_list: bool = True,
    progress: Callable[[float], None] | None = None,
) -> list[RawBlock]:
    """Turn a layout into blocks (paragraphs, items, furniture) in reading order.

    ``words`` checks CJK words across breaks; ``word_list`` lets English joins consult word
    frequencies; ``progress`` hears the share done now and then.
    """
    return _Reflower(layout, words, word_list).run(progress)
