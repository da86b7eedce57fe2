"""PDFium (pypdfium2) access: open a PDF and read each page's characters into fragments.

A *fragment* is a run of characters that PDFium gives one after another on one baseline with no
gap wider than a word space: a line, or the part of a line on one side of a column gutter or a
tab stop. Each carries its box (top-down page coordinates in points), its type size (the font
size times the text matrix's scale), whether it is bold and whether it is set rotated. The
geometry module decides lines, columns and reading order from them.

Every PDFium call is made from the thread that opened the document (pypdfium2 is not thread-safe);
the background build runs in the helper process, where it has PDFium to itself.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError
from reader.sources.geometry import Fragment

_BOLD_NAME_RE = re.compile(r"bold|black|heavy|semibold|demibold|hei(?:ti)?\b|黑体|粗", re.I)
_FORCE_BOLD = 0x40000  # the font descriptor's ForceBold flag
_FAKE_BOLD_MODES = (2, 6)  # fill then stroke: the glyphs thickened by their outline (fake bold)
# Symbol-font code points PDFs map into the private-use area: what they print
_SYMBOL_TABLE = {0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF0FC: "✓", 0xF06E: "■", 0xF0A8: "□", 0xF02D: "-", 0xF0E0: "→"}
# characters that are no text: private use (what no Symbol mapping took), U+FFFD, controls
_GARBAGE_RE = re.compile("[\ue000-\uf8ff\ufffd\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f]")
_SPACE_RE = re.compile(r"\s")
_WORD_RE = re.compile("[^\\s\ufffe\x02]+[\ufffe\x02]?|[\ufffe\x02]")
WORD_GAP = 0.6  # a gap wider than this many ems (after no space) ends a fragment
SPACED_GAP = 1.0  # … after a space character (justified lines stretch their word spaces)


@dataclass(slots=True)
class PageText:
    """What one page yields: its size, its fragments and how much of it is a picture of text."""

    width: float
    height: float
    fragments: list[Fragment] = field(default_factory=list)
    chars: int = 0  # printed characters (not spaces)
    garbage: int = 0  # characters with no real Unicode (private use, U+FFFD, controls)
    image_cover: float = 0.0  # share of the page covered by its largest image


class _Style:
    """What a text object says about its characters: size, weight, rotation."""

    __slots__ = ("bold", "rotated", "size")

    def __init__(self, size: float, bold: bool, rotated: bool) -> None:
        self.size = size
        self.bold = bold
        self.rotated = rotated


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A ctypes prototype of a PDFium function that returns plain Python values (pointer results
    as integers: comparing them needs no casts)."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise OSError("PDFium function not found")
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


class PdfReader:
    """An open PDF: page count, page labels, and each page's fragments."""

    def __init__(self, data: bytes, name: str) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        self.raw = raw
        self.name = name
        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code == raw.FPDF_ERR_PASSWORD:
                raise ReaderError(f"{name} is encrypted: it needs a password") from None
            if code == raw.FPDF_ERR_SECURITY:
                raise ReaderError(f"{name} uses an encryption this reader does not support") from None
            raise ReaderError(f"{name} is a damaged PDF (PDFium could not open it)") from None
        self._text_object = _fast(raw.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        self._loose_box = _fast(raw.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
        self._rect = raw.FS_RECTF()
        self._rect_at = ctypes.addressof(self._rect)

    def __len__(self) -> int:
        return len(self.pdf)

    def close(self) -> None:
        """Release the document."""
        self.pdf.close()

    def page_label(self, index: int) -> str | None:
        """The page's label from the PDF's /PageLabels (None when it has none)."""
        try:
            label = self.pdf.get_page_label(index)
        except Exception:
            return None
        return label.strip() or None

    def page(self, index: int) -> PageText:
        """Read page ``index``: its characters as fragments (see the module's docstring)."""
        try:
            page = self.pdf[index]
        except Exception:
            raise ReaderError(f"{self.name}: page {index + 1} is damaged (PDFium could not load it)") from None
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                out = self._read(textpage, width, height)
            finally:
                textpage.close()
            if out.chars < 20:
                out.image_cover = self._image_cover(page, width, height)
            return out
        finally:
            page.close()

    def _style(self, obj: int, cache: dict[int, _Style]) -> _Style:
        """The style of text object ``obj`` (cached per object)."""
        style = cache.get(obj)
        if style is not None:
            return style
        raw = self.raw
        handle = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
        size = ctypes.c_float(0.0)
        raw.FPDFTextObj_GetFontSize(handle, size)
        matrix = raw.FS_MATRIX()
        raw.FPDFPageObj_GetMatrix(handle, matrix)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        scale = abs(a * d - b * c) ** 0.5 or 1.0
        rotated = abs(b) > abs(a) or a < 0
        font = raw.FPDFTextObj_GetFont(handle)
        bold = raw.FPDFTextObj_GetTextRenderMode(handle) in _FAKE_BOLD_MODES
        if font and not bold:
            weight = raw.FPDFFont_GetWeight(font)
            flags = raw.FPDFFont_GetFlags(font)
            buf = ctypes.create_string_buffer(128)
            raw.FPDFFont_GetBaseFontName(font, buf, 128)
            fontname = buf.value.decode("latin-1", "replace")
            bold = weight >= 600 or bool(flags & _FORCE_BOLD) or bool(_BOLD_NAME_RE.search(fontname))
        style = _Style(round(size.value * scale, 1), bold, rotated)
        cache[obj] = style
        return style

    def _read(self, textpage: Any, width: float, height: float) -> PageText:
        """The fragments of one text page, in PDFium's order, a word at a time: PDFium's own text
        breaks lines (``\\r\\n``) and words (spaces, some of them made up where it saw a gap); a
        word's box is its first and last characters' (one style: one text object), a word whose
        characters change style or run backwards is read a character at a time."""
        raw_page = textpage.raw
        count = self.raw.FPDFText_CountChars(raw_page)
        out = PageText(width, height)
        if count <= 0:
            return out
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters PDFium counts but cannot give as text: ask one by one
            text = "".join(chr(self.raw.FPDFText_GetUnicode(raw_page, i) or 0xFFFD) for i in range(count))
        text = text.translate(_SYMBOL_TABLE)
        out.garbage = len(_GARBAGE_RE.findall(text))
        out.chars = count - len(_SPACE_RE.findall(text))
        rect, rect_at, loose_box, text_object = self._rect, self._rect_at, self._loose_box, self._text_object
        styles: dict[int, _Style] = {}
        builder = _FragmentBuilder(height, out.fragments)
        pos = 0
        for m in _WORD_RE.finditer(text):
            i0, i1 = m.span()
            if i0 > pos:
                between = text[pos:i0]
                if "\n" in between or "\r" in between:
                    builder.end()
                else:
                    builder.space()
            pos = i1
            word = m.group()
            last = i1 - 1
            if word[-1] in "\ufffe\x02":  # PDFium's mark of a soft hyphen at a line end
                word = word[:-1] + "-"
            obj = text_object(raw_page, i0)
            if not obj:
                continue
            style = self._style(obj, styles)
            if last == i0:
                loose_box(raw_page, i0, rect_at)
                builder.add(word, rect.left, rect.top, rect.right, rect.bottom, style, 1)
                continue
            if text_object(raw_page, last) == obj and not style.rotated:
                loose_box(raw_page, i0, rect_at)
                left, top, bottom = rect.left, rect.top, rect.bottom
                loose_box(raw_page, last, rect_at)
                if rect.right >= left and abs(rect.bottom - bottom) < 0.3 * (style.size or 10):
                    builder.add(word, left, max(top, rect.top), rect.right, min(bottom, rect.bottom), style, len(word))
                    continue
            for k, ch in enumerate(word):  # style changes inside the word: one character at a time
                obj_k = text_object(raw_page, i0 + k)
                if not obj_k:
                    continue
                loose_box(raw_page, i0 + k, rect_at)
                builder.add(ch, rect.left, rect.top, rect.right, rect.bottom, self._style(obj_k, styles), 1)
        builder.end()
        return out

    def _image_cover(self, page: Any, width: float, height: float) -> float:
        """The share of the page the largest image covers (a scanned page is one big image)."""
        raw = self.raw
        best = 0.0
        area = max(width * height, 1.0)
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        for k in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, k)
            if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_IMAGE:
                continue
            if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                w = min(right.value, width) - max(left.value, 0.0)
                h = min(top.value, height) - max(bottom.value, 0.0)
                if w > 0 and h > 0:
                    best = max(best, w * h / area)
        return best


class _FragmentBuilder:
    """Gathers characters into fragments as PDFium gives them."""

    def __init__(self, height: float, out: list[Fragment]) -> None:
        self.height = height
        self.out = out
        self.chars: list[str] = []
        self.x0 = self.y0 = self.x1 = self.y1 = 0.0
        self.base = 0.0
        self.size = 0.0
        self.sizes: dict[float, int] = {}
        self.bold = 0
        self.letters = 0
        self.rotated = False
        self.first_bold = False
        self.last_space = False

    def add(self, text: str, left: float, top: float, right: float, bottom: float, style: _Style, letters: int) -> None:
        """Add a word or a character (PDF coordinates: y upwards) of ``letters`` characters."""
        y0, y1 = self.height - top, self.height - bottom
        size = style.size or (y1 - y0) or 1.0
        if self.chars:
            if style.rotated != self.rotated:
                self.end()
            elif style.rotated:
                if abs(left - self.x0) > 0.5 * size and abs(right - self.x1) > 0.5 * size:
                    self.end()
            else:
                em = size if size > self.size else self.size
                gap = left - self.x1
                limit = (SPACED_GAP if self.last_space else WORD_GAP) * em
                if abs(y1 - self.base) > 0.45 * em or gap > limit or left < self.x1 - 0.6 * em - (right - left) / letters:
                    self.end()
        if not self.chars:
            self.x0, self.y0, self.x1, self.y1 = left, y0, right, y1
            self.base = y1
            self.size = size
            self.rotated = style.rotated
            self.first_bold = style.bold
        else:
            if left < self.x0:
                self.x0 = left
            if y0 < self.y0:
                self.y0 = y0
            if right > self.x1:
                self.x1 = right
            if y1 > self.y1:
                self.y1 = y1
            if not style.rotated:
                self.base = y1
        self.chars.append(text)
        self.sizes[size] = self.sizes.get(size, 0) + letters
        if style.bold:
            self.bold += letters
        self.letters += letters
        self.last_space = False

    def space(self) -> None:
        """A word space (the gap itself still decides a split)."""
        if self.chars and self.chars[-1] != " ":
            self.chars.append(" ")
            self.last_space = True

    def end(self) -> None:
        """Close the fragment being gathered."""
        if not self.chars:
            return
        text = "".join(self.chars).rstrip()
        letters = self.letters
        if text:
            size = max(self.sizes.items(), key=lambda kv: kv[1])[0]
            self.out.append(
                Fragment(
                    text,
                    self.x0,
                    self.y0,
                    self.x1,
                    self.y1,
                    size,
                    self.bold >= 0.9 * letters,
                    self.rotated,
                    starts_bold=self.first_bold,
                )
            )
        self.chars = []
        self.sizes = {}
        self.bold = 0
        self.letters = 0
        self.last_space = False
