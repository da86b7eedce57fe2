"""Preformatted text in text sources: code, tables, diagrams and examples, kept line by line.

Plain-text genres set such text apart by conventions a reader sees at a glance, and so do we:
- drawing characters: rules and boxes (``+--+--+``, ``|  Header  |``, ``-----``);
- columns: two or more lines whose gaps of several spaces line up (a table, a table of
  contents with its page numbers, ``opcode  operation``);
- code: comment marks, operators and brackets far denser than prose has (``/* … */``,
  ``F(X,Y,Z) = XY v not(X) Z``, ``::=``);
- indentation: in Latin text, a run of lines set deeper than the body and not filling the measure
  (an indented example, a register dump, verse).
Wrapped prose is never preformatted: a chunk whose lines (all but its last) run out to the
measure is a paragraph, however it is indented, and so is a line that reads as a sentence.
Runs may cross blank lines and page breaks (a listing split by a page footer stays one block).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from reader.sources.layout import Chunk, Layout, Segment

_RULE_RE = re.compile(r"^[\s+|\-=_*#~.:<>^/\\]{4,}$")
_CODE_RE = re.compile(r"/\*|\*/|^\s*//|::=|==|!=|<=|>=|->|<<<|>>>|&&|\|\||^\s*[{}]\s*$|\{\s*$|^#include")
_SYMBOLS = set("()[]{}=<>|+*/\\;^~&#$@_")
_GAP_RE = re.compile(r"(?<=[^\s.?!:;,])( {2,}|\t)(?=\S)")
_SENTENCE_END_RE = re.compile(r"[.?!:;,。！？：；，]['\")\]”’]*$")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced rendering (East Asian wide characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _letters(text: str) -> float:
    """The share of a line's non-space characters that are letters."""
    visible = [ch for ch in text if not ch.isspace()]
    return sum(ch.isalpha() for ch in visible) / len(visible) if visible else 0.0


def _symbol_share(text: str) -> float:
    """The share of a line's non-space characters that are code symbols."""
    visible = [ch for ch in text if not ch.isspace()]
    return sum(ch in _SYMBOLS for ch in visible) / len(visible) if visible else 0.0


def _strong(text: str) -> bool:
    """True for a line that only preformatted text has (a rule or box, code)."""
    if _RULE_RE.match(text) and sum(ch in "+|-=_" for ch in text) >= 3:
        return True
    if text.count("|") >= 2 and _letters(text) < 0.8:
        return True
    if not text.isascii() and sum(ch.isascii() for ch in text) < 0.7 * len(text):
        return False  # Chinese text: its ASCII brackets and percent signs are not code
    return bool(_CODE_RE.search(text)) or (_symbol_share(text) >= 0.2 and len(text) >= 6)


def _gap_columns(seg: Segment) -> set[int]:
    """Where the columns after wide gaps begin in a line."""
    return {seg.columns + m.end() for m in _GAP_RE.finditer(seg.text)}


class _Lines:
    """The lines of a text layout in reading order, with what preformatted detection needs."""

    def __init__(self, layout: Layout) -> None:
        self.lines: list[Segment] = [
            seg for chunk in layout.chunks if chunk.hint is None for seg in chunk.segments if seg.line_start
        ]
        prose = [s for s in self.lines if s.role is None and len(s.text) >= 30 and _letters(s.text) >= 0.6]
        indents = Counter(s.columns for s in prose)
        self.body = min(indents.most_common(3), key=lambda kv: kv[0])[0] if indents else 0
        edges = sorted(s.columns + display_width(s.text) for s in prose)
        self.edge = edges[int(len(edges) * 0.9)] if edges else 80

    def fills(self, seg: Segment) -> bool:
        """True when a line runs out to (near) the measure."""
        return seg.columns + display_width(seg.text) >= 0.8 * self.edge


