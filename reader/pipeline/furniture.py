"""Page furniture in text sources, found by repetition at the page edges.

Printed pages repeat things at their edges: a running head (``RFC 1321  MD5 Message-Digest
Algorithm  April 1992``, ``LS(1)  User Commands  LS(1)``), a running foot (``Rivest  [Page 2]``),
a page number (``- 3 -``, ``Page 3 of 11``, ``iv``). Text extractors, OCR engines and ``nroff``
keep them, one page after another, between form feeds or not. Such a line is furniture when:

- it stands at a page's edge (its first or last lines; a document's start and end are edges too)
  and its text, with the digits (and a lone roman numeral) set aside, recurs at the edges of
  several pages; or
- it is a page number at an edge (with the number rising from page to page when it is glued to
  the end of a page's last line, ``…城1``); or
- it is the three-part line (left, centre, right, set apart by wide gaps) that opens or closes a
  document (a man page's header and footer), or a short standalone line that recurs three times
  or more anywhere in a text without page breaks.
Furniture segments get a ``role`` and, for page numbers, the ``page`` they name; reflow lifts
them out of the reading text and joins a paragraph across them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import pairwise

from reader.pipeline.numbering import LONE_NUMBER_RE, match_marker
from reader.sources.layout import Chunk, Layout, Segment

EDGE_LINES = 2  # lines at each end of a page that may be furniture
_DIGITS_RE = re.compile(r"\d+")
_ROMAN_TOKEN_RE = re.compile(r"(?<![A-Za-z])[ivxlcdmIVXLCDM]{1,7}(?![A-Za-z])")
_SPACES_RE = re.compile(r"\s+")
_END_NUMBERS_RE = re.compile(r"^(?:[#\W]+ )+|(?: [#\W]+)+$")
# a sheet counter at a line's end or start (``Page 2 of 11``, ``1 of 9``): browsers print one beside
# the page's address, and it changes from page to page as a page number does
_COUNTER_RE = re.compile(r"(?:^|\s)(?:page )?# ?(?:of|/) ?#$|^(?:page )?# ?(?:of|/) ?#(?:\s|$)")
_WORDY_RE = re.compile(r"\w")  # a running head says something: a rule repeated at the top is not one
_GAP_RE = re.compile(r"\s{3,}")
PAGE_NUMBER_RE = re.compile(
    r"^[\W_]{0,3}\s*(?:page|p\.|pg\.?|第)?\s*(\d{1,4}|[ivxlcdm]{1,7})\s*(?:(?:of|/)\s*\d{1,4})?\s*(?:页)?\s*[\W_]{0,3}$",
    re.I,
)
_TRAILING_NUMBER_RE = re.compile(r"(?<=[^\d\s.,:;/-])(\d{1,4})$")
_SENTENCE_END_RE = re.compile(r"[.。!?！？]\s*$")
_NUMBERED_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.、)]?\s|第\S{1,4}[章节条篇编部卷回]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])")


def edge_key(text: str) -> str:
    """The text of a line with what changes from page to page set aside: the digits, a roman
    numeral, and which end the page number stands at (odd and even pages mirror their heads:
    ``47700  Federal Register / Vol. 85`` and ``Federal Register / Vol. 85  47699``)."""
    key = _DIGITS_RE.sub("#", text.strip().lower())
    if len(key.split()) <= 6:
        key = _ROMAN_TOKEN_RE.sub("#", key)
    key = _SPACES_RE.sub(" ", key)
    key = _COUNTER_RE.sub("", key).strip() or key
    return _END_NUMBERS_RE.sub("", key)


def _lines_by_sheet(layout: Layout) -> dict[int, list[Segment]]:
    """The body lines (first segments of source lines, not yet furniture) of each page, in order."""
    pages: dict[int, list[Segment]] = defaultdict(list)
    for chunk in layout.chunks:
        if chunk.hint is not None:
            continue
        for seg in chunk.segments:
            if seg.line_start and seg.role is None:
                pages[seg.sheet].append(seg)
    return pages


def _page_number(text: str) -> str | None:
    """The number a page-number line names (``- 3 -`` → 3, ``Page iv`` → iv), or None."""
    if len(text) > 24:
        return None
    m = PAGE_NUMBER_RE.match(text.strip())
    if m is None or re.fullmatch(r"\d+\.", text.strip()):
        return None  # ``1.``: a section's number set apart from its title, not a folio
    return m.group(1)


def _three_part(text: str) -> bool:
    """True for a line of two or three short parts set apart by wide gaps (a running head)."""
    parts = [p for p in _GAP_RE.split(text.strip()) if p]
    return 2 <= len(parts) <= 3 and all(len(p) <= 40 for p in parts) and not _SENTENCE_END_RE.search(text)


def mark_furniture(layout: Layout) -> None:
    """Mark running heads, running feet and page numbers of a text source's layout."""
    pages = _lines_by_sheet(layout)
    if not pages:
        return
    if len(pages) >= 2:
        _mark_repeated_edges(pages)
        _mark_glued_numbers(layout, pages)
        if layout.cjk:
            _mark_misread_page_numbers(pages)
            _mark_glued_dashed_numbers(layout, pages)
    _mark_repeated_lines(layout, numbers=len(pages) < 2)
    _mark_document_edges(pages)
    if layout.cjk and len(layout.page_labels) >= 2:
        _mark_work_title_heads(pages)


