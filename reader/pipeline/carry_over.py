"""A paragraph that runs over a page past the page's footnotes, in extracted text.

Print sets a page's footnotes at its foot, under the body; a paragraph that does not end on the
page goes on at the top of the next. A text extractor writes the page in that order, so the
paragraph's two halves stand apart with the notes (``1 Typically this is…``, or the bare marks
``1`` / ``2`` set apart from their notes) and the page's furniture between them. The halves are one
paragraph when the first stops short of a sentence's end and the second cannot open one: it
starts in lower case, or goes on with a word broken at the line's end (``Soekarno-`` /
``Hatta``). The notes stay where they are, after the joined paragraph.
"""

from __future__ import annotations

import re
from array import array

from reader.pipeline.blocks import RawBlock, anchor_pairs, anchors_of
from reader.pipeline.chars import ends_sentence
from reader.pipeline.joiner import separator

MAX_BETWEEN = 12  # notes and furniture blocks a paragraph may be carried past
_NOTE_RE = re.compile(r"^(?:\d{1,3}|[*†‡§])(?:\s|$)")  # a footnote's mark opening its text, or alone
_BROKEN_WORD_RE = re.compile(r"[^\W\d_]{2}-$")
_OPEN_END_RE = re.compile(r"[\w,\-–—(]$")


def carry_over_notes(blocks: list[RawBlock], cjk: bool, word_list: bool) -> list[RawBlock]:
    """Join each paragraph cut by a page's footnotes and page break to its other half (see the
    module's docstring); the blocks between keep their order after it."""
    if cjk:
        return blocks
    out = list(blocks)
    i = 0
    while i < len(out):
        k = _continuation(out, i)
        if k is not None:
            out[i] = _joined(out[i], out[k], word_list)
            del out[k]
        else:
            i += 1
    return out


def _continuation(blocks: list[RawBlock], i: int) -> int | None:
    """The index of the block that carries on paragraph ``i`` past notes and a page break, or None."""
    first = blocks[i]
    text = first.text.rstrip()
    if first.kind not in ("paragraph", "item") or ends_sentence(text) or not _OPEN_END_RE.search(text):
        return None
    noted = False
    for k in range(i + 1, min(len(blocks), i + 2 + MAX_BETWEEN)):
        block = blocks[k]
        if block.kind == "furniture":
            continue
        if _NOTE_RE.match(block.text):
            noted = True  # the notes, at the page's foot (or, as some extractors put them, the next page's top)
            continue
        if block.sheet <= first.end_sheet:
            if noted:
                continue  # a note's text set apart from its mark
            return None  # body text after the paragraph on its page: the paragraph ended
        if block.kind != "paragraph":
            return None
        opening = block.text[:1]
        if opening.islower() or (_BROKEN_WORD_RE.search(text) and opening.isalpha()):
            return k
        return None
    return None


def _joined(first: RawBlock, second: RawBlock, word_list: bool) -> RawBlock:
    """``first`` with ``second``'s text joined on (a word broken at the page's end made whole)."""
    sep, drop_hyphen = separator(first.text, second.text, False, word_list)
    head = first.text[:-1] if drop_hyphen else first.text
    offset = len(head) + len(sep)
    pairs = list(anchor_pairs(first.anchors)) + [(t + offset, s) for t, s in anchor_pairs(second.anchors)]
    emphasis = list(first.emphasis) + [(a + offset, b + offset) for a, b in second.emphasis]
    return RawBlock(
        first.kind,
        head + sep + second.text,
        first.start,
        second.end,
        emphasis=emphasis,
        standalone=False,
        anchors=anchors_of(pairs) if pairs else array("q"),
        level=first.level,
        sheet=first.sheet,
        end_sheet=second.end_sheet,
        columns=first.columns,
    )
