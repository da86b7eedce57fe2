"""The benchmark's real-terminal measurements, in a private tmux server: the first screen, and keys
while a large document is still being indexed. Both watch the pane's output as tmux reads it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from bench.table import Row

BARE_APP = Path(__file__).resolve().parent / "bare.py"  # run as a script: it needs only Textual

_ESCAPE_RE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[^\[()]")
_ROW_RE = re.compile(rb"\x1b\[(\d+);\d+H")  # a cursor move: where a redraw writes


def _await_text(output: BinaryIO, text: str, timeout: float) -> bool:
    """Read a pane's output stream until ``text`` has been drawn (escapes aside); False on timeout."""
    wanted, seen = text.encode(), b""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        chunk = output.read()
        if not chunk:
            time.sleep(0.002)
            continue
        seen += chunk
        if wanted in _ESCAPE_RE.sub(b"", seen):
            return True
    return False


class Terminal:
    """A private tmux server with one pane of a fixed size, for first-screen timings."""

    def __init__(self, width: int = 160, height: int = 45) -> None:
        self.socket = f"reader-bench-{os.getpid()}"
        self.tmux("new-session", "-d", "-s", "b", "-x", str(width), "-y", str(height), "sleep 600")
        fd, name = tempfile.mkstemp(prefix="reader-bench-pane-")
        os.close(fd)
        self.stream = Path(name)
        # everything the pane's programs write is copied to a file as tmux reads it: watching that
        # file costs a stat() and a read(), not a tmux process per look, so the measuring does not
        # take CPU from the program being measured
        self.tmux("pipe-pane", "-t", "b", f"cat >> {shlex.quote(name)}")

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this server."""
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True).stdout

    def first_screen(self, command: str, marker: str, timeout: float = 60, settle: float = 0.3) -> float:
        """Seconds from launching ``command`` until ``marker`` shows on screen (``settle``: time the
        program keeps running afterwards, e.g. to finish and cache its model)."""
        with self.stream.open("rb") as output:
            output.seek(0, os.SEEK_END)
            start = time.perf_counter()
            self.tmux("respawn-pane", "-k", "-t", "b", command)
            if _await_text(output, marker, timeout):
                elapsed = time.perf_counter() - start
                time.sleep(settle)
                self.reset()
                return elapsed
        raise RuntimeError(f"{marker!r} never showed for {command}")

    def key_latencies(self, command: str, marker: str, presses: int, gap: float) -> list[float]:
        """Launch ``command``, wait for ``marker``, then press ``j`` every ``gap`` seconds: the
        milliseconds from each press until the pane receives a redraw of rows above the last
        two (so the reader's status and footer lines, which also show indexing progress, are not
        taken for the key's redraw of the text)."""
        height = int(self.tmux("display", "-p", "-t", "b", "#{pane_height}").strip() or 45)
        latencies: list[float] = []
        with self.stream.open("rb") as output:
            output.seek(0, os.SEEK_END)
            self.tmux("respawn-pane", "-k", "-t", "b", command)
            _await_text(output, marker, 60)
            for _ in range(presses):
                time.sleep(gap)
                output.read()
                start = time.perf_counter()
                self.tmux("send-keys", "-t", "b", "j")
                while time.perf_counter() - start < 5:
                    rows = [int(r) for r in _ROW_RE.findall(output.read())]
                    if any(r < height - 1 for r in rows):
                        latencies.append((time.perf_counter() - start) * 1000)
                        break
                    time.sleep(0.001)
                else:
                    latencies.append(5000.0)
        self.reset()
        return latencies

    def screen_after(self, command: str, marker: str) -> str:
        """Launch ``command``, wait for ``marker``, return the whole screen."""
        self.tmux("respawn-pane", "-k", "-t", "b", command)
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            screen = self.tmux("capture-pane", "-p", "-t", "b")
            if marker in screen:
                time.sleep(2.0)  # let the background indexing (jieba) run
                screen = self.tmux("capture-pane", "-p", "-t", "b")
                self.reset()
                return screen
            time.sleep(0.05)
        return ""

    def reset(self) -> None:
        """End the program in the pane (an idle one takes its place)."""
        self.tmux("respawn-pane", "-k", "-t", "b", "sleep 600")
        time.sleep(0.3)

    def close(self) -> None:
        """Stop the tmux server."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        self.stream.unlink(missing_ok=True)


def _markers(path: Path) -> tuple[str, str]:
    """Text that shows once each app has drawn its first screen: the reader joins, the bare app does not."""
    from reader.pipeline.build import build_document

    head = path.read_bytes()[:20_000]
    doc = build_document(head, "head", dictionary=False)
    first = next(b.text for b in doc.blocks if b.kind == "paragraph")
    raw = head.decode("utf-8", "replace").split("\n")[0]
    raw_marker = next((w for w in re.split(r"\s+", raw) if len(w) >= 6), raw[:6])[:8]
    return first[:12], raw_marker


def first_screen_rows(inputs: dict[str, Path], runs: int) -> list[Row]:
    """First screen of the page and the 10 MB file, beside the bare Textual app (tmux 160×45).

    "first open" empties the model cache before every run; "reopened" lets the reader find the
    model it cached the time before (only small documents are loaded from it before the first paint);
    "one process" is a first open with the forked first-screen helper turned off (READER_NO_HELPER),
    which is what a machine without ``fork`` or with a single core gets.
    """
    if shutil.which("tmux") is None:
        return [Row("first screen (no tmux here)", 0, None, "s", "–", None)]
    term = Terminal()
    rows: list[Row] = []
    state = Path(tempfile.mkdtemp(prefix="reader-bench-state-"))
    env = f"env READER_STATE_DIR={state} READER_CACHE_DIR={state}/cache TERM=xterm-256color"
    reader = f"{env} {sys.executable} -m reader"
    try:
        for name, limit in (("page", 1.2), ("10MB", 1.5)):
            path = inputs[name]
            document = name if name == "page" else f"{path.stat().st_size / 1e6:.0f} MB"
            ours_marker, bare_marker = _markers(path)
            bare, cold, warm, solo = [], [], [], []
            for _ in range(runs):
                bare.append(term.first_screen(f"{env} {sys.executable} {BARE_APP} {path}", bare_marker))
                shutil.rmtree(state / "cache", ignore_errors=True)
                solo.append(
                    term.first_screen(f"{env} READER_NO_HELPER=1 {sys.executable} -m reader {path}", ours_marker)
                )
                shutil.rmtree(state / "cache", ignore_errors=True)
                cold.append(term.first_screen(f"{reader} {path}", ours_marker, settle=4.0 if name == "page" else 0.3))
                warm.append(term.first_screen(f"{reader} {path}", ours_marker))
            b = statistics.median(bare)
            for label, times in (("first open", cold), ("reopened", warm)):
                o = statistics.median(times)
                rows.append(
                    Row(
                        f"first screen, {document}, {label} (median of {runs})",
                        o,
                        b,
                        "s",
                        f"≤ {limit}× bare app",
                        o <= limit * b,
                    )
                )
            o = statistics.median(solo)
            rows.append(Row(f"first screen, {document}, first open, helper off", o, b, "s", "for comparison", None))
        screen = term.screen_after(f"{reader} {inputs['page']}", _markers(inputs["page"])[0])
        leaked = any(s in screen for s in ("Building prefix dict", "Loading model", "DeprecationWarning", "jieba"))
        rows.append(Row("jieba output on the terminal", float(leaked), None, "", "none", not leaked))
    finally:
        term.close()
        shutil.rmtree(state, ignore_errors=True)
    return rows


def indexing_key_rows(path: Path, presses: int) -> list[Row]:
    """``j`` pressed every 0.1 s from the first screen on, while the whole model of the large
    document is built (first open: empty cache); beside the bare app redrawing on ``j``."""
    if shutil.which("tmux") is None:
        return [Row("keys while indexing (no tmux here)", 0, None, "ms", "–", None)]
    term = Terminal()
    state = Path(tempfile.mkdtemp(prefix="reader-bench-state-"))
    env = f"env READER_STATE_DIR={state} READER_CACHE_DIR={state}/cache TERM=xterm-256color"
    ours_marker, bare_marker = _markers(path)
    try:
        bare = term.key_latencies(f"{env} {sys.executable} {BARE_APP} {path}", bare_marker, presses, 0.1)
        ours = term.key_latencies(f"{env} {sys.executable} -m reader {path}", ours_marker, presses, 0.1)
    finally:
        term.close()
        shutil.rmtree(state, ignore_errors=True)
    size = path.stat().st_size / 1e6
    what = f"key j in tmux, {size:.0f} MB, while its model builds"
    return [
        Row(
            f"{what} (median of {presses})",
            statistics.median(ours),
            statistics.median(bare),
            "ms",
            "≤ 50 ms",
            statistics.median(ours) <= 50,
        ),
        Row(f"{what} (slowest of {presses})", max(ours), max(bare), "ms", "≤ 50 ms", max(ours) <= 50),
    ]
