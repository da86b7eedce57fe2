"""Book titles over their alternative titles: ``Frankenstein;`` / ``or, the Modern Prometheus``.

A book's title page may give an alternative title after the title, joined by ``; or,`` (``Moby-Dick;
or, The Whale``, ``Twelfth Night, or What You Will``); set on lines of their own, the title line
ends with the semicolon or comma a title otherwise never ends with, and the next line opens with
``or``. The first line is then the book's title.
"""

from __future__ import annotations

import re
from itertools import pairwise

from reader.pipeline.blocks import RawBlock
from reader.pipeline.chars import ends_sentence
from reader.pipeline.headings import Candidate

_ALTERNATIVE_RE = re.compile(r"^or\b[,:]?\s+\S", re.I)


def alternative_titles(blocks: list[RawBlock], found: list[Candidate | None]) -> None:
    """A book's title followed by its alternative title (``Frankenstein;`` / ``or, the Modern
    Prometheus``; ``Moby-Dick;`` / ``or, The Whale``): the first line is the title, though it ends
    with the semicolon or comma that joins the two."""
    reading = [i for i, b in enumerate(blocks) if b.kind != "furniture"]
    for i, j in pairwise(reading):
        block, text = blocks[i], blocks[i].text.strip()
        if found[i] is not None or block.kind != "paragraph" or not block.standalone or "\n" in text:
            continue
        if text.endswith((";", ",")) and len(text.split()) <= 8 and text[:1].isupper():
            nxt = blocks[j].text.strip()
            if _ALTERNATIVE_RE.match(nxt) and len(nxt.split()) <= 10 and not ends_sentence(nxt):
                found[i] = Candidate(-1, 0, None, None, None, "", text, len(block.text))
