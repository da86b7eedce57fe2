"""How a text document marks its paragraphs, inferred from the document before anything is decided.

Plain text marks paragraphs in one of a few ways, and a reader must tell which before judging a
single line break:
- one paragraph per line (clean text, the reader's own output, text exported from a word
  processor): almost every line ends a sentence, and no line is a continuation;
- blank lines between paragraphs (RFCs, licences, READMEs, Gutenberg books, most extraction
  tools): blocks end at sentence ends, so a short line inside a block is not a paragraph end
  without other evidence (people wrap unevenly; editing leaves short lines);
- a first-line indent (typeset books without blank lines, Chinese text with ``　　``): a line set
  deeper than the body, after a sentence end, starts a paragraph; typewritten texts indent the
  first line of blank-separated paragraphs too (the FSF's licences, ``  0. This License…`` over
  lines at the margin): ``first_indent`` is that indent, so a numbered first line is a paragraph's;
- no hard wrap at all (web pages copied or saved as text, word-processor exports): every block
  element is a line of its own, so a paragraph runs far past any typewriter measure and a line
  break inside a blank-line block separates elements (menu entries, headings, list items, table
  rows), never the lines of one paragraph — read as one paragraph per line (``unwrapped``);
- none of these (OCR of newspaper columns, where blank lines separate the engine's text blocks,
  not paragraphs): paragraph ends are read from short lines and sentence ends (reflow's
  measure-based rules).
``infer`` looks at the lines of the chunks the source left undecided (furniture and preformatted
text set aside).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.pipeline.chars import ends_sentence
from reader.pipeline.preformatted import code_line, display_width
from reader.sources.layout import Layout, Segment

MIN_LINES = 4  # too few lines to say anything: the old measure-based rules decide
UNWRAPPED_WIDTH = 120  # wider than any hard-wrapped measure (typewriter 72, terminals 80, wide print ~110)
MIN_UNWRAPPED = 2  # prose lines that wide it takes to say the text is not wrapped
MAX_WRAPS = 0.1  # the share of line breaks inside blocks that may read as wraps in unwrapped text
_COLUMN_GAP_RE = re.compile(r"\S {3,}\S")


@dataclass(frozen=True, slots=True)
class Conventions:
    """What a document's paragraphs are marked by (see the module's docstring)."""

    lines_are_paragraphs: bool = False
    blank_separated: bool = False
    paragraph_indent: bool = False
    body_indent: int = 0
    first_indent: int = 0  # columns the first line of a blank-separated paragraph is set in by
    edge: int = 80  # the right edge of the body text, in columns (the measure plus the indent)
    unwrapped: bool = False  # not hard-wrapped at all: every line a block element (a web page's copy)


def _ends_block(text: str) -> bool:
    """True when a line may end a paragraph: a sentence end, or a colon before what follows."""
    return ends_sentence(text) or text.rstrip().endswith((":", "："))


def _body_chunks(layout: Layout) -> list[list[Segment]]:
    """The first segments of the body lines of each undecided chunk (furniture set aside)."""
    chunks = [
        [s for s in c.segments if s.line_start and s.role is None]
        for c in layout.chunks
        if c.hint is None and not layout.spaced_lines
    ]
    return [c for c in chunks if c]


def interior_pairs(layout: Layout) -> list[tuple[Segment, Segment]]:
    """Each body line with the next line of its chunk (the line breaks inside blocks)."""
    return [(c[i], c[i + 1]) for c in _body_chunks(layout) for i in range(len(c) - 1)]


def infer(layout: Layout) -> Conventions:
    """The paragraph conventions of a text layout (none are assumed for too little text)."""
    chunks = _body_chunks(layout)
    lines = [s for c in chunks for s in c]
    interior = [(c[i], c[i + 1]) for c in chunks for i in range(len(c) - 1)]
    flat = unwrapped(lines, interior)
    if len(lines) < MIN_LINES:
        return Conventions(lines_are_paragraphs=flat, unwrapped=flat)  # (unwrapped text shows it at once)
    indents = Counter(s.columns for s in lines if len(s.text) >= 20)
    body = min(indents.most_common(2), key=lambda kv: kv[0])[0] if indents else 0
    ending = sum(1 for line, _ in interior if _ends_block(line.text))
    # a short line that does not end a sentence is a title either way: no evidence
    typical = sorted(len(s.text) for s in lines)[len(lines) // 2]
    running_on = sum(1 for line, _ in interior if not _ends_block(line.text) and len(line.text) >= typical)
    lines_are_paragraphs = (ending >= MIN_LINES and ending >= 3 * running_on) or flat
    multi = [c for c in chunks if len(c) >= 2]
    finals = [c[-1] for c in chunks if len(c) >= 2 or len(c[0].text) >= 40]
    ended = sum(1 for s in finals if _ends_block(s.text))
    blank_separated = len(chunks) >= 3 and bool(multi) and ended >= 0.7 * max(1, len(finals))
    deeper = [(prev, line) for prev, line in interior if line.columns > body]
    after_end = sum(1 for prev, _ in deeper if _ends_block(prev.text))
    paragraph_indent = len(deeper) >= 3 and after_end >= 0.6 * len(deeper)
    edges = sorted(s.columns + display_width(s.text) for s in lines)
    edge = edges[int(len(edges) * 0.9)]
    first = _first_indent(multi, body) if blank_separated else 0
    return Conventions(lines_are_paragraphs, blank_separated, paragraph_indent, body, first, edge, flat)


def _first_indent(multi: list[list[Segment]], body: int) -> int:
    """The indent of blank-separated paragraphs' first lines over the body's, when most paragraphs
    of several lines have one (a typewriter convention), else 0."""
    at_body = [c for c in multi if all(s.columns == body for s in c[1:])]
    steps = Counter(c[0].columns - body for c in at_body)
    step, count = max(steps.items(), key=lambda kv: kv[1], default=(0, 0))
    if 1 <= step <= 8 and count >= 3 and count >= 0.6 * len(at_body):
        return step
    return 0


def unwrapped(lines: list[Segment], interior: list[tuple[Segment, Segment]]) -> bool:
    """True when the text is not hard-wrapped (see the module's docstring): several prose lines run
    far past any wrapping measure (a line with a column gap is a table or two columns side by
    side, not prose), and hardly a line break inside a block reads as a wrap (a line that stops
    mid-sentence before one going on in lower case; code's lines aside)."""
    wide = [s for s in lines if display_width(s.text) > UNWRAPPED_WIDTH and not _COLUMN_GAP_RE.search(s.text)]
    if len(wide) < MIN_UNWRAPPED:
        return False
    wraps = sum(
        1
        for line, nxt in interior
        if not _ends_block(line.text) and nxt.text[:1].islower() and not (code_line(line.text) or code_line(nxt.text))
    )
    return wraps <= MAX_WRAPS * len(interior)


def line_fills(seg: Segment, edge: int) -> bool:
    """True when a line runs out to (near) the right edge ``edge`` (in columns)."""
    return seg.columns + display_width(seg.text) >= 0.8 * edge
