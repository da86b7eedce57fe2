"""The full model's share of the app: getting it without blocking the screen, and swapping it in."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from reader.opening import needs_ocr

if TYPE_CHECKING:
    from reader.model.document import Document
    from reader.opening import Indexer
    from reader.source import Input
    from reader.textlayout import TextLayout


class _Abandoned(BaseException):
    """Raised in the model worker when the app closes mid-build (not an error: nothing to report)."""


class Indexing:
    """The worker that brings the full model, its progress, and the swap (mixed into ReaderApp)."""

    document: Any
    text: Any
    source: Input
    indexing: float
    indexing_note: str
    _indexer: Indexer | None
    _quick: Document | None
    _user_moved: bool
    _restore: tuple[int, int] | None

    @work(thread=True, exclusive=True, group="model")
    def build_full_model(self) -> None:
        """Get the full model (with jieba's dictionary) without blocking the screen: from the
        indexer's helper process when there is one, else from the cache or built here; cache it."""
        worker = get_current_worker()

        def progress(stage: str, share: float) -> None:
            """Show the share done in the status line (or what OCR reads: ``OCR page 3/12``);
            stop if the app is closing."""
            if worker.is_cancelled:  # the app is closing: stop building at the next step
                raise _Abandoned
            if stage not in ("building", "reading"):
                self.call_from_thread(self._set_progress, max(0.01, share), stage)
                return
            value = 0.9 * share if stage == "building" else 0.9 + 0.1 * share
            if value - self.indexing >= 0.01:
                self.call_from_thread(self._set_progress, value)

        def partial(doc: Document) -> None:
            """Show what OCR has read so far (the rest still placeholders) while it reads on."""
            if worker.is_cancelled:
                raise _Abandoned
            self.call_from_thread(self._swap, doc, self._wrap(doc, progress), False)

        self.call_from_thread(self._set_progress, 0.01)
        try:
            doc = self._full_model(progress, partial)
            wrapped = self._wrap(doc, progress) if doc is not None else None
        except _Abandoned:
            return
        if doc is not None and not worker.is_cancelled:
            self.call_from_thread(self._swap, doc, wrapped)

    def _wrap(self, doc: Document, progress: Callable[[str, float], None]) -> TextLayout:
        """Wrap the whole of the full model for the text pane here, before the swap, so a jump
        anywhere in it is immediate from the moment it is shown (the quick one stays meanwhile)."""
        from reader.textlayout import TextLayout

        wrapped = TextLayout(doc, self.text.wrap_width)
        while not wrapped.complete:
            wrapped.extend(500)
            progress("reading", 1.0)  # (stops here if the app is closing)
            time.sleep(0)
        return wrapped

    def _full_model(
        self, progress: Callable[[str, float], None], partial: Callable[[Document], None] | None = None
    ) -> Document | None:
        """The full model from the helper, the cache or a build here (None if the build failed)."""
        from reader.cache import cache_key, load_model, save_model
        from reader.pipeline.build import build_document
        from reader.source import load_sidecar

        def notice(text: str) -> None:
            """Show a notice from the cache (a file it ignored) as a warning."""
            self.call_from_thread(self.notify, text, severity="warning", markup=False)

        doc = self._indexer.full_model(progress, notice, partial) if self._indexer is not None else None
        if doc is None:
            sidecar = load_sidecar(self.source.path)
            key = cache_key(self._quick.metadata.content_hash, sidecar) if self._quick else ""
            doc = load_model(key, progress, notice, lasting=True) if key else None
            if doc is None:
                try:
                    if self._quick is not None and needs_ocr(self._quick):  # OCR here, page by page
                        from reader.sources.image import recognise_pages

                        recognise_pages(
                            self.source.data, self.source.name, [0], lambda k, n: progress(f"OCR page {k}/{n}", k / n)
                        )
                    doc = build_document(
                        self.source.data,
                        self.source.name,
                        sidecar,
                        dictionary=True,
                        key=self._quick.metadata.content_hash if self._quick else None,  # (hashed already)
                        progress=lambda share: progress("building", share),
                    )
                except _Abandoned:
                    raise
                except Exception as exc:  # the quick model stays usable
                    self.call_from_thread(self.notify, f"indexing failed: {exc}", severity="error", markup=False)
                    self.call_from_thread(self._set_progress, 0.0)
                    return None
                if key:
                    save_model(key, doc)
        return doc

    def on_unmount(self) -> None:
        """Closing: stop the helper, so a worker waiting for its model returns at once."""
        if self._indexer is not None:
            self._indexer.close()

    def _set_progress(self, value: float, note: str = "") -> None:
        """Show indexing progress in the status line (``note``: what is being done, if not indexing)."""
        self.indexing = value
        self.indexing_note = note
        self._update_status()

    def _swap(self, doc: Document, wrapped: TextLayout | None = None, final: bool = True) -> None:
        """Replace the quick model by the full one (``wrapped``: its lines), keeping the reader's
        place (``final``: False for a model of the pages OCR has read so far, more to come)."""
        current = self.document
        block, offset = self.text.top_anchor
        if current is not None and current.blocks and (self._user_moved or self._restore is None):
            source = current.blocks[block].source.start + offset
            target = doc.block_at(source)
            offset = max(0, source - doc.blocks[target].source.start)
            self._show(doc, target, offset, by_block=True, wrapped=wrapped)
        else:
            self._show(doc, *(self._restore or (0, 0)), wrapped=wrapped)
        if not final:
            return
        self.indexing = 0.0
        self.indexing_note = ""
        self._update_status()
        # the model lives as long as the app: keep the cyclic collector from walking its million
        # objects again (each full collection would stop the screen for a tenth of a second)
        gc.freeze()
