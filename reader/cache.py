"""A cache of built models (TUI only): reopening a document skips the pipeline and jieba.

Keyed by the file's content hash, its sidecar metadata and the pipeline's own version, so a change
to any of them rebuilds. Written atomically; any problem reading or writing is ignored (the model
is simply built again). The CLI never uses it, so ``reader outline`` always measures a real build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Mapping
from pathlib import Path

from reader import __version__
from reader.model.document import Document

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


def load_model(key: str) -> Document | None:
    """Return the cached model, or None (absent, stale, unreadable or not a Document)."""
    try:
        data = (cache_dir() / f"{key}.model").read_bytes()
        doc = pickle.loads(data)  # our own cache, in the user's own directory
    except Exception:  # a missing, truncated or foreign file: build again
        return None
    return doc if isinstance(doc, Document) else None


def save_model(key: str, doc: Document) -> None:
    """Store a model (atomically); too large a model, or any error, is skipped."""
    try:
        data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > MAX_BYTES:
            return
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".model.", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, directory / f"{key}.model")
    except Exception:
        with contextlib.suppress(Exception):
            os.unlink(tmp)  # type: ignore[possibly-undefined]
