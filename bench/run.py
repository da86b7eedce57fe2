"""Run the benchmark from a source checkout: ``python bench/run.py [--quick]`` (same as ``reader bench``)."""

from __future__ import annotations

import sys

from reader.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["bench", *sys.argv[1:]]))