def _edges(lines: list[Segment]) -> list[tuple[Segment, bool]]:
    """The lines at a page's top and bottom edges, each with whether it is at the top."""
    top = [(seg, True) for seg in lines[:EDGE_LINES]]
    bottom = [(seg, False) for seg in lines[-EDGE_LINES:] if all(seg is not t for t, _ in top)]
    return top + bottom


def _mark_repeated_edges(pages: dict[int, list[Segment]]) -> None:
    """Furniture at page edges: recurring text (numbers aside) and page numbers."""
    counts: Counter[tuple[str, bool]] = Counter()
    for lines in pages.values():
        seen = {(edge_key(seg.text), at_top) for seg, at_top in _edges(lines)}
        counts.update(seen)
    needed = max(2, round(0.3 * len(pages)))
    for lines in pages.values():
        titled = {id(b) for a, b in pairwise(lines) if LONE_NUMBER_RE.match(a.text)}
        for seg, at_top in _edges(lines):
            number = _page_number(seg.text)
            if number is not None:
                seg.role, seg.page = "page-number", number
            elif (
                id(seg) not in titled  # ``2.`` / ``The NIST Definition…``: a chapter opening a page, its title
                and counts[(edge_key(seg.text), at_top)] >= needed
                and len(seg.text.split()) <= 24
                and _WORDY_RE.search(edge_key(seg.text))
            ):
                seg.role = "running-head" if at_top else "running-foot"
                found = _DIGITS_RE.findall(seg.text)
                if found and not at_top:
                    seg.page = found[-1]


_MISREAD_RE = re.compile(r"^[一—–\-_、.,·|丨IlTtJj1-9０-９()（）\s]{1,4}$")
_MISREAD_MARK_RE = re.compile(r"[—–\-_、.,·|丨IlTtJj1-9０-９()（）]")


def _mark_misread_page_numbers(pages: dict[int, list[Segment]]) -> None:
    """A Chinese page number OCR could not read. Official documents print it as ``— 1 —`` (GB/T
    9704: the number between two one-em dashes, below the text); tesseract turns it into a few
    lines of strokes at the page's foot (``一`` / ``一、`` / ``TI``). Up to three such lines at
    the bottom of a page — dashes, strokes, a digit, at most four characters each, one of them more
    than a bare numeral ``一`` — are the page number."""
    for lines in pages.values():
        tail: list[Segment] = []
        for seg in reversed(lines):
            if len(tail) == 3 or seg.role is not None or not _MISREAD_RE.match(seg.text):
                break
            tail.append(seg)
        if tail and len(tail) < len(lines) and any(_MISREAD_MARK_RE.search(seg.text) for seg in tail):
            for seg in tail:
                seg.role = "page-number"


_TITLE_PUNCT_RE = re.compile(r"[。，；：！？,;:!?]")


def _mark_work_title_heads(pages: dict[int, list[Segment]]) -> None:
    """The work's title over a page far into it. A Chinese book or standard prints its own name at
    the head of its pages (``安徽省建设用地使用标准（2020年版）`` over page 173); a work's title stands
    on its first pages, so on a page whose printed folio at its foot is past 2, a short line at its
    head that is no sentence and carries no section number is the running head, even where the
    extraction holds that one page only. A section number is any the numbering grammar reads: a
    part (``第一编　总则`` opening a law's page), a numbered paragraph (``1.做好…``, no space after
    the number as Chinese sets it)."""
    for lines in pages.values():
        foot = lines[-1]
        folio = foot.page if foot.role == "page-number" else _page_number(foot.text) if foot.role is None else None
        body = [seg for seg in lines[:-1] if seg.role is None]
        if not body or body[0] is not lines[0] or folio is None or not folio.isdigit() or int(folio) <= 2:
            continue
        head = body[0].text
        numbered = _NUMBERED_RE.match(head) is not None or match_marker(head) is not None
        if len(head) <= 30 and not _TITLE_PUNCT_RE.search(head) and not numbered and len(body) > 1:
            body[0].role = "running-head"
            foot.role, foot.page = "page-number", folio


def _mark_glued_numbers(layout: Layout, pages: dict[int, list[Segment]]) -> None:
    """A page number glued to the end of a page's last line (``…城1``), where the numbers at the
    ends of pages rise with the pages (the same offset from the page index on two pages or more)."""
    found: dict[int, tuple[Segment, int]] = {}
    for sheet, lines in pages.items():
        body = [seg for seg in lines if seg.role is None]
        if body:
            m = _TRAILING_NUMBER_RE.search(body[-1].text)
            if m and len(body[-1].text) > len(m.group()):
                found[sheet] = (body[-1], int(m.group(1)))
    offsets = Counter(number - sheet for sheet, (_, number) in found.items())
    if not offsets:
        return
    offset, votes = offsets.most_common(1)[0]
    if votes < 2:
        return
    for sheet, (seg, number) in found.items():
        if number - sheet == offset:
            _split_off_tail(layout.chunks[seg.chunk], seg, len(str(number)))


