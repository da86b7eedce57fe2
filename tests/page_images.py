"""Page images the OCR tests and the bench render: text set in columns with known content.

Every page is drawn here character by character with PIL, so each test knows the text the page
was rendered from, block by block: a Chinese newspaper page in four columns (Song body type,
Hei headings, first-line indents, justified lines, a paragraph running from the foot of one
column to the head of the next, jump lines and a notices box), an English page in two columns,
and the same pages turned by 90° or made to look like a poor photograph (low contrast, uneven
light, blur, noise, a slight skew, JPEG).

The Chinese fonts are Debian's ``fonts-arphic-uming`` (Song) and ``fonts-wqy-microhei`` (Hei),
which CI installs; a test that needs them skips where they are absent.
"""

from __future__ import annotations

import io
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
SONG_FILES = ("uming.ttc",)
HEI_FILES = ("wqy-microhei.ttc", "wqy-zenhei.ttc")
SERIF_FILES = ("DejaVuSerif.ttf",)
SERIF_BOLD_FILES = ("DejaVuSerif-Bold.ttf",)
CORPUS_PAGE = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "000_e5f92e7d73b9cccd.gold.json"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.txt"

_CLOSING = set("，。、；：！？）》」』”’…%")
_OPENING = set("（《「『“‘")
_CJK_PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})


def find_font(names: tuple[str, ...]) -> Path | None:
    """The first installed font file of ``names`` (None when none is installed)."""
    for directory in FONT_DIRS:
        if not directory.is_dir():
            continue
        for name in names:
            found = next(directory.rglob(name), None)
            if found is not None:
                return found
    return None


def cjk_fonts() -> tuple[Path, Path] | None:
    """The Song and Hei font files (None when either is missing)."""
    song, hei = find_font(SONG_FILES), find_font(HEI_FILES)
    return (song, hei) if song and hei else None


def latin_fonts() -> tuple[Path, Path] | None:
    """The serif and bold serif font files (None when either is missing)."""
    serif, bold = find_font(SERIF_FILES), find_font(SERIF_BOLD_FILES)
    return (serif, bold) if serif and bold else None


def full_width(text: str) -> str:
    """Chinese text as a Chinese newspaper prints it: full-width punctuation (the corpus page's
    OCR gave ASCII ``,`` ``:`` ``(`` ``"``), quotes paired as “…”; decimal points stay."""
    out: list[str] = []
    opened = False
    for k, ch in enumerate(text):
        if ch == '"':
            out.append("”" if opened else "“")
            opened = not opened
        elif ch == "," and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit():
            out.append(ch)
        else:
            out.append(ch.translate(_CJK_PUNCT))
    return "".join(out)


@dataclass(slots=True)
class PageBlock:
    """A block of the text a page is rendered from: its kind (as the gold readings name them) and text."""

    kind: str  # heading, paragraph, item, furniture
    text: str
    role: str | None = None  # furniture: running-head, continued-from, continued-on
    inline: bool = False  # a heading run into its paragraph (set bold, the body goes on after it)
    bold: list[tuple[int, int]] = field(default_factory=list)  # spans set in bold (Hei) type


@dataclass(slots=True)
class PrintedLine:
    """One line as drawn: its text, box (x0, y0, x1, y1) and each character's x extent."""

    text: str
    box: tuple[float, float, float, float]
    chars: list[tuple[str, float, float]]


@dataclass(slots=True)
class RenderedPage:
    """A page image and the blocks it shows, in reading order."""

    image: Image.Image
    blocks: list[PageBlock]
    body_px: int
    lines: int = 0
    printed: list[PrintedLine] = field(default_factory=list)  # every line drawn

    def png(self) -> bytes:
        """The image as PNG bytes."""
        out = io.BytesIO()
        self.image.save(out, "PNG")
        return out.getvalue()

    def reading(self) -> list[PageBlock]:
        """The reading blocks (furniture left out), an inline heading joined to its paragraph."""
        out: list[PageBlock] = []
        for block in self.blocks:
            if block.kind == "furniture":
                continue
            out.append(block)
        return out


@dataclass(slots=True)
class _Line:
    """A laid-out line: its runs (text, font, x), its height, and whether it ends a paragraph."""

    runs: list[tuple[str, ImageFont.FreeTypeFont, float]]
    height: float
    space_before: float = 0.0
    keep_with_next: bool = False
    box: bool = False  # inside the notices box


