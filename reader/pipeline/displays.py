"""Displayed samples in plain text: lines set apart after a colon, to be copied as they stand.

Licences, manuals and letters introduce a sample with a colon and set it on its own indented lines
(``…make it output a short notice like this when it starts in an interactive mode:`` over a
program's banner, ``Here is a sample; alter the names:`` over a disclaimer). Such a display keeps
its lines: each is a line of the sample, not the wrap of a paragraph. A reader tells it from an
indented quotation of prose by its right edge: wrapped prose ends its lines near one measure,
a display's lines end where their sense ends, far apart.

A display here is a text block right after a block whose last line ends with a colon, of three
lines or more, every line set deeper than the body at one indent, none opening a list item, and
the lines before its last ending at least ``RAGGED`` columns apart.
"""

from __future__ import annotations

import re

from reader.pipeline.numbering import BULLET_RE, match_marker
from reader.sources.layout import Layout, Segment

MAX_SESSION = 12  # lines of a shell session kept whole, at most
_PROMPT_RE = re.compile(r"^\$ [a-z][\w.-]*(?: |$)")  # ``$ find . -name '*.c'``
RAGGED = 12  # how far apart (columns) the line ends of a display are, at the least
MIN_LINES = 3


def _body(segments: list[Segment]) -> list[Segment]:
    """The source lines of a chunk (furniture set aside)."""
    return [s for s in segments if s.line_start and s.role is None]


def displayed_lines(layout: Layout, body_indent: int) -> set[int]:
    """Ids of the lines of the displays in a text layout (see the module's docstring), and of
    shell sessions: from a line that opens with a prompt and a command (``$ find . -print``) to
    the end of its text block, the commands and what they printed, line by line."""
    out: set[int] = set()
    before: list[Segment] = []
    for chunk in layout.chunks:
        lines = _body(chunk.segments) if chunk.hint is None else []
        prompt = next((k for k, s in enumerate(lines) if _PROMPT_RE.match(s.text)), None)
        if prompt is not None and len(lines) - prompt <= MAX_SESSION:
            out.update(id(s) for s in lines[prompt:])  # (a title may stand over the session)
        elif lines and before and before[-1].text.rstrip().endswith(":") and _display(lines, body_indent):
            out.update(id(s) for s in lines)
        before = lines
    return out


def _display(lines: list[Segment], body_indent: int) -> bool:
    """True for lines set as a display (deeper than the body at one indent, ragged, no list)."""
    if len(lines) < MIN_LINES or len({s.columns for s in lines}) != 1 or lines[0].columns <= body_indent + 1:
        return False
    first = lines[0].text
    marker = match_marker(first)
    if BULLET_RE.match(first) or (marker is not None and marker.scheme != "md"):  # (a ``#`` comment may open one)
        return False  # a list's items
    ends = [s.columns + len(s.text) for s in lines[:-1]]
    return max(ends) - min(ends) >= RAGGED