_GLUED_DASHED_RE = re.compile(r"[ \t]*[-–—][ \t]*(\d{1,4})[ \t]*[-–—]$")


def _mark_glued_dashed_numbers(layout: Layout, pages: dict[int, list[Segment]]) -> None:
    """A Chinese folio ``- 3 -`` / ``— 3 —`` (GB/T 9704: the number between dashes) glued to the end
    of a page's last line by the extractor (``…稳中有进- 3 -``): no sentence ends so, so one is enough."""
    for lines in pages.values():
        body = [seg for seg in lines if seg.role is None]
        if not body:
            continue
        last = body[-1]
        m = _GLUED_DASHED_RE.search(last.text)
        if m and m.start() > 0:
            _split_off_tail(layout.chunks[last.chunk], last, len(last.text) - m.start())
            tail = layout.chunks[last.chunk].segments[layout.chunks[last.chunk].segments.index(last) + 1]
            tail.text, tail.start, tail.page = tail.text.strip(), tail.end - len(tail.text.strip()), m.group(1)


def _split_off_tail(chunk: Chunk, seg: Segment, length: int) -> None:
    """Cut the last ``length`` characters of ``seg`` off as a page-number segment."""
    cut = seg.end - length
    tail = Segment(cut, seg.end, seg.text[-length:], role="page-number", page=seg.text[-length:])
    tail.sheet, tail.chunk = seg.sheet, seg.chunk
    seg.text = seg.text[:-length].rstrip()
    seg.end = seg.start + len(seg.text)
    chunk.segments.insert(chunk.segments.index(seg) + 1, tail)


def _mark_repeated_lines(layout: Layout, numbers: bool = True) -> None:
    """A short line standing alone (its own chunk) that recurs three times or more, numbers aside,
    is a running head wherever it falls (a printout's own page breaks need not be the text's: a
    document printed from a browser carries its own running heads in the middle of the browser's
    pages). Lines already found as furniture at page edges count among the recurrences. Where
    OCR lost the blank line around such a head, it stands glued to a paragraph as its first or
    last line: there it is a head too when the same text also stands alone somewhere. Without
    page breaks, lone numbers between blank lines that rise through the document (two or more)
    are page numbers."""
    chunks = [c for c in layout.chunks if c.hint is None and c.segments]
    singles = [c.segments[0] for c in chunks if len(c.segments) == 1]
    glued = [s for c in chunks if len(c.segments) > 1 for s in (c.segments[0], c.segments[-1]) if s.line_start]
    counts = Counter(edge_key(seg.text) for seg in singles + glued)
    alone = {edge_key(seg.text) for seg in singles}
    found: list[tuple[Segment, str]] = []
    single_ids = {id(seg) for seg in singles}
    for seg in singles + glued:
        if seg.role is not None or len(seg.text) > 80:
            continue
        key = edge_key(seg.text)
        number = _page_number(seg.text) if id(seg) in single_ids else None
        if number is not None and number.isdigit():
            found.append((seg, number))
        elif (
            counts[key] >= 3
            and _WORDY_RE.search(key)  # (a section number alone, ``1.1``, is no running head)
            and (id(seg) in single_ids or key in alone)
            and _DIGITS_RE.search(seg.text)
            and not _SENTENCE_END_RE.search(seg.text)
            and not _NUMBERED_RE.match(seg.text)
            and not _is_chapter_line(seg.text)
        ):
            seg.role = "running-head"  # (a sentence or a numbered heading that recurs is not one)
    values = [int(n) for _, n in found]
    if numbers and len(found) >= 2 and all(a < b for a, b in pairwise(values)):
        for seg, number in found:
            seg.role, seg.page = "page-number", number


def _is_chapter_line(text: str) -> bool:
    """``Letter 2``, ``CHAPTER IV.``, ``Part One``: a book's numbered division, which recurs with
    its number rising as a running head's folio does, but is a heading."""
    marker = match_marker(text)
    return marker is not None and marker.scheme in ("chapter", "part")


def _mark_document_edges(pages: dict[int, list[Segment]]) -> None:
    """The three-part line that opens or closes the whole document (a man page's header, footer)."""
    first = pages[min(pages)]
    last = pages[max(pages)]
    for seg, role in ((first[0] if first else None, "running-head"), (last[-1] if last else None, "running-foot")):
        if seg is not None and seg.role is None and _GAP_RE.search(seg.text) and _three_part(seg.text):
            parts = [p for p in _GAP_RE.split(seg.text.strip()) if p]
            if len(parts) == 3:
                seg.role = role
