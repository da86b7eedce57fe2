"""The OCR engine: a page image → its text lines with boxes and per-character confidences.

The engine is RapidOCR 3 (PP-OCRv6 text detection and recognition; its line-direction classifier
left out, see below) on ONNX Runtime, the optional extra ``ocr`` (``pip install
'ocr-reader-tui[ocr]'``).
Its models ship inside its wheel and are opened from there by path, so nothing is downloaded and
no network is needed. It is loaded once per process, lazily, and told to keep quiet (its log
lines would land on the terminal the reader draws on).

What this module adds to the engine's lines:
- Upright pages: a page scanned sideways or upside down is turned before it is read. A page whose
  lines mostly stand on end is turned by 90°, the direction chosen by reading a few of its longest
  lines both ways; an upright-looking page is checked for 180° the same way.
- Skew: the lines' median slant is taken out of every box (a photograph held slightly askew).
- Each line's characters with their place along the line and the recogniser's confidence in each
  (a character the engine gives no box is placed proportionally).
- No line-by-line direction classifier: the page is turned as a whole, and PP-OCR's classifier
  turned good lines upside down (a justified English line read as ``s y y y``, a Chinese line
  full of quotation marks read as ``一。``).
- Dashes: where the engine reads ``一一`` the pixels are looked at: one unbroken stroke across
  both is a dash ``——`` (two 一 have a gap between them); the source repairs those.
Coordinates are pixels of the upright page, y downwards.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError

EXTRA = "pip install 'ocr-reader-tui[ocr]'"
MAX_SIDE = 4000  # pixels: a larger page is scaled down before detection (OCR time grows with the area)
ENGINE_ID = "rapidocr3-ppocrv6-small-1"  # in the OCR cache key: another engine reads again
_LOCK = threading.Lock()
_ENGINE: Any = None


@dataclass(frozen=True, slots=True)
class OcrChar:
    """One recognised character: its text, where it stands along its line, and the confidence."""

    text: str
    x0: float
    x1: float
    confidence: float


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One detected text line: its text, box (x0, y0, x1, y1), confidence and characters (spaces
    have none)."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    chars: tuple[OcrChar, ...] = ()
    dashes: tuple[int, ...] = ()  # where the text reads 一一 but the page draws one unbroken rule (——)


@dataclass(slots=True)
class OcrPage:
    """One page as the engine read it: its upright size in pixels, lines, and what was done to it."""

    width: int
    height: int
    lines: list[OcrLine] = field(default_factory=list)
    rotation: int = 0  # degrees the page was turned (clockwise) to stand upright
    skew: float = 0.0  # degrees of slant taken out of the boxes
    seconds: float = 0.0  # the engine's own time for the page


def available() -> bool:
    """True when the OCR extra is installed (nothing is imported)."""
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))


_MODELS = (("Det", "PP-OCRv6_det"), ("Rec", "PP-OCRv6_rec"), ("Cls", "ch_ppocr_mobile_v2.0_cls"))


def _model_files() -> dict[str, str] | None:
    """The engine's model files in the installed rapidocr (by task), None when any is missing."""
    spec = importlib.util.find_spec("rapidocr")
    places = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not places:
        return None
    models = os.path.join(places[0], "models")
    try:
        names = os.listdir(models)
    except OSError:
        return None
    files: dict[str, str] = {}
    for task, prefix in _MODELS:
        found = sorted(f for f in names if f.startswith(prefix) and f.endswith(".onnx"))
        if not found:
            return None
        files[task] = os.path.join(models, found[0])
    return files


def models_installed() -> bool:
    """True when the extra is installed with its models in place (nothing is imported)."""
    return available() and _model_files() is not None


def require(what: str) -> None:
    """Raise the one-line error that names the extra when it is missing."""
    if not available():
        raise ReaderError(f"{what}: reading it needs OCR, an optional extra: {EXTRA}")


