"""The model build beside the baseline tree's, in one run: ``python -m bench.build_vs_base``.

Issue 9 asks that the 10 MB model build stay within 10 % of the build at the commit the issue was
filed at. This builds the model (``reader outline --json FILE``, the whole command, and
``build_document`` alone inside it) for each input in this tree and in the baseline tree (a
checkout of that commit: ``--base``, default ``/tmp/perfbase``), each build in its own process,
the two trees alternating run after run so that the load of a shared machine falls on both alike;
it prints the least of ``--runs`` for each, side by side, and their ratio.

The inputs: the corpus page repeated to ~10 MB (``bench.inputs``, what ``python -m bench``
measures), and real text that does not repeat, every Chinese document of ``tests/corpus/`` (the
zh genres and figures-zh) concatenated, so that no work can be saved by recognising repeated
paragraphs.

``--same-as TREE`` instead checks that this tree's output is identical to TREE's (another
checkout, e.g. the commit before a speed-up): ``outline``, ``figures`` and ``reflow``, each with
``--json``, on the corpus page, the bundled sample and corpus documents of several genres.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.inputs import make_inputs, page_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
ZH_GENRES = ("figures-zh", "ocr-zh", "zh-hardwrap", "zh-law", "zh-pdf-pdfminer", "zh-pdf-pdftotext", "zh-report")
SAME_DOCUMENTS = (
    "figures-zh/national-2023.txt",
    "figures-zh/shenzhen-2024.txt",
    "zh-report/jilin-2025-gwr.txt",
    "zh-law/pipl.txt",
    "zh-hardwrap/luxun-tengye.txt",
    "ocr-zh/covid-control-v9-p1-2.txt",
    "zh-pdf-pdftotext/beijing-2024-gov-report-excerpt.txt",
    "rfc",
    "book",
    "markdown-en",
    "paper-pdfminer",
)

# Run inside the measured tree: build the model as ``reader outline --json`` does, time the
# build alone, and print the seconds on stderr's last line.
DRIVER = """
import sys, time
from reader import cli
from reader.pipeline import build
inner = build.build_document
spent = []
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return inner(*args, **kwargs)
    finally:
        spent.append(time.perf_counter() - start)
build.build_document = timed
status = cli.main(["outline", "--json", sys.argv[1]])
print(f"build {sum(spent):.4f}", file=sys.stderr)
sys.exit(status)
"""


def real_text(directory: Path) -> Path:
    """Every Chinese plain-text document of the corpus, concatenated: real text that does not repeat."""
    out = directory / "real-zh.txt"
    with out.open("wb") as fh:
        for genre in ZH_GENRES:
            for path in sorted((CORPUS / genre).glob("*.txt")):
                fh.write(path.read_bytes().rstrip() + b"\n\n")
    return out


def _env(tree: Path) -> dict[str, str]:
    """The environment that makes ``import reader`` resolve to ``tree``."""
    return {**os.environ, "PYTHONPATH": str(tree), "READER_MAX_BYTES": "2G"}


def build_once(tree: Path, path: Path) -> tuple[float, float]:
    """Build ``path``'s model in ``tree`` in a new process: (whole command's seconds, build's seconds)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(path)],
        cwd=tree,
        env=_env(tree),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    whole = time.perf_counter() - start
    return whole, float(result.stderr.strip().splitlines()[-1].split()[1])


def compare(inputs: dict[str, Path], base: Path, runs: int) -> list[str]:
    """Alternate builds of each input in this tree and ``base``; one line per input and measure."""
    lines = [f"{'input':<18} {'measure':<9} {'this tree':>10} {'baseline':>10} {'ratio':>7}"]
    for name, path in inputs.items():
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for run in range(runs):
            pair = [(ROOT, ours), (base, theirs)]
            for tree, into in pair if run % 2 == 0 else pair[::-1]:
                into.append(build_once(tree, path))
        label = f"{name} ({path.stat().st_size / 1e6:.1f} MB)"
        for what, index in (("command", 0), ("build", 1)):
            mine, old = min(t[index] for t in ours), min(t[index] for t in theirs)
            lines.append(f"{label:<18} {what:<9} {mine:>9.2f}s {old:>9.2f}s {mine / old:>6.2f}×")
        print("\n".join(lines[-2:]), flush=True)
    return lines


# Run inside a tree: every command's output for every document, as one JSON object on stdout.
OUTPUTS_DRIVER = """
import contextlib, io, json, sys
from reader import cli
out = {}
for path in sys.argv[1:]:
    for command in ("outline", "figures", "reflow"):
        printed, errors = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
            status = cli.main([command, "--json", path])
        out[command + " " + path] = [status, printed.getvalue(), errors.getvalue()]
json.dump(out, sys.__stdout__)
"""


def _outputs(tree: Path, paths: list[Path]) -> dict[str, object]:
    """``outline``, ``figures`` and ``reflow`` with ``--json`` of every path, built in ``tree``."""
    result = subprocess.run(
        [sys.executable, "-c", OUTPUTS_DRIVER, *map(str, paths)],
        cwd=tree,
        env=_env(tree),
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout))


def same_documents() -> list[Path]:
    """The documents the identical-output check reads: the page, the sample, and corpus documents."""
    paths = [page_path(), ROOT / "data" / "sample.txt"]
    for name in SAME_DOCUMENTS:
        found = CORPUS / name
        paths += sorted(p for p in found.iterdir() if p.suffix in (".txt", ".md")) if found.is_dir() else [found]
    return paths


def check_same(other: Path) -> int:
    """Print whether every output of this tree equals ``other``'s; exit status 1 on any difference."""
    paths = same_documents()
    mine, theirs = _outputs(ROOT, paths), _outputs(other, paths)
    differ = 0
    for path in paths:
        bad = [c for c in ("outline", "figures", "reflow") if mine[f"{c} {path}"] != theirs[f"{c} {path}"]]
        differ += bool(bad)
        print(f"{'DIFFERENT ' + ','.join(bad) if bad else 'same':<28} {path}")
    print(f"{differ} of {len(paths)} documents differ ({len(mine)} outputs compared)")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    """Print the build times beside the baseline's (or, with ``--same-as``, check identical output)."""
    parser = argparse.ArgumentParser(prog="python -m bench.build_vs_base", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=Path("/tmp/perfbase"), help="the baseline checkout")
    parser.add_argument("--runs", type=int, default=3, help="builds per tree and input (the least is kept)")
    parser.add_argument("--quick", action="store_true", help="a 2 MB repeated input instead of 10 MB")
    parser.add_argument("--only", choices=("10MB", "real"), help="measure one input only")
    parser.add_argument("--same-as", type=Path, help="check this tree's output equals that checkout's")
    args = parser.parse_args(argv)
    if args.same_as:
        return check_same(args.same_as.resolve())
    if not (args.base / "reader").is_dir():
        print(f"bench: no baseline checkout at {args.base}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as tmp:
        inputs = {"10MB": make_inputs(Path(tmp), args.quick)["10MB"], "real": real_text(Path(tmp))}
        if args.only:
            inputs = {args.only: inputs[args.only]}
        print(json.dumps({"this": str(ROOT), "base": str(args.base.resolve()), "runs": args.runs}))
        compare(inputs, args.base.resolve(), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
