"""The PDF source: PDFium's characters → lines, columns and reading order → hinted chunks.

The decoded text of a PDF is the text this source writes: each printed line once, in reading
order, lines ending with ``\\n`` and pages with ``\\f`` (running heads and feet first and last on
their page, footnotes after the page's body); every span (``reflow --json``, the saved place,
quotes) is an offset into that text. Lines are normalised for reading as they are written (NFC,
ligatures to letters, the tool's spaces in Chinese; never NFKC). Each chunk carries its kind
(paragraph, heading with its size rank, item, caption, footnote, furniture with its role), each
segment its page, box, size and weight; a paragraph that runs on from the foot of a column or
page to the head of the next is marked ``continues``.

A page with no text but a page-sized image is a scan; a page whose characters have no Unicode
(an embedded font without a map) is as unreadable. With the OCR extra installed such pages are
rendered and read by OCR (``image.py``: only the pages that lack text; their lines then go through
the same geometry); without it a file of nothing else is refused in one line naming the extra,
and in a mixed file such a page becomes a paragraph ``[page 3: scanned, no text layer]`` where the
page stands, so that the reader sees what is missing in the text itself, not only in metadata.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError
from reader.pipeline.chars import cjk_ratio, ends_sentence, is_cjk
from reader.pipeline.normalise import reading_edits
from reader.pipeline.text import DecodedText, rewrite
from reader.sources import folios, printout
from reader.sources.geometry import Gutter, Line, column_extent, page_blocks, page_lines, reading_order
from reader.sources.layout import Chunk, Geometry, Layout, Segment, SourceKind
from reader.sources.pdf_magic import is_pdf
from reader.sources.pdfium_text import PageText, PdfReader
from reader.sources.text import PAGE_MARK_RE
from reader.sources.typesetting import Piece, Typesetter, body_bold, body_size, heading_sizes

_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document at a time per process
CJK_SHARE = 0.3
FIRST_PAGES = 2  # the first screen of a large PDF is built from this many pages …
SCREEN_CHARS = 4000  # … or more, until they hold a screenful of text
PENDING_NOTE = "OCR is reading pages in the background"  # a model's warning while pages wait for OCR


@dataclass(slots=True)
class _Page:
    """One page as read: its lines by role, or why it has none."""

    index: int
    height: float
    lines: list[Line] = field(default_factory=list)
    rotated: list[Line] = field(default_factory=list)
    gutters: list[Gutter] = field(default_factory=list)
    status: str = "text"  # "text", "scanned", "garbled", "blank"; OCR: "pending" (not read yet), "unread" (no text found)
    folio: folios.Folio | None = None


def page_status(text: PageText) -> str:
    """What a page's text layer is: text, a scan (a page-sized image and no text), garbled
    (characters without Unicode) or blank."""
    if text.chars >= 1 and text.garbage >= max(3, 0.3 * text.chars):
        return "garbled"
    if text.chars < 20 and text.image_cover >= 0.5:
        return "scanned"
    if text.chars == 0:
        return "blank"
    return "text"


ScanReader = Callable[[bytes, str, list[Any]], Callable[[bool, float], Any] | None]
"""OCR of a PDF's pages without text (``image.ocr_pdf_pages``): it gives those pages their lines
and returns the page writer to use (None: no OCR, the pages stay placeholders)."""


def read_pdf(
    data: bytes, name: str = "document.pdf", first: int = 0, count: int | None = None, scans: ScanReader | None = None
) -> tuple[DecodedText, Layout]:
    """Read a PDF (or ``count`` of its pages from ``first`` on, and a few more while they hold less
    than a screenful of text) into its decoded text and layout; ``scans`` reads the pages that
    have no text (passed in by ``reader.sources``: the OCR source builds on this one)."""
    with _PDFIUM:
        pages, texts, metadata, total = _read_pages(data, name, first, count)
    for page, text in zip(pages, texts, strict=True):
        if page.status == "text":
            page.lines, page.rotated, page.gutters = page_lines(text.fragments)
    writer: Callable[[bool, float], _Writer] | None = None
    if scans is not None and any(p.status in ("scanned", "garbled") for p in pages):
        writer = scans(data, name, [p for p in pages if p.status in ("scanned", "garbled")])
    if not any(p.status in ("text", "pending") for p in pages):
        if any(p.status in ("scanned", "garbled") for p in pages):
            from reader.sources.ocr_engine import EXTRA

            raise ReaderError(f"{name} has no text layer (scanned pages): reading it needs OCR, an optional extra: {EXTRA}")
        if any(p.status == "unread" for p in pages):
            raise ReaderError(f"{name} has no text layer (scanned pages) and OCR found no text on them")
        raise ReaderError(f"{name} has no text")
    return _lay_out(pages, metadata, total, name, writer)


def _read_pages(data: bytes, name: str, first: int, count: int | None) -> tuple[list[_Page], list[PageText], list[str | None], int]:
    """PDFium's part: the pages' text (from ``first``, ``count`` of them, and on until one has
    text), every page's /PageLabels entry, and the page count."""
    reader = PdfReader(data, name)
    try:
        total = len(reader)
        stop = total if count is None else min(total, first + count)
        pages: list[_Page] = []
        texts: list[PageText] = []
        index = first
        chars = 0
        while index < stop or (index < total and (not chars or (chars < SCREEN_CHARS and index < stop + 6))):
            text = reader.page(index)
            chars += text.chars if page_status(text) == "text" else 0
            texts.append(text)
            pages.append(_Page(index, text.height, status=page_status(text)))
            index += 1
        metadata = [reader.page_label(k) for k in range(total)]
    finally:
        reader.close()
    return pages, texts, metadata, total


