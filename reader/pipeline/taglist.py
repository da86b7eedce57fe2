"""Tagged lists in plain text: a term, and its description set deeper, below it or beside it.

Manual pages (man(7)'s ``.TP`` and ``.IP``, mdoc's ``.Bl -tag``), ``--help`` screens and many
plain-text references list options, variables or format codes as a *tag* at one indent and its
description at a deeper one, either on the lines below the tag::

       -a, --all
              do not ignore entries starting with .

or beside it, after a gap of spaces that ends at the description's indent, when the tag is short::

       -c     with -lt: sort by, and show, ctime (time of last modification of file

A reader sees such a list at a glance as one entry per term, however the terms look (``-C``,
``--color[=WHEN]``, ``%a``, ``SSH_AUTH_SOCK``, ``command [arg ...]``). Which indents a document
uses is its own: ``infer_indents`` counts the (tag indent, description indent) pairs of the
entries, and a pair is the document's list convention when several entries show it with the tag
on a line of its own (a table's rows never do: their cells stand side by side on every line).
Each entry — the tag and the first paragraph of its description — becomes one ``item`` chunk;
what follows it (a second paragraph of the description after a blank line, a nested list or an
example set deeper still) stays for the other rules to read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from reader.pipeline.numbering import match_marker
from reader.pipeline.preformatted import display_width
from reader.sources.layout import Chunk, Layout, Segment

MIN_ENTRIES = 3  # entries that make a (tag, description) indent pair the document's list
MIN_STACKED = 2  # … of which this many with the tag on its own line
_DEPTH = range(3, 25)  # how much deeper than its tag a description is set (columns)
_BESIDE_RE = re.compile(r"^(\S+(?: \S+){0,2}) {2,}(?=\S)")  # a short tag, then a gap
_CLAUSE_END = (".", ",", ";", ":", "!", "?")
_NOT_DESCRIPTION = frozenset("=;/|:{}[]<>")  # what opens a definition, a comment, a table's cell


@dataclass(frozen=True, slots=True)
class _Entry:
    """One candidate entry: where its tag line stands in its chunk, its indent pair, and whether
    the tag has its own line."""

    chunk: int
    line: int
    pair: tuple[int, int]
    stacked: bool


def _edge(lines: list[Segment]) -> int:
    """The right edge of the body text (the 90th percentile of line ends, in columns)."""
    ends = sorted(s.columns + display_width(s.text) for s in lines)
    return ends[int(len(ends) * 0.9)] if ends else 80


def _stacked_tag(seg: Segment, nxt: Segment | None, edge: int) -> tuple[int, int] | None:
    """The indent pair when ``seg`` is a tag on its own line with its description below it: a
    short line that ends no clause and has no gap inside (a table's row has gaps between its
    cells), over a line of words."""
    if nxt is None or nxt.columns - seg.columns not in _DEPTH or _letters(nxt.text) < 0.5:
        return None
    text = seg.text
    if seg.columns + display_width(text) >= 0.8 * edge or text.endswith(_CLAUSE_END) or "  " in text:
        return None  # a line of prose or a table's row, not a term
    marker = match_marker(text)
    if marker is not None and text[marker.end :].strip():
        return None  # a numbered title over its body (``1.1. "Contributor"`` / ``means …``)
    return seg.columns, nxt.columns


def _letters(text: str) -> float:
    """The share of a line's non-space characters that are letters."""
    visible = [ch for ch in text if not ch.isspace()]
    return sum(ch.isalpha() for ch in visible) / len(visible) if visible else 0.0


def _verse(lines: list[Segment], edge: int) -> bool:
    """Short lines whose indent changes at least twice (``How doth the little crocodile`` /
    ``    Improve his shining tail,``): verse, whose indented lines are no descriptions."""
    if len(lines) < 3 or any(s.columns + display_width(s.text) >= 0.8 * edge for s in lines):
        return False
    return sum(1 for a, b in pairwise(lines) if a.columns != b.columns) >= 2


def body_indent(lines: list[Segment]) -> int:
    """The indent of the running text: the lesser of the two commonest indents of long lines (the
    other is often a list's descriptions)."""
    indents = Counter(s.columns for s in lines if len(s.text) >= 20)
    return min(indents.most_common(2), key=lambda kv: kv[0])[0] if indents else 0


