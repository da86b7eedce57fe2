"""The model cache's load time, beside the pickle frames it used before (run in a fresh interpreter).

``python -m bench.cacheload FILE`` builds FILE's full model, caches it, and prints as JSON the
median time (of 5) to load it from the cache, and the longest stretch from one frame to the next or
to the finished model (how long a reading thread holds the GIL at a time) when it is read as the
TUI reads it (``lasting``), beside the same for the former format: the model as pickles of 1,000
items, read with the collector paused and the GIL offered between frames.
"""

from __future__ import annotations

import io
import itertools
import json
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reader.model.document import Document


def _pickle_frames(doc: Document) -> Iterator[bytes]:
    """The former cache format: header, parts of 1,000 items, end mark, each a pickle."""
    parts = (("sections", doc.sections), ("figures", doc.figures), ("blocks", doc.blocks))
    yield pickle.dumps(("header", doc.metadata, {name: len(items) for name, items in parts}), protocol=5)
    for name, items in parts:
        for start in range(0, len(items), 1000):
            yield pickle.dumps((name, items[start : start + 1000]), protocol=5)
    yield pickle.dumps(("end",), protocol=5)


def _read_pickle_frames(stream: io.BufferedIOBase, tell: Callable[[str, float], None]) -> Document:
    """The former reader of those frames."""
    from reader.pipeline.build import collector_paused

    _, metadata, counts = pickle.load(stream)
    parts: dict[str, list[Any]] = {"sections": [], "figures": [], "blocks": []}
    total = sum(counts.values())
    with collector_paused():
        while (frame := pickle.load(stream))[0] != "end":
            parts[frame[0]].extend(frame[1])
            tell("reading", sum(len(p) for p in parts.values()) / total)
            time.sleep(0)
        return Document(metadata, tuple(parts["blocks"]), tuple(parts["sections"]), tuple(parts["figures"]))


def _timed(load: Callable[[Callable[[str, float], None]], object]) -> tuple[float, float]:
    """(seconds to load, longest milliseconds from one frame to the next)."""
    stamps: list[float] = []  # after each frame
    start = time.perf_counter()
    result = load(lambda _stage, _share: stamps.append(time.perf_counter()))
    stamps.append(time.perf_counter())  # (building the document's look-ups after the last frame)
    assert result is not None, "the model did not load"
    return stamps[-1] - start, max(b - a for a, b in itertools.pairwise(stamps)) * 1000


def measure(path: Path, runs: int = 5) -> dict[str, float]:
    """Load times and longest frame stretches of the cache and of the former pickle frames."""
    import os

    from reader.cache import cache_key, load_model, model_path, save_model
    from reader.pipeline.build import build_document

    doc = build_document(path.read_bytes(), path.name, dictionary=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READER_CACHE_DIR"] = str(Path(tmp) / "cache")
        key = cache_key(doc.metadata.content_hash, {})
        save_model(key, doc)
        ours = [_timed(lambda tell: load_model(key, tell)) for _ in range(runs)]
        lasting = [_timed(lambda tell: load_model(key, tell, lasting=True)) for _ in range(runs)]
        size = model_path(key).stat().st_size
        old_path = Path(tmp) / "old.model"
        old_path.write_bytes(b"".join(_pickle_frames(doc)))

        def load_old(tell: Callable[[str, float], None]) -> Document:
            """Read the former format from its file."""
            with old_path.open("rb") as fh:
                return _read_pickle_frames(fh, tell)

        old = [_timed(load_old) for _ in range(runs)]
        old_size = old_path.stat().st_size
    return {
        "load": statistics.median(t for t, _ in ours),
        "load_pickle": statistics.median(t for t, _ in old),
        "frame_ms": max(g for _, g in lasting),
        "frame_ms_pickle": max(g for _, g in old),
        "bytes": size,
        "bytes_pickle": old_size,
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