def page_total(data: bytes, name: str) -> int:
    """How many pages a PDF has."""
    with _PDFIUM:
        reader = PdfReader(data, name)
        try:
            return len(reader)
        finally:
            reader.close()


def scanned_pages(data: bytes, name: str) -> list[int]:
    """The indexes of the pages that have no readable text layer (scans, garbled text)."""
    with _PDFIUM:
        reader = PdfReader(data, name)
        try:
            return [k for k in range(len(reader)) if page_status(reader.page(k)) in ("scanned", "garbled")]
        finally:
            reader.close()


def _lay_out(
    pages: list[_Page],
    metadata: list[str | None],
    total: int,
    name: str,
    writer: Callable[[bool, float], _Writer] | None = None,
) -> tuple[DecodedText, Layout]:
    """Furniture, page labels, blocks in reading order, pieces → the text and its layout
    (``writer``: makes the page writer from (Chinese?, body size); OCR's writes recognised lines)."""
    text_pages = [p for p in pages if p.status == "text"]
    repeated = folios.repeating([p.lines for p in text_pages], [p.height for p in text_pages])
    candidates = [folios.find_folios(p.lines, p.height) for p in text_pages]
    for page, folio in zip(text_pages, folios.choose_folios(candidates), strict=True):
        page.folio = folio
    printed: list[str | None] = [None] * total
    for page in text_pages:
        if page.folio is not None:
            printed[page.index] = page.folio.label
    labels = folios.page_labels(printed, metadata)
    body = [ln for p in text_pages for ln in p.lines if folios.in_band(ln, p.height) is None]
    size = body_size(body or [ln for p in text_pages for ln in p.lines])
    setter = Typesetter(size, body_bold(body, size), heading_sizes(body, size))
    sample = " ".join(ln.text for p in text_pages[:20] for ln in p.lines)[:20000]
    out = (writer or _Writer)(cjk_ratio(sample) >= CJK_SHARE, size)
    out.pages = len(text_pages)
    for page in pages:
        out.page(page, setter, repeated, labels[page.index])
    return out.finish(labels, name)


