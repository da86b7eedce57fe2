"""Text copied from a web page: a browser's "select all, copy" or "save as text" (``innerText``).

A browser writes every block element on a line of its own and never wraps one, and it copies the
page's furniture along with its text. The conventions read here, in text sources:
- tab-separated rows: a copied table keeps its cells apart by tabs and its rows by line breaks
  (spreadsheets copy the same way); two or more such rows in a row are a table, kept line by
  line as preformatted text;
- heading marks: MediaWiki's section edit link (``Details[edit]``, ``历史[编辑]``) and, in unwrapped
  text, the permalink mark site generators put after a heading (``Current status #``,
  ``Installation¶``): the line is a heading, the mark is furniture;
- titles over prose: in unwrapped text (``conventions.unwrapped``) a short line that reads as a
  title, right before a line of prose or a table (or before a dateline over prose: an article's
  title, ``Published 21 November 2019``, its text), is a line of its own (a heading's, where the
  heading rules agree) — a menu's entries stand among short lines, not over prose;
- a table of contents: in unwrapped text, numbered lines whose titles come again further down
  as lines of their own (``1 Details`` … ``Details[edit]``) are the page's contents box,
  navigation furniture — not headings;
- a Chinese official document's title broken over lines (GB/T 9704 sets a long title in lines of
  its own, each a paragraph in the page): a line holding ``关于`` over at most three more lines,
  the last ending with the document's kind (``…部分节假日安排的通知``, ``…示范区的批复``), all
  short and none a sentence or numbered, is one title;
- skip links and page tools: a line that is only an accessibility skip link (``Skip to content``,
  ``Jump to navigation``) or one of the page tools Chinese government sites print with every
  document (``扫一扫在手机打开当前页``, ``【打印本页】``, ``【关闭窗口】``, ``【字体：大 中 小】``), or a
  blog's ``Share this article`` / ``Back to top``, is furniture.
"""

from __future__ import annotations

import re

from reader.pipeline.chars import ends_sentence
from reader.pipeline.conventions import interior_pairs, unwrapped
from reader.pipeline.numbering import match_marker
from reader.pipeline.preformatted import code_line, display_width
from reader.sources.layout import Chunk, ChunkHint, Layout, Segment

_TAB_CELL_RE = re.compile(r"\S\t+\S|\S\t+$")
_EDIT_MARK_RE = re.compile(r"\s*\[\s*(?:edit(?: source)?|编辑|編輯|编辑源代码)\s*\]$", re.I)
_PERMALINK_RE = re.compile(r"(?<=\S)\s+[#¶§]$|(?<=\w)¶$")
_SKIP_LINK_RE = re.compile(
    r"^(?:(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|search|menu)\s*)+$"
    r"|^(?:跳(?:转)?到(?:内容|导航|搜索)\s*)+$",
    re.I,
)
_PAGE_TOOL_RE = re.compile(
    r"^(?:扫一扫在手机打开当前页|扫码查看手机版|(?:【(?:打印本页|关闭窗口|打印|关闭|返回顶部)】\s*)+"
    r"|【?字[体号][：:]\s*[【〖\[]?\s*大\s*中\s*小\s*[】〗\]]?】?"
    r"|share this (?:article|page|post|story)|print this page|back to top|return to top)$",
    re.I,
)
_DATE_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (?:\d{1,2}, )?\d{4}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\d{4}年\d{1,2}月\d{1,2}日",
    re.I,
)
_CONTENTS_ENTRY_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(\S.*)$")
# the kinds of official documents (公文种类, GB/T 9704 and the 党政机关公文处理工作条例) a title ends with
_DOCUMENT_KIND_RE = re.compile(
    r"(?:通知|意见|决定|决议|批复|复函|函|通报|报告|请示|公告|通告|命令|令|议案|纪要|办法|条例|规定|细则|方案|规划|纲要|答复)$"
)
_TITLE_MAX = 40  # a Chinese title line holds at most this many characters
_TITLE_LINES = 4  # a title is set in at most this many lines
TITLE_WIDTH = 80  # a title line is at most this wide (in columns)
PROSE_WIDTH = 100  # a line of prose under a title is at least this wide, or twice the title's width


def _lines(layout: Layout) -> list[list[Segment]]:
    """The source lines of the undecided chunks, each as its segments."""
    lines: list[list[Segment]] = []
    for chunk in layout.chunks:
        if chunk.hint is not None:
            continue
        for seg in chunk.segments:
            if seg.line_start or not lines or lines[-1][0].chunk != seg.chunk:
                lines.append([seg])
            else:
                lines[-1].append(seg)
    return lines


