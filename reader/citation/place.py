"""Where a quote stands in a document: its section, paragraph and page (the locator of a citation)."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model.document import Block, Document, Section


@dataclass(frozen=True, slots=True)
class Place:
    """Where a quote stands: its section and its paragraph number within it (1-based); ``last``:
    the last paragraph of a quote that runs over several in the section (第2–3段, para. 2–3)."""

    section: Section | None
    paragraph: int
    page: str | None = None
    last: int | None = None


def place_of(doc: Document, block_index: int) -> Place:
    """Return the section (lead entries skipped), paragraph number and printed page of a block."""
    block = doc.blocks[block_index]
    page = getattr(block, "page_label", None)
    section = doc.section(block.section) if block.section else None
    if section is None:
        return Place(None, _ordinal(doc.blocks[: block_index + 1]), page)
    paragraphs = doc.paragraphs_of(section)
    for n, b in enumerate(paragraphs, 1):
        if b.index >= block_index:
            return Place(section, n, page)
    return Place(section, max(1, len(paragraphs)), page)


def _ordinal(blocks: tuple[Block, ...]) -> int:
    """Count the reading paragraphs among ``blocks``."""
    return max(1, sum(1 for b in blocks if b.kind in ("paragraph", "item")))


@dataclass(frozen=True, slots=True)
class Locator:
    """A citation's locator: the section (canonical number and printed labels), paragraph, page."""

    paragraph: int
    section: str | None = None
    chain: str | None = None
    page: str | None = None
    last: int | None = None

    @property
    def paragraphs(self) -> str:
        """The paragraph number, or the range ``2–3`` of a quote over several."""
        return f"{self.paragraph}–{self.last}" if self.last and self.last > self.paragraph else str(self.paragraph)

    def phrase(self, chinese: bool) -> str:
        """The locator in words: ``二、(三) 第2段`` in Chinese, ``sec. 2.3, para. 2`` in English."""
        if chinese:
            where = f"{self.chain} 第{self.paragraphs}段" if self.chain else f"第{self.paragraphs}段"
            return f"第{self.page}版 {where}" if self.page else where
        bits = [f"p. {self.page}"] if self.page else []
        if self.section:
            bits.append(f"sec. {self.section}")
        bits.append(f"para. {self.paragraphs}")
        return ", ".join(bits)


def locator_of(doc: Document, place: Place) -> Locator:
    """Return the locator of a place: section number or title, printed label chain, paragraph, page
    (a page only where it is not the whole document's)."""
    page = place.page if place.page != doc.metadata.page else None  # a one-page document's page is in its reference
    section = place.section
    if section is None:
        return Locator(place.paragraph, page=page, last=place.last)
    chain = doc.label_chain(section) or section.title
    return Locator(place.paragraph, section.number or section.title, chain, page, place.last)
