"""Reflow part by part: each part of a document's layout (one part for most documents, several
for a long plain text) measured and turned into blocks, and let go before the next part is laid
out, so a long document's peak memory is one part's lines, not all of them."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reader.pipeline.blocks import RawBlock
from reader.pipeline.division_stack import unstack_divisions
from reader.pipeline.furniture import mark_furniture
from reader.pipeline.layout import analyse
from reader.pipeline.preformatted import mark_preformatted
from reader.pipeline.reflow import WordCheck, reflow
from reader.pipeline.taglist import mark_tagged_lists
from reader.pipeline.webcopy import mark_web_copy
from reader.sources.layout import LayoutPart


@dataclass(slots=True)
class Reflowed:
    """The blocks of all parts (offsets into the whole text), the script, the page labels, and
    whether the source marks its headings (Markdown)."""

    blocks: list[RawBlock]
    cjk: bool
    page_labels: list[str | None]
    markdown: bool = False


def reflow_parts(
    parts: Iterator[LayoutPart],
    words_for: Callable[[bool], WordCheck | None],
    word_list: bool,
    progress: Callable[[float], None],
) -> Reflowed:
    """Reflow every part in turn (``words_for``: the CJK word check for a document that is CJK or
    not; ``progress``: told the share done)."""
    out = Reflowed([], False, [])
    for index, part in enumerate(parts):
        blocks, cjk, labels = _reflow_part(part, words_for, word_list, progress, index)
        out.blocks.extend(blocks)
        out.cjk = out.cjk or cjk
        out.markdown = out.markdown or part.layout.kind == "markdown"
        out.page_labels[part.sheet :] = labels  # (a part cut mid-page shares that page with the next)
        del part, blocks  # (this part's lines go before the next part is laid out)
    return out


def _reflow_part(
    part: LayoutPart,
    words_for: Callable[[bool], WordCheck | None],
    word_list: bool,
    progress: Callable[[float], None],
    index: int,
) -> tuple[list[RawBlock], bool, list[str | None]]:
    """One part's blocks, shifted to the whole text's offsets and pages."""
    layout = part.layout
    if layout.kind == "text":
        mark_furniture(layout)
        mark_web_copy(layout)
        mark_tagged_lists(layout)
        if not layout.spaced_lines:
            mark_preformatted(layout)
    layout = analyse(layout)
    if layout.cjk:
        unstack_divisions(layout)  # a law's division numbers stacked apart from their titles (pdftotext)
    share = 1.0 / part.count
    progress(share * (index + 0.25))
    blocks = reflow(
        layout, words_for(layout.cjk), word_list, lambda done: progress(share * (index + 0.25 + 0.75 * done))
    )
    if part.start or part.sheet:
        for block in blocks:
            block.start += part.start
            block.end += part.start
            block.anchors[1::2] = array("q", [s + part.start for s in block.anchors[1::2]])
            block.sheet += part.sheet
            block.end_sheet += part.sheet
    return blocks, layout.cjk, layout.page_labels
