"""Opening a document for the TUI: its models, built before the UI exists and beside it.

``quick_document`` is the cached full model, or a quick build (no dictionary look-ups) of a small
document or of a large one's opening part: what the first screen needs.

``Indexer`` forks a helper process before Textual is imported. The helper sends the quick model
first, while the parent is still loading the UI toolkit, so on a machine with two cores that build
costs the first screen nothing; then it loads jieba, builds the full model (reporting progress),
sends it in frames (``reader.frames.model_frames``) and caches it. jieba's dictionary load and the
build never hold the UI process's GIL; the parent only reads frames, a few milliseconds each.
Where there is no ``fork`` (or ``READER_NO_HELPER`` is set), or the helper fails in any way, the
parent does the work itself: the quick model at once, errors raised there as they would be
without the helper; the full model in a worker thread. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from reader.errors import NotTextError, ReaderError
from reader.sources.pdf_magic import is_pdf

if TYPE_CHECKING:
    from reader.model.document import Document
    from reader.source import Input
    from reader.state import StateStore

QUICK_BYTES = 48 * 1024
PIPE_BYTES = 1 << 20  # a pipe this large lets the helper send its first model without waiting


def quick_document(source: Input, store: StateStore | None = None) -> tuple[Document, bool]:
    """What the first screen needs (see ``_quick_document``), with the input's own warnings (a
    pipe cut at the input limit) among the document's, which the first screen shows."""
    doc, complete = _quick_document(source, store)
    if source.warnings:
        from dataclasses import replace

        metadata = replace(doc.metadata, warnings=(*source.warnings, *doc.metadata.warnings))
        doc = replace(doc, metadata=metadata)
    return doc, complete


