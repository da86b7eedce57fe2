"""The text source: plain-text bytes → the layout type (lines on pages, in chunks).

It knows only what a text file shows: where lines break, which lines are blank, form feeds
(page breaks, as RFCs, pdftotext, pdfminer and tesseract write them), each line's indentation,
and — in Chinese OCR output — spaces that stand for the column's line breaks. Everything else
(paragraphs, headings, furniture, preformatted text) the pipeline infers.
"""

from __future__ import annotations

import re

from reader.pipeline.boxes import box_edits
from reader.pipeline.chars import cjk_ratio, is_cjk, nearest_letter, print_widths
from reader.pipeline.normalise import reading_edits
from reader.pipeline.numbering import match_marker
from reader.pipeline.text import DecodedText, read_text, rewrite
from reader.sources.layout import Chunk, Layout, Segment

PAGE_MARK_RE = re.compile(
    r"[▲▼▶◀►◄△▽]?[ \t]*[（(]?[ \t]*(上接|接上|下转|转下|紧接|转第|接第)[ \t]*第?[ \t]*([A-Z]?\d{1,3})[ \t]*版[ \t]*[)）]?"
)
_SEPARATOR_RE = re.compile(r"[\n\f]")
_SPACE_RE = re.compile(r"[ \t\u3000\u00a0]+")
_CJK_SPACE_PIECES_RE = re.compile(r"[^ \t\u3000]+")
_LABEL_SCHEMES = frozenset({"part", "chapter", "section-cn", "article", "cn", "cn-paren"})
CJK_SHARE = 0.3  # a document whose non-space characters are this share CJK is read as Chinese


def decode_for_reading(data: bytes, markdown: bool = False) -> tuple[DecodedText, bool, bool]:
    """Decode ``data`` and normalise it for reading; return the text, whether it is Chinese, and
    whether its spaces stand for column line breaks (see ``spaces_break_lines``). Markdown is
    the writer's own text: its spaces all stay."""
    decoded = read_text(data)
    text = decoded.text
    cjk = cjk_ratio(text[:200_000]) >= CJK_SHARE
    space_lines = cjk and not markdown and spaces_break_lines(text)
    edits = reading_edits(text, cjk, cjk_spaces=cjk and not space_lines and not markdown)
    if not markdown:
        edits = _merged(edits, box_edits(text))
    if edits:
        text, later = rewrite(text, edits)
        decoded = DecodedText(text, decoded.encoding, decoded.warnings, decoded.offsets.then(later, len(text)))
    return decoded, cjk, space_lines


def _merged(first: list[tuple[int, int, str]], second: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two sorted edit lists as one (an edit overlapping one already taken is left out)."""
    if not second:
        return first
    out: list[tuple[int, int, str]] = []
    for edit in sorted(first + second):
        if not out or edit[0] >= out[-1][1]:
            out.append(edit)
    return out


def spaces_break_lines(text: str, sample: int = 400_000) -> bool:
    """True when spaces inside Chinese lines stand for the column's line breaks (OCR of a
    newspaper column: ``建设示范 城市``): the pieces between such spaces, away from a line's ends,
    are whole printed lines, so their widths cluster at the column's measure. Spaces an extractor
    or OCR engine put between characters or around numbers leave short, scattered pieces."""
    measured: list[tuple[float, float, float]] = []
    for line in text[:sample].splitlines():
        if " " not in line or cjk_ratio(line) < CJK_SHARE:
            continue
        pieces = _CJK_SPACE_PIECES_RE.findall(line.strip())
        measured.extend(print_widths(p) for p in pieces[1:-1])
    if len(measured) < 5:
        return _few_spaced_lines(text[:sample])
    for k in range(3):  # the three ways print counts widths (see print_widths)
        widths = sorted(w[k] for w in measured)
        column = widths[int(len(widths) * 0.8)]  # full lines are the commonest; none is longer
        tolerance = max(1.5, 0.08 * column)
        near = sum(1 for w in widths if abs(w - column) <= tolerance)
        over = sum(1 for w in widths if w > column + tolerance)
        if column >= 6 and near >= 0.35 * len(widths) and over <= 0.1 * len(widths):
            return True
    return False


def _few_spaced_lines(text: str) -> bool:
    """With too few pieces to measure, spaces break lines when they are the column OCR's habit,
    not a writer's or an engine's stray: many Chinese lines carry them (a third or more), and
    every piece but a line's last (numbering labels before their gap set aside: ``第一章 总体情况``)
    is a printed line of the column (several characters wide) — ``建设示范 城市`` — not a name set
    apart (``中共中央 国务院…``), a number or a stray mark (``4月 12日``, ``序 。 言``); where all
    the spaced lines are labels and their titles (``第一条 中华…``), spaces are the writer's."""
    lines = [line.strip() for line in text.splitlines() if cjk_ratio(line) >= CJK_SHARE and len(line.strip()) >= 6]
    spaced = [line for line in lines if " " in line]
    if not spaced or len(spaced) < len(lines) / 3:
        return False
    leading = [p for line in spaced for p in _CJK_SPACE_PIECES_RE.findall(line)[:-1] if not _bare_label(p)]
    long = sum(1 for p in leading if print_widths(p)[0] >= 6)
    return bool(leading) and long >= 0.8 * len(leading)


