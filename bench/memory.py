"""Memory: the peak RSS of a whole run beside the input's size, and where a build's peak comes from.

``peak_rss`` runs a command and reads its own peak resident set size from ``wait4``. ``python -m
bench.memory FILE`` builds FILE under ``tracemalloc`` and prints, for each pipeline step, the memory
held at its end and the peak during it, then the lines that hold the most at the largest sample
taken while building (a thread snapshots the traced memory every ``--every`` seconds): where the
peak comes from, by file and line.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

from bench.table import Row

ROOT = Path(__file__).resolve().parent.parent
MB = 1e6
FRAMES = 12  # frames kept per allocation: enough to reach the pipeline step that asked for it


def peak_rss(command: list[str], env: dict[str, str] | None = None, stdin: int | None = None) -> tuple[float, int]:
    """Run ``command`` (output discarded); return (wall seconds, its peak RSS in bytes)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{command} exited with {child.returncode}")
    return time.perf_counter() - start, usage.ru_maxrss * 1024  # (kilobytes on Linux)


def rss_rows(inputs: dict[str, Path], directory: Path, quick: bool) -> list[Row]:
    """Peak RSS of ``reader outline --json`` on the 10 MB input and on ~100 MB (the 20 MB input with
    ``quick``), beside the file's size; and of ``yes | reader reflow -`` cut at a 2 MB input limit,
    over the interpreter's own, beside that limit (one-letter lines: the worst case per byte
    measured, which the default input limit is set from)."""
    from reader.source import PEAK_PER_BYTE

    env = {**os.environ, "READER_MAX_BYTES": "2G"}
    rows: list[Row] = []
    big, huge = inputs["10MB"], inputs["20MB"]
    if not quick:
        huge = directory / "huge.txt"
        data = big.read_bytes()
        with huge.open("wb") as fh:
            for _ in range(10):
                fh.write(data)
    for path in (big, huge):
        size = path.stat().st_size
        seconds, peak = peak_rss([sys.executable, "-m", "reader", "outline", "--json", str(path)], env)
        what = f"outline --json, {size / MB:.0f} MB"
        rows.append(
            Row(f"peak RSS, {what} (vs file size)", peak / MB, size / MB, "MB", "≤ 8× file size", peak <= 8 * size)
        )
        rows.append(Row(f"time, {what}", seconds, None, "s", "for comparison", None))
    _, floor = peak_rss([sys.executable, "-c", "import reader.cli, reader.pipeline.build"], env)
    endless = subprocess.Popen(["yes"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        limit = 2 << 20
        env["READER_MAX_BYTES"] = str(limit)
        _, peak = peak_rss([sys.executable, "-m", "reader", "reflow", "-"], env, stdin=endless.stdout.fileno())  # type: ignore[union-attr]
    finally:
        endless.kill()
        endless.wait()
    over = peak - floor
    rows.append(
        Row(
            "peak RSS over the interpreter's, yes piped to reflow - (vs its 2 MB limit)",
            over / MB,
            limit / MB,
            "MB",
            f"≤ {PEAK_PER_BYTE}× the limit",
            over <= PEAK_PER_BYTE * limit,
        )
    )
    return rows


def _sampler(every: float, best: list[tracemalloc.Snapshot | int], stop: threading.Event) -> None:
    """Keep the snapshot taken when the most memory was traced."""
    while not stop.wait(every):
        current = tracemalloc.get_traced_memory()[0]
        if current > best[1]:  # type: ignore[operator]
            best[:] = [tracemalloc.take_snapshot(), current]


def where_the_peak_is(path: Path, every: float = 1.0, top: int = 20) -> list[str]:
    """Build ``path`` under tracemalloc; the report lines (per step, then the top lines at the peak)."""
    from reader.pipeline.build import build_document
    from reader.pipeline.wordcheck import load_jieba

    load_jieba()
    data = path.read_bytes()
    steps: list[tuple[float, int, int]] = []
    tracemalloc.start(FRAMES)
    base = tracemalloc.get_traced_memory()[0]
    best: list[tracemalloc.Snapshot | int] = [tracemalloc.take_snapshot(), 0]
    stop = threading.Event()
    sampler = threading.Thread(target=_sampler, args=(every, best, stop), daemon=True)
    sampler.start()

    def step(share: float) -> None:
        """Record the memory held and the peak since the last step."""
        current, peak = tracemalloc.get_traced_memory()
        if not steps or share - steps[-1][0] >= 0.05 or share == 1.0:
            steps.append((share, current - base, peak - base))
            tracemalloc.reset_peak()

    doc = build_document(data, path.name, progress=step)
    stop.set()
    sampler.join()
    held = tracemalloc.get_traced_memory()[0] - base
    snapshot = best[0]
    tracemalloc.stop()
    size = len(data)
    out = [f"input {size / MB:.1f} MB; model held after the build {held / MB:.1f} MB ({held / size:.1f}×)"]
    out.append("step ends at share | held at its end | peak during it")
    for share, current, peak in steps:
        out.append(
            f"  {share:4.2f} | {current / MB:8.1f} MB ({current / size:4.1f}×) | {peak / MB:8.1f} MB ({peak / size:4.1f}×)"
        )
    assert isinstance(snapshot, tracemalloc.Snapshot)
    total = sum(s.size for s in snapshot.statistics("filename"))
    out.append(f"at the largest sample ({total / MB:.1f} MB traced), by line (← the reader's calling lines):")
    for stat in snapshot.statistics("traceback")[:top]:
        out.append(f"  {stat.size / MB:8.1f} MB {stat.count:>9,} objects  {_where(stat.traceback)}")
    del doc
    return out


def _where(traceback: tracemalloc.Traceback) -> str:
    """The allocating line and the reader's own lines that called it, innermost first."""
    ours = [f for f in reversed(traceback) if f.filename.startswith(str(ROOT / "reader"))][:3]
    if not ours:
        return f"{traceback[-1].filename}:{traceback[-1].lineno}"
    inner = traceback[-1]
    names = [f"{os.path.relpath(f.filename, ROOT / 'reader' / 'pipeline')}:{f.lineno}" for f in ours]
    head = "" if inner in ours else f"{os.path.basename(inner.filename)}:{inner.lineno} ← "
    return head + " ← ".join(names)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.memory FILE``: where a build's memory peak comes from."""
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--every", type=float, default=1.0, help="seconds between samples")
    parser.add_argument("--top", type=int, default=20, help="lines to list")
    args = parser.parse_args(argv)
    print("\n".join(where_the_peak_is(args.file, args.every, args.top)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