def _prose_lines(layout: Layout, lines: _Lines) -> set[int]:
    """Ids of the lines that read as prose: every line of a wrapped paragraph, and sentences."""
    prose: set[int] = set()
    for chunk in layout.chunks:
        body = [s for s in chunk.segments if s.line_start and s.role is None]
        wrapped = len(body) >= 2 and all(lines.fills(s) for s in body[:-1])
        wordy = _letters("".join(s.text for s in body)) >= 0.55
        for seg in body:
            sentence = _SENTENCE_END_RE.search(seg.text) and _letters(seg.text) >= 0.7 and len(seg.text) >= 12
            if (wrapped and wordy and not _strong(seg.text)) or (sentence and not _strong(seg.text)):
                prose.add(id(seg))
    return prose


def _aligned(run: list[Segment]) -> set[int]:
    """Ids of lines whose wide gaps line up with another line's (columns of a table)."""
    counts = Counter(col for seg in run for col in _gap_columns(seg))
    return {id(seg) for seg in run if any(counts[col] >= 2 for col in _gap_columns(seg))}


def _runs(lines: _Lines, prose: set[int]) -> list[list[Segment]]:
    """Runs of consecutive non-prose lines (furniture skipped) at the body's indent or deeper."""
    runs: list[list[Segment]] = []
    run: list[Segment] = []
    for seg in lines.lines:
        if seg.role is not None:
            continue
        if id(seg) in prose or seg.columns < lines.body:
            if run:
                runs.append(run)
            run = []
            continue
        run.append(seg)
    if run:
        runs.append(run)
    return runs


def _preformatted(run: list[Segment], lines: _Lines, latin: bool) -> list[Segment]:
    """The part of a run that is preformatted (possibly none)."""
    aligned = _aligned(run)
    strong = [s for s in run if _strong(s.text) or id(s) in aligned]
    if strong:
        indent = min(s.columns for s in strong)
        while run and run[0].columns < indent and run[0] not in strong:
            run = run[1:]
        while run and run[-1].columns < indent and run[-1] not in strong:
            run = run[:-1]
        if len(strong) >= max(1, 0.3 * len(run)):
            return run
    deeper = all(s.columns > lines.body + 1 for s in run)
    if latin and deeper and len(run) >= 2 and not any(lines.fills(s) for s in run[:-1]):
        return run
    return []


def mark_preformatted(layout: Layout) -> None:
    """Find preformatted runs in a text layout and give each its own ``preformatted`` chunk."""
    lines = _Lines(layout)
    if not lines.lines:
        return
    prose = _prose_lines(layout, lines)
    marked: set[int] = set()
    for run in _runs(lines, prose):
        marked.update(id(s) for s in _preformatted(run, lines, not layout.cjk))
    if marked:
        layout.chunks = _regroup(layout.chunks, marked)


def _regroup(chunks: list[Chunk], marked: set[int]) -> list[Chunk]:
    """Cut chunks where preformatted lines begin and end; consecutive preformatted lines (across
    blank lines and furniture) form one chunk, a blank line kept as an empty line."""
    out: list[Chunk] = []
    pre: Chunk | None = None
    for chunk in chunks:
        if chunk.hint is not None:
            out.append(chunk)
            pre = None
            continue
        plain: Chunk | None = None
        for seg in chunk.segments:
            if id(seg) in marked:
                plain = None
                if pre is None:
                    pre = Chunk(hint="preformatted")
                    out.append(pre)
                elif pre.segments[-1].chunk != seg.chunk and pre.segments[-1].sheet == seg.sheet:  # a blank line
                    blank = Segment(seg.start, seg.start, "", line_start=True, sheet=seg.sheet, chunk=seg.chunk)
                    pre.segments.append(blank)
                pre.segments.append(seg)
            elif seg.role is not None and pre is not None:
                out.append(Chunk([seg], hint="furniture"))  # a page's edge inside a listing
            else:
                pre = None
                if plain is None:
                    plain = Chunk()
                    out.append(plain)
                plain.segments.append(seg)
    for index, chunk in enumerate(out):
        for seg in chunk.segments:
            seg.chunk = index
    return out
