"""The quote log: every quote copied, with its citation, section, page and time, in a Markdown
notes file per document (readable as is), under the user's data directory.

``READER_DATA_DIR`` overrides the directory (platformdirs' user data dir otherwise, e.g.
``~/.local/share/reader/quotes/`` on Linux). Each append rewrites the file through a temporary
file (fsync, rename) under an advisory lock: a failed write leaves the earlier entries as they
were, and two readers appending at once both land.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.model.document import Document

if sys.platform != "win32":
    import fcntl

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def data_dir() -> Path:
    """The user's data directory for reader (platformdirs; READER_DATA_DIR overrides)."""
    override = os.environ.get("READER_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("reader", appauthor=False))


def log_path(doc: Document, directory: Path | None = None) -> Path:
    """The notes file of a document: its name and content hash (a moved file keeps its log)."""
    meta = doc.metadata
    stem = re.sub(r"[^\w.-]+", "_", Path(meta.source).stem or "stdin").strip("._")[:60] or "document"
    key = meta.content_hash[:8] or "nohash"
    return (directory or data_dir() / "quotes") / f"{stem}-{key}.md"


@dataclass(frozen=True, slots=True)
class Entry:
    """One logged quote: its text, citation, place and time."""

    body: str
    citation: str
    style: str
    section: str = ""
    page: str = ""
    time: _dt.datetime | None = None

    def markdown(self) -> str:
        """The entry as Markdown: a heading with time and place, the quote, the citation."""
        when = (self.time or _dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
        where = " · ".join(_clean(p) for p in (self.section, self.page) if p)
        quoted = "\n".join(f"> {line}" if line else ">" for line in _clean(self.body).split("\n"))
        citation = _clean(self.citation).replace("\n", "  \n")
        return f"## {when}{' · ' + where if where else ''}\n\n{quoted}\n\n{citation}  \n*({_clean(self.style)})*\n\n"


def _clean(text: str) -> str:
    """Nothing raw from a document reaches the notes file: control and bidi characters go."""
    return _CONTROL_RE.sub("", text.replace("\r", ""))


def header(doc: Document) -> str:
    """The notes file's first lines: which document it is about."""
    meta = doc.metadata
    title = _clean(meta.title or meta.source)
    return f"# Quotes from {title}\n\nDocument: `{_clean(meta.source)}` (content {meta.content_hash or '?'})\n\n"


def append_entry(doc: Document, entry: Entry, directory: Path | None = None) -> Path:
    """Append ``entry`` to the document's notes file; return its path (raises OSError on failure,
    leaving the file as it was)."""
    path = log_path(doc, directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.parent):
        try:
            old = path.read_text("utf-8")
        except FileNotFoundError:
            old = header(doc)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(old if old.endswith("\n") else old + "\n")
                fh.write(entry.markdown())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    return path


def read_log(doc: Document, directory: Path | None = None) -> str:
    """The document's notes file as text (empty when nothing was logged yet)."""
    try:
        return log_path(doc, directory).read_text("utf-8")
    except FileNotFoundError:
        return ""


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an advisory lock so two readers appending at once do not lose an entry."""
    if sys.platform == "win32":  # pragma: no cover - no fcntl there
        yield
        return
    with open(directory / ".lock", "a+") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