def _tokens(text: str) -> list[str]:
    """Chinese text cut where a line may break: each CJK character alone, a run of ASCII letters,
    digits and decimal points kept whole (a number is never split across lines)."""
    out: list[str] = []
    for m in re.finditer(r"[A-Za-z0-9.%\-]+|.", text):
        out.append(m.group())
    return out


def _cjk_lines(
    text: str,
    width: float,
    body: ImageFont.FreeTypeFont,
    first: ImageFont.FreeTypeFont | None,
    lead: int,
    indent: float,
    bold: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[list[tuple[str, ImageFont.FreeTypeFont, float]]]:
    """Break a Chinese paragraph into justified lines of ``width`` (``lead`` characters, a run-in
    heading, and the ``bold`` spans set in ``first``); returns each line's (token, font, x) runs."""
    tokens = _tokens(text)
    fonts: list[ImageFont.FreeTypeFont] = []
    used = 0
    for tok in tokens:
        strong = used < lead or any(a <= used < b for a, b in bold)
        fonts.append(first if first is not None and strong else body)
        used += len(tok)
    lines: list[list[int]] = []
    current: list[int] = []
    x = indent
    for k, tok in enumerate(tokens):
        w = fonts[k].getlength(tok)
        if current and x + w > width + 0.5:
            if tok in _CLOSING and len(current) > 1:  # a closing mark never starts a line: take one down
                moved = current.pop()
                lines.append(current)
                current = [moved]
            else:
                lines.append(current)
                current = []
            while len(current) == 0 and lines[-1] and tokens[lines[-1][-1]] in _OPENING:
                current.insert(0, lines[-1].pop())  # an opening mark never ends a line
            x = sum(fonts[i].getlength(tokens[i]) for i in current)
        current.append(k)
        x += w
    if current:
        lines.append(current)
    out: list[list[tuple[str, ImageFont.FreeTypeFont, float]]] = []
    for n, line in enumerate(lines):
        start = indent if n == 0 else 0.0
        natural = sum(fonts[i].getlength(tokens[i]) for i in line)
        gaps = len(line) - 1
        extra = (width - start - natural) / gaps if gaps and n < len(lines) - 1 else 0.0
        runs = []
        pos = start
        for i in line:
            runs.append((tokens[i], fonts[i], pos))
            pos += fonts[i].getlength(tokens[i]) + extra
        out.append(runs)
    return out


def _latin_lines(
    text: str, width: float, font: ImageFont.FreeTypeFont, indent: float, justify: bool = True
) -> list[list[tuple[str, ImageFont.FreeTypeFont, float]]]:
    """Break an English paragraph into lines of ``width``, justified by widening word spaces."""
    words = text.split()
    space = font.getlength(" ")
    lines: list[list[str]] = []
    current: list[str] = []
    x = indent
    for word in words:
        w = font.getlength(word)
        if current and x + space + w > width:
            lines.append(current)
            current, x = [], 0.0
        elif current:
            x += space
        current.append(word)
        x += w
    if current:
        lines.append(current)
    out: list[list[tuple[str, ImageFont.FreeTypeFont, float]]] = []
    for n, line in enumerate(lines):
        start = indent if n == 0 else 0.0
        natural = sum(font.getlength(w) for w in line)
        gaps = len(line) - 1
        last = n == len(lines) - 1
        gap = (width - start - natural) / gaps if gaps and justify and not last else space
        runs = []
        pos = start
        for word in line:
            runs.append((word, font, pos))
            pos += font.getlength(word) + gap
        out.append(runs)
    return out


def _flow(lines: list[_Line], columns: int) -> list[list[_Line]]:
    """Share the lines among ``columns`` columns of about equal height (a heading never ends a column)."""
    total = sum(ln.height + ln.space_before for ln in lines)
    target = total / columns
    cols: list[list[_Line]] = [[]]
    height = 0.0
    for k, line in enumerate(lines):
        need = line.height + (line.space_before if cols[-1] else 0.0)
        if cols[-1] and height + need > target + 0.5 * line.height and len(cols) < columns:
            cols.append([])
            height = 0.0
            need = line.height
        elif cols[-1] and line.keep_with_next and k + 1 < len(lines) and len(cols) < columns:
            if height + need + lines[k + 1].height > target + 0.5 * line.height:
                cols.append([])
                height = 0.0
                need = line.height
        cols[-1].append(line)
        height += need
    return cols


def _draw(
    lines_by_column: list[list[_Line]], head: list[_Line], col_width: float, gutter: float, margin: int, top: float, rules: bool
) -> tuple[Image.Image, list[PrintedLine]]:
    """Draw a header and columns of lines on a white page; return it and every line drawn."""
    columns = len(lines_by_column)
    width = int(2 * margin + columns * col_width + (columns - 1) * gutter)
    heights = [sum(ln.height + (ln.space_before if k else 0.0) for k, ln in enumerate(col)) for col in lines_by_column]
    height = int(top + max(heights) + 1.5 * margin)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    printed: list[PrintedLine] = []
    y = float(margin)
    for line in head:
        y += line.space_before
        _draw_line(draw, line, margin, y, printed)
        y += line.height
    if head:
        draw.line([(margin, top - 0.4 * margin), (width - margin, top - 0.4 * margin)], fill=0, width=2)
    for c, col in enumerate(lines_by_column):
        x0 = margin + c * (col_width + gutter)
        y = top
        box_top = None
        for k, line in enumerate(col):
            if k:
                y += line.space_before
            if line.box and box_top is None:
                box_top = y - 0.3 * line.height
            _draw_line(draw, line, x0, y, printed)
            y += line.height
        if box_top is not None:
            draw.rectangle([(x0 - 0.25 * gutter, box_top), (x0 + col_width + 0.25 * gutter, y + 0.1 * col[-1].height)], outline=0, width=2)
        if rules and c:
            xr = x0 - gutter / 2
            draw.line([(xr, top), (xr, top + max(heights))], fill=96, width=1)
    return image, printed


def _draw_line(draw: ImageDraw.ImageDraw, line: _Line, x0: float, y: float, printed: list[PrintedLine]) -> None:
    """Draw one line's runs with their tops at ``y``; note what was drawn where."""
    if not line.runs:
        return
    chars: list[tuple[str, float, float]] = []
    text = ""
    size = max(font.size for _t, font, _x in line.runs)
    latin = not any("\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for t, _f, _x in line.runs for ch in t)
    for k, (token, font, x) in enumerate(line.runs):
        draw.text((x0 + x, y + 0.1 * font.size), token, font=font, fill=0)
        if k and latin:
            text += " "
        left = x0 + x
        for ch in token:
            w = font.getlength(ch)
            chars.append((ch, left, left + w))
            left += w
        text += token
    box = (chars[0][1], y + 0.05 * size, chars[-1][2], y + 1.25 * size)
    printed.append(PrintedLine(text, box, chars))


def corpus_blocks() -> list[PageBlock] | None:
    """The corpus page's gold reading as page blocks (None where the shared corpus is absent)."""
    path = CORPUS_PAGE.resolve()
    if not path.exists():
        return None
    gold = json.loads(path.read_text("utf-8"))
    out: list[PageBlock] = []
    for block in gold["blocks"]:
        text = full_width(block["text"])
        bold = _bold_spans(text)
        out.append(PageBlock(block["kind"], text.replace("**", ""), block.get("role"), bool(block.get("inline_body")), bold))
    return out


def _bold_spans(text: str) -> list[tuple[int, int]]:
    """The spans a text marks bold with ``**`` (offsets in the text without the marks)."""
    spans: list[tuple[int, int]] = []
    parts = text.split("**")
    pos = 0
    for k, part in enumerate(parts):
        if k % 2 and k < len(parts) - 1:
            spans.append((pos, pos + len(part)))
        pos += len(part)
    return spans


_RUN_IN_RE = re.compile(r"^[(（][一二三四五六七八九十]+[)）][^。！？]{2,30}[。！？](?=.)")


def sample_blocks() -> list[PageBlock]:
    """The bundled sample's paragraphs (a Chinese OCR'd newspaper text) as page blocks: what the
    Chinese page shows where the shared corpus is absent."""
    text = SAMPLE.read_text("utf-8")
    out: list[PageBlock] = []
    for para in re.split(r"\n\s*\n", text):
        para = re.sub(r"\s+", "", para)
        if para.isascii():
            break  # the sample's English appendix: not on a Chinese page
        m = re.match(r"^(▲上接\d+版)", para)
        if m:
            out.append(PageBlock("furniture", m.group(1), "continued-from"))
            para = para[m.end() :]
        jump = re.search(r"(▶下转\d+版)$", para)
        if jump:
            para = para[: jump.start()]
        if para.startswith("·"):
            out.extend(PageBlock("item", full_width("·" + item)) for item in para.split("·") if item)
        elif para.endswith("声明作废"):
            out.append(PageBlock("heading", para))
        elif lead := _RUN_IN_RE.match(para):  # as the corpus page's gold reads a run-in heading:
            out.append(PageBlock("heading", full_width(lead.group()), inline=True))  # its own block,
            out.append(PageBlock("paragraph", full_width(para[lead.end() :])))  # set bold, its body after it
        elif para:
            out.append(PageBlock("paragraph", full_width(para)))
        if jump:
            out.append(PageBlock("furniture", jump.group(1), "continued-on"))
    return out


def newspaper_page(blocks: list[PageBlock], columns: int = 4, body: int = 20, chars: int = 24) -> RenderedPage:
    """A Chinese newspaper page: a running head across the top, the blocks flowing through
    ``columns`` columns of ``chars`` characters set in ``body``-pixel Song type; headings in Hei,
    larger; run-in headings in Hei at body size; paragraphs with a two-character first-line
    indent; the notices after the article in a ruled box."""
    fonts = cjk_fonts()
    assert fonts is not None, "the Chinese fonts are not installed"
    song_path, hei_path = fonts
    song = ImageFont.truetype(str(song_path), body, index=1 if song_path.suffix == ".ttc" else 0)
    hei = ImageFont.truetype(str(hei_path), body)
    head_font = ImageFont.truetype(str(hei_path), int(body * 1.35))
    small = ImageFont.truetype(str(hei_path), int(body * 0.8))
    width = chars * body
    leading = 1.5 * body
    lines: list[_Line] = []
    head: list[_Line] = []
    in_box = False
    for n, block in enumerate(blocks):
        if block.kind == "furniture" and block.role == "running-head":  # small type above the text
            full = columns * width + (columns - 1) * 1.5 * body
            w = small.getlength(block.text)
            head.append(_Line([(block.text, small, full / 2 - w / 2)], 1.4 * small.size))
            continue
        if block.kind == "furniture":
            x = 0.0 if block.role == "continued-from" else width - hei.getlength(block.text)
            lines.append(_Line([(block.text, hei, x)], leading, 0.0, box=in_box))
            continue
        if block.kind == "heading" and not block.inline:
            article = n + 1 < len(blocks) and blocks[n + 1].kind == "item"
            in_box = in_box or article
            font = head_font
            broken = _cjk_lines(block.text, width, font, None, 0, 0.0)
            for k, runs in enumerate(broken):
                if article:  # a notice box's title, centred
                    w = sum(f.getlength(t) for t, f, _x in runs)
                    runs = [(t, f, x + (width - w) / 2) for t, f, x in runs]
                lines.append(_Line(runs, 1.45 * font.size, 0.9 * body if k == 0 else 0.0, keep_with_next=True, box=in_box))
            continue
        if block.inline:  # a run-in heading: its paragraph follows in the next block
            continue
        lead = 0
        prev = blocks[n - 1] if n else None
        text = block.text
        if prev is not None and prev.inline:
            lead = len(prev.text)
            text = prev.text + text
        indent = 0.0 if block.kind == "item" else 2 * body
        spans = [(a + lead, b + lead) for a, b in block.bold]
        broken = _cjk_lines(text, width, song, hei, lead, indent, spans)
        for runs in broken:
            lines.append(_Line(runs, leading, box=in_box))
    gutter = 1.5 * body
    cols = _flow(lines, columns)
    margin = 3 * body
    top = margin + sum(ln.height for ln in head) + 1.2 * body if head else margin
    image, printed = _draw(cols, head, width, gutter, margin, top, rules=True)
    return RenderedPage(image, blocks, body, len(printed), printed)


def english_blocks() -> list[PageBlock]:
    """An English chapter opening: the first pages of *Pride and Prejudice* (public domain, in
    the corpus) as a heading and its paragraphs."""
    path = Path(__file__).resolve().parent / "corpus" / "book" / "pride-and-prejudice-ch1-3.txt"
    text = path.read_text("utf-8")
    start = text.index("It is a truth")
    body = text[start:]
    out = [PageBlock("heading", "Chapter I")]
    for para in re.split(r"\n\s*\n", body):
        para = " ".join(para.split())
        if not para or para.startswith("[") or para.startswith("CHAPTER") or "Illustration" in para:
            continue
        out.append(PageBlock("paragraph", para.replace("_", "")))
        if sum(len(b.text) for b in out) > 3600:
            break
    return out


def english_page(blocks: list[PageBlock], columns: int = 2, body: int = 22, ems: int = 22) -> RenderedPage:
    """An English page: a centred heading in bold, then paragraphs with first-line indents,
    justified, in ``columns`` columns ``ems`` ems wide."""
    fonts = latin_fonts()
    assert fonts is not None, "the DejaVu fonts are not installed"
    serif = ImageFont.truetype(str(fonts[0]), body)
    bold = ImageFont.truetype(str(fonts[1]), int(body * 1.6))
    width = ems * body
    gutter = 2.0 * body
    lines: list[_Line] = []
    head: list[_Line] = []
    for block in blocks:
        if block.kind == "heading":
            w = bold.getlength(block.text)
            head.append(_Line([(block.text, bold, (columns * width + (columns - 1) * gutter - w) / 2)], 1.5 * bold.size))
            continue
        for runs in _latin_lines(block.text, width, serif, 1.5 * body):
            lines.append(_Line(runs, 1.4 * body))
    cols = _flow(lines, columns)
    margin = 3 * body
    top = margin + sum(ln.height for ln in head) + 1.0 * body
    image, printed = _draw(cols, head, width, gutter, margin, top, rules=False)
    return RenderedPage(image, blocks, body, len(printed), printed)


def rotated(page: RenderedPage, clockwise: bool = True) -> RenderedPage:
    """The page turned by 90° (as a scanner given the sheet sideways makes it)."""
    image = page.image.transpose(Image.Transpose.ROTATE_270 if clockwise else Image.Transpose.ROTATE_90)
    return RenderedPage(image, page.blocks, page.body_px, page.lines)


def photographed(page: RenderedPage, seed: int = 7, skew: float = 0.8) -> RenderedPage:
    """The page as a poor photograph: grey paper lit unevenly, grey ink, a slight skew, blur,
    sensor noise and JPEG compression."""
    rng = random.Random(seed)
    src = page.image.convert("L")
    w, h = src.size
    ink, paper = 70, 185
    light = Image.linear_gradient("L").resize((w, h)).rotate(35, expand=False, fillcolor=128)
    base = src.point(lambda v: ink + (paper - ink) * v // 255)
    lit = Image.blend(base, light.point(lambda v: 120 + v // 3), 0.25)
    lit = lit.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=paper)
    lit = lit.filter(ImageFilter.GaussianBlur(1.1))
    noise = Image.effect_noise((w, h), 14).point(lambda v: v - 128 + 128)
    noisy = Image.blend(lit, noise, 0.12)
    noisy = noisy.point(lambda v: min(255, max(0, v + rng.randint(-2, 2))))
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=55)
    return RenderedPage(Image.open(io.BytesIO(out.getvalue())), page.blocks, page.body_px, page.lines)


def page_text(blocks: list[PageBlock]) -> str:
    """The text of a page's blocks, one block a line."""
    return "\n".join(b.text for b in blocks)


def image_pdf(pages: list[Image.Image], dpi: int = 150) -> bytes:
    """A PDF of page images only (a scan: no text layer), each page sized for ``dpi``."""
    out = io.BytesIO()
    rgb = [p.convert("L") for p in pages]
    rgb[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=rgb[1:])
    return out.getvalue()


__all__ = [
    "PageBlock",
    "PrintedLine",
    "RenderedPage",
    "cjk_fonts",
    "corpus_blocks",
    "english_blocks",
    "english_page",
    "full_width",
    "image_pdf",
    "latin_fonts",
    "newspaper_page",
    "page_text",
    "photographed",
    "rotated",
    "sample_blocks",
]
