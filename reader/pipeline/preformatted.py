"""Preformatted text in text sources: code, tables, diagrams and examples, kept line by line.

Plain-text genres set such text apart by conventions a reader sees at a glance, and so do we:
- drawing characters: rules and boxes (``+--+--+``, ``|  Header  |``, ``-----``);
- columns: two or more lines whose gaps of several spaces line up (a table, a table of
  contents with its page numbers, ``opcode  operation``);
- code: comment marks, operators and brackets far denser than prose has (``/* … */``,
  ``F(X,Y,Z) = XY v not(X) Z``, ``::=``), a shell prompt opening the line (``$ make``);
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
from itertools import pairwise

from reader.sources.layout import Chunk, Layout, Segment

_RULE_RE = re.compile(r"^[\s+|\-=_*#~.:<>^/\\]{4,}$")
_CODE_RE = re.compile(
    r"/\*|\*/|^\s*//|::=|==|!=|<=|>=|->|<<<|>>>|&&|\|\||^\s*[{}]\s*$|\{\s*$|^#include"
    r"|^\$ \S"  # a shell prompt: ``$ make install`` (a terminal session as printed; its output follows)
    r"|^[\w.\-\[\]]+\s*:?=\s(?!.*[^.]\.$)"  # a definition or assignment: ``AA = A``, ``frame-fin  = %x0``
    # (not one a sentence ends: an RFC's ``destination= 69.`` runs on from its item)
)
_PROMPT_RE = re.compile(r"^\$ \S")
_SYMBOLS = set("()[]{}=<>|+*/\\;^~&#$@_")
_UNDERLINE_RE = re.compile(r"^([=\-~^])\1{2,}\s*$")
_GAP_RE = re.compile(r"(?<=[^\s?!:;,])( {2,}|\t)(?=\S)")
_SENTENCE_END_RE = re.compile(r"[.?!:;,。！？：；，]['\")\]”’]*$")
_CJK_PROSE_PUNCT_RE = re.compile(r"[，、；]")


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


def code_line(text: str) -> bool:
    """True for a line that only preformatted text has: a rule, a box, code."""
    return _strong(text)


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

    def centred(self, seg: Segment) -> bool:
        """True for a line set in the middle of the measure (a title), its margins about equal."""
        right = self.edge - seg.columns - display_width(seg.text)
        return seg.columns >= 4 and abs(seg.columns - right) <= max(3, seg.columns // 4)


def _prose_lines(layout: Layout, lines: _Lines) -> set[int]:
    """Ids of the lines that read as prose: every line of a wrapped paragraph, and sentences —
    but not verse (short lines whose indents change, ``How doth the little crocodile`` /
    ``    Improve his shining tail,``), which is kept as lines, nor a command's output under its
    prompt (``$ wasmer run hello.wasm`` / ``hello, world!``)."""
    prose: set[int] = set()
    for chunk in layout.chunks:
        body = [s for s in chunk.segments if s.line_start and s.role is None]
        wrapped = len(body) >= 2 and all(lines.fills(s) for s in body[:-1])
        wordy = _letters("".join(s.text for s in body)) >= 0.55
        if not layout.cjk and _verse(body, lines):
            continue
        columns = _aligned(body, wide=True) if len(body) >= 2 else set()
        for before, seg in zip([None, *body], body, strict=False):
            if id(seg) in columns or (before is not None and _PROMPT_RE.match(before.text)):
                continue  # (a line under a shell prompt is the command's output: a terminal session)
            if layout.cjk and _cjk_prose(seg, lines):
                prose.add(id(seg))
                continue
            sentence = _SENTENCE_END_RE.search(seg.text) and _letters(seg.text) >= 0.7 and len(seg.text) >= 12
            if (wrapped and wordy and not _strong(seg.text)) or (sentence and not _strong(seg.text)):
                prose.add(id(seg))
    return prose


def _cjk_prose(seg: Segment, lines: _Lines) -> bool:
    """True for a line of Chinese running text among a table's rows (``pdftotext -layout`` sets a
    page's paragraphs and tables in one block): no gap of spaces inside it (a row has one between
    its cells), and it ends a sentence or runs out to the measure with the commas of a sentence —
    whatever share of it digits and units take (``不宜超过 4.0 公顷/处。``)."""
    text = seg.text.strip()
    if len(text) < 6 or _GAP_RE.search(text) or _strong(text):
        return False
    return bool(_SENTENCE_END_RE.search(text)) or (lines.fills(seg) and _CJK_PROSE_PUNCT_RE.search(text) is not None)


def _verse(body: list[Segment], lines: _Lines) -> bool:
    """Short lines (none runs to the measure) whose indent changes at least twice: verse."""
    if len(body) < 3 or any(lines.fills(s) for s in body):
        return False
    changes = sum(1 for a, b in pairwise(body) if a.columns != b.columns)
    return changes >= 2


def _aligned(run: list[Segment], wide: bool = False) -> set[int]:
    """Ids of lines whose wide gaps line up with another line's (columns of a table). With
    ``wide``, only gaps of three spaces or more count and a column must line up on three lines
    (or on both lines of two): justified prose lines up its double spaces by chance, not so."""
    gaps = {id(seg): (_wide_gap_columns(seg) if wide else _gap_columns(seg)) for seg in run}
    counts = Counter(col for cols in gaps.values() for col in cols)
    needed = 2 if not wide or len(run) == 2 else 3
    return {id(seg) for seg in run if any(counts[col] >= needed for col in gaps[id(seg)])}


def _wide_gap_columns(seg: Segment) -> set[int]:
    """Where the columns after gaps of three spaces or more begin in a line."""
    return {seg.columns + m.end() for m in _GAP_RE.finditer(seg.text) if len(m.group()) >= 3 or "\t" in m.group()}


def _underlines(lines: _Lines) -> set[int]:
    """Ids of underlined titles and their underlines (``Title`` / ``=====``, the setext
    convention): a rule about as long as the line above it, or longer (a plain-text e-text rules
    its chapter titles off with a rule of the page's width: ``第一回　甄士隱…`` / ``-----…``),
    that line text opening its block (or the document). Lengths are display widths: a Chinese
    character takes two columns of a rule."""
    out: set[int] = set()
    for before, above, seg in zip([None, *lines.lines], lines.lines, lines.lines[1:], strict=False):
        rule = _UNDERLINE_RE.match(seg.text)
        opens = before is None or before.chunk != above.chunk  # the title opens its block (a blank line above it)
        gaps = "   " in above.text.strip()  # column heads over a table's rule (``2 bytes     2 bytes``)
        if rule and opens and above.chunk == seg.chunk and above.role is None and "|" not in above.text and not gaps:
            title, drawn = display_width(above.text.strip()), display_width(seg.text.strip())
            if drawn >= title - max(3, title // 3) and _letters(above.text) > 0.5:
                out.update((id(above), id(seg)))
    return out


def _runs(lines: _Lines, prose: set[int]) -> list[list[Segment]]:
    """Runs of consecutive non-prose lines (furniture skipped) at the body's indent or deeper."""
    runs: list[list[Segment]] = []
    run: list[Segment] = []
    underlined = _underlines(lines)
    for seg in lines.lines:
        if seg.role is not None:
            continue
        if id(seg) in prose or seg.columns < lines.body or id(seg) in underlined:
            if run:
                runs.append(run)
            run = []
            continue
        run.append(seg)
    if run:
        runs.append(run)
    return runs


def _preformatted(run: list[Segment], lines: _Lines, latin: bool) -> list[Segment]:
    """The lines of a run that are preformatted: its text blocks (runs cross blank lines) that
    hold code, drawing or aligned columns, or — in Latin text — that are set deeper than the body
    without filling the measure, or are verse."""
    aligned = _aligned(run)
    strong = {id(s) for s in run if _strong(s.text) or id(s) in aligned}
    out: list[Segment] = []
    groups: list[list[Segment]] = []
    for seg in run:
        if groups and groups[-1][-1].chunk == seg.chunk:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    for group in groups:
        if all(lines.centred(s) and _letters(s.text) >= 0.6 for s in group):
            continue  # words set in the middle: a title block (a licence's name, version, address), not code
        hits = sum(1 for s in group if id(s) in strong)
        deeper = all(s.columns > lines.body + 1 and not lines.centred(s) for s in group)
        ragged = not any(lines.fills(s) for s in group[:-1])
        if (hits and hits >= 0.3 * len(group)) or (latin and (_verse(group, lines) or (
            deeper and ragged and len(group) >= 2
        ))):
            out.extend(group)
    return out


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
