"""A stand-in for the OCR engine: it "recognises" a rendered page by reading back what was drawn.

Tests of everything after the engine — fragments, columns, reading order, paragraphs, repairs,
doubtful characters, the cache, the background pages and their progress — use it, so they run
in milliseconds and do not depend on the engine's accuracy (the slow tests in ``test_ocr_engine``
use the real engine). Each page registered here is known by its pixels' hash.
"""

from __future__ import annotations

import hashlib
from typing import Any

from reader.sources.ocr_engine import OcrChar, OcrLine, OcrPage
from tests.page_images import RenderedPage

_PAGES: dict[str, RenderedPage] = {}
_CHANGES: dict[str, dict[int, tuple[str, float]]] = {}
CALLS: list[str] = []


def _key(image: Any) -> str:
    """A page image's identity: the hash of its greyscale pixels."""
    return hashlib.sha256(image.convert("L").tobytes()).hexdigest()


def register(page: RenderedPage, changes: dict[int, tuple[str, float]] | None = None) -> None:
    """Let the fake engine read ``page`` (``changes``: line index → (text read, confidence of
    its last character), to make it misread or doubt)."""
    key = _key(page.image)
    _PAGES[key] = page
    _CHANGES[key] = changes or {}


def fake_recognise(image: Any) -> OcrPage:
    """What the engine would see if it were perfect: every drawn line with its box."""
    key = _key(image)
    CALLS.append(key)
    page = _PAGES[key]
    out = OcrPage(image.width, image.height, seconds=0.0)
    for k, line in enumerate(page.printed):
        text, last = _CHANGES[key].get(k, (line.text, 0.99))
        chars = []
        visible = [c for c in line.chars if not c[0].isspace()]
        for n, ch in enumerate(c for c in text if not c.isspace()):
            x0, x1 = (visible[n][1], visible[n][2]) if n < len(visible) else (line.box[2], line.box[2])
            chars.append(OcrChar(ch, x0, x1, last if n == len(text.replace(" ", "")) - 1 else 0.99))
        out.lines.append(OcrLine(text, line.box, 0.98, tuple(chars)))
    return out


def install(monkeypatch: Any) -> None:
    """Put the fake engine in the image source's place (and say the extra is installed)."""
    import reader.sources.image as image
    import reader.sources.ocr_engine as engine

    CALLS.clear()
    monkeypatch.setattr(image, "recognise", fake_recognise)
    monkeypatch.setattr(engine, "available", lambda: True)


__all__ = ["CALLS", "fake_recognise", "install", "register"]