class _Writer:
    """Writes the decoded text and its chunks, page by page."""

    kind: SourceKind = "pdf"

    def __init__(self, cjk: bool, body: float) -> None:
        self.cjk = cjk
        self.body = body
        self.parts: list[str] = []
        self.length = 0
        self.chunks: list[Chunk] = []
        self.deferred: list[Chunk] = []  # furniture, notes and captions waiting for a paragraph to end
        self.marks: list[Chunk] = []  # jump lines found in the piece being written
        self.open: tuple[Piece, float, float] | None = None  # the last paragraph: piece, block x0, x1
        self.pages_done = 0
        self.pages = 1  # pages with text in the document
        self.sheet = self.open_sheet = 0
        self.scanned: list[int] = []
        self.pending = 0  # pages OCR has still to read

    def write(self, text: str, sheet: int, line: Line | None) -> Segment:
        """Write one line; return its segment."""
        text = _normalise(text, self.cjk)
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        seg = Segment(start, start + len(text), text, line_start=True, sheet=sheet)
        if line is not None:
            seg.geometry = Geometry((line.x0, line.y0, line.x1, line.y1), line.size, line.bold)
        return seg

    def page(self, page: _Page, setter: Typesetter, repeated: dict[int, int], label: str) -> None:
        """Write one page: its top band, body in reading order, notes, bottom band, margins."""
        if self.pages_done:
            self.parts.append("\f")
            self.length += 1
        self.pages_done += 1
        self.sheet = page.index
        if page.status != "text":
            self._placeholder(page, label)
            return
        folio_line = page.folio.line if page.folio is not None else None
        top: list[tuple[Line, str]] = []
        bottom: list[tuple[Line, str]] = []
        body: list[Line] = []
        for line in page.lines:
            band = folios.in_band(line, page.height)
            role = None
            if band is not None:
                role = self._band_role(line, band, folio_line, repeated)
            if role is None:
                body.append(line)
            else:
                (top if band == "top" else bottom).append((line, role))
        for line, role in top:
            self.deferred.append(self._furniture(line, page, role, folio_line))
        notes: list[tuple[Piece, float, float]] = []
        page_left = min((ln.x0 for ln in body), default=0.0)
        page_right = max((ln.x1 for ln in body), default=0.0)
        blocks = page_blocks(body)
        extents = {id(b): column_extent(b, page.gutters, page_left, page_right) for b in blocks}
        for block in reading_order(blocks):
            left, right = extents[id(block)]
            for k, piece in enumerate(setter.pieces(block, page.height)):
                if piece.hint == "footnote":
                    notes.append((piece, block.x0, block.x1))
                    continue
                if k == 0 and piece.hint == "paragraph":
                    piece.continues = self._continues(piece, left)
                    if piece.continues and self.open is not None:
                        piece.hint = self.open[0].hint  # an item goes on in the next column too
                if not piece.continues and self._interrupts(piece):
                    chunk = self._chunk(piece, page.index, block.x0)
                    self.deferred.extend([chunk, *self.marks] if chunk.segments else self.marks)
                    self.marks = []
                    continue
                self._emit(piece, page.index, left, right)
        for piece, x0, _x1 in notes:
            self.deferred.append(self._chunk(piece, page.index, x0))
            self.deferred.extend(self.marks)
            self.marks = []
        for line, role in bottom:
            self.deferred.append(self._furniture(line, page, role, folio_line))
        for line in page.rotated:
            chunk = Chunk(hint="furniture")
            seg = self.write(line.text, page.index, line)
            seg.role = "margin"
            chunk.segments.append(seg)
            self.deferred.append(chunk)

    def _band_role(self, line: Line, band: str, folio: Line | None, repeated: dict[int, int]) -> str | None:
        """The furniture role of a line in the top or bottom band, if it is furniture."""
        if folio is not None and any(f in folio.fragments for f in line.fragments):
            return "page-number" if len(line.fragments) == len(folio.fragments) else "running-head"
        if band == "top" and line.size <= 0.95 * self.body and not _looks_heading(line, self.body):
            return "running-head"  # small type above the text: a running head even where none repeats
        if printout.browser_line([piece.text for piece in folios.band_pieces(line)]):
            return "running-head" if band == "top" else "running-foot"  # a browser's header or footer
        pages = repeated.get(id(line), 0)
        # on most pages, or set no larger than the text (a chapter's title atop some pages is larger)
        if pages >= max(2, self.pages / 2) or (pages and line.size <= 1.15 * self.body):
            return "running-head" if band == "top" else "running-foot"
        return None

    def _furniture(self, line: Line, page: _Page, role: str, folio: Line | None) -> Chunk:
        """A furniture chunk of one band line (a running head keeps the folio at its edge apart)."""
        chunk = Chunk(hint="furniture")
        pieces = folios.band_pieces(line) if folio is not None and role == "running-head" else [line]
        for piece in pieces:
            seg = self.write(piece.text, page.index, piece)
            is_folio = folio is not None and piece.fragments[0] in folio.fragments
            seg.role = "page-number" if is_folio else role
            if is_folio and page.folio is not None:
                seg.page = page.folio.label
            chunk.segments.append(seg)
        return chunk

    def _unfinished(self) -> Line | None:
        """The last line of the paragraph before, when that paragraph has not ended: its last line
        ends in a hyphen, or without a sentence's end (Chinese: runs to the column's edge), and
        is no short last line."""
        if self.open is None:
            return None
        last_piece, left, right = self.open
        last = last_piece.lines[-1]
        text = last.text.rstrip()
        if last_piece.hint not in ("paragraph", "item") or abs(last.size - self.body) > 0.08 * self.body:
            return None  # only running text goes on past what interrupts it
        if last.x1 < left + 0.6 * (right - left):
            return None
        if (self.cjk and is_cjk(text[-1:])) or text[-1:] in "。！？；：":
            return last if last.x1 >= right - 1.5 * last.size else None
        if text.endswith((":", "：")):
            return None  # a colon announces what follows (a list, a quotation) as its own block
        return last if text.endswith("-") or not ends_sentence(text) else None

    def _continues(self, piece: Piece, x0: float) -> bool:
        """Whether a block's first paragraph goes on with the paragraph before it (across a column,
        a page, or a figure): that one has not ended, and this one's first line is set alike and
        not indented."""
        last = self._unfinished()
        if last is None or self.open is None:
            return False
        first = piece.lines[0]
        if abs(first.size - last.size) > 0.08 * last.size or first.bold != last.bold:
            return False
        left = self.open[1]
        indented = len(piece.lines) > 1 and first.x0 > piece.lines[1].x0 + 0.6 * first.size
        if (indented or first.x0 > x0 + 0.6 * first.size) and abs((first.x0 - x0) - (last.x0 - left)) > 0.6 * first.size:
            return False  # a first-line indent: a new paragraph
        return True

    def _interrupts(self, piece: Piece) -> bool:
        """Whether ``piece`` stands inside a paragraph that has not ended (a caption, a masthead, a
        pull quote set in other type between the foot of one column and the head of the next):
        it is read after that paragraph."""
        last = self._unfinished()
        if last is None:
            return False
        if piece.hint == "heading" and self.open is not None and self.open_sheet != self.sheet:
            return False  # a heading at the head of a new page opens something new
        first = piece.lines[0]
        if piece.hint in ("heading", "caption", "preformatted"):
            return True
        return abs(first.size - last.size) > 0.08 * last.size or first.bold != last.bold

    def _chunk(self, piece: Piece, sheet: int, x0: float) -> Chunk:
        """Write a piece's lines as one chunk."""
        chunk = Chunk(hint=piece.hint, level=piece.level, continues=piece.continues)
        for line in piece.lines:
            seg = self.write(line.text, sheet, line)
            seg.indent = line.x0 > x0 + 0.6 * line.size
            mark = PAGE_MARK_RE.search(seg.text) if "版" in seg.text else None
            if mark is not None:  # a jump line (下转第2版): where the article goes on, as metadata
                jump = Chunk(hint="furniture")
                role = "continued-from" if mark.group(1) in ("上接", "接上", "紧接", "接第") else "continued-on"
                cut = Segment(seg.start + mark.start(), seg.start + mark.end(), mark.group(), role=role, page=mark.group(2))
                cut.sheet, cut.line_start = sheet, True
                jump.segments.append(cut)
                self.marks.append(jump)
                rest = seg.text[: mark.start()].rstrip()
                if not rest:
                    continue
                seg.text, seg.end = rest, seg.start + len(rest)
            chunk.segments.append(seg)
        return chunk

    def _emit(self, piece: Piece, sheet: int, x0: float, x1: float) -> None:
        """Add a body piece; what waited for the paragraph before it to end follows that paragraph."""
        chunk = self._chunk(piece, sheet, x0)
        if self.marks:
            self.deferred.extend(self.marks)
            self.marks = []
        if not chunk.segments:
            return
        if not piece.continues:
            self.chunks.extend(self.deferred)
            self.deferred = []
        self.chunks.append(chunk)
        self.open = (piece, x0, x1) if piece.hint in ("paragraph", "item") else None
        self.open_sheet = sheet

    def _placeholder(self, page: _Page, label: str) -> None:
        """A paragraph standing for a page that has no readable text."""
        what = "scanned, no text layer" if page.status == "scanned" else "its text layer has no readable characters"
        if page.status == "pending":
            what = "its text is being recognised (OCR)"
        elif page.status == "unread":
            what = "scanned, OCR found no text"
        if page.status == "blank":
            return
        if page.status == "pending":
            self.pending += 1
        else:
            self.scanned.append(page.index)
        chunk = Chunk(hint="paragraph")
        chunk.segments.append(self.write(f"[page {label}: {what}]", page.index, None))
        self.chunks.extend(self.deferred)
        self.deferred = []
        self.chunks.append(chunk)
        self.open = None

    def finish(self, labels: list[str], name: str) -> tuple[DecodedText, Layout]:
        """The decoded text and the layout."""
        self.chunks.extend(self.deferred)
        self.deferred = []
        for k, chunk in enumerate(self.chunks):
            for seg in chunk.segments:
                seg.chunk = k
                seg.latin = not self.cjk
        warnings: tuple[str, ...] = ()
        if self.scanned:
            shown = ", ".join(labels[k] for k in self.scanned[:8]) + (" …" if len(self.scanned) > 8 else "")
            from reader.sources.ocr_engine import EXTRA, available

            hint = "" if available() else f" (OCR reads them: {EXTRA})"
            warnings = (f"{len(self.scanned)} page(s) have no readable text layer (scanned?): {shown}{hint}",)
        if self.pending:
            warnings = (*warnings, f"{PENDING_NOTE}: {self.pending} page(s)")
        decoded = DecodedText("".join(self.parts), self.kind, warnings)
        layout = Layout(self.chunks, 0.0, self.cjk, 0, kind=self.kind, page_labels=list(labels))
        return decoded, layout


def _looks_heading(line: Line, body: float) -> bool:
    """Bold type near the body's size (a masthead's name, a section head) rather than a head line."""
    return line.bold and line.size >= 0.85 * body


def _normalise(text: str, cjk: bool) -> str:
    """One line made plain for reading: NFC, ligatures, the tool's spaces in Chinese."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        edits = reading_edits(text, cjk, cjk_spaces=cjk)
        if edits:
            text, _map = rewrite(text, edits)
    return text.strip()


# the page reading the image source (OCR) shares
Page = _Page
PageWriter = _Writer
PDFIUM_LOCK = _PDFIUM
lay_out_pages = _lay_out

__all__ = [
    "FIRST_PAGES",
    "PDFIUM_LOCK",
    "PENDING_NOTE",
    "Page",
    "PageWriter",
    "is_pdf",
    "lay_out_pages",
    "page_status",
    "page_total",
    "read_pdf",
    "scanned_pages",
]
