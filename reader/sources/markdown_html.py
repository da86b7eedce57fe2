"""HTML blocks in Markdown, read as rendered: their text in blocks, their tags not shown.

READMEs and documentation pages put raw HTML in their Markdown (CommonMark's HTML blocks): a
centred logo and badges (``<p align="center"><img …></p>``), a note box (``<div class="note">
<h5>…</h5><p>…</p></div>``), a table of definitions (``<table><tr><td><p><code>…``). A browser
shows the text of such a block, one block per block-level element (a paragraph, a heading, a list
item, a table cell), with the whitespace of the source collapsed, and shows no tag, no comment,
no script or style. So do we. An image has no reading text (as an inline image has none); a
``<pre>`` keeps its lines.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HtmlPart = tuple[str, int, list[tuple[int, str]]]
"""A block of an HTML block: its hint (``paragraph``, ``heading``, ``item``, ``preformatted``),
its heading level (0 for the others) and its lines as (line of the HTML block, text)."""

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset(
    "address article aside blockquote center dd details dialog div dl dt fieldset figcaption figure footer "
    "form header hr li main nav ol p section summary table tbody td tfoot th thead tr ul".split()
)
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
_SPACES_RE = re.compile(r"[ \t\r\n\f]+")


class _Reader(HTMLParser):
    """Collects the text of an HTML fragment into blocks at its block-level tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[HtmlPart] = []
        self.pieces: list[tuple[int, str]] = []  # (line, text) of the block being read
        self.hint = "paragraph"
        self.level = 0
        self.hidden = 0
        self.pre = 0
        self.lists: list[int] = []  # per open list: 0 for ``ul``, else the next ordinal of ``ol``
        self.marker = ""  # a list item's marker, put before its first text

    def flush(self) -> None:
        """End the block being read (nothing is kept of a block without text)."""
        lines: dict[int, str] = {}
        for line, text in self.pieces:
            lines[line] = lines.get(line, "") + text
        if self.hint == "preformatted":
            kept = [(n, t.rstrip()) for n, t in sorted(lines.items())]
            while kept and not kept[0][1].strip():
                kept.pop(0)
            while kept and not kept[-1][1].strip():
                kept.pop()
        else:
            kept = [(n, _SPACES_RE.sub(" ", t).strip()) for n, t in sorted(lines.items())]
            kept = [(n, t) for n, t in kept if t]
        if kept:
            if self.marker and self.hint == "item":
                kept[0] = (kept[0][0], self.marker + kept[0][1])
                self.marker = ""
            self.parts.append((self.hint, self.level, kept))
        self.pieces = []

    def begin(self, hint: str, level: int = 0) -> None:
        """Start a new block (a list item's first block takes its marker)."""
        self.flush()
        self.hint, self.level = ("item", 0) if self.marker and hint == "paragraph" else (hint, level)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block at a block-level tag; a line break at ``<br>``."""
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "pre":
            self.begin("preformatted")
            self.pre += 1
        elif tag in _HEADINGS:
            self.begin("heading", _HEADINGS[tag])
        elif tag in ("ul", "ol"):
            self.begin("paragraph")
            self.lists.append(1 if tag == "ol" else 0)
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1]:
                marker = f"{self.lists[-1]}. "
                self.lists[-1] += 1
            self.flush()
            self.marker = marker
            self.hint, self.level = "item", 0
        elif tag in _BLOCKS:
            self.begin("paragraph")
        elif tag == "br" and not self.pre:
            line = self.getpos()[0]
            self.pieces.append((line, " "))

    def handle_endtag(self, tag: str) -> None:
        """Close a block at a block-level tag."""
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "pre":
            self.flush()
            self.pre = max(0, self.pre - 1)
            self.hint = "paragraph"
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            self.hint, self.marker = "paragraph", ""
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.flush()
            self.hint, self.level = "paragraph", 0

    def handle_data(self, data: str) -> None:
        """Text: kept with the line it stands on (a run over several lines is cut at each)."""
        if self.hidden:
            return
        line = self.getpos()[0]
        for k, text in enumerate(data.split("\n")):
            self.pieces.append((line + k, text if self.pre else text + (" " if k < data.count("\n") else "")))


def html_block_parts(content: str) -> list[HtmlPart]:
    """The blocks a browser shows for the HTML ``content`` (see the module's docstring); line
    numbers count from 0 at the content's first line."""
    reader = _Reader()
    reader.feed(content)
    reader.close()
    reader.flush()
    return [(hint, level, [(line - 1, text) for line, text in lines]) for hint, level, lines in reader.parts]


_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")


def open_blocks(content: str, depth: int = 0) -> int:
    """How many block-level elements are still open after ``content`` (``depth`` open before).
    CommonMark ends an HTML block at a blank line, though its ``<td>`` or ``<div>`` is not closed
    (kramdown, Jekyll's renderer, reads on to the closing tag): the indented lines after such a
    blank line are more of the same HTML, not code."""
    for closing, name, self_closing in _TAG_RE.findall(re.sub(r"<!--.*?-->", "", content, flags=re.S)):
        tag = name.lower()
        if (tag in _BLOCKS or tag in _HEADINGS or tag == "pre") and tag != "hr" and not self_closing:
            depth = max(0, depth - 1) if closing else depth + 1
    return depth