def _bare_label(piece: str) -> bool:
    """True for a numbering label alone (``第一章``, ``一、``, ``第三条``): a writer's space follows it."""
    marker = match_marker(piece)
    return marker is not None and marker.scheme in _LABEL_SCHEMES and marker.end >= len(piece)


def _columns(raw: str) -> int:
    """The leading white space of a line in columns (tabs to the next multiple of 8, an
    ideographic space 2)."""
    col = 0
    for ch in raw:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col = (col // 8 + 1) * 8
        elif ch == "\u3000":
            col += 2
        else:
            break
    return col


def split_line(text: str, start: int, end: int, space_lines: bool) -> list[Segment]:
    """Split one source line at page marks (``▲上接01版``) and, where spaces are column line
    breaks, at each space beside a CJK character."""
    line = text[start:end]
    if not space_lines and "版" not in line:  # the common case: the line is one segment
        return [Segment(start, end, line)] if line.strip() else []
    pieces: list[tuple[int, int, str | None, str | None]] = []
    pos = start
    if "版" in line:
        for m in PAGE_MARK_RE.finditer(text, start, end):
            pieces.append((pos, m.start(), None, None))
            role = "continued-from" if m.group(1) in ("上接", "接上", "紧接", "接第") else "continued-on"
            pieces.append((m.start(), m.end(), role, m.group(2)))
            pos = m.end()
    pieces.append((pos, end, None, None))
    out: list[Segment] = []
    for s, e, role, page in pieces:
        if role:
            out.append(Segment(s, e, text[s:e], role=role, page=page))
            continue
        cut = s
        if space_lines:
            for m in _SPACE_RE.finditer(text, s, e):
                a, b = m.span()
                if a == s or b == e:
                    continue
                if (
                    is_cjk(text[a - 1])
                    or is_cjk(text[b])
                    or is_cjk(nearest_letter(text, a - 1, -1))
                    or is_cjk(nearest_letter(text, b, 1))
                ):
                    out.append(Segment(cut, a, text[cut:a]))
                    cut = b
        out.append(Segment(cut, e, text[cut:e]))
    return [seg for seg in out if seg.text.strip()]


def _trim(seg: Segment) -> None:
    """Shrink a segment to exclude surrounding white space."""
    stripped = seg.text.strip()
    if stripped == seg.text:
        return
    lead = len(seg.text) - len(seg.text.lstrip())
    seg.start += lead
    seg.end = seg.start + len(stripped)
    seg.text = stripped


def text_chunks(text: str, space_lines: bool) -> tuple[list[Chunk], int]:
    """Cut clean text into chunks (between blank lines and at page breaks) of segments; return
    them and the number of pages (form feeds + 1)."""
    chunks: list[Chunk] = []
    chunk = Chunk()
    sheet = 0
    pos = 0
    n = len(text)
    while pos <= n:
        m = _SEPARATOR_RE.search(text, pos)
        end = m.start() if m else n
        raw = text[pos:end]
        if raw.strip():
            segs = split_line(text, pos, end, space_lines)
            columns = _columns(raw)
            indent = raw[:1] in (" ", "\t", "\u3000")
            number = len(chunks)  # (one int object for the line's segments)
            for i, seg in enumerate(segs):
                _trim(seg)
                seg.sheet = sheet
                seg.chunk = number
                if i == 0:
                    seg.line_start = True
                    seg.indent = indent
                    seg.columns = columns
            chunk.segments.extend(segs)
        if chunk.segments and (not raw.strip() or (m is not None and m.group() == "\f")):
            chunks.append(chunk)
            chunk = Chunk()
        if m is None:
            break
        if m.group() == "\f":
            sheet += 1
        pos = m.end()
    if chunk.segments:
        chunks.append(chunk)
    return chunks, sheet + 1


def text_layout(text: str, cjk: bool, space_lines: bool) -> Layout:
    """The layout of plain text: chunks of segments on pages, not yet measured."""
    chunks, pages = text_chunks(text, space_lines)
    return Layout(chunks, 0.0, cjk, 0, page_labels=[None] * pages, spaced_lines=space_lines)
