"""The PDF corpus on the same checks, read three ways: ``python -m bench.pdf_corpus [--failures]``.

For every PDF in ``tests/corpus/pdf-*`` with checks: the reader on the PDF itself, and the reader
on the extractions of the same file kept beside the corpus (``paper-pdftotext``,
``zh-pdf-pdftotext``: pdftotext with plain joining, the way a user reads a PDF without this
reader; ``-layout`` variants too), each scored on the PDF's own checks, in one run.
"""

from __future__ import annotations

import argparse
import sys

from reader.errors import ReaderError
from reader.model.document import Document, Metadata
from reader.pipeline.build import build_document
from tests.corpus_checks import CORPUS_DIR, corpus_documents, score

EXTRACTIONS = {"pdf-en": "paper", "pdf-zh": "zh-pdf", "pdf-scan": "paper"}


def _build(data: bytes, name: str) -> Document:
    """The reader's model, or an empty one where the reader refuses the file."""
    try:
        return build_document(data, name)
    except ReaderError:
        return Document(Metadata(), (), (), ())


def main(argv: list[str] | None = None) -> int:
    """Print one row per PDF: checks passed on the PDF, and on each extraction of it."""
    parser = argparse.ArgumentParser(prog="python -m bench.pdf_corpus", description=__doc__)
    parser.add_argument("--failures", action="store_true", help="list the checks the PDF reading fails")
    args = parser.parse_args(argv)
    totals: dict[str, list[int]] = {}
    print("| document | checks | reader on the PDF | pdftotext + joining | pdftotext -layout + joining |")
    print("|---|---|---|---|---|")
    for document in corpus_documents():
        genre = document.path.parent.name
        if genre not in EXTRACTIONS:
            continue
        cells = []
        result = score(document, _build(document.path.read_bytes(), document.path.name))
        cells.append(result.passed)
        if args.failures:
            for check, why in result.failures:
                print(f"FAIL {document.name}: {check} — {why}", file=sys.stderr)
        stem = document.path.stem
        for suffix in ("", "-layout"):
            text = CORPUS_DIR / f"{EXTRACTIONS[genre]}-pdftotext" / f"{stem}{suffix}.txt"
            if text.is_file():
                cells.append(score(document, _build(text.read_bytes(), text.name)).passed)
            else:
                cells.append(None)
        total = result.total
        row = totals.setdefault(genre, [0, 0, 0, 0, 0, 0])
        row[0] += total
        row[1] += cells[0]
        for k in (1, 2):
            if cells[k] is not None:
                row[k + 1] += cells[k]
                row[k + 3] += total
        shown = [f"{c} / {total}" if c is not None else "–" for c in cells]
        print(f"| {genre}/{stem} | {total} | " + " | ".join(shown) + " |")
    for genre, (total, pdf, plain, layout, plain_total, layout_total) in totals.items():
        base = f"{plain} / {plain_total} ({plain / plain_total:.3f})" if plain_total else "–"
        laid = f"{layout} / {layout_total} ({layout / layout_total:.3f})" if layout_total else "–"
        print(f"| **{genre}** | {total} | {pdf} / {total} ({pdf / total:.3f}) | {base} | {laid} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
