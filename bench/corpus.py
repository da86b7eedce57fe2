"""Score the reader on the project's corpus: ``python -m bench.corpus [--failures] [--validate] [GENRE…]``.

Prints one row per genre (documents, checks passed, paragraph F1 and fidelity where a gold reading
exists, do-no-harm cases exact) and, with ``--failures``, every failed check.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from reader.errors import ReaderError
from reader.model.document import Document, Metadata
from reader.pipeline.build import build_document
from reader.source import load_sidecar
from tests.corpus_checks import Score, corpus_documents, score, validate


def main(argv: list[str] | None = None) -> int:
    """Build every corpus document, run its checks and print the table per genre."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__)
    parser.add_argument("genres", nargs="*", help="only these genres")
    parser.add_argument("--failures", action="store_true", help="list every failed check")
    parser.add_argument("--validate", action="store_true", help="only check the checks against the sources")
    args = parser.parse_args(argv)
    by_genre: dict[str, list[Score]] = defaultdict(list)
    for document in corpus_documents():
        if args.genres and document.path.parent.name not in args.genres and document.genre not in args.genres:
            continue
        if args.validate:
            for problem in validate(document):
                print(f"{document.name}: {problem}")
            continue
        try:
            doc = build_document(document.path.read_bytes(), document.path.name, load_sidecar(document.path))
        except ReaderError as exc:  # a format the reader cannot open yet: every check fails
            print(f"{document.name}: not read ({exc})", file=sys.stderr)
            doc = Document(Metadata(), (), (), ())
        result = score(document, doc)
        by_genre[document.path.parent.name].append(result)
        if args.failures:
            for check, why in result.failures:
                shown = {k: (v[:70] if isinstance(v, str) else v) for k, v in check.items()}
                print(f"FAIL {document.name}: {shown} — {why}")
            for text in result.harmed:
                print(f"HARM {document.name}: {text[:80]!r}")
    if args.validate:
        return 0
    print(f"| {'genre':<22} | docs | checks passed | share | paragraph F1 | fidelity | clean exact |")
    print(f"|{'-' * 24}|------|---------------|-------|--------------|----------|-------------|")
    everything: list[Score] = []
    for genre in sorted(by_genre):
        scores = by_genre[genre]
        everything.extend(scores)
        print(_row(genre, scores))
    if everything:
        print(_row("all", everything))
    return 0


def _row(name: str, scores: list[Score]) -> str:
    """One table row."""
    passed = sum(s.passed for s in scores)
    total = sum(s.total for s in scores)
    f1s = [s.f1 for s in scores if s.f1 is not None]
    fids = [s.fidelity for s in scores if s.fidelity is not None]
    clean = [s for s in scores if s.document.clean]
    exact = sum(1 for s in clean if not s.harmed)
    share = passed / total if total else 1.0
    f1 = f"{min(f1s):.3f} (min)" if f1s else "–"
    fid = f"{min(fids):.4f}" if fids else "–"
    clean_text = f"{exact}/{len(clean)}" if clean else "–"
    return f"| {name:<22} | {len(scores):>4} | {passed:>6} / {total:<5} | {share:.3f} | {f1:>12} | {fid:>8} | {clean_text:>11} |"


if __name__ == "__main__":
    sys.exit(main())
