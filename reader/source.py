"""Reading the user's input: a path, standard input, or the bundled sample; clear errors."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.errors import NotTextError, ReaderError

MAX_BYTES = 512 * 1024 * 1024  # the largest default limit, whatever the machine's memory
PEAK_PER_BYTE = 100
"""The build's peak memory per input byte in the worst case measured, with headroom: one-letter
lines (``yes``) peak at ~70x their size over the interpreter's own memory, ordinary text at ~8x
(a long text is laid out in parts, see ``sources/parts.py``). The default input limit keeps that
peak within half the machine's memory (see ``python -m bench``)."""
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


@dataclass(frozen=True, slots=True)
class Input:
    """Raw document bytes and where they came from (``warnings``: about the reading, e.g. a pipe cut at the limit)."""

    data: bytes
    name: str
    path: Path | None
    warnings: tuple[str, ...] = ()


def sample_path(name: str = "sample.txt") -> Path:
    """Return the path of a bundled sample document (installed or in the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / name, here.parent / "data" / name):
        if candidate.exists():
            return candidate
    raise ReaderError(f"the bundled sample {name} is missing from this installation")


def parse_size(text: str, what: str = "--max-bytes") -> int:
    """A size such as ``200M``, ``1.5G``, ``64MiB`` or ``1000000`` in bytes (ReaderError if it is not one)."""
    match = _SIZE_RE.fullmatch(text)
    if match is None or float(match.group(1)) <= 0:
        raise ReaderError(f"{what}: not a size: {text!r} (e.g. 200M or 1G)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def show_size(size: int) -> str:
    """A byte count as people read it (``48 MB``, ``1.5 GB``, ``200 KB``; binary units)."""
    for unit, name in ((1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")):
        if size >= unit:
            return f"{size / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{size} bytes"


def default_limit() -> int:
    """The default input limit: what the build of a worst-case input can hold in half this machine's memory."""
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        memory = 8 << 30
    return max(1 << 20, min(MAX_BYTES, memory // (2 * PEAK_PER_BYTE)))


def input_limit(override: str | None = None) -> int:
    """The largest input read: ``override`` (``--max-bytes``), else READER_MAX_BYTES, else ``default_limit``."""
    if override is not None:
        return parse_size(override)
    env = os.environ.get("READER_MAX_BYTES")
    return parse_size(env, "READER_MAX_BYTES") if env else default_limit()


_RAISE = "READER_MAX_BYTES or --max-bytes raises it"


def read_input(arg: str | None, limit: int | None = None) -> Input:
    """Read the document named on the command line (``-`` or a pipe: standard input), at most
    ``limit`` bytes (default ``input_limit()``): a larger file is refused, a pipe is cut there with a
    warning; devices other than terminals (``/dev/zero``) are refused, ``/dev/null`` reads as empty."""
    limit = input_limit() if limit is None else limit
    if arg == "-" or (arg is None and not sys.stdin.isatty()):
        return _read_fd(sys.stdin.fileno(), "<stdin>", None, limit)
    path = Path(arg) if arg else sample_path()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(path, exc) from None
    try:
        return _read_fd(fd, str(path), path, limit)
    except OSError as exc:
        raise _open_error(path, exc) from None
    finally:
        os.close(fd)


def _open_error(path: Path, exc: OSError) -> ReaderError:
    """The one line for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return ReaderError(f"{path}: no such file")
    if isinstance(exc, PermissionError):
        return ReaderError(f"{path}: permission denied")
    reason = "is a directory" if exc.errno == errno.EISDIR else (os.strerror(exc.errno) if exc.errno else str(exc))
    return ReaderError(f"{path}: {reason.lower()}")


def _kind_refused(fd: int, st: os.stat_result) -> str | None:
    """Why a file of this kind is no document to read to its end (None: a file, pipe, socket,
    terminal or the null device)."""
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISCHR(mode):
        if os.isatty(fd) or _is_null_device(st):
            return None
        return "is a device, not a document (files, pipes and terminals are read)"
    if stat.S_ISBLK(mode):
        return "is a block device, not a document (files, pipes and terminals are read)"
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return None
    return "is not a regular file"


def _is_null_device(st: os.stat_result) -> bool:
    """True for the null device (reads as empty at once)."""
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(null.st_mode) and st.st_rdev == null.st_rdev


def _read_fd(fd: int, name: str, path: Path | None, limit: int) -> Input:
    """Read an open file, pipe or terminal up to ``limit`` bytes (see ``read_input``)."""
    st = os.fstat(fd)
    refused = _kind_refused(fd, st)
    if refused:
        raise ReaderError(f"{name}: {refused}")
    regular = stat.S_ISREG(st.st_mode)
    too_large = f"{name}: too large ({{}}; the limit is {show_size(limit)}, {_RAISE})"
    if regular and st.st_size > limit:
        raise ReaderError(too_large.format(show_size(st.st_size)))
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)
    del chunks
    if len(data) <= limit:
        return Input(data, name, path)
    if regular:  # it grew while being read
        raise ReaderError(too_large.format(f"over {show_size(limit)}"))
    data = data[:limit]
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff"):  # (UTF-16 has no byte-wise line ends)
        cut = data.rfind(b"\n", max(0, limit - (1 << 16)))
        data = data[: cut + 1] if cut >= 0 else data
    warning = f"input stopped at the {show_size(limit)} limit: the rest was not read ({_RAISE})"
    return Input(data, name, path, (warning,))


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


__all__ = ["Input", "NotTextError", "content_hash", "input_limit", "load_sidecar", "read_input", "sample_path"]
