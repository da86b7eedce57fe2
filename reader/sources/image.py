"""The image source: page images (PNG, JPEG, TIFF with its pages, WebP) and scanned PDF pages → OCR
→ lines with boxes → the PDF source's geometry and page writer → the one layout type.

One pipeline: the engine's lines (``ocr_engine``) become *fragments* — a line cut where a wide gap
between its characters shows a column gutter — with a type size read from the print: for Chinese
the advance from one character to the next (a Chinese character is one em wide), else the line's
height. Sizes within an eighth of the body size are the body size (the engine's boxes wobble by a
pixel or two; a heading is set larger than that). From there the PDF source's code does the
reading: rows, gutters and columns, reading order, paragraphs across columns and pages, headings
by size, furniture by position, printed folios (``geometry``, ``typesetting``, ``folios``,
``pdf``). Coordinates are points: pixels times 72 / the image's dpi, or, where the file names none,
scaled so that body text is 10 pt.

The decoded text of an image is the text the source writes (as for a PDF). OCR's own confusions
are repaired as it is written (``ocr_repair``) and each repair is kept in ``Layout.repairs`` (the
text as recognised can be shown); characters read with little confidence are listed in
``Layout.doubtful``. Both are offsets into the decoded text; the pipeline turns them into each
block's ``edits`` and ``doubtful`` spans.

OCR runs page by page, each page's result cached by the file's content hash (``ocr_cache``).
``ocr_mode("cached")`` makes the sources use only what is cached (a page not yet read becomes a
placeholder paragraph): the TUI's first screen never waits for the engine; its helper process
reads the pages (``recognise_pages``) and reports each one.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from reader.errors import ReaderError
from reader.pipeline.chars import is_cjk
from reader.pipeline.text import DecodedText, rewrite
from reader.sources import ocr_engine
from reader.sources.geometry import Fragment, Line, page_lines
from reader.sources.image_magic import image_kind
from reader.sources.layout import Geometry, Layout, Segment
from reader.sources.ocr_engine import OcrPage, recognise, require
from reader.sources.ocr_repair import DOUBT, repairs

MAX_PIXELS = 60_000_000  # a page image larger than this is refused (a decompression bomb, not a page)
SCAN_DPI = 200  # scanned PDF pages are rendered at this resolution for OCR (see the README's measurements)
BODY_POINTS = 10.0  # body text's size where an image names no resolution
SNAP = 0.12  # a line within this share of the body size is set in the body size …
LATIN_SNAP = 0.25  # … or this share, where the size comes from a Latin line's height …
SHORT_SNAP = 0.5  # … or a short Chinese line's (the engine pads a short line's box more)
BODY_HEIGHT = 1.1  # a line box no taller than this share of the page's median is of the body's height
SPLIT_EMS = 2.0  # characters further apart than this (centre to centre, in ems) stand in different columns
_MODE: ContextVar[str] = ContextVar("ocr_mode", default="run")


@contextlib.contextmanager
def ocr_mode(mode: str) -> Iterator[None]:
    """Within the block, sources OCR pages (``"run"``) or use only cached pages (``"cached"``)."""
    token = _MODE.set(mode)
    try:
        yield
    finally:
        _MODE.reset(token)


def content_key(data: bytes) -> str:
    """The OCR cache key of a file: its content hash (the same as the reading state's)."""
    from reader.source import content_hash

    return content_hash(data)


# -- page images --------------------------------------------------------------


def _open(data: bytes, name: str) -> Any:
    """The file opened by PIL (errors: one line)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    name = _named(name)
    try:
        image = Image.open(io.BytesIO(data))
        image.size  # noqa: B018 - the header is read here
    except Image.DecompressionBombError:
        raise ReaderError(f"{name} is too large an image (over {MAX_PIXELS // 1_000_000} million pixels)") from None
    except Exception:
        raise ReaderError(f"{name} is a damaged image (it cannot be decoded)") from None
    return image


def page_count(data: bytes, name: str) -> int:
    """How many pages an image file holds (a TIFF may hold several)."""
    return max(1, getattr(_open(data, name), "n_frames", 1))


def page_image(data: bytes, name: str, index: int) -> Any:
    """Page ``index`` of an image file, upright by its EXIF orientation, as RGB."""
    from PIL import Image, ImageOps

    image = _open(data, name)
    name = _named(name)
    try:
        image.seek(index)
        page = ImageOps.exif_transpose(image)
        page.load()
        return page.convert("RGB") if page.mode != "RGB" else page
    except Image.DecompressionBombError:
        raise ReaderError(f"{name} is too large an image (over {MAX_PIXELS // 1_000_000} million pixels)") from None
    except Exception:
        raise ReaderError(f"{name}: page {index + 1} is damaged (it cannot be decoded)") from None


def _dpi(data: bytes, name: str) -> float:
    """The resolution the file names (0 when none or an implausible one, as 72 usually is)."""
    dpi = _open(data, name).info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return 0.0
    return value if 100 <= value <= 2400 else 0.0


# -- OCR with its cache ----------------------------------------------------------


def cached_page(key: str, index: int) -> OcrPage | None:
    """A page's OCR from the cache (None when it has not been read)."""
    from reader.sources.ocr_cache import load_page

    return load_page(key, index)


def read_page(key: str, index: int, image: Callable[[], Any]) -> OcrPage:
    """A page's OCR: from the cache, else read now (``image`` gives the page) and cached."""
    from reader.sources.ocr_cache import save_page

    found = cached_page(key, index)
    if found is not None:
        return found
    page = recognise(image())
    save_page(key, index, page)
    return page


def recognise_pages(
    data: bytes, name: str, order: list[int] | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """OCR every page of an image file or every page without text of a PDF that is not cached yet,
    in ``order`` first (then the rest in page order), telling ``progress(done, total)`` after each;
    returns how many pages needed OCR. The sources then find every page in the cache."""
    key = content_key(data)
    if image_kind(data) is not None:
        require(_named(name))
        total = page_count(data, name)
        todo = list(range(total))
        source: Callable[[int], Any] = lambda k: page_image(data, name, k)  # noqa: E731
    else:
        from reader.sources.pdf import scanned_pages

        todo = scanned_pages(data, name)
        if not todo or not ocr_engine.available():
            return 0
        key = f"{key}@{SCAN_DPI}"
        source = lambda k: render_pdf_page(data, name, k)  # noqa: E731
    first = [k for k in (order or []) if k in todo]
    todo = first + [k for k in todo if k not in first]
    for done, index in enumerate(todo, 1):
        read_page(key, index, functools.partial(source, index))
        if progress is not None:
            progress(done, len(todo))
    return len(todo)


def render_pdf_page(data: bytes, name: str, index: int, dpi: float = SCAN_DPI) -> Any:
    """A PDF page rendered to a greyscale image for OCR (PDFium behind the PDF source's lock)."""
    import pypdfium2 as pdfium

    from reader.sources.pdf import PDFIUM_LOCK

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[index]
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                image = bitmap.to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
    return image.convert("RGB")


# -- OCR lines → fragments --------------------------------------------------------


def _em(page: OcrPage, k: int, body_height: float) -> tuple[float, float]:
    """The type size (pixels) of line ``k`` and how surely it is known (the share by which it may
    be off): the advance between neighbouring Chinese characters where the line has a run of them
    (one em each, more in a justified line of the body's height: then no more than its height
    says), else its height (the engine's box is about 1.2 ems tall, less where a Latin
    line lacks ascenders or descenders, which its box barely shows). ``body_height``: the
    median height of the page's line boxes."""
    line = page.lines[k]
    height = line.box[3] - line.box[1]
    chars = line.chars
    advances = [
        (b.x0 + b.x1 - a.x0 - a.x1) / 2
        for a, b in itertools.pairwise(chars)
        if is_cjk(a.text) and is_cjk(b.text) and a.text.isalpha() and b.text.isalpha()
    ]
    if len(advances) >= 3:
        advances.sort()
        em = advances[len(advances) // 2]
        if height <= BODY_HEIGHT * body_height:  # a line of the body's height set justified
            em = min(em, height / 1.15)  # spreads its characters: its height says more (a heading's box is taller)
        if 0.6 * height <= em <= 1.4 * height:
            return em, SNAP
    if any(is_cjk(ch) for ch in line.text):
        return height / 1.15, SNAP if len(line.text) > 6 else SHORT_SNAP
    return height / 1.22, LATIN_SNAP


def _median_height(page: OcrPage) -> float:
    """The median height of the page's line boxes (most lines are the body's)."""
    heights = sorted(ln.box[3] - ln.box[1] for ln in page.lines)
    return heights[len(heights) // 2] if heights else 0.0


def _snap(sizes: list[tuple[float, float]], weights: list[int]) -> list[float]:
    """The sizes gathered into the sizes the page is set in: the most used size (by characters)
    takes every line within its margin, the next most used of those left the same, and so on;
    each line gets its group's mean. The engine's boxes wobble by a pixel or two between lines
    set alike (two lines of one heading must come out the same), a heading is set larger."""
    votes: dict[int, int] = {}
    for (size, _margin), weight in zip(sizes, weights, strict=True):
        votes[round(size)] = votes.get(round(size), 0) + weight
    group = [-1] * len(sizes)
    centres: list[float] = []
    for peak in sorted(votes, key=lambda s: -votes[s]):
        members = [
            k for k, (size, margin) in enumerate(sizes) if group[k] < 0 and abs(size - peak) <= max(margin, SNAP) * peak
        ]
        if not members:
            continue
        for k in members:
            group[k] = len(centres)
        total = sum(weights[k] for k in members) or len(members)
        centres.append(sum(sizes[k][0] * (weights[k] or 1) for k in members) / total)
    return [centres[g] if g >= 0 else size for g, (size, _m) in zip(group, sizes, strict=True)]


@dataclass(frozen=True, slots=True)
class Marks:
    """What OCR knows of a fragment's characters: each one's confidence, and where a drawn dash
    was read as 一一 (offsets in the fragment's text)."""

    confidences: list[float]
    dashes: tuple[int, ...] = ()


def page_fragments(page: OcrPage, scale: float) -> tuple[list[Fragment], dict[int, Marks]]:
    """A page's lines as fragments (in points: pixels × ``scale``), each line cut where its
    characters stand a column gutter apart; and each fragment's marks (by the fragment's id)."""
    body_height = _median_height(page)
    sizes = _snap([_em(page, k, body_height) for k in range(len(page.lines))], [len(ln.text) for ln in page.lines])
    frags: list[Fragment] = []
    marks: dict[int, Marks] = {}
    for line, em in zip(page.lines, sizes, strict=True):
        spots = [k for k, ch in enumerate(line.text) if not ch.isspace()]
        chars = line.chars if len(line.chars) == len(spots) else ()
        cuts = [0]
        for k in range(1, len(chars)):
            a, b = chars[k - 1], chars[k]
            if (b.x0 + b.x1 - a.x0 - a.x1) / 2 > SPLIT_EMS * em + 0.5 * (a.x1 - a.x0 + b.x1 - b.x0):
                cuts.append(k)
        cuts.append(len(spots))
        for start, end in itertools.pairwise(cuts):
            if start >= end:
                continue
            lo, hi = spots[start], spots[end - 1] + 1
            text = line.text[lo:hi]
            x0 = chars[start].x0 if chars else line.box[0]
            x1 = chars[end - 1].x1 if chars else line.box[2]
            if len(cuts) == 2:
                x0, x1 = line.box[0], line.box[2]
            frag = Fragment(text, x0 * scale, line.box[1] * scale, x1 * scale, line.box[3] * scale, round(em * scale, 2), boxed=True)
            conf = [1.0] * len(text)
            for k in range(start, end):
                conf[spots[k] - lo] = chars[k].confidence if chars else line.confidence
            marks[id(frag)] = Marks(conf, tuple(d - lo for d in line.dashes if lo <= d < hi - 1))
            frags.append(frag)
    return frags, marks


def _scale(page: OcrPage, dpi: float) -> float:
    """Points per pixel: by the resolution, else so that body text comes out at ``BODY_POINTS``."""
    if dpi:
        return 72.0 / dpi
    if not page.lines:
        return 1.0
    body_height = _median_height(page)
    ems = _snap([_em(page, k, body_height) for k in range(len(page.lines))], [len(ln.text) for ln in page.lines])
    weights: dict[float, int] = {}
    for em, line in zip(ems, page.lines, strict=True):
        weights[em] = weights.get(em, 0) + len(line.text)
    body = max(weights, key=lambda e: weights[e])
    return BODY_POINTS / body if body > 0 else 1.0


def ocr_lines(page: OcrPage, scale: float, marks: dict[int, Marks]) -> tuple[list[Line], list[Line], list[Any]]:
    """A page's lines, rotated lines and gutters by the PDF source's geometry (``marks`` gains
    its fragments' marks; the fragments live as long as the lines)."""
    frags, found = page_fragments(page, scale)
    marks.update(found)
    return page_lines(frags)


# -- the source ---------------------------------------------------------------------


def read_image(data: bytes, name: str = "page.png", pages: int | None = None) -> tuple[DecodedText, Layout]:
    """Read a page image file (OCR, or the cache) into its decoded text and layout (``pages``: only
    the first so many pages, for a first screen)."""
    from reader.sources.pdf import Page, lay_out_pages

    shown = _display(name)
    require(_named(name))
    key = content_key(data)
    total = page_count(data, name)
    dpi = _dpi(data, name)
    marks: dict[int, Marks] = {}
    out: list[Page] = []
    for index in range(total if pages is None else min(total, pages)):
        if _MODE.get() == "cached":
            ocr = cached_page(key, index)
        else:
            ocr = read_page(key, index, functools.partial(page_image, data, name, index))
        if ocr is None:
            out.append(Page(index, 0.0, status="pending"))
            continue
        scale = _scale(ocr, dpi)
        page = Page(index, ocr.height * scale)
        page.lines, page.rotated, page.gutters = ocr_lines(ocr, scale, marks)
        page.status = "text" if page.lines else "blank"
        out.append(page)
    if not any(p.status in ("text", "pending") for p in out):
        raise ReaderError(f"{_named(name)} has no text that OCR could read")
    return lay_out_pages(out, [None] * total, total, shown, writer=lambda cjk, body: OcrWriter(cjk, body, marks))


def ocr_pdf_pages(data: bytes, name: str, pages: list[Any]) -> Callable[[bool, float], Any] | None:
    """OCR the PDF pages that lack text (``pages``: the PDF source's pages): each gets its lines
    (or status ``pending`` when only the cache may be used and it has not been read); returns the
    page writer to use (None without the OCR extra: the pages stay placeholders)."""
    if not ocr_engine.available():
        return None
    key = f"{content_key(data)}@{SCAN_DPI}"
    marks: dict[int, Marks] = {}
    scale = 72.0 / SCAN_DPI
    for page in pages:
        if _MODE.get() == "cached":
            ocr = cached_page(key, page.index)
        else:
            ocr = read_page(key, page.index, functools.partial(render_pdf_page, data, name, page.index))
        if ocr is None:
            page.status = "pending"
            continue
        page.height = ocr.height * scale
        page.lines, page.rotated, page.gutters = ocr_lines(ocr, scale, marks)
        page.status = "text" if page.lines else "unread"
    return lambda cjk, body: OcrWriter(cjk, body, marks)


def ocr_json(data: bytes, name: str) -> dict[str, Any]:
    """What ``reader ocr`` prints: each page's recognised lines (text, box in pixels of the upright
    page, confidence, characters with their place along the line and confidence), in the
    engine's order; a PDF's pages that have a text layer are listed without lines."""
    from reader.sources.ocr_cache import to_json
    from reader.sources.ocr_engine import ENGINE_ID

    shown = _display(name)
    pages: list[dict[str, Any]] = []
    if image_kind(data) is not None:
        require(_named(name))
        key = content_key(data)
        total = page_count(data, name)
        for index in range(total):
            found = read_page(key, index, functools.partial(page_image, data, name, index))
            pages.append({"page": index + 1, **to_json(found)})
    else:
        from reader.sources.pdf import is_pdf, page_total, scanned_pages

        if not is_pdf(data):
            raise ReaderError(f"{_named(name)} is neither a page image (PNG, JPEG, TIFF, WebP) nor a PDF")
        scans = set(scanned_pages(data, _named(name)))
        if scans:
            require(_named(name))
        key = f"{content_key(data)}@{SCAN_DPI}"
        for index in range(page_total(data, shown)):
            if index not in scans:
                pages.append({"page": index + 1, "text_layer": True})
                continue
            found = read_page(key, index, functools.partial(render_pdf_page, data, name, index))
            pages.append({"page": index + 1, "dpi": SCAN_DPI, **to_json(found)})
    return {"source": shown, "engine": ENGINE_ID, "pages": pages}


def _display(name: str) -> str:
    """The file's own name (no directories), as the document's source and ``reader ocr`` show it."""
    return name.rsplit("/", 1)[-1] or "page image"


def _named(name: str) -> str:
    """The file as errors name it: as the user gave it, like every other one-line error."""
    return name or "page image"


def _writer_base() -> type:
    """The PDF source's page writer (imported late: the PDF source imports this module)."""
    from reader.sources.pdf import PageWriter

    return PageWriter


class OcrWriter(_writer_base()):  # type: ignore[misc]
    """The PDF page writer, writing recognised lines with OCR's repairs and doubtful characters."""

    kind = "image"

    def __init__(self, cjk: bool, body: float, marks: dict[int, Marks]) -> None:
        super().__init__(cjk, body)
        self.ocr_marks = marks
        self.repairs: list[tuple[int, int, str]] = []
        self.doubtful: list[tuple[int, int]] = []

    def write(self, text: str, sheet: int, line: Line | None) -> Segment:
        """Write one line (repaired; its repairs and doubtful characters noted); return its segment."""
        raw = text
        scores, dashes = self._marks(raw, line)
        fixes = repairs(raw, dashes)
        fixed = rewrite(raw, fixes)[0] if fixes else raw
        seg: Segment = super().write(fixed, sheet, line)
        if scores is None and not fixes:
            return seg
        # the written text differs from the recognised one only in spaces (and the repairs): the
        # n-th visible character of one is the n-th of the other
        written = [k for k, ch in enumerate(seg.text) if not ch.isspace()]
        seen = [k for k, ch in enumerate(raw) if not ch.isspace()]
        if len(written) != len(seen):
            return seg
        at = {k: n for n, k in enumerate(seen)}
        for start, _end, _new in fixes:
            if start in at:
                pos = seg.start + written[at[start]]
                self.repairs.append((pos, pos + 1, raw[start]))
        if scores is not None and line is not None:
            low = [seg.start + written[at[k]] for k in seen if scores[k] < DOUBT]
            for pos in low:
                if self.doubtful and self.doubtful[-1][1] == pos:
                    self.doubtful[-1] = (self.doubtful[-1][0], pos + 1)
                else:
                    self.doubtful.append((pos, pos + 1))
            seg.geometry = Geometry(seg.geometry.box, seg.geometry.size, seg.geometry.bold, _mean(scores)) if seg.geometry else None
        return seg

    def _marks(self, text: str, line: Line | None) -> tuple[list[float] | None, tuple[int, ...]]:
        """The confidence of each character of a line's text (None: not an OCR line) and where a
        drawn dash was read as 一一 (the line's text joins its fragments' texts, spaces between)."""
        if line is None:
            return None, ()
        scores = [1.0] * len(text)
        dashes: list[int] = []
        pos = 0
        found = False
        for frag in line.fragments:
            marks = self.ocr_marks.get(id(frag))
            at = text.find(frag.text, pos)
            if marks is None or at < 0:
                continue
            found = True
            scores[at : at + len(marks.confidences)] = marks.confidences
            dashes.extend(at + d for d in marks.dashes)
            pos = at + len(frag.text)
        return (scores if found else None), tuple(dashes)

    def finish(self, labels: list[str], name: str) -> tuple[DecodedText, Layout]:
        """The decoded text and the layout, with the repairs and doubtful characters."""
        decoded, layout = super().finish(labels, name)
        layout.repairs = list(self.repairs)
        layout.doubtful = list(self.doubtful)
        return decoded, layout


def _mean(values: list[float]) -> float:
    """The mean of a non-empty list (1.0 for an empty one)."""
    return sum(values) / len(values) if values else 1.0


__all__ = [
    "SCAN_DPI",
    "Marks",
    "OcrWriter",
    "cached_page",
    "image_kind",
    "ocr_json",
    "ocr_mode",
    "ocr_pdf_pages",
    "page_count",
    "page_fragments",
    "read_image",
    "recognise_pages",
    "render_pdf_page",
]
