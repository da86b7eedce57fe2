"""Reading the user's input: a path, standard input, or the bundled sample; clear errors."""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.errors import NotTextError, ReaderError

MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Input:
    """Raw document bytes and where they came from."""

    data: bytes
    name: str
    path: Path | None


def sample_path(name: str = "sample.txt") -> Path:
    """Return the path of a bundled sample document (installed or in the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / name, here.parent / "data" / name):
        if candidate.exists():
            return candidate
    raise ReaderError(f"the bundled sample {name} is missing from this installation")


def read_input(arg: str | None) -> Input:
    """Read the document named on the command line (``-`` or a pipe: standard input)."""
    if arg == "-" or (arg is None and not sys.stdin.isatty()):
        data = sys.stdin.buffer.read()
        return Input(data, "<stdin>", None)
    path = Path(arg) if arg else sample_path()
    try:
        if path.is_dir():
            raise ReaderError(f"{path}: is a directory")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReaderError(f"{path}: too large ({size // (1024 * 1024)} MB; the limit is 512 MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except PermissionError:
        raise ReaderError(f"{path}: permission denied") from None
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        if exc.errno == errno.EISDIR:
            reason = "is a directory"
        raise ReaderError(f"{path}: {reason.lower()}") from None
    return Input(data, str(path), path)


def content_hash(data: bytes) -> str:
    """Return the content key of a document (sha256, 16 hex digits): the same file moved keeps it."""
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def load_sidecar(path: Path | None) -> dict[str, str]:
    """Read ``FILE.meta.toml`` beside a document, when present (bad TOML is ignored; standard
    input, ``path`` None, has none)."""
    if path is None:
        return {}
    meta = path.with_name(path.name + ".meta.toml")
    if not meta.is_file():
        return {}
    import tomllib

    try:
        with meta.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, (str, int, float))}


__all__ = ["Input", "NotTextError", "content_hash", "load_sidecar", "read_input", "sample_path"]
