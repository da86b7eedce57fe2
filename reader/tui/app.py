"""ReaderApp: start-up, the remembered state, and the full model brought in the background."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.model.document import Document
from reader.opening import Indexer, quick_document
from reader.source import Input
from reader.state import DocState, StateStore
from reader.textlayout import TextLayout
from reader.tui.screen import ReaderScreen
from reader.tui.terminal import TerminalLink, linked_driver
from reader.tui.text_view import TextView


class _Abandoned(BaseException):
    """Raised in the model worker when the app closes mid-build (not an error: nothing to report)."""


class ReaderApp(App[int]):
    """The reader: opens one document on a ``ReaderScreen`` and brings its full model to it."""

    TITLE = "reader"

    class Progress(Message):
        """The full model is being built: ``share`` of it is done (0: no longer building)."""

        def __init__(self, share: float) -> None:
            self.share = share
            super().__init__()

    class Indexed(Message):
        """The full model, its lines already wrapped for the text pane (``wrapped``)."""

        def __init__(self, doc: Document, wrapped: TextLayout | None) -> None:
            self.doc = doc
            self.wrapped = wrapped
            super().__init__()

    def __init__(
        self,
        source: Input,
        store: StateStore | None = None,
        quick: Document | None = None,
        complete: bool = False,
        terminal_writer: Callable[[str], None] | None = None,
        indexer: Indexer | None = None,
    ) -> None:
        self._link = TerminalLink()  # (before App.__init__, which asks for the driver class)
        super().__init__()
        self.source = source
        self.store = store
        self._quick = quick
        self._complete = complete
        self._indexer = indexer
        self._terminal = terminal_writer or self._link
        self._reader: ReaderScreen | None = None

    def get_driver_class(self) -> type[Driver]:
        """The platform's driver, linked so that OSC 52 can be sent through it (see terminal.py)."""
        return linked_driver(super().get_driver_class(), self._link)

    @property
    def reader(self) -> ReaderScreen:
        """The reading screen (there from the start of the run)."""
        if self._reader is None:
            raise RuntimeError("the reader has not started")
        return self._reader

    def get_default_screen(self) -> Screen[Any]:
        """The reading screen on the quick document (or the full one, cached) at the remembered place."""
        if self._quick is None:
            self._quick, self._complete = quick_document(self.source, self.store)
        doc = self._quick
        state = self.store.load(doc.metadata.content_hash) if self.store is not None else DocState()
        self._reader = ReaderScreen(doc, state, self.store, self._terminal, self.source.path)
        return self._reader

    def on_mount(self) -> None:
        """Say what went wrong reading the state or decoding the document."""
        if self.store is not None:
            for warning in self.store.warnings:
                self.notify(warning, severity="warning", markup=False)
            self.store.warnings.clear()
        for warning in self.reader.document.metadata.warnings if self.reader.document else ():
            self.notify(warning, title="While decoding", severity="warning", markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette: Textual's commands and the reading screen's."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield from screen.commands()

    # -- the full model --------------------------------------------------------
    def on_reader_screen_ready(self, message: ReaderScreen.Ready) -> None:
        """The first screen is up: bring the full model, unless that is what it shows."""
        if not self._complete:
            self.build_full_model(message.text)

    def on_reader_app_progress(self, message: ReaderApp.Progress) -> None:
        """Pass the progress to the screen's status line."""
        self.reader.indexing = message.share

    def on_reader_app_indexed(self, message: ReaderApp.Indexed) -> None:
        """Swap the full model in."""
        self.reader.show_full_model(message.doc, message.wrapped)
        # the model lives as long as the app: keep the cyclic collector from walking its million
        # objects again (each full collection would stop the screen for a tenth of a second)
        gc.freeze()

    @work(thread=True, exclusive=True, group="model")
    def build_full_model(self, text: TextView) -> None:
        """Get the full model (with jieba's dictionary) without blocking the screen: from the
        indexer's helper process when there is one, else from the cache or built here; cache it;
        wrap it for ``text`` before it is shown, so a jump anywhere in it is immediate."""
        worker = get_current_worker()
        shown = 0.01

        def progress(stage: str, share: float) -> None:
            """Report the share done; stop if the app is closing."""
            nonlocal shown
            if worker.is_cancelled:  # the app is closing: stop building at the next step
                raise _Abandoned
            value = 0.9 * share if stage == "building" else 0.9 + 0.1 * share
            if value - shown >= 0.01:
                shown = value
                self.post_message(self.Progress(value))

        self.post_message(self.Progress(shown))
        try:
            doc = self._full_model(progress)
            wrapped = _wrap(doc, text.wrap_width, text.printed, progress) if doc is not None else None
        except _Abandoned:
            return
        if doc is not None and not worker.is_cancelled:
            self.post_message(self.Indexed(doc, wrapped))

    def _full_model(self, progress: Callable[[str, float], None]) -> Document | None:
        """The full model from the helper, the cache or a build here (None if the build failed)."""
        from reader.cache import cache_key, load_model, save_model
        from reader.pipeline.build import build_document
        from reader.source import load_sidecar

        def notice(text: str) -> None:
            """Show a notice from the cache (a file it ignored) as a warning."""
            self.call_from_thread(self.notify, text, severity="warning", markup=False)

        doc = self._indexer.full_model(progress, notice) if self._indexer is not None else None
        if doc is not None:
            return doc
        sidecar = load_sidecar(self.source.path)
        hashed = self._quick.metadata.content_hash if self._quick else None  # (hashed already)
        key = cache_key(hashed, sidecar) if hashed else ""
        doc = load_model(key, progress, notice, lasting=True) if key else None
        if doc is not None:
            return doc
        try:
            doc = build_document(
                self.source.data,
                self.source.name,
                sidecar,
                dictionary=True,
                key=hashed,
                progress=lambda share: progress("building", share),
            )
        except _Abandoned:
            raise
        except Exception as exc:  # the quick model stays usable
            self.call_from_thread(self.notify, f"indexing failed: {exc}", severity="error", markup=False)
            self.post_message(self.Progress(0.0))
            return None
        if key:
            save_model(key, doc)
        return doc

    def on_unmount(self) -> None:
        """Closing: stop the helper, so a worker waiting for its model returns at once."""
        if self._indexer is not None:
            self._indexer.close()


def _wrap(doc: Document, width: int, printed: bool, progress: Callable[[str, float], None]) -> TextLayout:
    """Wrap the whole of ``doc`` at ``width`` as it is shown (in the worker, before the swap)."""
    wrapped = TextLayout(doc, width, printed)
    while not wrapped.complete:
        wrapped.extend(500)
        progress("reading", 1.0)  # (stops here if the app is closing)
        time.sleep(0)
    return wrapped


def _reattach_terminal() -> None:
    """After reading a document from a pipe, take keys from the terminal (as toolong does)."""
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise ReaderError("standard input is a pipe and there is no terminal to read keys from") from None
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, closefd=False)


