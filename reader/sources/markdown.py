"""The Markdown source: a CommonMark parser (markdown-it-py) decides the blocks, not guesses.

Each Markdown block becomes one chunk with its kind as the hint: headings (with their level),
paragraphs, list items (the printed marker kept: ``- ``, ``1. ``), block quotes, and — kept line
by line as preformatted — fenced and indented code and tables; HTML blocks as a browser renders
them (their text in blocks, no tags: ``markdown_html``). Inline markup is
read, not shown: link text without its URL, code spans without backticks, emphasis marks
dropped (strong emphasis becomes the model's emphasis spans), images and inline HTML left out.
Each segment is one source line of the block, so spans point at the Markdown source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from reader.sources.layout import Chunk, ChunkHint, Layout, Segment
from reader.sources.markdown_html import html_block_parts, open_blocks

if TYPE_CHECKING:
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_ATX_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)", re.M)
_TABLE_RE = re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*\|", re.M)
_LINK_RE = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)")
_COMMENT_RE = re.compile(r"^\s*<!--.*-->\s*$", re.S)


def looks_like_markdown(text: str, name: str = "") -> bool:
    """True for a Markdown file: by its name, or by what only Markdown has (``#`` headings,
    code fences, pipe tables, inline links) when it has no telling name."""
    if name.lower().endswith(MARKDOWN_SUFFIXES):
        return True
    head = text[:65536]
    headings = len(_ATX_RE.findall(head))
    fences = len(_FENCE_RE.findall(head)) // 2
    tables = len(_TABLE_RE.findall(head))
    links = len(_LINK_RE.findall(head))
    score = 2 * (headings >= 2) + (headings >= 4) + 2 * (fences >= 1) + 2 * (tables >= 1) + (links >= 2)
    return score >= 3


class _Walker:
    """Turns markdown-it's token stream into chunks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.chunks: list[Chunk] = []
        self.quote_depth = 0
        self.items: list[str] = []  # markers of the list items open, innermost last
        self.item_fresh: list[bool] = []  # whether the open item's first paragraph is still to come
        self.ordinals: list[int] = []
        self.html_open = 0  # block-level HTML elements opened and not yet closed

    def offset(self, line: int) -> int:
        """The text offset where source line ``line`` (0-based) starts."""
        if line >= len(self.line_starts):
            return len(self.text)
        return self.line_starts[line]

    def line_span(self, line: int) -> tuple[int, int]:
        """The span of source line ``line`` without its newline."""
        start = self.offset(line)
        end = self.text.find("\n", start)
        return start, len(self.text) if end < 0 else end

    def add(self, hint: ChunkHint, lines: list[tuple[int, str]], level: int = 0, columns: int = 0) -> None:
        """Add a chunk of ``lines`` ((source line, text) pairs) with ``hint``."""
        chunk = Chunk(hint=hint, level=level)
        for k, (line, text) in enumerate(lines):
            start, end = self.line_span(line)
            seg = Segment(start, end, text, line_start=True, chunk=len(self.chunks))
            seg.columns = columns if k == 0 else 0
            chunk.segments.append(seg)
        if any(s.text.strip() for s in chunk.segments) or hint == "preformatted":
            self.chunks.append(chunk)

    def walk(self, tokens: list[Token]) -> list[Chunk]:
        """Walk the block tokens in order."""
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.ordinals.append(int(tok.attrGet("start") or 1) if kind == "ordered_list_open" else 0)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.ordinals.pop()
            elif kind == "list_item_open":
                if self.ordinals and self.ordinals[-1]:
                    marker = f"{self.ordinals[-1]}{tok.markup or '.'} "
                    self.ordinals[-1] += 1
                else:
                    marker = f"{tok.markup or '-'} "
                self.items.append(marker)
                self.item_fresh.append(True)
            elif kind == "list_item_close":
                self.items.pop()
                self.item_fresh.pop()
            elif kind == "heading_open":
                self._heading(tok, tokens[i + 1])
                i += 2
            elif kind == "paragraph_open":
                self._paragraph(tok, tokens[i + 1])
                i += 2
            elif kind == "code_block" and self.html_open and open_blocks(tok.content, 64) != 64:
                self._html(tok)  # an HTML block's element, cut by a blank line, goes on (``open_blocks``)
            elif kind in ("fence", "code_block"):
                self._code(tok)
            elif kind == "table_open":
                i = self._table(tokens, i)
            elif kind == "html_block":
                self._html(tok)
            elif kind == "hr":
                self._rule(tok)
            i += 1
        return self.chunks

    def _heading(self, tok: Token, inline: Token) -> None:
        """A heading: one chunk, its level the number of ``#``s (setext: 1 for ``=``, 2 for ``-``)."""
        first = tok.map[0] if tok.map else 0
        lines = _inline_lines(inline)
        self.add("heading", [(first + k, line) for k, line in enumerate(lines[:1])], level=int(tok.tag[1:]))

    def _paragraph(self, tok: Token, inline: Token) -> None:
        """A paragraph, a list item's first paragraph (marker kept) or a quoted paragraph."""
        first = tok.map[0] if tok.map else 0
        lines = _inline_lines(inline)
        hint: ChunkHint = "paragraph"
        if self.items and self.item_fresh[-1]:
            hint = "item"
            lines[0] = self.items[-1] + lines[0]
            self.item_fresh[-1] = False
        elif self.quote_depth:
            hint = "quote"
        self.add(hint, [(first + k, line) for k, line in enumerate(lines)], columns=2 * len(self.items))

    def _code(self, tok: Token) -> None:
        """Fenced or indented code: its lines as they are."""
        if not tok.map:
            return
        first, last = tok.map
        body = tok.content.rstrip("\n").split("\n")
        skip = 1 if tok.type == "fence" else 0  # the opening fence line
        self.add("preformatted", [(first + skip + k, line) for k, line in enumerate(body)][: max(1, last - first)])

    def _table(self, tokens: list[Token], i: int) -> int:
        """A pipe table: its source lines as they are; returns the index of ``table_close``."""
        tok = tokens[i]
        j = i
        while j < len(tokens) and tokens[j].type != "table_close":
            j += 1
        if tok.map:
            first, last = tok.map
            lines = [(n, self.text[slice(*self.line_span(n))].rstrip()) for n in range(first, last)]
            self.add("preformatted", lines)
        return j

    def _rule(self, tok: Token) -> None:
        """A thematic break (``---``): furniture, not text — and the mark under a line the writer
        meant as an underlined heading that CommonMark reads as a list item (``1. 分词`` / ``----``)."""
        if not tok.map:
            return
        start, end = self.line_span(tok.map[0])
        raw = self.text[start:end]
        start += len(raw) - len(raw.lstrip())
        seg = Segment(start, start + len(raw.strip()), raw.strip(), line_start=True, role="rule", chunk=len(self.chunks))
        self.chunks.append(Chunk([seg], hint="furniture"))

    def _html(self, tok: Token) -> None:
        """An HTML block, read as rendered (see ``markdown_html``): its text in paragraphs,
        headings, items and preformatted lines; its tags, comments and images not shown."""
        if not tok.map or _COMMENT_RE.match(tok.content):
            return
        self.html_open = open_blocks(tok.content, self.html_open)
        first = tok.map[0]
        for hint, level, lines in html_block_parts(tok.content):
            self.add(cast(ChunkHint, hint), [(first + n, text) for n, text in lines], level=level)


