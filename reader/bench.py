"""``reader bench``: speed and memory measured beside baselines taken in the same run."""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from reader.source import sample_path

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
        """Stamp the time, then draw as usual."""
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
    size = f"{path.stat().st_size / 1e6:.0f} MB"
    return [Row(f"key {name} redraw, {size}", ms, floor, "ms", "≤ 50 ms", ms <= 50) for name, ms in times.items()]


_QUOTE_SCRIPT = """
import asyncio, os, statistics, sys, tempfile, time
from pathlib import Path

async def main(path, style):
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READER_DATA_DIR"] = tmp
        from reader.source import read_input
        from reader.state import StateStore
        from reader.tui.app import ReaderApp

        app = ReaderApp(read_input(path), StateStore(Path(tmp)), terminal_writer=lambda _s: None)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.state.style = style
            assert "citeproc" not in sys.modules
            times = []
            for _ in range(4):
                before = app.last_quote
                start = time.perf_counter()
                await pilot.press("y")
                times.append((time.perf_counter() - start) * 1000)
                assert app.last_quote != before
                await pilot.press("j")
        print(times[0], statistics.median(times[1:]))

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def quote_rows(path: Path) -> list[Row]:
    """The first ``y`` in a CSL style (citeproc imported, the style parsed) and later ones, beside
    ``y`` in the plain style (reader's own formatting), each in a fresh process."""
    results = {}
    for style in ("plain", "apa"):
        done = subprocess.run(
            [sys.executable, "-c", _QUOTE_SCRIPT, str(path), style], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            return [Row(f"y with a citation ({style}) failed", 0, None, "", "–", False)]
        first, later = (float(x) for x in done.stdout.split())
        results[style] = (first, later)
    (plain_first, plain_later), (apa_first, apa_later) = results["plain"], results["apa"]
    return [
        Row("first y, APA (imports citeproc)", apa_first, plain_first, "ms", "≤ 500 ms", apa_first <= 500),
        Row("later y, APA", apa_later, plain_later, "ms", "≤ 1.5× plain y", apa_later <= 1.5 * plain_later),
    ]


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
    from reader.bench_tmux import first_screen_rows, indexing_key_rows

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        inputs = make_inputs(Path(tmp), quick)
        print(
            f"inputs: page {inputs['page'].stat().st_size:,} B, big {inputs['10MB'].stat().st_size:,} B, "
            f"bigger {inputs['20MB'].stat().st_size:,} B",
            flush=True,
        )
        rows += first_screen_rows(inputs, 3 if quick else 5)
        rows += indexing_key_rows(inputs["10MB"], 20 if quick else 40)
        rows += model_rows(inputs)
        rows.append(memory_row(inputs["10MB"]))
        rows += key_rows(inputs["10MB"])
        rows += quote_rows(inputs["page"])
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
