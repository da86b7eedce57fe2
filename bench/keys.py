"""Key-to-redraw times in Textual's headless mode, beside the bare app redrawing its text; quote copy times."""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.table import Row


def watch_display(app: object) -> list[float]:
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
        stamps = watch_display(app)
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
    from bench.bare import BareApp

    app = BareApp(str(path))
    stamps = watch_display(app)
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
            app.reader.state.style = style
            assert "citeproc" not in sys.modules
            times = []
            for _ in range(4):
                before = app.reader.last_quote
                start = time.perf_counter()
                await pilot.press("y")
                times.append((time.perf_counter() - start) * 1000)
                assert app.reader.last_quote != before
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
