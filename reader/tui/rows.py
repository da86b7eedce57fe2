"""Drawing one screen row of the text pane: a wrapped line with its block's look (headings, quotes,
captions, footnotes, preformatted lines clipped with a marker), emphasis, search matches, the
selection and the cursor. Each strip carries the offsets Textual's mouse selection reads."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.textlayout import TextLayout, printed_offset

CURSOR_BG = "on #26324a"
CLIP_MARK = "›"  # ends a preformatted line cut at the pane's edge (lines are clipped, not wrapped)
KIND_STYLE = {
    "heading": "bold cyan",
    "item": "italic",
    "quote": "italic",
    "caption": "dim italic",
    "footnote": "dim",
}
QUOTE_BAR = "▎ "  # the left rule of a block quote (INDENT cells with its space)


@dataclass(frozen=True, slots=True)
class Look:
    """What the text pane draws over the text: the cursor block, bookmarks, the search and the
    selected span ((block, offset) to (block, offset), end exclusive)."""

    cursor: int
    marked: frozenset[int]
    search: str
    selected: tuple[tuple[int, int], tuple[int, int]] | None = None

    def selected_in(self, block: int, length: int) -> tuple[int, int] | None:
        """The selected part of ``block`` (whose text has ``length`` characters), if any."""
        if self.selected is None:
            return None
        (first, start), (last, end) = self.selected
        if not first <= block <= last:
            return None
        return (start if block == first else 0, end if block == last else length)


def render_row(layout: TextLayout, row: int, width: int, look: Look, console: Console) -> Strip:
    """The strip for absolute row ``row`` at ``width`` cells, its offsets set for mouse selection
    (x: the character offset in the block's text shown, y: the row)."""
    where = layout.row(row)
    if where is None:  # a gap between blocks, or past the end: it stands for the end of the block above
        item = layout.item_at(row)
        end = len(layout.text(layout.items[item])) if layout.items else 0
        return Strip.blank(width).apply_offsets(end, row)
    item, line = where
    index = layout.items[item]
    block = layout.doc.blocks[index]
    full = layout.text(index)
    start, end = layout.span(item, line)
    text = Text(full[start:end], no_wrap=True, end="")
    base = " ".join(
        style
        for style in (
            KIND_STYLE.get(block.kind, ""),
            CURSOR_BG if index == look.cursor else "",
            "underline" if index in look.marked else "",
        )
        if style
    )
    if base:
        text.stylize(base)
    for s, e in block.emphasis:
        if layout.printed:
            s, e = printed_offset(block, s), printed_offset(block, e)
        if e > start and s < end:
            text.stylize("bold", max(s, start) - start, min(e, end) - start)
    chosen = look.selected_in(index, len(full))
    if chosen is not None and chosen[1] > start and chosen[0] < end:
        text.stylize("reverse", max(chosen[0], start) - start, min(chosen[1], end) - start)
    if look.search:
        _stylize_matches(text, full, look.search, start, end)
    indent = layout.indent(index)
    room = width - indent
    if block.kind == "preformatted" and text.cell_len > room:
        text.truncate(max(0, room - 1))
        text.append(CLIP_MARK, style="bold reverse")
    segments: list[Segment] = []
    if indent:
        segments.append(Segment(QUOTE_BAR[:indent].ljust(indent), Style.parse("dim")))
    segments.extend(text.render(console))
    if index == look.cursor:
        segments.append(Segment(" " * width, Style.parse(CURSOR_BG)))
    return Strip(segments).crop(0, width).extend_cell_length(width).apply_offsets(start - indent, row)


def _stylize_matches(text: Text, full: str, search: str, start: int, end: int) -> None:
    """Highlight the search matches on this line."""
    needle = search.lower()
    lo = max(0, start - len(needle) + 1)
    hay = full[lo : end + len(needle)].lower()  # only this line's neighbourhood
    pos = hay.find(needle)
    while pos != -1 and lo + pos < end:
        at = lo + pos
        text.stylize("black on yellow", max(at, start) - start, min(at + len(needle), end) - start)
        pos = hay.find(needle, pos + 1)
