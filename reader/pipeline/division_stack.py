"""A stack of division numbers set in their own column, paired with the titles after it.

A Chinese law set with its division numbers in a column of their own (``第二章``, ``第一节``,
``第十三条`` to the left, titles and text to the right) comes out of pdftotext's default mode
with the numbers of consecutive divisions stacked before the titles they belong to::

    第二章
    第一节
    第十三条

    犯罪
    犯罪和刑事责任

    一切危害国家主权……

The parts (编), chapters (章) and sections (节) take a title, an article (条) takes none: its
text follows. So a stack of lone division numbers followed by exactly as many short title lines
as it has title-taking numbers pairs them in order (``第二章`` with ``犯罪``, ``第一节`` with
``犯罪和刑事责任``), and an article number at the stack's foot goes on with the text after the
titles. The pairing is done on the layout, before paragraphs are found: each number is moved to
stand before its title (or its article's text), where a lone number already goes on with the
line after it (see ``CjkBreaks.numbers_next``). Every line keeps its own source offsets, so a
heading's span runs from its number to its title (covering the stack between them) and each
line's anchor points at where it was printed.

The pairing is only made when it is unambiguous: the stack's title-taking numbers come first
and at most one article number last; the titles carry no number and no punctuation of prose;
after them comes the article's text (a line that is no title) when the stack ends in an
article, or anything but another title line when it does not. Two article numbers stacked
(two one-line articles side by side) are left as they are.
"""

from __future__ import annotations

import re

from reader.pipeline.numbering import LONE_DIVISION_RE, match_marker
from reader.sources.layout import Chunk, Layout, Segment

# punctuation a title does not carry (a sentence's, GB/T 15834); the enumeration comma 、 may
# stand in a title (刑法的任务、基本原则和适用范围)
_PROSE_PUNCT_RE = re.compile(r"[，。；：！？,;:!?]")
_END_PUNCT_RE = re.compile(r"[、，。；：！？,;:!?…—]$")


def takes_title(number: str) -> bool:
    """True for the number of a division that takes a title (编, 章, 节), not an article's (条)."""
    return not number.split("之")[0].endswith("条")


def _title_line(seg: Segment, column: float) -> bool:
    """True when ``seg`` reads as a division's title: no number of its own, no punctuation of
    prose, well short of the column."""
    text = seg.text.strip()
    return (
        bool(text)
        and LONE_DIVISION_RE.match(text) is None
        and match_marker(text) is None
        and _PROSE_PUNCT_RE.search(text) is None
        and _END_PUNCT_RE.search(text) is None
        and (column <= 0 or seg.width <= 0.75 * column)
    )


def _stack_at(flat: list[Segment | None], at: int) -> list[Segment]:
    """The lone division numbers that follow each other from ``flat[at]``."""
    run: list[Segment] = []
    while at < len(flat) and (seg := flat[at]) is not None and LONE_DIVISION_RE.match(seg.text.strip()):
        run.append(seg)
        at += 1
    return run


def _pairing(
    flat: list[Segment | None], at: int, column: float
) -> tuple[list[Segment], list[Segment], Segment | None] | None:
    """The stack at ``flat[at]``, its titles and its article's first line, when they pair
    unambiguously (see the module's docstring); else None."""
    stack = _stack_at(flat, at)
    if len(stack) < 2:
        return None
    titled = [takes_title(s.text.strip()) for s in stack]
    count = sum(titled)
    if count == 0 or titled[:count] != [True] * count or len(stack) - count > 1:
        return None  # title-taking numbers first, at most one article number at the foot
    ends_in_article = len(stack) > count
    titles = flat[at + len(stack) : at + len(stack) + count]
    if len(titles) < count or not all(t is not None and _title_line(t, column) for t in titles):
        return None
    after_at = at + len(stack) + count
    after = flat[after_at] if after_at < len(flat) else None
    if ends_in_article:
        if after is None or _title_line(after, column) or match_marker(after.text.strip()) is not None:
            return None  # the article's text must follow its titles
    elif after is not None and _title_line(after, column):
        return None  # one title line too many: the pairing is not clear
    return stack, [t for t in titles if t is not None], after if ends_in_article else None


def unstack_divisions(layout: Layout) -> None:
    """Pair each stack of lone division numbers with the titles after it (see the module's
    docstring): rewrite the layout's chunks so that each number stands before its title, in a
    chunk of its own, and an article's number before its text."""
    flat: list[Segment | None] = []
    for chunk in layout.chunks:
        if chunk.hint is not None:
            flat.append(None)  # a block its source knows breaks a stack
            continue
        flat.extend(s for s in chunk.segments if s.role is None)
    before: dict[int, list[Chunk]] = {}  # id of a stack's first number → the chunks it becomes
    article_before: dict[int, Segment] = {}  # id of an article's first line → its number
    moved: set[int] = set()
    at = 0
    while at < len(flat):
        found = _pairing(flat, at, layout.column)
        if found is None:
            at += 1
            continue
        stack, titles, body = found
        before[id(stack[0])] = [Chunk([number, title]) for number, title in zip(stack, titles, strict=False)]
        moved.update(id(s) for s in stack + titles)
        if body is not None:
            article_before[id(body)] = stack[-1]
        at += len(stack) + len(titles)
    if not before:
        return
    layout.chunks = _rebuilt(layout.chunks, before, article_before, moved)
    for index, chunk in enumerate(layout.chunks):
        for seg in chunk.segments:
            seg.chunk = index


def _rebuilt(
    chunks: list[Chunk], before: dict[int, list[Chunk]], article_before: dict[int, Segment], moved: set[int]
) -> list[Chunk]:
    """The chunks with the stacks' numbers and titles moved into pairs (``before``) and each
    article's number set before its text (``article_before``)."""
    out: list[Chunk] = []
    for chunk in chunks:
        piece = Chunk([], chunk.hint, chunk.level, chunk.continues)
        for seg in chunk.segments:
            if id(seg) in before or id(seg) in article_before:
                if piece.segments:
                    out.append(piece)
                out.extend(before.get(id(seg), []))
                if id(seg) in article_before:
                    out.append(Chunk([article_before[id(seg)]]))
                piece = Chunk([], chunk.hint, chunk.level)
            if id(seg) not in moved:
                piece.segments.append(seg)
        if piece.segments:
            out.append(piece)
    return out
