"""Step 2, text → layout: chunks, visual lines (segments), column width, page furniture."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reader.pipeline.chars import cjk_ratio, is_cjk, nearest_letter, print_widths

_BLANK_RE = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)+")
_LINE_RE = re.compile(r"[^\n]+")
_SPACE_RE = re.compile(r"[ \t\u3000\u00a0]+")
PAGE_MARK_RE = re.compile(
    r"[▲▼▶◀►◄△▽]?[ \t]*[（(]?[ \t]*(上接|接上|下转|转下|紧接|转第|接第)[ \t]*第?[ \t]*([A-Z]?\d{1,3})[ \t]*版[ \t]*[)）]?"
)
PAGE_NUMBER_RE = re.compile(r"^[-–—\s]*(?:page|p\.|第)?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?\s*(?:页)?[-–—\s]*$", re.I)
_DIGITS_RE = re.compile(r"\d+")
_LATIN_RE = re.compile(r"[A-Za-z]{2}")
_PUNCT_ANY_RE = re.compile(r"[\W_]", re.UNICODE)


@dataclass(slots=True)
class Segment:
    """One visual line of the printed page: a span of the clean text."""

    start: int
    end: int
    text: str
    line_start: bool = False
    indent: bool = False
    role: str | None = None  # furniture role when this segment is page furniture
    page: str | None = None
    width: float = 0.0
    chunk: int = -1
    latin: bool = False
    widths: tuple[float, float, float] = (0.0, 0.0, 0.0)


@dataclass(slots=True)
class Chunk:
    """A group of segments between blank lines (an OCR text block)."""

    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    """The page as laid out: chunks of segments, and the estimated column width."""

    chunks: list[Chunk]
    column: float
    cjk: bool
    measure: int
    latin_column: float = 0.0


def _split_line(text: str, start: int, end: int, cjk_doc: bool) -> list[Segment]:
    """Split one source line at page marks and (in CJK text) at column-break spaces."""
    pieces: list[tuple[int, int, str | None, str | None]] = []
    pos = start
    line = text[start:end]
    if "版" in line:
        for m in PAGE_MARK_RE.finditer(text, start, end):
            pieces.append((pos, m.start(), None, None))
            role = "continued-from" if m.group(1) in ("上接", "接上", "紧接", "接第") else "continued-on"
            pieces.append((m.start(), m.end(), role, m.group(2)))
            pos = m.end()
    pieces.append((pos, end, None, None))
    out: list[Segment] = []
    for s, e, role, page in pieces:
        if role:
            out.append(Segment(s, e, text[s:e], role=role, page=page))
            continue
        cut = s
        if cjk_doc:
            for m in _SPACE_RE.finditer(text, s, e):
                a, b = m.span()
                if a == s or b == e:
                    continue
                if (
                    is_cjk(text[a - 1])
                    or is_cjk(text[b])
                    or is_cjk(nearest_letter(text, a - 1, -1))
                    or is_cjk(nearest_letter(text, b, 1))
                ):
                    out.append(Segment(cut, a, text[cut:a]))
                    cut = b
        out.append(Segment(cut, e, text[cut:e]))
    return [seg for seg in out if seg.text.strip()]


def _trim(seg: Segment) -> Segment:
    """Shrink a segment to exclude surrounding whitespace."""
    stripped = seg.text.strip()
    if stripped == seg.text:
        return seg
    lead = len(seg.text) - len(seg.text.lstrip())
    seg.start += lead
    seg.end = seg.start + len(stripped)
    seg.text = stripped
    return seg


def _choose_measure(chunks: list[Chunk]) -> tuple[int, float]:
    """Pick the width measure whose full lines cluster tightest; return it and the column."""
    samples: list[tuple[float, float, float]] = []
    for chunk in chunks:
        body = [s for s in chunk.segments if s.role is None and not s.latin]
        samples.extend(s.widths for s in body[:-1])
    if not samples:
        return 0, 0.0
    best = (0, 0.0, -1.0)
    for k in range(3):
        values = sorted(round(w[k] * 2) / 2 for w in samples)
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
        if seg.role is not None or _looks_numbered(seg.text):
            continue
        if counts[_DIGITS_RE.sub("#", seg.text)] >= repeats:
            seg.role = "running-head"
            continue
        before = [r for p, r in marks if p < seg.start]
        after = [r for p, r in marks if p > seg.start]
        inside = bool(after) and after[0] == "continued-on" and (not before or before[-1] == "continued-from")
        if inside and cjk_doc:
            seg.role = "running-head"


_NUMBERED_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+(?:[.．]\d+)*(?:[、]|[.．](?!\d))|第[一二三四五六七八九十百\d]+[章节部篇条])"
)


def _looks_numbered(text: str) -> bool:
    """Return True when ``text`` opens with a heading number."""
    return _NUMBERED_RE.match(text) is not None


def lay_out(text: str) -> Layout:
    """Cut clean text into chunks and segments, and estimate the column width."""
    cjk_doc = cjk_ratio(text[:200_000]) >= 0.3
    chunks: list[Chunk] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in _BLANK_RE.finditer(text)]
    bounds.append((len(text), len(text)))
    for b_start, b_end in bounds:
        chunk = Chunk()
        for m in _LINE_RE.finditer(text, pos, b_start):
            s, e = m.span()
            raw = m.group()
            if not raw.strip():
                continue
            indent = raw[:1] in (" ", "\t", "\u3000")
            segs = _split_line(text, s, e, cjk_doc)
            for i, seg in enumerate(segs):
                _trim(seg)
                if i == 0:
                    seg.line_start = True
                    seg.indent = indent
            chunk.segments.extend(segs)
        if chunk.segments:
            for seg in chunk.segments:
                seg.chunk = len(chunks)
            chunks.append(chunk)
        pos = b_end
    _mark_running_heads(chunks, cjk_doc)
    for chunk in chunks:
        for seg in chunk.segments:
            seg.latin = not cjk_doc or (_LATIN_RE.search(seg.text) is not None and cjk_ratio(seg.text) < 0.3)
            if not seg.latin:
                seg.widths = print_widths(seg.text)
    measure, column = _choose_measure(chunks)
    latin_column = _latin_column(chunks)
    if not cjk_doc:
        column = latin_column
    for chunk in chunks:
        for seg in chunk.segments:
            seg.width = float(len(seg.text)) if seg.latin else seg.widths[measure]
    return Layout(chunks, column, cjk_doc, measure, latin_column)


def _latin_column(chunks: list[Chunk]) -> float:
    """Estimate the wrap width of hard-wrapped Latin text (in characters)."""
    lengths = sorted(len(s.text) for c in chunks for s in c.segments if s.role is None and s.latin)
    if not lengths:
        return 0.0
    return float(lengths[int(len(lengths) * 0.9)])
