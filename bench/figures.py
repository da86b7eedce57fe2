"""Score figure labels and kinds: ``python -m bench.figures [--wrong] [NAME.labels.json …]``.

Without arguments: the corpus page (``../shared/corpus/…labels.json``) and every evaluation document
in ``tests/corpus/figures-zh/``. Prints one row per document (labels right, kinds right, figure
recall and precision against the gold's list) and, with ``--wrong``, each entry that missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.pipeline.build import build_document
from reader.source import load_sidecar
from tests.figure_gold import GoldSet, LabelScore, gold_sets, load_gold, score_labels


def main(argv: list[str] | None = None) -> int:
    """Build every gold document, score it and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.figures", description=__doc__)
    parser.add_argument("labels", nargs="*", type=Path, help="label gold files (default: all)")
    parser.add_argument("--wrong", action="store_true", help="list every entry with a wrong label or kind")
    args = parser.parse_args(argv)
    golds: list[GoldSet] = [load_gold(p) for p in args.labels] if args.labels else gold_sets()
    print(f"| {'document':<34} | figures | labels        | kinds         | recall | precision | forbidden |")
    print(f"|{'-' * 36}|---------|---------------|---------------|--------|-----------|-----------|")
    for gold in golds:
        doc = build_document(gold.text.read_bytes(), gold.text.name, load_sidecar(gold.text))
        result = score_labels(doc, gold)
        print(_row(result))
        if args.wrong:
            for entry, figure in result.wrong:
                got = f"{figure.label!r} {figure.kind}" if figure else "not found"
                print(f"    {entry['key']:<10} gold {entry['label']!r} {entry['kind']:<7} got {got}")
    return 0


def _row(s: LabelScore) -> str:
    """One table row."""
    labels = f"{s.labels_right}/{s.total} {s.label_share:.3f}"
    kinds = f"{s.kinds_right}/{s.total} {s.kind_share:.3f}"
    return (
        f"| {s.name:<34} | {s.total:>7} | {labels:<13} | {kinds:<13} | {s.recall:.3f}  | {s.precision:.3f}     "
        f"| {len(s.forbidden):>9} |"
    )


if __name__ == "__main__":
    sys.exit(main())
