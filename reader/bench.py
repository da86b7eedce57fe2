"""``reader bench``: speed and memory measured beside baselines taken in the same run."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from reader.source import sample_path

_ESCAPE_RE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[^\[()]")
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "000_e5f92e7d73b9cccd.txt"


@dataclass
class Row:
    """One line of the result table."""

    measure: str
    ours: float
    baseline: float | None
    unit: str
    target: str
    ok: bool | None

    def cells(self) -> list[str]:
        """The row as table cells."""
        ratio = f"{self.ours / self.baseline:.2f}×" if self.baseline else "–"
        base = f"{self.baseline:.3g} {self.unit}" if self.baseline is not None else "–"
        verdict = "–" if self.ok is None else ("yes" if self.ok else "NO")
        return [self.measure, f"{self.ours:.3g} {self.unit}", base, ratio, self.target, verdict]


def _page() -> bytes:
    """The corpus page (or the bundled sample where the corpus is absent)."""
    path = CORPUS if CORPUS.exists() else sample_path()
    return path.read_bytes()


def make_inputs(directory: Path, quick: bool) -> dict[str, Path]:
    """Write the page, and the page repeated to ~10 MB and ~20 MB (smaller with ``quick``)."""
    page = _page() + b"\n\n"
    copies = max(1, (10_000_000 if not quick else 2_000_000) // len(page))
    out = {"page": directory / "page.txt", "10MB": directory / "big.txt", "20MB": directory / "bigger.txt"}
    out["page"].write_bytes(page)
    out["10MB"].write_bytes(page * copies)
    out["20MB"].write_bytes(page * copies * 2)
    return out


def _timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Run a command; return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def _baseline_scan(path: Path) -> float:
    """Read + decode + one regex pass: the floor any model build stands on."""
    start = time.perf_counter()
    text = path.read_bytes().decode("utf-8", "replace")
    len(re.findall(r"\d+(?:\.\d+)?[万亿]?[元人个家%]", text))
    return time.perf_counter() - start


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
        wanted = marker.encode()
        seen = b""
        with self.stream.open("rb") as output:
            output.seek(0, os.SEEK_END)
            start = time.perf_counter()
            self.tmux("respawn-pane", "-k", "-t", "b", command)
            while time.perf_counter() - start < timeout:
                chunk = output.read()
                if not chunk:
                    time.sleep(0.002)
                    continue
                seen += chunk
                if wanted in _ESCAPE_RE.sub(b"", seen):
                    elapsed = time.perf_counter() - start
                    time.sleep(settle)
                    self.tmux("respawn-pane", "-k", "-t", "b", "sleep 600")
                    time.sleep(0.3)
                    return elapsed
        raise RuntimeError(f"{marker!r} never showed for {command}")

    def screen_after(self, command: str, marker: str) -> str:
        """Launch ``command``, wait for ``marker``, return the whole screen."""
        self.tmux("respawn-pane", "-k", "-t", "b", command)
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            screen = self.tmux("capture-pane", "-p", "-t", "b")
            if marker in screen:
                time.sleep(2.0)  # let the background indexing (jieba) run
                screen = self.tmux("capture-pane", "-p", "-t", "b")
                self.tmux("respawn-pane", "-k", "-t", "b", "sleep 600")
                return screen
            time.sleep(0.05)
        return ""

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
            ours_marker, bare_marker = _markers(path)
            bare, cold, warm, solo = [], [], [], []
            for _ in range(runs):
                bare.append(term.first_screen(f"{env} {sys.executable} -m reader.bench_bare {path}", bare_marker))
                shutil.rmtree(state / "cache", ignore_errors=True)
                solo.append(term.first_screen(f"{env} READER_NO_HELPER=1 {sys.executable} -m reader {path}", ours_marker))
                shutil.rmtree(state / "cache", ignore_errors=True)
                cold.append(term.first_screen(f"{reader} {path}", ours_marker, settle=4.0 if name == "page" else 0.3))
                warm.append(term.first_screen(f"{reader} {path}", ours_marker))
            b = statistics.median(bare)
            for label, times in (("first open", cold), ("reopened", warm)):
                o = statistics.median(times)
                rows.append(
                    Row(
                        f"first screen, {name}, {label} (median of {runs})",
                        o,
                        b,
                        "s",
                        f"≤ {limit}× bare app",
                        o <= limit * b,
                    )
                )
            o = statistics.median(solo)
            rows.append(Row(f"first screen, {name}, first open, helper off", o, b, "s", "for comparison", None))
        screen = term.screen_after(f"{reader} {inputs['page']}", _markers(inputs["page"])[0])
        leaked = any(s in screen for s in ("Building prefix dict", "Loading model", "DeprecationWarning", "jieba"))
        rows.append(Row("jieba output on the terminal", float(leaked), None, "", "none", not leaked))
    finally:
        term.close()
        shutil.rmtree(state, ignore_errors=True)
    return rows


def model_rows(inputs: dict[str, Path]) -> list[Row]:
    """Whole model of 10 MB and 20 MB (``reader outline --json``) beside read+decode+regex."""
    cmd = [sys.executable, "-m", "reader", "outline", "--json"]
    t10 = min(_timed([*cmd, str(inputs["10MB"])]) for _ in range(2))
    t20 = _timed([*cmd, str(inputs["20MB"])])
    b10 = min(_baseline_scan(inputs["10MB"]) for _ in range(3))
    size = inputs["10MB"].stat().st_size / 1e6
    return [
        Row(f"model build, {size:.0f} MB (outline --json)", t10, b10, "s", "≤ 4 s", t10 <= 4.0),
        Row("model build, 2× the size", t20, t10, "s", "≤ 2.2× the 1× time", t20 <= 2.2 * t10),
    ]


def memory_row(path: Path) -> Row:
    """Memory the built model holds, beside the document's UTF-8 size."""
    code = (
        "import gc, sys, tracemalloc\n"
        "from reader.pipeline.build import build_document\n"
        "from reader.pipeline.wordcheck import load_jieba\n"
        "load_jieba()\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        "gc.collect(); tracemalloc.start()\n"
        "doc = build_document(data, 'x')\n"
        "gc.collect(); print(tracemalloc.get_traced_memory()[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    held = int(out.strip().splitlines()[-1])
    size = path.stat().st_size
    return Row(
        "model memory (traced, held after build)", held / 1e6, size / 1e6, "MB", "≤ 8× UTF-8 size", held <= 8 * size
    )


def _watch_display(app: object) -> list[float]:
    """Record when the app hands a finished screen update to its driver."""
    stamps: list[float] = []
    original = app._display  # type: ignore[attr-defined]

    def display(screen: object, renderable: object) -> None:
        if renderable is not None:
            stamps.append(time.perf_counter())
        original(screen, renderable)

    app._display = display  # type: ignore[attr-defined]
    return stamps


async def _latency(pilot: object, stamps: list[float], *keys: str) -> float:
    """Milliseconds from pressing ``keys`` to the first screen update that follows."""
    stamps.clear()
    start = time.perf_counter()
    await pilot.press(*keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return (stamps[0] - start) * 1000 if stamps else float("nan")


async def _key_times(path: Path) -> dict[str, float]:
    """Milliseconds from a key press until the screen is redrawn, on a large document."""
    from reader.source import read_input
    from reader.state import StateStore
    from reader.tui.app import ReaderApp

    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as state:
        app = ReaderApp(read_input(str(path)), StateStore(Path(state)), terminal_writer=lambda _s: None)
        stamps = _watch_display(app)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("slash", *"乡村", "enter")
            await pilot.pause()
            script = [
                ("j", ["j"]),
                ("k", ["k"]),
                ("]", ["right_square_bracket"]),
                ("PgDn", ["pagedown"]),
                ("n (search next)", ["n"]),
                ("o (toggle outline)", ["o"]),
                ("f (toggle figures)", ["f"]),
            ]
            for _ in range(5):
                for name, keys in script:
                    times.setdefault(name, []).append(await _latency(pilot, stamps, *keys))
            for _ in range(3):
                await pilot.press("colon")
                await pilot.pause()
                await pilot.press(*"2.3")
                await pilot.pause()
                times.setdefault(":2.3 Enter (jump)", []).append(await _latency(pilot, stamps, "enter"))
            await pilot.press("q")
    return {k: statistics.median(v) for k, v in times.items()}


async def _bare_key_time(path: Path) -> float:
    """The same measurement for a key that redraws the bare app's text (the floor of a redraw)."""
    from reader.bench_bare import BareApp

    app = BareApp(str(path))
    stamps = _watch_display(app)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        samples = [await _latency(pilot, stamps, "j") for _ in range(10)]
    return statistics.median(samples)


def key_rows(path: Path) -> list[Row]:
    """Key-to-redraw times on the large document."""
    times = asyncio.run(_key_times(path))
    floor = asyncio.run(_bare_key_time(path))
    return [Row(f"key {name} redraw, 10 MB", ms, floor, "ms", "≤ 50 ms", ms <= 50) for name, ms in times.items()]


def fuzz_row(examples: int) -> Row:
    """The property tests with a larger example count (needs the source checkout's tests/)."""
    tests = Path(__file__).resolve().parent.parent / "tests" / "test_properties.py"
    if not tests.exists():
        return Row("property tests (tests/ not here)", 0, None, "", "–", None)
    env = {**os.environ, "READER_HYPOTHESIS_EXAMPLES": str(examples)}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        capture_output=True,
        text=True,
        env=env,
    )
    return Row(
        f"property tests, {examples} examples each",
        time.perf_counter() - start,
        None,
        "s",
        "pass",
        result.returncode == 0,
    )


def run_bench(quick: bool = False, examples: int = 300) -> int:
    """Run every measurement and print the table (and JSON to bench-results.json)."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        inputs = make_inputs(Path(tmp), quick)
        print(
            f"inputs: page {inputs['page'].stat().st_size:,} B, big {inputs['10MB'].stat().st_size:,} B, "
            f"bigger {inputs['20MB'].stat().st_size:,} B",
            flush=True,
        )
        rows += first_screen_rows(inputs, 3 if quick else 5)
        rows += model_rows(inputs)
        rows.append(memory_row(inputs["10MB"]))
        rows += key_rows(inputs["10MB"])
        rows.append(fuzz_row(examples if not quick else 50))
    header = ["measure", "reader", "baseline", "ratio", "target", "met"]
    table = [header, *[r.cells() for r in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    Path("bench-results.json").write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    return 0 if all(r.ok is not False for r in rows) else 1
