"""A cache of built models (TUI only), in the user's own cache directory, holding plain data only.

A cached model is the framed form of ``reader.frames``: msgpack arrays of the model's field values,
never a pickle, so reading a cache file cannot run code whoever wrote it. A cache file is read only
when it and its directory are the user's own: a file owned by someone else, a file or directory
that others can write to, or a symbolic link in the file's place is ignored (the model is built
again) and the caller hears one line saying why (``CacheIgnored``). The directory is created
private (0700); nothing is written into a directory others can write to.

The cache is keyed by the file's content hash, its sidecar metadata and the pipeline's own version,
so a change to any of them rebuilds; a file in an older format reads as no model. Written
atomically; any other problem reading or writing is ignored (the model is simply built again).
The CLI never uses it, so ``reader outline`` always measures a real build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from reader import __version__
from reader.frames import model_frames, read_model
from reader.model.document import Document

MAX_BYTES = 64 * 1024 * 1024


class CacheIgnored(Exception):
    """A cache file that is not safe to read (not the user's own, or writable by others)."""


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


def model_path(key: str) -> Path:
    """Where the model of ``key`` is cached."""
    return cache_dir() / f"{key}.model"


def _unsafe(st: os.stat_result, what: str) -> str | None:
    """Why a file or directory with this status is not the user's own to trust (None: it is)."""
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return f"{what} belongs to another user (uid {st.st_uid})"
    if os.name == "posix" and st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{what} is writable by others (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def directory_problem(directory: Path) -> str | None:
    """Why the cache directory is not safe to read or write models in (None: it is, or it is absent)."""
    try:
        return _unsafe(os.stat(directory), f"{directory}")
    except OSError:
        return None


def open_cached(key: str) -> BinaryIO | None:
    """Open the cached model of ``key`` for reading: None when there is none; CacheIgnored when the
    file or its directory is not the user's own or others can write to it."""
    path = model_path(key)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if path.is_symlink():
            raise CacheIgnored(f"cache ignored: {path} is a symbolic link; the model is built again") from None
        raise CacheIgnored(f"cache ignored: {path}: {os.strerror(exc.errno or 0).lower()}") from None
    stream = os.fdopen(fd, "rb")
    try:
        st = os.fstat(fd)
        problem = (
            f"{path} is not a regular file" if not stat.S_ISREG(st.st_mode) else None
        ) or _unsafe(st, str(path)) or directory_problem(path.parent)
    except BaseException:
        stream.close()
        raise
    if problem:
        stream.close()
        raise CacheIgnored(f"cache ignored: {problem}; the model is built again")
    return stream


def load_model(
    key: str,
    progress: Callable[[str, float], None] | None = None,
    notice: Callable[[str], None] | None = None,
    lasting: bool = False,
) -> Document | None:
    """Return the cached model, or None (absent, stale, unreadable, not a model, or not safe to
    read: then ``notice`` hears one line saying why); ``lasting`` as for ``read_model``."""
    try:
        stream = open_cached(key)
    except CacheIgnored as exc:
        if notice is not None:
            notice(str(exc))
        return None
    except Exception:
        return None
    if stream is None:
        return None
    try:
        with stream:
            return read_model(stream, progress, lasting=lasting)
    except Exception:  # a truncated or foreign file, or one in an older format: build again
        return None


def save_model(key: str, doc: Document, frames: Iterable[bytes] | None = None) -> None:
    """Store a model (atomically; ``frames``: its ``model_frames`` when already made); too large a
    model, a directory others can write to, or any error, is skipped."""
    tmp = None
    try:
        directory = cache_dir()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if directory_problem(directory):
            return  # the model would be shown to others, and never read back
        fd, tmp = tempfile.mkstemp(prefix=".model.", dir=directory)  # (mode 0600)
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
