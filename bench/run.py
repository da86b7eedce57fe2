"""Run the benchmark from a source checkout: ``python -m bench [--quick]`` or ``python bench/run.py [--quick]``.

Speed and memory, each measured beside a baseline taken in the same run; the table is printed and
the rows are written to ``bench-results.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the table; exit status 1 if a target is missed."""
    from bench.inputs import make_inputs, page_path
    from bench.keys import key_rows, quote_rows
    from bench.measures import cache_rows, fuzz_row, memory_row, model_rows
    from bench.memory import rss_rows
    from bench.pdf import pdf_rows
    from bench.table import Row, table_lines
    from bench.tmux import first_screen_rows, indexing_key_rows

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[1])
    parser.add_argument("--quick", action="store_true", help="smaller inputs (2 MB / 4 MB; for CI)")
    parser.add_argument("--examples", type=int, default=300, help="hypothesis examples for the property tests")
    parser.add_argument("--page", type=Path, default=None, help=f"the page to repeat (default: {page_path()})")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        inputs = make_inputs(Path(tmp), args.quick, args.page)
        print(
            f"inputs: page {inputs['page'].stat().st_size:,} B, big {inputs['10MB'].stat().st_size:,} B, "
            f"bigger {inputs['20MB'].stat().st_size:,} B",
            flush=True,
        )
        rows += first_screen_rows(inputs, 3 if args.quick else 5)
        rows += indexing_key_rows(inputs["10MB"], 20 if args.quick else 40)
        rows += model_rows(inputs)
        rows.append(memory_row(inputs["10MB"]))
        rows += cache_rows(inputs["10MB"])
        rows += rss_rows(inputs, Path(tmp), args.quick)
        rows += key_rows(inputs["10MB"])
        rows += quote_rows(inputs["page"])
        rows.append(fuzz_row(args.examples if not args.quick else 50))
        rows += pdf_rows(2 if args.quick else 3)
    print("\n".join(table_lines(rows)))
    Path("bench-results.json").write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    if __package__ in (None, ""):  # run as ``python bench/run.py``: make ``bench`` importable
        sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