def _beside_tag(seg: Segment) -> tuple[int, int] | None:
    """The indent pair when ``seg`` starts with a short tag and a gap, its description beside it
    (words, not a grammar's definition or comment: ``frame-fin   = %x0 ; …``)."""
    m = _BESIDE_RE.match(seg.text)
    if m is None or seg.text[m.end()] in _NOT_DESCRIPTION:
        return None
    return seg.columns, seg.columns + m.end()


def _body(chunk: Chunk) -> list[Segment]:
    """The chunk's source lines (furniture set aside)."""
    return [s for s in chunk.segments if s.line_start and s.role is None]


def _candidates(layout: Layout, edge: int, body: int) -> list[_Entry]:
    """Every line that may open an entry, with the indent pair it would show: lines inside the
    running text (a title in the margin over its section, ``NAME`` / ``ls - list …``, is none),
    verse set aside."""
    out: list[_Entry] = []
    for index, chunk in enumerate(layout.chunks):
        if chunk.hint is not None or any(not s.line_start for s in chunk.segments):
            continue
        lines = _body(chunk)
        if len(lines) != len(chunk.segments) or _verse(lines, edge):
            continue
        for i, seg in enumerate(lines):
            if seg.columns < body:
                continue
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            stacked = _stacked_tag(seg, nxt, edge)
            if stacked is not None:
                out.append(_Entry(index, i, stacked, True))
                continue
            beside = _beside_tag(seg)
            if beside is not None and (nxt is None or nxt.columns == beside[1]):
                out.append(_Entry(index, i, beside, False))
    return out


def infer_indents(entries: list[_Entry]) -> set[tuple[int, int]]:
    """The (tag, description) indent pairs the document lists its terms with (see the module)."""
    total = Counter(e.pair for e in entries)
    stacked = Counter(e.pair for e in entries if e.stacked)
    return {pair for pair, n in total.items() if n >= MIN_ENTRIES and stacked[pair] >= MIN_STACKED}


def _entry_end(lines: list[Segment], start: int, pair: tuple[int, int], stacked: bool) -> int:
    """Where an entry opened at ``lines[start]`` ends: after the description's lines at its indent."""
    end = start + 1
    while end < len(lines) and lines[end].columns == pair[1]:
        end += 1
    return end if end > start + 1 or not stacked else start + 1


def mark_tagged_lists(layout: Layout) -> None:
    """Give each entry of the document's tagged lists an ``item`` chunk of its own."""
    if layout.cjk:
        return
    lines = [s for c in layout.chunks if c.hint is None for s in _body(c)]
    if len(lines) < MIN_ENTRIES * 2:
        return
    entries = _candidates(layout, _edge(lines), body_indent(lines))
    pairs = infer_indents(entries)
    if not pairs:
        return
    opens: dict[int, dict[int, _Entry]] = {}
    for entry in entries:
        if entry.pair in pairs:
            opens.setdefault(entry.chunk, {})[entry.line] = entry
    out: list[Chunk] = []
    for index, chunk in enumerate(layout.chunks):
        found = opens.get(index)
        if not found:
            out.append(chunk)
            continue
        out.extend(_split(chunk, found))
    for number, chunk in enumerate(out):
        for seg in chunk.segments:
            seg.chunk = number
    layout.chunks = out


def _split(chunk: Chunk, found: dict[int, _Entry]) -> list[Chunk]:
    """Cut a chunk into its entries (``item`` chunks) and the lines between them (plain chunks)."""
    lines = chunk.segments
    pieces: list[Chunk] = []
    plain: list[Segment] = []
    i = 0
    while i < len(lines):
        entry = found.get(i)
        if entry is None:
            plain.append(lines[i])
            i += 1
            continue
        if plain:
            pieces.append(Chunk(plain))
            plain = []
        end = _entry_end(lines, i, entry.pair, entry.stacked)
        pieces.append(Chunk(lines[i:end], hint="item", term=True))
        i = end
    if plain:
        pieces.append(Chunk(plain))
    return pieces
