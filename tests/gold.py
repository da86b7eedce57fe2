"""Scoring helpers that compare a built document with a gold reading (used by tests and bench)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from reader.model.document import Document

_ROOT = Path(__file__).resolve().parent.parent
# ../shared/corpus beside the main checkout; a worktree under /work/wt/NAME finds it one level further up
SHARED_CORPUS = next(
    (p for p in (_ROOT.parent / "shared" / "corpus", _ROOT.parent.parent / "shared" / "corpus") if p.is_dir()),
    _ROOT.parent / "shared" / "corpus",
)
_SPACE_RE = re.compile(r"\s+")
_FIG_KEY_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*[多余]?\s*([^\d\s,.])")


def squeeze(text: str) -> str:
    """Remove whitespace and OCR bold marks, for comparing reading text with its source."""
    return _SPACE_RE.sub("", text).replace("**", "")


def paragraph_starts(texts: list[str], skip: set[int] | None = None) -> set[int]:
    """Offsets (in the squeezed concatenation) where each block starts; ``skip`` names blocks
    whose start does not count (the body after a lead-sentence heading)."""
    starts, pos = set(), 0
    for i, text in enumerate(texts):
        if not skip or i not in skip:
            starts.add(pos)
        pos += len(squeeze(text))
    return starts


def doc_starts(doc: Document) -> set[int]:
    """Paragraph starts of a document's reading blocks (an inline heading's body not counted)."""
    blocks = [b for b in doc.blocks if b.kind != "furniture"]
    skip = {i + 1 for i, b in enumerate(blocks) if b.heading is not None and b.heading.inline_body}
    return paragraph_starts([b.text for b in blocks], skip)


def f1(found: set[int], gold: set[int]) -> float:
    """The F1 score of two sets."""
    hit = len(found & gold)
    if not hit:
        return 0.0
    p, r = hit / len(found), hit / len(gold)
    return 2 * p * r / (p + r)


def start_f1(doc: Document, gold: dict[str, Any]) -> float:
    """Paragraph-start F1 of the document's reading blocks against the gold blocks.

    A heading with an inline body counts as the start of its paragraph in both.
    """
    theirs = [b for b in gold["blocks"] if b["kind"] != "furniture"]
    skip = {i + 1 for i, b in enumerate(theirs) if b.get("inline_body")}
    return f1(doc_starts(doc), paragraph_starts([b["text"] for b in theirs], skip))


def figure_key(text: str) -> str | None:
    """The corpus key of a figure: its number (thousands commas dropped) and the first character
    of its unit after any space or approximate 多/余 (``30.66亿``, ``7.5%``, ``960万`` for ``960多万``,
    ``4.2b`` for ``$4.2 billion``)."""
    m = _FIG_KEY_RE.search(text)
    return m.group(1).replace(",", "") + m.group(2) if m else None


def figure_scores(doc: Document, expected: dict[str, Any]) -> tuple[float, float, list[str]]:
    """Return (recall, precision, forbidden keys found) of the document's figures."""
    found = Counter(k for f in doc.figures if (k := figure_key(f.text)))
    required = Counter(expected["required"])
    optional = set(expected.get("optional", []))
    hit = sum(min(found[k], n) for k, n in required.items())
    extra = sum(n - required.get(k, 0) for k, n in found.items() if k not in optional and n > required.get(k, 0))
    recall = hit / sum(required.values())
    counted = hit + extra
    precision = hit / counted if counted else 0.0
    forbidden = [
        k for k in expected.get("forbidden", []) if any(f.text.startswith(k) or k in f.text for f in doc.figures)
    ]
    return recall, precision, forbidden