def _threads() -> int:
    """ONNX Runtime threads: READER_OCR_THREADS, else all cores but one (the screen keeps one)."""
    wanted = os.environ.get("READER_OCR_THREADS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, (os.cpu_count() or 2) - 1)


def engine() -> Any:
    """The process's engine, made on first use (models opened from the installed wheel)."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            _ENGINE = _make_engine()
        return _ENGINE


def _make_engine() -> Any:
    """RapidOCR with its bundled models named by path (no model download can be started)."""
    for name in ("RapidOCR", "rapidocr", "onnxruntime"):
        logging.getLogger(name).setLevel(logging.ERROR)
    files = _model_files()
    if files is None:
        raise ReaderError(f"the OCR models are missing from the installed rapidocr: reinstall it ({EXTRA})")
    from rapidocr import RapidOCR

    params: dict[str, Any] = {
        "Global.log_level": "error",
        "Global.max_side_len": MAX_SIDE,
        "Global.text_score": 0.5,
        "EngineConfig.onnxruntime.intra_op_num_threads": _threads(),
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    for task, path in files.items():
        params[f"{task}.model_path"] = path
    made = RapidOCR(params=params)
    for name in ("RapidOCR", "rapidocr"):
        logging.getLogger(name).setLevel(logging.ERROR)
    return made


def recognise(image: Any) -> OcrPage:
    """Read one page image (a PIL image): upright it, recognise its lines, take out its skew."""
    import numpy as np

    started = time.perf_counter()
    rgb = np.asarray(image.convert("RGB"))
    lines = _run(rgb)
    rotation = _orientation(rgb, lines)
    if rotation:
        rgb = np.ascontiguousarray(np.rot90(rgb, k=-rotation // 90))
        lines = _run(rgb)
    height, width = rgb.shape[:2]
    page = OcrPage(width, height, rotation=rotation)
    page.skew = _skew(lines)
    page.lines = [_line(*raw, page.skew, width, height) for raw in lines]
    page.lines = [ln for ln in page.lines if ln.text.strip()]
    page.seconds = time.perf_counter() - started
    return page


_Raw = tuple[str, list[list[float]], float, list[tuple[str, float, list[list[float]]]], tuple[int, ...]]


def _run(rgb: Any) -> list[_Raw]:
    """The engine's lines: text, quadrilateral, confidence, characters (text, confidence, quad)."""
    out = engine()(rgb, use_det=True, use_cls=False, use_rec=True, return_word_box=True, return_single_char_box=True)
    texts = getattr(out, "txts", None)
    if not texts:
        return []
    words = list(getattr(out, "word_results", ()) or ())
    lines: list[_Raw] = []
    for k, text in enumerate(texts):
        quad = [[float(x), float(y)] for x, y in out.boxes[k]]
        chars = _chars_of(text, words, k)
        score = float(out.scores[k])
        dashes = _dashes(rgb, str(text), chars) if "一一" in text and chars else ()
        lines.append((str(text), quad, score, chars, dashes))
    return lines


def _dashes(rgb: Any, text: str, chars: list[tuple[str, float, list[list[float]]]]) -> tuple[int, ...]:
    """The offsets in ``text`` of each ``一一`` the page draws as one unbroken stroke (a dash)."""
    found: list[int] = []
    spots = [k for k, ch in enumerate(text) if not ch.isspace()]  # text offset of each boxed character
    for k in range(len(chars) - 1):
        if chars[k][0] != "一" or chars[k + 1][0] != "一" or (found and found[-1] == spots[k - 1]):
            continue  # (一一一: the first pair only)
        a, b = chars[k][2], chars[k + 1][2]
        left = int((min(p[0] for p in a) + max(p[0] for p in a)) / 2)
        right = int((min(p[0] for p in b) + max(p[0] for p in b)) / 2)
        top = int(min(p[1] for p in a + b))
        bottom = int(max(p[1] for p in a + b)) + 1
        band = rgb[max(0, top) : bottom, max(0, left) : right + 1].mean(axis=2) if right > left else None
        if band is None or band.size == 0:
            continue
        ink = band < (float(band.min()) + float(band.max())) / 2
        if float(ink.mean(axis=1).max()) >= 0.97:
            found.append(spots[k])
    return tuple(found)


def _chars_of(text: str, words: list[Any], k: int) -> list[tuple[str, float, list[list[float]]]]:
    """The characters the engine boxed for line ``k``, when they spell its text (the engine's
    lists can fall out of step with its lines: then none, and they are placed proportionally)."""
    wanted = "".join(text.split())
    for j in (k, k - 1, k + 1):
        if 0 <= j < len(words) and words[j]:
            chars = [(str(t), float(s), [[float(x), float(y)] for x, y in q]) for t, s, q in words[j]]
            if "".join(c[0] for c in chars) == wanted:
                return chars
    return []


def _long_side(quad: list[list[float]]) -> tuple[float, float]:
    """A quadrilateral's extent along x and along y."""
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return max(xs) - min(xs), max(ys) - min(ys)


def _orientation(rgb: Any, lines: list[_Raw]) -> int:
    """How far (0, 90, 180, 270 degrees clockwise) the page must turn to stand upright: lines
    mostly on end → 90 or 270; then the longest lines are read both ways and the likelier wins."""
    import numpy as np

    if not lines:
        return 0
    tall = [ln for ln in lines if _long_side(ln[1])[1] > 2.0 * _long_side(ln[1])[0]]
    wide = [ln for ln in lines if _long_side(ln[1])[0] > 2.0 * _long_side(ln[1])[1]]
    on_end = sum(len(ln[0]) for ln in tall) > sum(len(ln[0]) for ln in wide)
    probe = sorted(tall if on_end else wide, key=lambda ln: -len(ln[0]))[:3]
    if not probe:
        return 0
    crops = []
    for _text, quad, _score, _chars, _dashes in probe:
        xs = [int(p[0]) for p in quad]
        ys = [int(p[1]) for p in quad]
        crops.append(rgb[max(0, min(ys)) : max(ys) + 1, max(0, min(xs)) : max(xs) + 1])
    if on_end:  # turned 90° clockwise to read, or 90° counter-clockwise
        ways = {90: [np.rot90(c, k=-1) for c in crops], 270: [np.rot90(c, k=1) for c in crops]}
    else:
        ways = {0: crops, 180: [np.rot90(c, k=2) for c in crops]}
    scores = {turn: sum(_read_score(np.ascontiguousarray(c)) for c in images) for turn, images in ways.items()}
    best = max(scores, key=lambda turn: scores[turn])
    return 0 if not on_end and scores[0] >= scores[180] - 0.15 * len(crops) else best


def _read_score(crop: Any) -> float:
    """The recogniser's confidence in one line image read as it stands (no direction classifier)."""
    if crop.size == 0:
        return 0.0
    out = engine()(crop, use_det=False, use_cls=False, use_rec=True, return_word_box=False)
    scores = getattr(out, "scores", None)
    texts = getattr(out, "txts", None)
    if not scores or not texts:
        return 0.0
    return float(scores[0]) * min(1.0, len(texts[0]) / 4)


def _skew(lines: list[_Raw]) -> float:
    """The median slant (degrees) of the page's long lines' top edges."""
    angles = []
    for _text, quad, _score, _chars, _dashes in lines:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        if x1 - x0 > 4 * max(1.0, abs(quad[3][1] - quad[0][1])):
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    if len(angles) < 3:
        return 0.0
    angles.sort()
    median = angles[len(angles) // 2]
    return median if abs(median) >= 0.15 else 0.0


def _turn(points: list[list[float]], skew: float, width: int, height: int) -> list[tuple[float, float]]:
    """Points with the page's slant taken out (turned about the page's centre)."""
    if not skew:
        return [(p[0], p[1]) for p in points]
    a = math.radians(-skew)
    cx, cy = width / 2, height / 2
    cos, sin = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos) for x, y in points]


def _line(
    text: str,
    quad: list[list[float]],
    score: float,
    chars: list[tuple[str, float, list[list[float]]]],
    dashes: tuple[int, ...],
    skew: float,
    width: int,
    height: int,
) -> OcrLine:
    """One line with its upright box and its characters placed along it."""
    points = _turn(quad, skew, width, height)
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    placed: list[OcrChar] = []
    if chars:
        for ch, conf, q in chars:
            pts = _turn(q, skew, width, height)
            placed.append(OcrChar(ch, min(p[0] for p in pts), max(p[0] for p in pts), conf))
    else:
        step = (x1 - x0) / max(1, len(text))
        for k, ch in enumerate(text):
            if not ch.isspace():
                placed.append(OcrChar(ch, x0 + k * step, x0 + (k + 1) * step, score))
    return OcrLine(text, (x0, y0, x1, y1), score, tuple(placed), dashes)


__all__ = ["ENGINE_ID", "EXTRA", "OcrChar", "OcrLine", "OcrPage", "available", "engine", "recognise", "require"]
