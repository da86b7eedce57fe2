"""The reader on real documents of every genre in the project's corpus (``tests/corpus/``).

Each genre keeps at least the share of its checks it passes today (a ratchet: raise a floor when
the reader gets better, never lower one to make a change pass), and every do-no-harm document
comes out with its paragraphs exactly as they are.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import pytest

from reader.errors import ReaderError
from reader.pipeline.build import build_document
from reader.source import load_sidecar
from tests.corpus_checks import Score, corpus_documents, score

FLOORS = {
    "book": 1.0,
    "licence": 1.0,
    "manpage": 0.99,
    "markdown-en": 1.0,
    "markdown-zh": 1.0,
    "ocr-en": 0.97,
    "ocr-zh": 0.98,
    "paper-pdfminer": 0.9,
    "paper-pdftotext": 0.93,
    "paper-pypdf": 0.81,
    "pdf-en": 0.99,
    "pdf-zh": 1.0,
    "rfc": 1.0,
    "web-en": 0.97,
    "web-zh": 1.0,
    "zh-hardwrap": 1.0,
    "zh-law": 0.98,
    "zh-pdf-pdfminer": 1.0,
    "zh-pdf-pdftotext": 1.0,
    "zh-report": 0.98,
}
"""The least share of its checks each genre must pass."""

OCR_FLOORS = {"pdf-scan": 1.0}
"""Genres read only with the OCR extra and its models (skipped without them)."""


@cache
def _scores() -> dict[str, list[Score]]:
    """Every corpus document built and scored, by genre directory."""
    from reader.sources.ocr_engine import models_installed

    wanted = set(FLOORS) | (set(OCR_FLOORS) if models_installed() else set())
    by_genre: dict[str, list[Score]] = defaultdict(list)
    for document in corpus_documents():
        genre = document.path.parent.name
        if genre not in wanted:
            continue
        try:
            doc = build_document(document.path.read_bytes(), document.path.name, load_sidecar(document.path))
        except ReaderError as exc:
            pytest.fail(f"{document.name} could not be read: {exc}")
        by_genre[genre].append(score(document, doc))
    return by_genre


@pytest.mark.parametrize("genre", sorted(FLOORS))
def test_each_genre_passes_at_least_its_share_of_checks(genre):
    scores = _scores()[genre]
    assert scores, f"no corpus documents for {genre}"
    passed, total = sum(s.passed for s in scores), sum(s.total for s in scores)
    failed = [f"{s.document.name}: {c.get('kind')} {str(c.get('text', ''))[:50]!r}" for s in scores for c, _ in s.failures]
    assert passed / total >= FLOORS[genre], "\n".join(failed)


@pytest.mark.parametrize("genre", sorted(OCR_FLOORS))
def test_scans_read_with_ocr_pass_at_least_their_share_of_checks(genre):
    from reader.sources.ocr_engine import models_installed

    if not models_installed():
        pytest.skip("the OCR extra or its models are not installed")
    scores = _scores()[genre]
    passed, total = sum(s.passed for s in scores), sum(s.total for s in scores)
    assert scores and passed / total >= OCR_FLOORS[genre]


def test_clean_documents_keep_their_paragraphs_exactly():
    clean = [s for scores in _scores().values() for s in scores if s.document.clean]
    assert clean, "the corpus has do-no-harm documents"
    harmed = [f"{s.document.name}: {text[:60]!r}" for s in clean for text in s.harmed]
    assert harmed == []


def test_what_is_read_keeps_every_character_of_the_gold():
    gold = [s for scores in _scores().values() for s in scores if s.fidelity is not None]
    assert gold and all(s.fidelity >= 0.99 for s in gold), [(s.document.name, s.fidelity) for s in gold]
