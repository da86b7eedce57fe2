"""Shared fixtures: the corpus (when ../shared is present), the bundled sample, a document builder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.model.document import Document
from reader.pipeline.build import build_document
from tests.gold import SHARED_CORPUS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = SHARED_CORPUS
CORPUS_TXT = CORPUS / "000_e5f92e7d73b9cccd.txt"
SAMPLE = ROOT / "data" / "sample.txt"


def build(text: str | bytes, name: str = "test.txt", dictionary: bool = True) -> Document:
    """Build a document from text or bytes."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return build_document(data, name, dictionary=dictionary)


def reading(doc: Document, printed: bool = False) -> list[str]:
    """The texts of a document's reading blocks (furniture left out), as read or exactly as printed."""
    return [b.printed_text() if printed else b.text for b in doc.blocks if b.kind != "furniture"]


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory, monkeypatch):
    """Keep every test's model cache, reading state and quote log out of the user's directories."""
    base = tmp_path_factory.mktemp("dirs")
    monkeypatch.setenv("READER_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("READER_STATE_DIR", str(base / "state"))
    monkeypatch.setenv("READER_DATA_DIR", str(base / "data"))


@pytest.fixture(scope="session")
def corpus_doc() -> Document:
    """The corpus page, built once (skipped where ../shared/corpus is absent)."""
    if not CORPUS_TXT.exists():
        pytest.skip("the shared corpus is not beside this checkout")
    return build_document(CORPUS_TXT.read_bytes(), CORPUS_TXT.name)


@pytest.fixture(scope="session")
def corpus_gold() -> dict[str, Any]:
    """The corpus page's gold reading."""
    path = CORPUS / "000_e5f92e7d73b9cccd.gold.json"
    if not path.exists():
        pytest.skip("the shared corpus is not beside this checkout")
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def corpus_figures() -> dict[str, Any]:
    """The corpus page's expected figures."""
    path = CORPUS / "000_e5f92e7d73b9cccd.figures.json"
    if not path.exists():
        pytest.skip("the shared corpus is not beside this checkout")
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def sample_doc() -> Document:
    """The bundled sample document."""
    return build_document(SAMPLE.read_bytes(), SAMPLE.name)