def _text(line: list[Segment]) -> str:
    """A source line's text."""
    return " ".join(s.text for s in line).strip()


def table_row(text: str) -> bool:
    """True for a line whose cells are set apart by tabs (a copied table's row)."""
    return _TAB_CELL_RE.search(text.strip(" ")) is not None


def furniture_line(text: str) -> bool:
    """True for a skip link or a page tool standing alone on its line (see the module's docstring)."""
    text = text.strip()
    return bool(_SKIP_LINK_RE.match(text) or _PAGE_TOOL_RE.match(text))


def heading_mark(text: str, permalinks: bool) -> int:
    """The length of the heading mark a line ends with (0: none); ``permalinks``: the ``#``/``¶``
    marks count too (unwrapped text only: elsewhere a line may end in ``#`` for other reasons)."""
    stripped = text.rstrip()
    found = _EDIT_MARK_RE.search(stripped) or (_PERMALINK_RE.search(stripped) if permalinks else None)
    if found is None or not stripped[: found.start()].strip():
        return 0
    return len(text) - found.start()


def dateline(text: str) -> bool:
    """True for a short line that dates what follows (``Published 21 November 2019 · Tagged …``)."""
    return display_width(text) <= TITLE_WIDTH and _DATE_RE.search(text) is not None


def _prose(text: str, width: int) -> bool:
    """True for a line of prose under a title ``width`` wide: far wider, ending a sentence."""
    return display_width(text) >= max(PROSE_WIDTH, 2 * width) and ends_sentence(text) and not text[:1].islower()


def title_over(title: str, below: str, after: str = "") -> bool:
    """True when ``title`` reads as a title standing over the line ``below`` (and ``after``, the
    line after that): a short line that is not a sentence, over a line of prose (far wider, a
    sentence's end), a table's row, or a dateline over prose (a line with a tab is a row's cells)."""
    width = display_width(title)
    if (
        not title
        or "\t" in title
        or width > TITLE_WIDTH
        or ends_sentence(title)
        or not (title[-1:].isalnum() or title[-1:] in ")]\"'”’）")
    ):
        return False
    if not (title[:1].isupper() or title[:1].isdigit() or display_width(title[:1]) == 2):
        return False
    if table_row(below) or _prose(below, width):
        return True
    return dateline(below) and _prose(after, width)


def stands_over(layout: Layout, seg: Segment) -> bool:
    """True when the line of ``seg`` reads as a title over the next body line of ``layout`` (in
    unwrapped text a line alone between blank lines is a paragraph of its own — a link, a
    caption, a menu entry — and a title only where prose or a table follows it)."""
    later = (
        s
        for c in layout.chunks[seg.chunk :]
        for s in c.segments
        if s.role is None and s.line_start and s.start > seg.start
    )
    below, after = next(later, None), next(later, None)
    return below is not None and title_over(seg.text.strip(), below.text.strip(), after.text.strip() if after else "")


def mark_web_copy(layout: Layout) -> None:
    """Read a text layout's web-copy conventions: furniture lines get a role, tables and headings
    their own chunks (see the module's docstring)."""
    lines = _lines(layout)
    if not lines:
        return
    firsts = [line[0] for line in lines if line[0].role is None]
    flat = unwrapped(firsts, interior_pairs(layout))
    hints: dict[int, ChunkHint | None] = {}
    for line in lines:
        text = _text(line)
        if line[0].role is None and furniture_line(text):
            for seg in line:
                seg.role = "web-furniture"
        elif table_row(text):
            hints[id(line[0])] = "preformatted"
    tables = [line for line in lines if hints.get(id(line[0])) == "preformatted"]
    for line in tables:  # a table has two rows or more
        chunk = line[0].chunk
        neighbours = [other for other in tables if other is not line and other[0].chunk == chunk]
        if not neighbours:
            del hints[id(line[0])]
    body = [line for line in lines if line[0].role is None and _text(line)]
    for line in body:
        seg = line[-1]
        length = heading_mark(seg.text, flat) if len(line) == 1 else 0
        if length and id(line[0]) not in hints:
            _split_mark(layout.chunks[seg.chunk], seg, length)
            hints[id(line[0])] = "heading"
    follow: set[int] = set()
    if layout.cjk:
        for at, line in enumerate(body):
            run = [_text(other) for other in body[at : at + _TITLE_LINES] if len(other) == 1]
            size = split_title(run) if len(line) == 1 and id(line[0]) not in hints and id(line[0]) not in follow else 0
            if size:
                hints[id(line[0])] = "heading"
                follow.update(id(other[0]) for other in body[at + 1 : at + size])
    if flat:
        _mark_contents(body, hints)
        body = [line for line in body if line[0].role is None]
        for at, line in enumerate(body[:-1]):
            after = _text(body[at + 2]) if at + 2 < len(body) else ""
            if at and body[at - 1][0].chunk == line[0].chunk and code_line(_text(body[at - 1])):
                continue  # a line under code is its output or its next line, not a title
            if id(line[0]) not in hints and len(line) == 1 and title_over(_text(line), _text(body[at + 1]), after):
                hints[id(line[0])] = None  # a line of its own (a standalone block)
    if hints:
        layout.chunks = _regroup(layout.chunks, hints, follow)