def _inline_lines(inline: Token) -> list[str]:
    """The reading text of an inline token, one string per source line (soft and hard breaks
    end a line)."""
    lines = [""]
    for child in inline.children or []:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            lines.append("")
        elif kind in ("text", "code_inline"):
            lines[-1] += child.content
        elif kind in ("strong_open", "strong_close"):
            lines[-1] += "**"  # read by reflow as an emphasis span, as OCR's bold marks are
    # images (badges, figures) and inline HTML have no reading text: left out
    return [line.strip() for line in lines] or [""]


_FRONT_MATTER_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\n((?:[^\n]*\n){0,80}?)(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_YAML_KEY_RE = re.compile(r"^[A-Za-z_][\w-]*:(?:[ \t]|$)")
_TITLE_RE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)


def front_matter(text: str) -> tuple[int, str | None, int]:
    """The YAML front matter a static-site generator reads before a page (Jekyll, Hugo, MkDocs,
    Pandoc: ``---`` / ``title: …`` / ``---`` as the file's first lines): how many lines it takes
    (0: none), and its title with the line that holds it. It is the page's settings, not its
    text; a site shows the title over the page."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return 0, None, 0
    body = [line for line in m.group(1).split("\n") if line.strip() and not line.lstrip().startswith("#")]
    if not body or not _YAML_KEY_RE.match(body[0]):
        return 0, None, 0
    lines = m.group(0).count("\n") + (0 if m.group(0).endswith("\n") else 1)
    title = _TITLE_RE.search(m.group(1))
    if title is None:
        return lines, None, 0
    value = title.group(1).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return lines, value or None, m.group(1)[: title.start()].count("\n") + 1


def markdown_layout(text: str, cjk: bool) -> Layout:
    """Parse Markdown ``text`` into the layout type (chunks hinted with their block kinds)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    skipped, title, title_line = front_matter(text)
    walker = _Walker(text)
    if title is not None:
        walker.add("heading", [(title_line, title)], level=1)
    parsed = "\n" * skipped + text.split("\n", skipped)[-1] if skipped else text
    chunks = walker.walk(parser.parse(parsed))
    for chunk in chunks:
        for seg in chunk.segments:
            seg.latin = not cjk
            seg.width = float(len(seg.text))
    page_labels: list[str | None] = [None]
    return Layout(chunks, 0.0, cjk, 0, 0.0, kind="markdown", page_labels=page_labels)
