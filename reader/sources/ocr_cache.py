"""The OCR cache: each page's recognised lines, kept as JSON by the file's content hash.

OCR is slow (seconds a page) and its result depends only on the page's pixels and the engine, so
each page is stored once it is read: ``<cache>/ocr/<hash>-<page>-<engine>.json`` holding the
upright page's size, the turn and skew taken out, and every line (text, box, confidence, its
characters' places and confidences). A reopen, a second command on the same file, or the
background build after the first screen reads it back at once. JSON, never pickle: a cache file
is data, whoever wrote it. Writes are atomic; any problem reading or writing is ignored (the page
is read again). ``READER_NO_OCR_CACHE`` turns the cache off (the benchmark's cold runs).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from reader.sources.ocr_engine import ENGINE_ID, OcrChar, OcrLine, OcrPage

FORMAT = 1


def _path(key: str, page: int) -> Path | None:
    """The cache file of page ``page`` of the file hashed ``key`` (None: caching is off)."""
    if os.environ.get("READER_NO_OCR_CACHE") or not key:
        return None
    return _cache_dir() / "ocr" / f"{key}-{page}-{ENGINE_ID}.json"


def _cache_dir() -> Path:
    """The reader's cache directory, as ``reader.cache.cache_dir`` finds it (not imported from
    there: the model cache imports the pipeline, which imports this source)."""
    override = os.environ.get("READER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader", appauthor=False))


def to_json(page: OcrPage) -> dict[str, Any]:
    """A page as plain JSON data (also what ``reader ocr`` prints for each page)."""
    return {
        "width": page.width,
        "height": page.height,
        "rotation": page.rotation,
        "skew": round(page.skew, 3),
        "seconds": round(page.seconds, 3),
        "lines": [
            {
                "text": ln.text,
                "box": [round(v, 1) for v in ln.box],
                "confidence": round(ln.confidence, 4),
                "chars": [[c.text, round(c.x0, 1), round(c.x1, 1), round(c.confidence, 4)] for c in ln.chars],
                **({"dashes": list(ln.dashes)} if ln.dashes else {}),
            }
            for ln in page.lines
        ],
    }


def from_json(data: dict[str, Any]) -> OcrPage:
    """A page from its JSON data (``to_json``); raises on anything malformed."""
    page = OcrPage(int(data["width"]), int(data["height"]), rotation=int(data["rotation"]), skew=float(data["skew"]))
    page.seconds = float(data.get("seconds", 0.0))
    for line in data["lines"]:
        box = tuple(float(v) for v in line["box"])
        if len(box) != 4:
            raise ValueError("a box has four numbers")
        chars = tuple(OcrChar(str(t), float(a), float(b), float(c)) for t, a, b, c in line["chars"])
        dashes = tuple(int(k) for k in line.get("dashes", ()))
        page.lines.append(OcrLine(str(line["text"]), box, float(line["confidence"]), chars, dashes))
    return page


def load_page(key: str, page: int) -> OcrPage | None:
    """The cached OCR of a page, or None (absent, unreadable, or of another format)."""
    path = _path(key, page)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != FORMAT:
            return None
        return from_json(data["page"])
    except Exception:  # missing, truncated or foreign: read the page again
        return None


def save_page(key: str, page: int, result: OcrPage) -> None:
    """Store a page's OCR (atomically; errors are ignored)."""
    path = _path(key, page)
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".ocr.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"format": FORMAT, "page": to_json(result)}, fh, ensure_ascii=False)
        os.replace(tmp, path)
        tmp = None
    except Exception:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


__all__ = ["from_json", "load_page", "save_page", "to_json"]