def split_title(lines: list[str]) -> int:
    """How many of ``lines`` (from the first) are one official document's title broken over lines
    (see the module's docstring); 0 when they are not."""
    if not lines or "关于" not in lines[0] or _DOCUMENT_KIND_RE.search(lines[0]):
        return 0
    for size, text in enumerate(lines[:_TITLE_LINES], 1):
        if len(text) > _TITLE_MAX or ends_sentence(text) or match_marker(text) is not None:
            return 0
        if _DOCUMENT_KIND_RE.search(text):
            return size
    return 0


def _mark_contents(body: list[list[Segment]], hints: dict[int, ChunkHint | None]) -> None:
    """Numbered lines whose titles stand again, further down, as lines of their own are a table
    of contents (see the module's docstring): furniture."""
    titles = [_text(line) for line in body]
    later = {title.casefold(): at for at, title in enumerate(titles)}  # (each title's last line)
    for at, line in enumerate(body):
        entry = _CONTENTS_ENTRY_RE.match(titles[at])
        if entry is not None and later.get(entry.group(1).strip().casefold(), -1) > at and id(line[0]) not in hints:
            for seg in line:
                seg.role = "contents"


def _split_mark(chunk: Chunk, seg: Segment, length: int) -> None:
    """Cut a heading mark (the last ``length`` characters of ``seg``) off as a furniture segment."""
    cut = seg.end - length
    mark = Segment(cut, seg.end, seg.text[-length:].strip(), role="heading-mark")
    mark.sheet, mark.chunk, mark.columns = seg.sheet, seg.chunk, seg.columns
    seg.text = seg.text[:-length].rstrip()
    seg.end = seg.start + len(seg.text)
    chunk.segments.insert(chunk.segments.index(seg) + 1, mark)


def _regroup(chunks: list[Chunk], hints: dict[int, ChunkHint | None], follow: set[int]) -> list[Chunk]:
    """Cut chunks around the lines given a chunk of their own (keyed by their first segment):
    consecutive table rows share one preformatted chunk; a heading's mark follows as furniture;
    a line in ``follow`` goes on with the heading before it (a title's second line)."""
    out: list[Chunk] = []
    heading: Chunk | None = None
    for chunk in chunks:
        if chunk.hint is not None:
            out.append(chunk)
            continue
        current: Chunk | None = None
        for seg in chunk.segments:
            if id(seg) in follow and heading is not None:
                heading.segments.append(seg)
                continue
            if id(seg) in hints:
                if hints[id(seg)] == "heading":
                    heading = Chunk([seg], hint="heading")
                    out.extend((heading, Chunk()))
                    current = out[-1]
                    continue
                hint = hints[id(seg)]
                if hint == "preformatted" and current is not None and current.hint == "preformatted":
                    current.segments.append(seg)
                    continue
                current = Chunk([seg], hint=hint)
                out.append(current)
                current = current if hint == "preformatted" else None
                if hint is None or hint == "heading":
                    out.append(Chunk())  # what follows starts anew
                    current = out[-1]
                continue
            if seg.role == "heading-mark":
                out.insert(len(out) - 1 if out and not out[-1].segments else len(out), Chunk([seg], hint="furniture"))
                continue
            if current is None or (current.hint == "preformatted" and seg.line_start):
                current = Chunk()
                out.append(current)
            current.segments.append(seg)
    out = [c for c in out if c.segments]
    for index, chunk in enumerate(out):
        for seg in chunk.segments:
            seg.chunk = index
    return out
