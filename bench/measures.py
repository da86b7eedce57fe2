"""Model build time and memory, and the property tests at a larger example count."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.table import Row

ROOT = Path(__file__).resolve().parent.parent


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


def fuzz_row(examples: int) -> Row:
    """The property tests with a larger example count (needs the source checkout's tests/)."""
    tests = ROOT / "tests" / "test_properties.py"
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


def cache_rows(path: Path) -> list[Row]:
    """Loading the 10 MB document's cached model (msgpack frames) beside loading the pickle frames
    the cache held before, in the same run; and the longest stretch a reading thread holds the GIL."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.cacheload", str(path)], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    m = json.loads(out.strip().splitlines()[-1])
    size = f"{path.stat().st_size / 1e6:.0f} MB"
    return [
        Row(
            f"model cache load, {size} (vs pickle frames)",
            m["load"],
            m["load_pickle"],
            "s",
            "≤ 1× pickle",
            m["load"] <= m["load_pickle"],
        ),
        Row(
            f"model cache load, {size}, longest GIL hold (vs pickle)",
            m["frame_ms"],
            m["frame_ms_pickle"],
            "ms",
            "≤ 50 ms",
            m["frame_ms"] <= 50,
        ),
        Row(
            f"model cache file, {size} (vs pickle frames)",
            m["bytes"] / 1e6,
            m["bytes_pickle"] / 1e6,
            "MB",
            "for comparison",
            None,
        ),
    ]
