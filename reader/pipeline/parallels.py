"""Paragraph ends a document shows by its own parallel paragraphs, where OCR lost a blank line.

Documents set like things alike: definitions that each end with the same citation
(``… [44 U.S.C., Sec. 3542]``) and are each followed by a paragraph opening the same way
(``A loss of confidentiality is …``, ``A loss of integrity is …``); numbered examples that each
open with their label (``EXAMPLE 1:``, ``EXAMPLE 2:``) after a formula ending the same way. In a
document whose paragraphs are separated by blank lines, OCR sometimes drops one, and two such
paragraphs run into one block. A line inside a block that ends as other paragraphs of the
document end (its last three words, digits aside), followed by a line that opens as two or more
other paragraphs open (its label up to a colon, else its first three words), is a paragraph end
there too. Both halves are needed: either alone is common inside running text.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.pipeline.chars import ends_sentence
from reader.sources.layout import Layout, Segment

_DIGITS_RE = re.compile(r"\d+")
_LABEL_RE = re.compile(r"^((?:\S+\s+){0,2}?\S+):(?:\s|$)")
_CLOSERS = (")", "]", "”", '"', "’", "'")
WORDS = 3  # words of a line's end or opening compared


def opening_key(text: str) -> str | None:
    """How a line opens: its run-in label up to the colon (``example #:``), else its first three
    words, lower-cased with digits as ``#`` (None for a shorter line)."""
    text = _DIGITS_RE.sub("#", text.strip().lower())
    label = _LABEL_RE.match(text)
    if label:
        return label.group(1) + ":"
    words = text.split()
    return " ".join(words[:WORDS]) if len(words) >= WORDS else None


def closing_key(text: str) -> str | None:
    """How a line ends: its last three words, lower-cased with digits as ``#`` (None for a
    shorter line)."""
    words = _DIGITS_RE.sub("#", text.strip().lower()).split()
    return " ".join(words[-WORDS:]) if len(words) >= WORDS else None


class Parallels:
    """The openings and endings of a text layout's blocks, and the paragraph ends they show."""

    def __init__(self, layout: Layout) -> None:
        self.openings: Counter[str] = Counter()
        self.closings: Counter[str] = Counter()
        for chunk in layout.chunks:
            if chunk.hint is not None:
                continue
            body = [s for s in chunk.segments if s.line_start and s.role is None]
            if not body:
                continue
            opening, closing = opening_key(body[0].text), closing_key(body[-1].text)
            if opening is not None:
                self.openings[opening] += 1
            if closing is not None:
                self.closings[closing] += 1

    def ends_between(self, prev: Segment, seg: Segment) -> bool:
        """True when ``prev`` ends, and ``seg`` opens, as other paragraphs of the document do."""
        text = prev.text.rstrip()
        if not (ends_sentence(text) or text.endswith((*_CLOSERS, ":"))):
            return False
        opening, closing = opening_key(seg.text), closing_key(prev.text)
        return opening is not None and closing is not None and self.openings[opening] >= 2 and self.closings[closing] >= 1
