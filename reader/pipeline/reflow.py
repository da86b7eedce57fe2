"""Step 3, layout → blocks: recover paragraphs and join their lines."""

from __future__ import annotations

from collections.abc import Callable

from reader.pipeline.blocks import RawBlock, anchor_pairs, anchors_of, join_lines, preformatted_block, take_emphasis
from reader.pipeline.chars import rule_line
from reader.pipeline.cjk import CjkBreaks, item_start
from reader.pipeline.conventions import infer
from reader.pipeline.latin import LatinBreaks, item_marker_end
from reader.pipeline.parallels import Parallels
from reader.pipeline.webcopy import stands_over
from reader.sources.layout import Chunk, Layout, Segment

WordCheck = Callable[[str, str], bool]


class _Reflower:
    """Walks the segments once, deciding at each break whether a paragraph ends."""

    def __init__(self, layout: Layout, words: WordCheck | None, word_list: bool = True) -> None:
        self.layout = layout
        self.conv = infer(layout)
        self.latin = LatinBreaks(self.conv, Parallels(layout))
        self.cjk_breaks = CjkBreaks(layout, self.conv, words)
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
        """Return the column width for ``chunk`` (Chinese text measures each chunk's own)."""
        return self.cjk_breaks.column_of(chunk) if self.cjk else self.layout.column

    # -- decisions -------------------------------------------------------
    def break_within(self, prev: Segment, seg: Segment, col: float, following: Segment | None) -> bool:
        """Decide whether a paragraph ends between two lines of one text block."""
        if rule_line(prev.text) or rule_line(seg.text):
            return True  # a rule stands alone: it underlines a title (``Title`` / ``-----``) or parts sections
        if self.cjk and not (prev.latin and seg.latin):
            return self.cjk_breaks.within(self.unit, self.unit_kind, prev, seg, col, following)
        return self.latin.within(self.unit, prev, seg)

    def break_across(self, prev: Segment, seg: Segment, col_prev: float, col: float, following: Segment | None) -> bool:
        """Decide whether a paragraph ends at a blank line between two text blocks."""
        if self.article_ended or prev.latin != seg.latin or rule_line(prev.text) or rule_line(seg.text):
            return True
        crossed = self.crossed or prev.sheet != seg.sheet
        if not self.cjk or (prev.latin and seg.latin):
            return self.latin.across(prev, seg, crossed)
        return self.cjk_breaks.across(self.unit, self.unit_kind, prev, seg, col_prev, col, following, crossed)

    # -- output ----------------------------------------------------------
    def flush(self) -> None:
        """Emit the paragraph or item gathered so far."""
        if not self.unit:
            return
        joined, anchors = join_lines(self.unit, self.cjk, self.word_list)
        chunk = self.unit[0].chunk
        standalone = self.unit[-1].chunk == chunk and len(self.unit) == self.body_count[chunk]
        standalone = standalone or self.latin.ends_title(self.unit)
        if standalone and self.conv.unwrapped and not self.cjk:
            standalone = stands_over(self.layout, self.unit[-1])  # (a lone link line is no title)
        if self.cjk and len(self.unit) == 1 and self.cjk_breaks.whole_line(self.unit[0]):
            standalone = True  # a paragraph of one whole line stands on its own, as a title does
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
            self.unit_kind = "item" if item_start(seg) else "paragraph"

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