def _quick_document(source: Input, store: StateStore | None = None) -> tuple[Document, bool]:
    """What the first screen needs: the cached full model, else a quick build of the whole
    document when it is small, else of its opening part, or, when ``store`` remembers a place
    further on, of the part around that place. Returns (document, is_the_full_model).

    A quick build skips dictionary look-ups (jieba loads later, in the background).
    """
    from reader.cache import cache_key, load_model
    from reader.source import content_hash, load_sidecar

    sidecar = load_sidecar(source.path)
    key = content_hash(source.data)  # the state key is always the whole file's hash
    if len(source.data) <= QUICK_BYTES:
        cached = load_model(cache_key(key, sidecar))
        if cached is not None:
            return cached, True
    from reader.pipeline.build import build_document, build_window

    data = source.data
    if is_pdf(data):  # the first pages (a PDF's place cannot be found without reading up to it)
        from reader.sources.pdf import FIRST_PAGES

        return build_document(data, source.name, sidecar, dictionary=False, key=key, pages=FIRST_PAGES), False
    place = store.load(key).position if store is not None and len(data) > QUICK_BYTES else 0
    try:
        if place * 4 > QUICK_BYTES:  # (a character takes up to 4 bytes) beyond the opening part
            return build_window(data, place, QUICK_BYTES // 3, source.name, sidecar, key), False
        if len(data) > QUICK_BYTES and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
            cut = data.rfind(b"\n", 0, QUICK_BYTES)
            data = data[: cut if cut > 0 else QUICK_BYTES]
        return build_document(data, source.name, sidecar, dictionary=False, key=key), False
    except NotTextError:
        raise ReaderError(f"{source.name} is not a text document") from None


class Indexer:
    """A forked helper that builds a document's models; without one, ``first_screen`` builds here."""

    def __init__(
        self, source: Input, store: StateStore | None = None, pid: int | None = None, pipe: int | None = None
    ) -> None:
        self.source = source
        self.store = store  # where the reader's place is remembered: the first screen opens there
        self.pid = pid
        self._stream: BinaryIO | None = os.fdopen(pipe, "rb") if pipe is not None else None

    @classmethod
    def start(cls, source: Input, store: StateStore | None = None) -> Indexer:
        """Fork the helper (none without ``fork`` or with READER_NO_HELPER)."""
        if not hasattr(os, "fork") or os.environ.get("READER_NO_HELPER"):
            return cls(source, store)
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return cls(source, store)
        with contextlib.suppress(AttributeError, OSError):
            import fcntl

            fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[attr-defined,unused-ignore]  # (Linux only)
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return cls(source, store)
        if pid == 0:  # the helper: build, send, leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read_end)
                _serve(write_end, source, store)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(source, store, pid, read_end)

    def first_screen(self) -> tuple[Document, bool]:
        """The first screen's model, and whether it is already the full one; from the helper, or
        built here when there is no helper or it failed."""
        received = self._receive_first()
        return received if received is not None else quick_document(self.source, self.store)

    def _receive_first(self) -> tuple[Document, bool] | None:
        """The helper's first message; None (and the helper stopped) unless it is a model."""
        if self._stream is None:
            return None
        from reader.model.document import Document

        try:
            kind, doc, complete = pickle.load(self._stream)  # from our own child process
        except Exception:
            self.close()
            return None
        if kind != "first" or not isinstance(doc, Document):
            self.close()
            return None
        if complete:
            self.close()
        return doc, bool(complete)

    def full_model(
        self, progress: Callable[[str, float], None] | None = None, notice: Callable[[str], None] | None = None
    ) -> Document | None:
        """The full model from the helper (blocking; call it from a worker thread); None when there
        is no helper or it failed, so the caller builds it instead. ``notice`` hears the helper's
        notices (a cache file it ignored)."""
        if self._stream is None:
            return None
        from reader.frames import read_model

        try:
            doc = read_model(self._stream, progress, notice, lasting=True)  # kept as long as the app
        except Exception:
            doc = None
        self.close(stop=doc is None)  # a helper that delivered goes on to cache the model
        return doc

    def close(self, stop: bool = True) -> None:
        """Stop the helper (unless ``stop`` is False: then wait for it to finish) and reap it."""
        pid, self.pid = self.pid, None
        if stop and pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)  # first: a thread blocked reading the pipe then sees its end
        stream, self._stream = self._stream, None
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
        if pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _serve(pipe: int, source: Input, store: StateStore | None) -> None:
    """In the helper: send the first screen's model, then the full model in frames, and cache it."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # nothing from the helper may reach the terminal the UI draws on
        os.dup2(devnull, fd)
    with os.fdopen(pipe, "wb") as out:
        doc, complete = quick_document(source, store)
        pickle.dump(("first", doc, complete), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        if complete:
            return
        with contextlib.suppress(AttributeError, OSError):
            os.nice(10)  # from here on a background job: the reader's own process comes first
        from reader.cache import CacheIgnored, cache_key, open_cached, save_model
        from reader.frames import current_header, frame, model_frames
        from reader.pipeline.build import build_document
        from reader.source import load_sidecar

        sidecar = load_sidecar(source.path)
        key = cache_key(doc.metadata.content_hash, sidecar)
        try:
            cached = open_cached(key)
        except CacheIgnored as exc:  # the parent shows why, and gets a model built here
            out.write(frame("notice", str(exc)))
            cached = None
        except OSError:
            cached = None
        if cached is not None:
            with cached:
                header = current_header(cached)
                if header is not None:
                    out.write(header)  # the parent checks the rest frame by frame
                    shutil.copyfileobj(cached, out)
                    return

        def report(share: float) -> None:
            """Tell the parent how far the build is."""
            out.write(frame("progress", share))
            out.flush()

        hashed = doc.metadata.content_hash  # the whole file's, hashed once already
        full = build_document(source.data, source.name, sidecar, dictionary=True, key=hashed, progress=report)
        frames = list(model_frames(full))
        for part in frames:
            out.write(part)
        out.flush()
        save_model(key, full, frames)
