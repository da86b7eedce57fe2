"""Sources: one adapter per input format, each turning bytes into the one layout type.

``read_source`` picks the adapter by what the bytes are (and, for Markdown, the file's name):
PDF (``pdf.py``: ``%PDF-`` in the first kilobyte, whatever the name), page images (``image.py``:
PNG, JPEG, TIFF, WebP by their first bytes; OCR), text (``text.py``),
Markdown (``markdown.py``). Each returns the decoded text (offsets map back to
the file) and the layout the pipeline reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reader.errors import ReaderError
from reader.pipeline.text import DecodedText
from reader.sources import parts
from reader.sources.image_magic import image_kind
from reader.sources.layout import Layout, LayoutPart
from reader.sources.markdown import looks_like_markdown, markdown_layout
from reader.sources.parts import text_parts
from reader.sources.pdf_magic import is_pdf
from reader.sources.text import decode_for_reading, text_layout


@dataclass(frozen=True, slots=True)
class TextFacts:
    """What decoding a text found out: Chinese or not, spaces as line breaks, Markdown."""

    cjk: bool
    space_lines: bool
    markdown: bool


def decode_source(data: bytes, name: str = "") -> tuple[DecodedText, TextFacts]:
    """Decode a text document (plain or Markdown) and normalise it for reading."""
    head = data[:65536].decode("utf-8", "ignore")
    markdown = looks_like_markdown(head, name)
    decoded, cjk, space_lines = decode_for_reading(data, markdown=markdown)
    return decoded, TextFacts(cjk, space_lines, markdown)


def lay_out_text(text: str, facts: TextFacts) -> Layout:
    """The layout of decoded text (all of it, or a window of it) by the adapter it needs."""
    if facts.markdown:
        return markdown_layout(text, facts.cjk)
    return text_layout(text, facts.cjk, facts.space_lines)


def read_source(data: bytes, name: str = "", pages: int | None = None) -> tuple[DecodedText, Layout]:
    """Decode ``data`` and lay it out with the adapter its format needs (``pages``: of a PDF, read
    only the first so many, for a first screen)."""
    if is_pdf(data):
        from reader.sources.image import ocr_pdf_pages  # (OCR of the pages without text, when installed)
        from reader.sources.pdf import read_pdf

        return read_pdf(data, _display_name(name), 0, pages, ocr_pdf_pages)
    if image_kind(data) is not None:
        from reader.sources.image import read_image

        return read_image(data, name or "page image", pages)
    if name.lower().endswith(".pdf"):  # named a PDF, but something else: say so, not "not text"
        raise ReaderError(f"{_display_name(name)} is not a PDF (it does not begin with %PDF-)")
    decoded, facts = decode_source(data, name)
    return decoded, lay_out_text(decoded.text, facts)


def read_source_parts(
    data: bytes, name: str = "", pages: int | None = None, part_size: int | None = None
) -> tuple[DecodedText, Iterator[LayoutPart]]:
    """As ``read_source``, with the layout as parts: one for most documents, several for a long
    plain text, each laid out only when asked for (see ``parts.py``)."""
    if is_pdf(data) or image_kind(data) is not None or name.lower().endswith(".pdf"):
        decoded, layout = read_source(data, name, pages)
        return decoded, iter([LayoutPart(0, 0, layout)])
    decoded, facts = decode_source(data, name)
    if facts.markdown:  # (a Markdown block may not be cut: a fence, a list, a table)
        return decoded, iter([LayoutPart(0, 0, lay_out_text(decoded.text, facts))])
    return decoded, text_parts(decoded.text, lambda text: lay_out_text(text, facts), part_size or parts.PART_CHARS)


def _display_name(name: str) -> str:
    """The file's name as errors show it (as the user gave it, like every other error)."""
    return name or "document.pdf"


__all__ = ["TextFacts", "decode_source", "is_pdf", "lay_out_text", "read_source", "read_source_parts"]
