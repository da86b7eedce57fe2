"""Opening a document for the TUI: the model the first screen needs, built before the UI exists.

``quick_document`` is the cached full model, or a quick build (no dictionary look-ups) of a small
document or of a large one's opening part. ``FirstScreen`` runs it in a forked helper process while
the parent loads the UI toolkit, so on a machine with two cores the build costs the first screen
nothing; where there is no ``fork`` (or ``READER_NO_HELPER`` is set), or the helper fails in any
way, the parent builds it itself and any error is raised there, as it would be without the helper.
Nothing here imports Textual.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader.errors import NotTextError, ReaderError

if TYPE_CHECKING:
    from reader.model.document import Document
    from reader.source import Input

QUICK_BYTES = 48 * 1024


def quick_document(source: Input) -> tuple[Document, bool]:
    """What the first screen needs: the cached full model, else a quick build of the whole
    document when it is small, else of its opening part. Returns (document, is_the_full_model).

    A quick build skips dictionary look-ups (jieba loads later, in the background).
    """
    from reader.cache import cache_key, load_model
    from reader.source import content_hash, load_sidecar

    sidecar = load_sidecar(source.path) if source.path else {}
    key = content_hash(source.data)  # the state key is always the whole file's hash
    if len(source.data) <= QUICK_BYTES:
        cached = load_model(cache_key(key, sidecar))
        if cached is not None:
            return cached, True
    from reader.pipeline.build import build_document

    data = source.data
    if len(data) > QUICK_BYTES and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        cut = data.rfind(b"\n", 0, QUICK_BYTES)
        data = data[: cut if cut > 0 else QUICK_BYTES]
    try:
        return build_document(data, source.name, sidecar, dictionary=False, key=key), False
    except NotTextError:
        raise ReaderError(f"{source.name} is not a text document") from None


class FirstScreen:
    """The first screen's model, being built by a forked helper; ``result`` collects it."""

    def __init__(self, source: Input, pid: int | None = None, pipe: int | None = None) -> None:
        self.source = source
        self.pid = pid
        self.pipe = pipe

    @classmethod
    def start(cls, source: Input) -> FirstScreen:
        """Fork a helper that builds the model (no helper without ``fork`` or with READER_NO_HELPER)."""
        if not hasattr(os, "fork") or os.environ.get("READER_NO_HELPER"):
            return cls(source)
        try:
            read_end, write_end = os.pipe()
            pid = os.fork()
        except OSError:
            return cls(source)
        if pid == 0:  # the helper: build, send, leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read_end)
                _send(write_end, source)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(source, pid, read_end)

    def result(self) -> tuple[Document, bool]:
        """The helper's model; built here instead when there is no helper or it failed."""
        received = self._receive()
        return received if received is not None else quick_document(self.source)

    def _receive(self) -> tuple[Document, bool] | None:
        """Read and reap the helper; None unless it sent a whole model."""
        if self.pid is None or self.pipe is None:
            return None
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self.pipe, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self.pipe)
            _, status = os.waitpid(self.pid, 0)
            self.pid = self.pipe = None
        if status != 0 or not chunks:
            return None
        import pickle

        from reader.model.document import Document

        try:
            doc, complete = pickle.loads(b"".join(chunks))  # from our own child process
        except Exception:
            return None
        return (doc, bool(complete)) if isinstance(doc, Document) else None


def _send(pipe: int, source: Input) -> None:
    """In the helper: build the model and write it, pickled, to ``pipe``."""
    import pickle

    payload = memoryview(pickle.dumps(quick_document(source), protocol=pickle.HIGHEST_PROTOCOL))
    while payload:
        payload = payload[os.write(pipe, payload) :]
    os.close(pipe)
