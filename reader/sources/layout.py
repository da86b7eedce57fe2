"""The one layout type every source produces: chunks of segments (printed lines) on pages.

A *segment* is one visual line as printed: a span of the decoded text, with what its source knows
about it — the physical page it stands on, its indentation, and for sources with geometry (PDF,
OCR) its box, type size, weight and recognition confidence. A *chunk* is a group of segments the
source saw together: the lines between two blank lines of a text file, one Markdown block, one
text block of a PDF page. A source that knows what a chunk is (a Markdown heading, a code block,
a PDF caption) says so in ``Chunk.hint``; the pipeline decides the rest from the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Box = tuple[float, float, float, float]
"""A box on the page: x0, y0 (top), x1, y1 (bottom), in the source's units (PDF points, pixels)."""

ChunkHint = Literal["paragraph", "heading", "item", "preformatted", "quote", "caption", "footnote", "furniture"]
"""What a source knows a chunk to be (the block kinds of the model)."""

SourceKind = Literal["text", "markdown", "pdf", "image"]
"""The input formats sources read."""


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where a line stands on its page and how it is set (sources with geometry only)."""

    box: Box
    size: float = 0.0  # type size in points (0: unknown)
    bold: bool = False
    confidence: float = 1.0  # OCR: the recogniser's confidence in the line


@dataclass(slots=True)
class Segment:
    """One visual line of the printed page: a span of the decoded text."""

    start: int
    end: int
    text: str
    line_start: bool = False  # the first segment of a source line
    indent: bool = False  # the source line began with white space
    role: str | None = None  # furniture role when this segment is page furniture
    page: str | None = None  # furniture: the page number it names
    width: float = 0.0
    chunk: int = -1
    latin: bool = False
    widths: tuple[float, float, float] = (0.0, 0.0, 0.0)
    sheet: int = 0  # the physical page (0-based): form feeds, PDF pages
    columns: int = 0  # leading white space of the source line, in columns (tabs to 8)
    geometry: Geometry | None = None


@dataclass(slots=True)
class Chunk:
    """A group of segments a source saw together (an OCR or PDF text block, a Markdown block).

    ``hint``: what the source knows this chunk to be (None: the pipeline decides); ``level``: a
    heading's level when the source knows it (Markdown ``#``s, a type-size rank); ``continues``:
    the chunk goes on with the paragraph of the chunk before it, across a column or page break;
    ``term``: an ``item`` chunk that is a tagged list's entry (``taglist.py``).
    """

    segments: list[Segment] = field(default_factory=list)
    hint: ChunkHint | None = None
    level: int = 0
    continues: bool = False
    term: bool = False  # an entry of a tagged list (a term and its description): an item without a list marker


@dataclass(slots=True)
class Layout:
    """The document as laid out: chunks of segments, the page labels, and its measure.

    ``column`` is the estimated column width (in the chosen ``measure`` of CJK print widths, or
    in characters for Latin text), ``page_labels`` the printed label of each physical page where
    the source knows it (``None`` where it does not).
    """

    chunks: list[Chunk]
    column: float
    cjk: bool
    measure: int
    latin_column: float = 0.0
    kind: SourceKind = "text"
    page_labels: list[str | None] = field(default_factory=list)
    spaced_lines: bool = False  # (text) spaces stand for the column's line breaks (OCR'd newspaper columns)
    repairs: list[tuple[int, int, str]] = field(default_factory=list)  # (OCR) text[start:end] was recognised as …
    doubtful: list[tuple[int, int]] = field(default_factory=list)  # (OCR) spans read with little confidence

    def label_of(self, sheet: int) -> str | None:
        """The printed label of physical page ``sheet`` (None when unknown)."""
        return self.page_labels[sheet] if 0 <= sheet < len(self.page_labels) else None


@dataclass(frozen=True, slots=True)
class LayoutPart:
    """The layout of one part of a long text: ``start`` is where the part's text begins in the
    whole decoded text, ``sheet`` the physical page it begins on (its segments' offsets and
    sheets count from the part's start)."""

    start: int
    sheet: int
    layout: Layout
    count: int = 1  # how many parts the document has
