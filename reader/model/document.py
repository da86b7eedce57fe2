"""The immutable document model: metadata, blocks with source spans, sections, figures."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal, get_args

BlockKind = Literal["heading", "paragraph", "item", "preformatted", "quote", "caption", "footnote", "furniture"]
"""What a block is: reading text of some kind, or page furniture (metadata, not reading text)."""
BLOCK_KINDS: tuple[BlockKind, ...] = get_args(BlockKind)
PROSE_KINDS: frozenset[str] = frozenset({"paragraph", "item", "quote", "footnote"})
"""Kinds whose text is prose: paragraph counting, figures, sentence selection."""


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where a block stands in the original file: 1-based line, character offsets."""

    line: int
    start: int
    end: int
    end_line: int = 0


@dataclass(frozen=True, slots=True)
class Heading:
    """What a heading block announces: its canonical number, printed label and title."""

    number: str | None
    label: str | None
    title: str
    level: int
    inline_body: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of reading text (a heading, paragraph, list item, preformatted lines, block quote,
    caption or footnote) or a piece of page furniture.

    ``text`` is the reading text; ``edits`` lists the repairs made for reading (``(start, end,
    printed)``: ``text[start:end]`` stands where the page printed ``printed``), so the text exactly
    as printed can be shown or quoted. ``page_label`` is the printed page label (``27``, ``iv``,
    ``02``) where the block starts, ``page_end`` the one where it ends when that differs; a
    ``preformatted`` block's lines are kept as lines (never re-wrapped).
    """

    index: int
    kind: BlockKind
    text: str
    source: SourceSpan
    section: str | None = None
    emphasis: tuple[tuple[int, int], ...] = ()
    role: str | None = None
    page: str | None = None
    heading: Heading | None = None
    truncated: bool = False
    lead: str | None = None
    edits: tuple[tuple[int, int, str], ...] = ()
    page_label: str | None = None
    page_end: str | None = None

    @property
    def is_reading(self) -> bool:
        """True for blocks that are reading text (not page furniture)."""
        return self.kind != "furniture"

    @property
    def is_prose(self) -> bool:
        """True for blocks of running prose (paragraphs, items, quotes, footnotes)."""
        return self.kind in PROSE_KINDS

    def printed_text(self) -> str:
        """The block's text exactly as printed (the reading repairs in ``edits`` undone)."""
        if not self.edits:
            return self.text
        parts: list[str] = []
        pos = 0
        for start, end, printed in self.edits:
            parts.append(self.text[pos:start])
            parts.append(printed)
            pos = end
        parts.append(self.text[pos:])
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline; ``key`` is unique, ``number`` is canonical (``2.3``) or None."""

    key: str
    number: str | None
    label: str | None
    title: str
    level: int
    kind: str
    first_block: int
    end_block: int
    parent: str | None = None
    children: tuple[str, ...] = ()
    implied: bool = False

    @property
    def label_gap(self) -> str:
        """What stands between the printed label and the title: a space after a word or a number
        and before a Latin title (``第三章 总则``, ``5. Data Framing``), none after ``二、`` or
        ``(一)`` before Chinese."""
        printed = (self.label or "").strip()
        if not printed or not self.title:
            return ""
        return " " if printed[-1].isalnum() or (self.title[:1].isascii() and self.title[:1].isalnum()) else ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with a unit that the document reports, with what it measures."""

    index: int
    text: str
    value: float
    unit: str
    label: str
    section: str | None
    block: int
    kind: str
    start: int
    end: int
    qualifier: str = ""
    amount: float | None = None  # the value in its base measure: 843.2亿元 → 84_320_000_000
    measure: str = ""  # the base measure: 元, 人, %, pp (percentage points); "" for a bare count
    upper: float | None = None  # a range's upper end in the base measure (7%—8% → 8)
    role: str = ""  # "base" or "result" of 从…到… (from one value to another), else ""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about the document; ``inferred`` names fields guessed from the text."""

    title: str = ""
    source: str = ""
    page: str | None = None
    continued_from: tuple[str, ...] = ()
    continued_on: tuple[str, ...] = ()
    date: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str = "zh"
    encoding: str = "utf-8"
    content_hash: str = ""
    inferred: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    length: int = 0  # characters in the whole decoded source (a partial model covers only some)

    def to_dict(self) -> dict[str, object]:
        """Return the metadata as plain JSON-ready data."""
        return {
            "title": self.title,
            "source": self.source,
            "page": self.page,
            "continued_from": list(self.continued_from),
            "continued_on": list(self.continued_on),
            "date": self.date,
            "author": self.author,
            "publisher": self.publisher,
            "url": self.url,
            "language": self.language,
            "encoding": self.encoding,
            "inferred": list(self.inferred),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, eq=False)
class Document:
    """A whole document, immutable once built, with look-ups by section, position and figure."""

    metadata: Metadata
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    _by_key: dict[str, Section] = field(init=False, default_factory=dict, repr=False, compare=False)
    _by_number: dict[str, Section] = field(init=False, default_factory=dict, repr=False, compare=False)
    _starts: list[int] = field(init=False, default_factory=list, repr=False, compare=False)
    _figure_blocks: list[int] = field(init=False, default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        for section in self.sections:
            self._by_key[section.key] = section
            if section.number and section.number not in self._by_number:
                self._by_number[section.number] = section
        self._starts.extend(b.source.start for b in self.blocks)
        self._figure_blocks.extend(f.block for f in self.figures)  # figures come in block order

    @property
    def top_sections(self) -> list[Section]:
        """The outline's top-level entries, in order."""
        return [s for s in self.sections if s.parent is None]

    def section(self, key_or_number: str) -> Section | None:
        """Return the section with this canonical number (``2.3``) or key."""
        return self._by_number.get(key_or_number) or self._by_key.get(key_or_number)

    def children(self, section: Section) -> list[Section]:
        """Return the direct children of ``section``."""
        return [self._by_key[k] for k in section.children]

    def section_at(self, block_index: int) -> Section | None:
        """Return the innermost section (lead entries included) holding a block."""
        if not self.blocks:
            return None
        block = self.blocks[block_index]
        key = block.lead or block.section
        return self._by_key.get(key) if key else None

    def ancestors(self, section: Section) -> list[Section]:
        """Return the chain from the top-level entry down to ``section``."""
        chain = [section]
        while chain[0].parent:
            chain.insert(0, self._by_key[chain[0].parent])
        return chain

    def block_at(self, offset: int) -> int:
        """Return the index of the block at (or just before) a source offset."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def figures_of(self, section: Section | None) -> list[Figure]:
        """Return the figures of a section and its subsections (all figures for None)."""
        if section is None:
            return list(self.figures)
        lo = bisect.bisect_left(self._figure_blocks, section.first_block)
        hi = bisect.bisect_left(self._figure_blocks, section.end_block)
        return list(self.figures[lo:hi])

    def paragraphs_of(self, section: Section) -> list[Block]:
        """Return the reading paragraphs and items of a section, in order, headings excluded."""
        return [
            b for b in self.blocks[section.first_block : section.end_block] if b.is_prose or b.kind == "preformatted"
        ]

    def label_chain(self, section: Section) -> str:
        """Return the printed labels from the top down, e.g. ``二、(三)``."""
        labels = [s.label or s.number or "" for s in self.ancestors(section) if s.kind != "lead"]
        return "".join(labels)
