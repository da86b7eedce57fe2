"""Step 2, layout analysis: page furniture, print widths, the column width."""

from __future__ import annotations

import re
from collections import Counter

from reader.pipeline.chars import cjk_ratio, print_widths
from reader.pipeline.numbering import CJK_SCHEMES, looks_numbered
from reader.sources.layout import Chunk, Layout, Segment

PAGE_NUMBER_RE = re.compile(r"^[-–—\s]*(?:page|p\.|第)?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?\s*(?:页)?[-–—\s]*$", re.I)
_DIGITS_RE = re.compile(r"\d+")
_LATIN_RE = re.compile(r"[A-Za-z]{2}")
_PUNCT_ANY_RE = re.compile(r"[\W_]", re.UNICODE)


_LENGTHS = [float(n) for n in range(512)]  # (shared floats: a line per object otherwise)


def _choose_measure(chunks: list[Chunk]) -> tuple[int, float]:
    """Pick the width measure whose full lines cluster tightest; return it and the column."""
    samples: list[tuple[float, float, float]] = []
    for chunk in chunks:
        body = [s for s in chunk.segments if s.role is None and not s.latin]
        # a block's last line ends its paragraph short; a block of one line (pdfminer writes one
        # per line) is measured too
        samples.extend(s.widths for s in (body[:-1] if len(body) > 1 else body))
    if not samples:
        return 0, 0.0
    # the measure is the prose's: table cells, labels and numbers one per line (extracted tables)
    # are far shorter than the lines of the column
    top = sorted(w[0] for w in samples)[int(len(samples) * 0.95)]
    samples = [w for w in samples if w[0] >= 0.6 * top]
    best = (0, 0.0, -1.0)
    for k in range(3):
        values = sorted([round(w[k] * 2) / 2 for w in samples])
        counts = Counter(values)
        high = values[int(len(values) * 0.9)]
        # the column is the commonest width near the top (full lines), not the rare overflow
        column = max((c, v) for v, c in counts.items() if high - 1.0 <= v <= high)[1]
        near = sum(c for v, c in counts.items() if abs(v - column) <= 1.0)
        over = sum(c for v, c in counts.items() if v > column + 0.75)
        score = (near - 2 * over) / len(samples)
        if score > best[2] + 0.02:
            best = (k, column, score)
    return best[0], best[1]


def _mark_running_heads(chunks: list[Chunk], cjk_doc: bool) -> None:
    """Mark standalone short lines that repeat, or sit inside a continued article, as running heads."""
    candidates: list[Segment] = []
    folios: list[Segment] = []
    counts: Counter[str] = Counter()
    for chunk in chunks:
        body = [s for s in chunk.segments if s.role is None]
        if len(body) == 1 and len(chunk.segments) == 1:
            seg = body[0]
            limit = 16 if cjk_doc else 60
            if len(seg.text) <= limit and not _PUNCT_ANY_RE.search(seg.text.replace(" ", "")):
                candidates.append(seg)
                counts[_DIGITS_RE.sub("#", seg.text)] += 1
        for seg in chunk.segments:
            if seg.role is None and seg.line_start and PAGE_NUMBER_RE.match(seg.text) and len(body) == 1:
                folios.append(seg)
    if len(folios) >= 2 or (folios and len(chunks) >= 4):  # (a lone number after one paragraph may be its text)
        for seg in folios:
            seg.role = "page-number"
            seg.page = _DIGITS_RE.search(seg.text).group()  # type: ignore[union-attr]
    marks = [
        (seg.start, seg.role)
        for chunk in chunks
        for seg in chunk.segments
        if seg.role in ("continued-from", "continued-on")
    ]
    repeats = 2 if cjk_doc else 3
    for seg in candidates:
        if seg.role is not None or looks_numbered(seg.text, CJK_SCHEMES):
            continue
        if counts[_DIGITS_RE.sub("#", seg.text)] >= repeats:
            seg.role = "running-head"
            continue
        before = [r for p, r in marks if p < seg.start]
        after = [r for p, r in marks if p > seg.start]
        inside = bool(after) and after[0] == "continued-on" and (not before or before[-1] == "continued-from")
        if inside and cjk_doc:
            seg.role = "running-head"


def analyse(layout: Layout) -> Layout:
    """Measure a layout: page furniture, which lines are Latin, print widths, the column width
    (chunks whose kind the source knew are measured, not judged)."""
    chunks, cjk_doc = layout.chunks, layout.cjk
    _mark_running_heads([c for c in chunks if c.hint is None], cjk_doc)
    for chunk in chunks:
        for seg in chunk.segments:
            seg.latin = not cjk_doc or (_LATIN_RE.search(seg.text) is not None and cjk_ratio(seg.text) < 0.3)
            if cjk_doc:
                seg.widths = print_widths(seg.text)
    measure, column = _choose_measure(chunks)
    latin_column = _latin_column(chunks)
    if not cjk_doc:
        column = latin_column
    for chunk in chunks:
        for seg in chunk.segments:
            # in Chinese text every line is measured in ems, a Latin-heavy one too (a gene list
            # wrapped at the column: ``ORF7b-ORF8-N-ORF9a-…``)
            if cjk_doc:
                seg.width = seg.widths[measure]
            else:
                n = len(seg.text)
                seg.width = _LENGTHS[n] if n < len(_LENGTHS) else float(n)
    layout.column, layout.measure, layout.latin_column = column, measure, latin_column
    return layout


def _latin_column(chunks: list[Chunk]) -> float:
    """Estimate the wrap width of hard-wrapped Latin text (in characters)."""
    lengths = sorted(len(s.text) for c in chunks for s in c.segments if s.role is None and s.latin)
    if not lengths:
        return 0.0
    return float(lengths[int(len(lengths) * 0.9)])
