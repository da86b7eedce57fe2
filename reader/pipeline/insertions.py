"""Editors' insertions in plain-text books: bracketed notes that stand between a paragraph's lines.

Project Gutenberg's transcribers set what the printed page showed beside the text in brackets
with a label: ``[Illustration: “When the Party entered”]``, ``[Illustration]``, ``[Sidenote: …]``,
``[Footnote 3: …]``. Such an insertion may stand where the picture stood, in the middle of a
sentence, its lines and blank lines between the two halves of a paragraph::

    settled at Netherfield as he ought to be. Lady Lucas quieted her fears a
    little by starting the idea of his

    [Illustration:

         “When the Party entered”

    [_Copyright 1894 by George Allen._]]

    being gone to London only to get a large party for the ball; and a

The insertion reads as its own blocks; the paragraph around it goes on after it, as it does
across a page break. ``insertion_chunks`` finds the text blocks an insertion spans: from a block
that opens with a label in brackets to the block at whose end the brackets balance.
"""

from __future__ import annotations

import re

from reader.sources.layout import Layout

MAX_CHUNKS = 12  # an insertion whose brackets do not close within this many text blocks is none
_OPENS_RE = re.compile(r"^\[[A-Z][a-z]+(?: \d+)?[:\]]")  # ``[Illustration:``, ``[Illustration]``, ``[Footnote 3:``


def insertion_chunks(layout: Layout) -> set[int]:
    """Indexes of the chunks that editors' bracketed insertions span."""
    chunks = layout.chunks
    out: set[int] = set()
    index = 0
    while index < len(chunks):
        lines = [s for s in chunks[index].segments if s.line_start]
        if not lines or not _OPENS_RE.match(lines[0].text):
            index += 1
            continue
        depth = 0
        end = None
        for k in range(index, min(len(chunks), index + MAX_CHUNKS)):
            for seg in chunks[k].segments:
                depth += seg.text.count("[") - seg.text.count("]")
            if depth <= 0:
                end = k
                break
        if end is None:
            index += 1
            continue
        out.update(range(index, end + 1))
        index = end + 1
    return out
