"""A table of contents among the blocks: its entries are no headings, its title is one.

A contents list is a run of numbered titles (``1 History``, ``1.1 Blind and visually impaired
users``, ``2 Applications``), one or more to a line, with nothing else between them, that either
stands under a title naming it (``Contents``, ``Table of Contents``, ``目录``) or whose titles
recur later in the document (the sections it lists, each under its heading); its numbers count
up, so a number below the last entry's opens the text. Its entries are
list lines, not the sections themselves; the title over it is a heading (the list is its content).
OCR may glue an entry's number to its title (``4Techniques``) or set two entries on one line.
"""

from __future__ import annotations

import re

from reader.pipeline.blocks import RawBlock
from reader.pipeline.headings import Candidate

_TITLE_RE = re.compile(r"^(?:(?:table\s+of\s+)?contents|目\s*录|目\s*次)$", re.I)
_ENTRY_RE = re.compile(r"(?:^|\s)[^\w\s]?(\d{1,2}(?:\.\d{1,2})*)\.?\s*(?=[^\W\d_])")
_ENTRY_LINE_RE = re.compile(r"^[^\w\s]?\d{1,2}(?:\.\d{1,2})*\.?\s*[^\W\d_]")
_PUNCT_RE = re.compile(r"[^\w\s]")
MIN_ENTRIES = 3  # fewer numbered lines in a row are not a contents list
ENTRY_WORDS = 10  # an entry's title is short


def _entries(text: str) -> list[tuple[tuple[int, ...], str]] | None:
    """The contents entries on one block, each its number and title (``4.2Character recognition
    4.3Post-processing`` → two), or None when the block is not made of entries."""
    text = text.strip()
    if not _ENTRY_LINE_RE.match(text) or text.endswith((".", ":", ";", ",")):  # (a sentence is no entry)
        return None
    matches = list(_ENTRY_RE.finditer(text))
    ends = [m.start() for m in matches[1:]] + [len(text)]
    entries = [
        (tuple(int(p) for p in m.group(1).split(".")), text[m.end() : end].strip()) for m, end in zip(matches, ends, strict=True)
    ]
    if not entries or any(not t or len(t.split()) > ENTRY_WORDS for _, t in entries):
        return None
    return entries


def _squeeze(text: str) -> str:
    """A title compared loosely: lower case, no punctuation or spaces."""
    return "".join(_PUNCT_RE.sub("", text).lower().split())


def mark_contents(blocks: list[RawBlock], found: list[Candidate | None]) -> None:
    """Find contents lists (see the module's docstring): their entries stop being heading
    candidates, and a title naming the list becomes a heading."""
    reading = [i for i, b in enumerate(blocks) if b.kind != "furniture"]
    pos = 0
    while pos < len(reading):
        run: list[int] = []
        titles: list[str] = []
        last: tuple[int, ...] = ()
        while pos + len(run) < len(reading):
            got = _entries(blocks[reading[pos + len(run)]].text)
            if got is None:
                break
            if run and got[0][0] < last:
                break  # a contents list counts up: a number below its last entry's opens the text
            run.append(reading[pos + len(run)])
            titles += [title for _, title in got]
            last = got[-1][0]
        if len(titles) < MIN_ENTRIES:
            pos += max(1, len(run))
            continue
        before = reading[pos - 1] if pos > 0 else None
        named = before is not None and _TITLE_RE.match(blocks[before].text.strip()) is not None
        end = reading[pos + len(run) - 1]
        later = {_squeeze(b.text) for b in blocks[end + 1 :] if b.kind != "furniture" and len(b.text) <= 100}
        later |= {_squeeze(re.sub(r"^[\d.]+\s*", "", b.text)) for b in blocks[end + 1 :] if len(b.text) <= 100}
        recurring = sum(1 for t in titles if _squeeze(t) in later)
        if named or recurring >= max(2, len(titles) // 2):
            for i in run:
                found[i] = None
                if blocks[i].kind == "heading":  # (set larger by its source: an entry all the same)
                    blocks[i].kind = "paragraph"
            if named and before is not None:
                title = blocks[before].text.strip()
                found[before] = Candidate(-1, 0, None, None, None, "", title, len(blocks[before].text))
        pos += len(run)
