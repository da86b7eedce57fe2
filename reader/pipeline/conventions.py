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
- none of these (OCR of newspaper columns, where blank lines separate the engine's text blocks,
  not paragraphs): paragraph ends are read from short lines and sentence ends (reflow's
  measure-based rules).
``infer`` looks at the lines of the chunks the source left undecided (furniture and preformatted
text set aside).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reader.pipeline.chars import ends_sentence
from reader.pipeline.preformatted import display_width
from reader.sources.layout import Layout, Segment

MIN_LINES = 4  # too few lines to say anything: the old measure-based rules decide


@dataclass(frozen=True, slots=True)
class Conventions:
    """What a document's paragraphs are marked by (see the module's docstring)."""

    lines_are_paragraphs: bool = False
    blank_separated: bool = False
    paragraph_indent: bool = False
    body_indent: int = 0
    first_indent: int = 0  # columns the first line of a blank-separated paragraph is set in by
    edge: int = 80  # the right edge of the body text, in columns (the measure plus the indent)


def _ends_block(text: str) -> bool:
    """True when a line may end a paragraph: a sentence end, or a colon before what follows."""
    return ends_sentence(text) or text.rstrip().endswith((":", "："))


def infer(layout: Layout) -> Conventions:
    """The paragraph conventions of a text layout (none are assumed for too little text)."""
    chunks = [
        [s for s in c.segments if s.line_start and s.role is None]
        for c in layout.chunks
        if c.hint is None and not layout.spaced_lines
    ]
    chunks = [c for c in chunks if c]
    lines = [s for c in chunks for s in c]
    if len(lines) < MIN_LINES:
        return Conventions()
    indents = Counter(s.columns for s in lines if len(s.text) >= 20)
    body = min(indents.most_common(2), key=lambda kv: kv[0])[0] if indents else 0
    interior = [(c[i], c[i + 1]) for c in chunks for i in range(len(c) - 1)]
    ending = sum(1 for line, _ in interior if _ends_block(line.text))
    # a short line that does not end a sentence is a title either way: no evidence
    typical = sorted(len(s.text) for s in lines)[len(lines) // 2]
    running_on = sum(1 for line, _ in interior if not _ends_block(line.text) and len(line.text) >= typical)
    lines_are_paragraphs = ending >= MIN_LINES and ending >= 3 * running_on
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
    return Conventions(lines_are_paragraphs, blank_separated, paragraph_indent, body, first, edge)


def _first_indent(multi: list[list[Segment]], body: int) -> int:
    """The indent of blank-separated paragraphs' first lines over the body's, when most paragraphs
    of several lines have one (a typewriter convention), else 0."""
    at_body = [c for c in multi if all(s.columns == body for s in c[1:])]
    steps = Counter(c[0].columns - body for c in at_body)
    step, count = max(steps.items(), key=lambda kv: kv[1], default=(0, 0))
    if 1 <= step <= 8 and count >= 3 and count >= 0.6 * len(at_body):
        return step
    return 0


def line_fills(seg: Segment, edge: int) -> bool:
    """True when a line runs out to (near) the right edge ``edge`` (in columns)."""
    return seg.columns + display_width(seg.text) >= 0.8 * edge
