"""The blocks reflow makes: a record per paragraph, item, heading, preformatted run or piece of
furniture, with its source offsets; and the two ways lines become a block's text."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.model.document import BlockKind
from reader.pipeline.joiner import Vocabulary, separator
from reader.sources.layout import Segment

_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


@dataclass(slots=True)
class RawBlock:
    """A block as reflow finds it: kind, joined text, source offsets, emphasis spans."""

    kind: BlockKind
    text: str
    start: int
    end: int
    role: str | None = None
    page: str | None = None
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    standalone: bool = False  # the block was a whole OCR text block on its own
    anchors: array[int] = field(default_factory=lambda: array("q"))  # see ``anchor_pairs``
    level: int = 0  # a heading's level, when the source knew it (Markdown, type size)
    sheet: int = 0  # the physical page where the block starts
    end_sheet: int = 0  # … and where it ends
    columns: int = 0  # the indent of its first line in a text source (columns)
    after_blank: bool = False  # (text) it opens a text block: a blank line (or the start) stands before it
    term: bool = False  # a tagged list's entry (``-a, --all`` and its description): an item without a marker




def anchors_of(pairs: list[tuple[int, int]]) -> array[int]:
    """Anchors (text offset, source offset) stored flat: a long document has one per printed line."""
    flat = array("q")
    for text_at, source_at in pairs:
        flat.append(text_at)
        flat.append(source_at)
    return flat


def anchor_pairs(anchors: array[int]) -> Iterator[tuple[int, int]]:
    """The (text offset, source offset) pairs of a block's flat anchors."""
    return zip(anchors[::2], anchors[1::2], strict=True)


def join_lines(
    segments: list[Segment], cjk: bool, word_list: bool, printed: Vocabulary | None = None
) -> tuple[str, array[int]]:
    """Join the lines of one paragraph (no space at a CJK break, English hyphenation repaired,
    ``printed``: the words the document prints whole, see ``separator``); return the text and its
    anchors (text offset, source offset) at each line's start."""
    parts: list[str] = []
    anchors = array("q")
    length = 0
    for seg in segments:
        text = seg.text
        if parts:
            sep, drop_hyphen = separator(parts[-1], text, cjk, word_list, printed)
            if drop_hyphen:
                parts[-1] = parts[-1][:-1]
                length -= 1
            parts.append(sep)
            length += len(sep)
        anchors.append(length)
        anchors.append(seg.start)
        parts.append(text)
        length += len(text)
    return ("".join(parts) if len(parts) > 1 else segments[0].text), anchors


def preformatted_block(segments: list[Segment]) -> RawBlock:
    """One block of preformatted lines, each kept as a line with its indentation (less the
    block's common indent)."""
    lines = [" " * seg.columns + seg.text for seg in segments]
    common = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    anchors = array("q")
    parts: list[str] = []
    length = 0
    for seg, line in zip(segments, lines, strict=True):
        kept = line[common:].rstrip()
        if parts:
            parts.append("\n")
            length += 1
        anchors.append(length + len(kept) - len(kept.lstrip(" ")))
        anchors.append(seg.start)
        parts.append(kept)
        length += len(kept)
    return RawBlock(
        "preformatted",
        "".join(parts),
        segments[0].start,
        segments[-1].end,
        anchors=anchors,
        sheet=segments[0].sheet,
        end_sheet=segments[-1].sheet,
    )


def take_emphasis(text: str) -> tuple[str, list[tuple[int, int]], list[int]]:
    """Remove paired ``**bold**`` marks: return the text, the emphasised spans, where marks stood."""
    if "**" not in text:
        return text, [], []
    marks: list[int] = []
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    pos = 0
    length = 0
    for m in _BOLD_RE.finditer(text):
        out.append(text[pos : m.start()])
        marks.extend((m.start(), m.end() - 2))
        length += m.start() - pos
        inner = m.group(1)
        spans.append((length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans, marks


