"""PDFs the tests make with reportlab: pages whose layout, folios and labels the tests know.

Lines are placed one by one (no reflowing library between the test and the page), so each test
knows exactly which line stands where: columns, hyphens at line ends, a paragraph that runs from
the foot of one column to the head of the next.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

SONG = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(SONG))

# a two-column paper: (first line indented?, lines); the last line of each paragraph is its end
PAPER_LEFT = [
    [
        "Reading a printed page back into text is an old",
        "problem. Each line must be found, each column",
        "ordered, and each word that the typesetter split",
        "across two lines must be joined again; an experi-",
        "ment on many pages shows how often it happens.",
    ],
    [
        "The second paragraph opens with an indent and",
        "then runs down the column, past the well-",
        "known places where a line may break, until the",
        "foot of the column is reached and the text must",
        "go on at the head of the next column of the page,",
    ],
]
PAPER_RIGHT = [
    [
        "where the paragraph continues without any indent",
        "and finally ends with a short line.",
    ],
    [
        "A third paragraph stands alone in the right column",
        "and says nothing more than that it is the third.",
    ],
]


def _justify(c: canvas.Canvas, x: float, y: float, text: str, width: float, font: str, size: float) -> None:
    """Draw ``text`` stretched to ``width`` by widening its word spaces (justified type)."""
    spaces = text.count(" ")
    natural = pdfmetrics.stringWidth(text, font, size)
    t = c.beginText(x, y)
    t.setFont(font, size)
    if spaces:
        t.setWordSpace(max(0.0, (width - natural) / spaces))
    t.textLine(text)
    c.drawText(t)


def _column(c: canvas.Canvas, x: float, top: float, width: float, paragraphs: list[list[str]], lead: float, first_continues: bool) -> float:
    """Set paragraphs in one column (justified, first lines indented); return the y below."""
    y = top
    for k, lines in enumerate(paragraphs):
        for j, line in enumerate(lines):
            indent = 12.0 if j == 0 and not (k == 0 and first_continues) else 0.0
            if j == len(lines) - 1 and line.endswith((".", "?")):
                c.setFont("Times-Roman", 10)
                c.drawString(x + indent, y, line)
            else:
                _justify(c, x + indent, y, line, width - indent, "Times-Roman", 10)
            y -= lead
    return y


def english_paper(pages: int = 2, first_folio: int = 101) -> bytes:
    """A two-column paper: a full-width title and abstract, a running head on every page, the
    printed folio at the foot centre (from ``first_folio``), body text in two justified columns."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    width, height = letter
    margin, gutter = 54.0, 24.0
    col = (width - 2 * margin - gutter) / 2
    for page in range(pages):
        c.setFont("Times-Italic", 8)
        c.drawString(margin, height - 36, "Journal of Generated Documents, Volume 7")
        c.setFont("Times-Roman", 9)
        c.drawCentredString(width / 2, 30, str(first_folio + page))
        top = height - 90
        if page == 0:
            c.setFont("Times-Bold", 20)
            c.drawCentredString(width / 2, top, "On Reading Printed Pages")
            c.setFont("Times-Bold", 12)
            c.drawString(margin, top - 40, "1 Introduction")
            top -= 60
        else:
            c.setFont("Times-Bold", 12)
            c.drawString(margin, top, f"{page + 1} Method {page}")
            top -= 20
        _column(c, margin, top, col, PAPER_LEFT, 12.0, False)
        _column(c, margin + col + gutter, top, col, PAPER_RIGHT, 12.0, True)
        c.setFont("Times-Roman", 7)
        c.drawString(margin, 110, f"1 A footnote on {('the first', 'the next', 'a later')[min(page, 2)]} page, set small.")
        c.showPage()
    c.save()
    return buf.getvalue()


# a four-column newspaper page: each column's lines (12 characters a line at 10 pt)
NEWS_COLUMNS = [
    ["　　本报讯　今年全市新增", "就业岗位四万五千个，城镇", "调查失业率保持在百分之五", "以内，全年经济运行稳中有", "进，各项指标好于预期，其"],
    ["中服务业增加值增长百分之", "六点五。", "　　据介绍，明年将继续推", "进重点项目建设，加快城市", "更新，完善公共服务体系。"],
    ["　　专家认为，扩大内需是", "稳增长的关键所在，应当进", "一步释放消费潜力，促进投", "资结构优化，增强经济发展", "的内生动力和活力。"],
    ["　　会议还研究部署了冬季", "安全生产工作，要求各地压", "实责任，排查隐患，确保人", "民群众生命财产安全。", "（下转第2版）"],
]


def chinese_newspaper() -> bytes:
    """One A4 page: a headline across four columns, four columns of Chinese set solid, a paragraph
    that runs from the foot of the first column to the head of the second, a jump line."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    margin, gutter, size = 40.0, 14.0, 10.0
    col = 12 * size
    c.setFont(SONG, 22)
    c.drawCentredString(width / 2, height - 80, "全市经济运行稳中有进")
    c.setFont(SONG, 8)
    c.drawString(margin, height - 40, "城市日报　2024年12月1日　星期日")
    c.drawCentredString(width / 2, 30, "第1版")
    top = height - 130
    for k, lines in enumerate(NEWS_COLUMNS):
        x = margin + k * (col + gutter)
        c.setFont(SONG, size)
        for j, line in enumerate(lines):
            c.drawString(x, top - j * 15, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def labelled(labels: list[tuple[int, str, int]], pages: int = 6, folios: list[str] | None = None) -> bytes:
    """Pages with /PageLabels (``(page index, style, start)``: style "D" decimal, "r" roman), one
    paragraph each, and optionally a printed folio at each foot."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    for page_number, style, start in labels:
        c.addPageLabel(page_number, style={"D": "ARABIC", "r": "ROMAN_LOWER"}[style], start=start)
    for k in range(pages):
        c.setFont("Helvetica", 11)
        c.drawString(72, 700, f"This is the text of sheet number {k + 1} of the document.")
        if folios is not None:
            c.setFont("Helvetica", 10)
            c.drawCentredString(306, 36, folios[k])
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned(pages: list[str]) -> bytes:
    """Pages that are either text (``"text"``) or only a page-sized picture (``"scan"``)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    for k, kind in enumerate(pages):
        if kind == "scan":
            image = Image.new("L", (425, 550), 255)
            draw = ImageDraw.Draw(image)
            for row in range(40, 500, 14):
                draw.rectangle((40, row, 380, row + 6), fill=0)
            c.drawImage(ImageReader(image), 0, 0, width=612, height=792)
        else:
            c.setFont("Helvetica", 11)
            c.drawString(72, 700, f"Page {k + 1} has a real text layer with words in it.")
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted(password: str = "secret") -> bytes:
    """A PDF that needs ``password`` to open."""
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=pdfencrypt.StandardEncryption(password, ownerPassword="owner"))
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Nobody reads this without the password.")
    c.showPage()
    c.save()
    return buf.getvalue()


def garbled() -> bytes:
    """A PDF whose only font maps its codes to no Unicode (glyph names no table knows): the text
    layer is there, but its characters are not text."""
    names = " ".join(f"/g{k}" for k in range(1, 40))
    stream = b"BT /F1 12 Tf 72 700 Td (" + bytes(range(1, 40)) + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Unknown /Encoding << /Type /Encoding /Differences [1 "
        + names.encode()
        + b"] >> >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def save(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` and return the path."""
    path.write_bytes(data)
    return path
