"""The benchmark's inputs: the corpus page (or the bundled sample), repeated to large sizes."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "000_e5f92e7d73b9cccd.txt"
SAMPLE = ROOT / "data" / "sample.txt"


def page_path() -> Path:
    """The corpus page beside the checkout, or the bundled sample where the corpus is absent."""
    return CORPUS if CORPUS.exists() else SAMPLE


def make_inputs(directory: Path, quick: bool, page: Path | None = None) -> dict[str, Path]:
    """Write the page, and the page repeated to ~10 MB and ~20 MB (smaller with ``quick``)."""
    text = (page or page_path()).read_bytes() + b"\n\n"
    copies = max(1, (10_000_000 if not quick else 2_000_000) // len(text))
    out = {"page": directory / "page.txt", "10MB": directory / "big.txt", "20MB": directory / "bigger.txt"}
    out["page"].write_bytes(text)
    out["10MB"].write_bytes(text * copies)
    out["20MB"].write_bytes(text * copies * 2)
    return out