def _last_error(trace: str) -> str:
    """The exception line of the trace Textual prints for an unexpected error (what follows the
    box of its last frame), on one line."""
    from rich.text import Text

    tail = Text.from_ansi(trace.rsplit("╯", 1)[-1]).plain  # (styled for the terminal it was made for)
    return " ".join(tail.split()) or "the reader stopped"


def run_app(source: Input, debug: bool = False, indexer: Indexer | None = None) -> int:
    """Open the TUI on ``source`` (``indexer``: its helper, already at work); return the exit
    status (an unexpected error: one line, status 2)."""
    indexer = indexer or Indexer(source, StateStore())
    trace = io.StringIO()
    try:
        quick, complete = indexer.first_screen()
        if source.path is None and not sys.stdin.isatty():
            _reattach_terminal()
        if not sys.stdout.isatty():
            raise ReaderError("the reader needs a terminal; use 'reader reflow FILE' to print the text")
        app = ReaderApp(source, indexer.store or StateStore(), quick, complete, indexer=indexer)
        # Textual hands each frame to a writer thread; with the default 5 ms GIL switch interval a
        # busy main thread (or a worker) holds every frame back from the terminal by 5-15 ms
        sys.setswitchinterval(0.001)
        # Textual has no public hook for an unexpected error (textual#5325): it exits with return
        # code 1 and prints the trace on standard error once the terminal is restored. Unless
        # --debug asks for that trace, it is caught here and only its last line is shown.
        with contextlib.nullcontext() if debug else contextlib.redirect_stderr(trace):
            result = app.run()
    finally:
        indexer.close()
    if app.return_code == 1 and not debug:
        raise ReaderError(f"unexpected error: {_last_error(trace.getvalue())} (rerun with --debug for the trace)")
    return int(result or 0)
