"""A cache of built models (TUI only), and the framed form models travel in between processes.

A model is written as a series of small pickles (``model_frames``): a header, then the sections,
figures and blocks a few thousand at a time, then an end mark. Reading one (``read_model``) holds
Python's GIL for a few milliseconds at a time instead of a third of a second for a 10 MB model,
so the screen keeps answering keys while a worker thread reads.

The cache is keyed by the file's content hash, its sidecar metadata and the pipeline's own version,
so a change to any of them rebuilds. Written atomically; any problem reading or writing is ignored
(the model is simply built again). The CLI never uses it, so ``reader outline`` always measures a
real build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from reader import __version__
from reader.model.document import Document, Metadata

MAX_BYTES = 64 * 1024 * 1024


def cache_dir() -> Path:
    """The user's cache directory for reader (platformdirs; READER_CACHE_DIR overrides)."""
    override = os.environ.get("READER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader", appauthor=False))


def _pipeline_version() -> str:
    """The package version and the newest pipeline source time: edits to the pipeline rebuild."""
    here = Path(__file__).resolve().parent
    stamps = [p.stat().st_mtime_ns for p in (here / "pipeline").glob("*.py")]
    stamps += [(here / "model" / "document.py").stat().st_mtime_ns]
    return f"{__version__}-{max(stamps, default=0)}"


def cache_key(content_hash: str, sidecar: Mapping[str, str]) -> str:
    """The file name stem of a cached model."""
    extra = json.dumps(dict(sorted(sidecar.items())), ensure_ascii=False)
    digest = hashlib.sha256(f"{extra}\0{_pipeline_version()}".encode()).hexdigest()[:12]
    return f"{content_hash}-{digest}"


FRAME_ITEMS = 1000  # sections, figures or blocks per frame: a few milliseconds to unpickle


def model_frames(doc: Document) -> Iterator[bytes]:
    """The model as a series of pickles: header, sections, figures and blocks in parts, end mark."""
    parts = (("sections", doc.sections), ("figures", doc.figures), ("blocks", doc.blocks))
    counts = {name: len(items) for name, items in parts}
    yield pickle.dumps(("header", doc.metadata, counts), protocol=pickle.HIGHEST_PROTOCOL)
    for name, items in parts:
        for start in range(0, len(items), FRAME_ITEMS):
            yield pickle.dumps((name, items[start : start + FRAME_ITEMS]), protocol=pickle.HIGHEST_PROTOCOL)
    yield pickle.dumps(("end",), protocol=pickle.HIGHEST_PROTOCOL)


def read_model(
    stream: BinaryIO,
    progress: Callable[[str, float], None] | None = None,
    partial: Callable[[Document], None] | None = None,
) -> Document | None:
    """Read a model written by ``model_frames`` (None if the frames are not one whole model).

    ``progress`` hears ``("building", share)`` from a helper still building it (a ``("progress",
    share)`` frame; one with a label, ``("progress", share, "OCR page 3/12")``, is heard as
    ``(label, share)``) and ``("reading", share)`` as frames arrive. A ``("partial",)`` frame
    announces a model to read before the last (what OCR has read so far): it goes to ``partial``.
    After every frame the GIL is offered to other threads. Errors of the stream itself (EOF, a bad
    pickle) propagate.
    """
    from reader.pipeline.build import collector_paused

    tell = progress or (lambda _what, _share: None)
    frame = pickle.load(stream)
    while frame[0] in ("progress", "partial"):
        if frame[0] == "partial":
            early = read_model(stream, progress)
            if early is not None and partial is not None:
                partial(early)
        else:
            tell(str(frame[2]) if len(frame) > 2 else "building", float(frame[1]))
        frame = pickle.load(stream)
    if frame[0] != "header":
        return None
    _, metadata, counts = frame
    total = max(1, sum(counts.values()))
    parts: dict[str, list[Any]] = {"sections": [], "figures": [], "blocks": []}
    with collector_paused():  # a million new objects: no full collections over them meanwhile
        while (frame := pickle.load(stream))[0] != "end":
            if frame[0] not in parts:
                return None
            parts[frame[0]].extend(frame[1])
            tell("reading", sum(len(p) for p in parts.values()) / total)
            time.sleep(0)
        if any(len(parts[name]) != counts.get(name) for name in parts):
            return None
        doc = Document(metadata, tuple(parts["blocks"]), tuple(parts["sections"]), tuple(parts["figures"]))
    return doc if isinstance(doc.metadata, Metadata) else None


def load_model(key: str, progress: Callable[[str, float], None] | None = None) -> Document | None:
    """Return the cached model, or None (absent, stale, unreadable or not a model)."""
    try:
        with (cache_dir() / f"{key}.model").open("rb") as fh:
            return read_model(fh, progress)  # our own cache, in the user's own directory
    except Exception:  # a missing, truncated or foreign file: build again
        return None


def save_model(key: str, doc: Document, frames: Iterable[bytes] | None = None) -> None:
    """Store a model (atomically; ``frames``: its ``model_frames`` when already made); too large a
    model, or any error, is skipped."""
    tmp = None
    try:
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".model.", dir=directory)
        size = 0
        with os.fdopen(fd, "wb") as fh:
            for frame in frames if frames is not None else model_frames(doc):
                size += len(frame)
                if size > MAX_BYTES:
                    raise OverflowError("model too large to cache")
                fh.write(frame)
                time.sleep(0)
        os.replace(tmp, directory / f"{key}.model")
    except Exception:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
