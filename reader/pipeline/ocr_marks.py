"""OCR's marks on the blocks: the repairs a source made (kept as each block's ``edits``, so the text
as recognised can be shown) and the characters it doubted, carried from decoded-text offsets into
each block's text by the block's line anchors (before structure lets the anchors go)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from reader.model.document import Document
from reader.pipeline.blocks import RawBlock, anchor_pairs
from reader.pipeline.punctuation import shift_offset
from reader.sources.layout import LayoutPart

Marks = dict[int, tuple[tuple[tuple[int, int, str], ...], tuple[tuple[int, int], ...]]]


@dataclass
class OcrNotes:
    """The repairs and doubtful spans of every part read (decoded-text offsets of the whole)."""

    repairs: list[tuple[int, int, str]] = field(default_factory=list)
    doubtful: list[tuple[int, int]] = field(default_factory=list)

    def noting(self, parts: Iterator[LayoutPart]) -> Iterator[LayoutPart]:
        """Pass the parts on, noting each one's repairs and doubtful spans."""
        for part in parts:
            shift = part.start
            self.repairs.extend((a + shift, b + shift, p) for a, b, p in part.layout.repairs)
            self.doubtful.extend((a + shift, b + shift) for a, b in part.layout.doubtful)
            yield part

    def marks(self, raws: list[RawBlock], text: str) -> Marks:
        """Each block's repairs (as edits of its text) and doubtful spans, by block index (a
        character that does not land on itself in the block is left out)."""
        if not self.repairs and not self.doubtful:
            return {}
        fixes = sorted(self.repairs)
        doubts = sorted(self.doubtful)
        printed = {(a, b): p for a, b, p in fixes}
        out: Marks = {}
        for i, raw in enumerate(raws):
            if not raw.anchors:
                continue
            edits = _spans_in(raw, text, [(a, b) for a, b, _p in fixes], bisect.bisect_left(fixes, (raw.start, -1, "")))
            doubt = _spans_in(raw, text, doubts, bisect.bisect_left(doubts, (raw.start, -1)))
            if not edits and not doubt:
                continue
            merged: list[tuple[int, int]] = []
            for (s, e), _src in doubt:
                if merged and merged[-1][1] == s:
                    merged[-1] = (merged[-1][0], e)
                else:
                    merged.append((s, e))
            out[i] = (tuple((s, e, printed[src]) for (s, e), src in edits), tuple(merged))
        return out


def with_ocr_marks(doc: Document, marks: Marks) -> Document:
    """The model with the marks on its blocks (block indices as the structure's), beside the
    pipeline's own repairs."""
    if not marks:
        return doc
    blocks = list(doc.blocks)
    for i, (edits, doubtful) in marks.items():
        if i >= len(blocks):
            continue
        block = blocks[i]
        if block.edits:  # the pipeline's own repairs (punctuation): OCR's offsets move into its text
            taken = block.edits

            def moved(k: int, taken: tuple[tuple[int, int, str], ...] = taken) -> int:
                """An offset into the block's text as OCR gave it, in the repaired text."""
                return shift_offset(taken, k)

            def free(s: int, e: int, taken: tuple[tuple[int, int, str], ...] = taken) -> bool:
                """No pipeline repair overlaps the span."""
                return all(e <= a or s >= b for a, b, _p in taken)

            edits = tuple((moved(s), moved(s) + e - s, p) for s, e, p in edits if free(moved(s), moved(s) + e - s))
            doubtful = tuple((moved(s), moved(e)) for s, e in doubtful if moved(e) > moved(s))
        blocks[i] = replace(block, edits=tuple(sorted(block.edits + edits)), doubtful=doubtful)
    return Document(doc.metadata, tuple(blocks), doc.sections, doc.figures)


def _spans_in(
    raw: RawBlock, text: str, spans: list[tuple[int, int]], start: int
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans (decoded-text offsets, sorted; from index ``start``) inside ``raw``, as offsets
    into its text, each with the span it came from."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    pairs = list(anchor_pairs(raw.anchors))
    sources = [src for _t, src in pairs]
    for a, b in spans[start:]:
        if a >= raw.end:
            break
        k = bisect.bisect_right(sources, a) - 1
        if k < 0:
            continue
        t, src = pairs[k]
        at = t + (a - src)
        limit = pairs[k + 1][0] if k + 1 < len(pairs) else len(raw.text)
        if at + (b - a) <= limit and raw.text[at : at + (b - a)] == text[a:b]:
            out.append(((at, at + (b - a)), (a, b)))
    return out


__all__ = ["Marks", "OcrNotes", "with_ocr_marks"]
