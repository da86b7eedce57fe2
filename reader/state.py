"""What the reader remembers per document (keyed by content hash): position, bookmarks, style, panes,
whether the text is shown as printed."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if sys.platform != "win32":
    import fcntl


@dataclass
class DocState:
    """The remembered state of one document; positions are source offsets, not scroll fractions."""

    position: int = 0
    offset: int = 0
    bookmarks: list[int] = field(default_factory=list)
    style: str = "plain"
    outline: bool = True
    figures: bool = True
    printed: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocState:
        """Build from stored JSON, ignoring unknown keys and wrong types."""
        state = cls()
        for key, default in asdict(state).items():
            value = data.get(key, default)
            if isinstance(value, type(default)):
                setattr(state, key, value)
        state.bookmarks = sorted({b for b in state.bookmarks if isinstance(b, int)})
        return state


def default_state_dir() -> Path:
    """The user's state directory for reader (platformdirs; READER_STATE_DIR overrides)."""
    override = os.environ.get("READER_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("reader", appauthor=False))


class StateStore:
    """Reads and writes per-document state atomically; problems become warnings, never crashes."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_state_dir()
        self.warnings: list[str] = []
        self._broken = False

    def _path(self, key: str) -> Path:
        """The state file of one document."""
        return self.directory / f"{key}.json"

    def load(self, key: str) -> DocState:
        """Return the stored state (defaults when absent; a corrupt file is set aside with a warning)."""
        path = self._path(key)
        try:
            raw = path.read_text("utf-8")
        except FileNotFoundError:
            return DocState()
        except OSError as exc:
            self.warnings.append(f"could not read saved state ({exc.strerror or exc}); starting afresh")
            return DocState()
        import json  # here, not at the top: a first open has no state file and needs no json

        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            return DocState.from_dict(data)
        except ValueError:
            aside = path.with_name(f"{path.stem}.corrupt-{int(time.time())}.json")
            with contextlib.suppress(OSError):
                path.rename(aside)
            self.warnings.append(f"saved state was corrupt; set aside as {aside.name}")
            return DocState()

    def save(self, key: str, state: DocState) -> bool:
        """Write ``state`` atomically (temp file, fsync, rename); the last writer wins, nothing is torn."""
        if self._broken:
            return False
        import json

        path = self._path(key)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._locked():
                fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.directory)
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as fh:
                        json.dump(asdict(state), fh)
                        fh.flush()
                        os.fsync(fh.fileno())
                    os.replace(tmp, path)
                except BaseException:
                    with contextlib.suppress(OSError):
                        os.unlink(tmp)
                    raise
        except OSError as exc:
            self._broken = True
            self.warnings.append(f"cannot save reading state in {self.directory} ({exc.strerror or exc})")
            return False
        return True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an advisory lock so two readers do not interleave their read-merge-write."""
        if sys.platform == "win32":  # pragma: no cover - no fcntl there
            yield
            return
        with open(self.directory / ".lock", "a+") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
