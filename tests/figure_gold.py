"""Figure label gold (``NAME.labels.json``): load it and score a document's figures against it.

A gold file is a list of entries in document order, one per figure: ``key`` (number and first
unit character, see ``figure_key``), ``label``, ``accept`` (other right labels), ``must_contain``,
``context`` and ``kind`` (``target`` or ``outcome``). A figure is matched to an entry by its key and
its rank among figures with that key (counting only figures that stand in one of the key's gold
contexts, so an optional figure with the same key elsewhere does not shift the ranks); a label is
right when, quotes and spaces removed, it equals ``label`` or one of ``accept``. Shared by
``python -m bench.figures`` and the tests.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.model.document import Document, Figure
from reader.textlayout import printed_offset
from tests.gold import SHARED_CORPUS, figure_key, squeeze

CORPUS_PAGE = SHARED_CORPUS / "000_e5f92e7d73b9cccd"
EVALUATION_DIR = Path(__file__).resolve().parent / "corpus" / "figures-zh"
_NORMALISE_RE = re.compile(r"[\s\"'“”‘’「」『』]")


def normalise(label: str) -> str:
    """A label with quotes and spaces taken out, as the gold is compared."""
    return _NORMALISE_RE.sub("", label)


@dataclass(frozen=True)
class GoldSet:
    """One document of a label gold: the text file, its entries and its figure lists."""

    name: str
    text: Path
    entries: list[dict[str, Any]]
    optional: frozenset[str] = frozenset()
    forbidden: tuple[str, ...] = ()


@dataclass
class LabelScore:
    """The score of one document against its label gold."""

    name: str
    total: int
    labels_right: int
    kinds_right: int
    recall: float
    precision: float
    forbidden: list[str]
    wrong: list[tuple[dict[str, Any], Figure | None]] = field(default_factory=list)

    @property
    def label_share(self) -> float:
        """Share of gold entries whose figure carries a right label."""
        return self.labels_right / self.total if self.total else 1.0

    @property
    def kind_share(self) -> float:
        """Share of gold entries whose figure has the right kind."""
        return self.kinds_right / self.total if self.total else 1.0


def load_gold(labels_path: Path) -> GoldSet:
    """Read ``NAME.labels.json`` with ``NAME.txt`` beside it (and ``NAME.figures.json`` if present)."""
    stem = labels_path.name.removesuffix(".labels.json")
    entries = json.loads(labels_path.read_text("utf-8"))
    figures_path = labels_path.with_name(stem + ".figures.json")
    spec = json.loads(figures_path.read_text("utf-8")) if figures_path.is_file() else {}
    return GoldSet(
        stem,
        labels_path.with_name(stem + ".txt"),
        entries,
        frozenset(spec.get("optional", [])),
        tuple(spec.get("forbidden", [])),
    )


def gold_sets(corpus_page: bool = True) -> list[GoldSet]:
    """The corpus page (when ../shared is present) and every evaluation document."""
    out: list[GoldSet] = []
    page = CORPUS_PAGE.with_name(CORPUS_PAGE.name + ".labels.json")
    if corpus_page and page.is_file():
        out.append(load_gold(page))
    out.extend(load_gold(p) for p in sorted(EVALUATION_DIR.glob("*.labels.json")))
    return out


def score_labels(doc: Document, gold: GoldSet) -> LabelScore:
    """Compare a document's figures with its gold: labels, kinds, recall and precision."""
    by_key: dict[str, list[Figure]] = defaultdict(list)
    for figure in doc.figures:
        key = figure_key(figure.text)
        if key:
            by_key[key].append(figure)
    contexts: dict[str, set[str]] = defaultdict(set)
    for entry in gold.entries:
        contexts[entry["key"]].add(squeeze(entry["context"]))
    candidates = {key: _in_contexts(doc, figures, contexts.get(key, set())) for key, figures in by_key.items()}
    rank: Counter[str] = Counter()
    labels_right = kinds_right = 0
    wrong: list[tuple[dict[str, Any], Figure | None]] = []
    for entry in gold.entries:
        key = entry["key"]
        figures = candidates.get(key, [])
        figure = figures[rank[key]] if rank[key] < len(figures) else None
        rank[key] += 1
        right = {normalise(entry["label"]), *(normalise(a) for a in entry.get("accept", []))}
        label_ok = figure is not None and normalise(figure.label) in right
        kind_ok = figure is not None and figure.kind == entry["kind"]
        labels_right += label_ok
        kinds_right += kind_ok
        if not (label_ok and kind_ok):
            wrong.append((entry, figure))
    required = Counter(e["key"] for e in gold.entries)
    found = Counter({k: len(v) for k, v in by_key.items()})
    hit = sum(min(found[k], n) for k, n in required.items())
    extra = sum(n - required[k] for k, n in found.items() if k not in gold.optional and n > required[k])
    forbidden = [k for k in gold.forbidden if any(k in f.text for f in doc.figures)]
    return LabelScore(
        gold.name,
        len(gold.entries),
        labels_right,
        kinds_right,
        hit / sum(required.values()) if required else 1.0,
        hit / (hit + extra) if hit + extra else 0.0,
        forbidden,
        wrong,
    )


def _in_contexts(doc: Document, figures: list[Figure], contexts: set[str]) -> list[Figure]:
    """The figures that stand inside one of ``contexts`` (all of them when none does); contexts are
    copied from the source, so they are looked for in the text as printed."""
    inside = []
    for figure in figures:
        block = doc.blocks[figure.block]
        printed = block.printed_text()
        text = squeeze(printed)
        at = len(squeeze(printed[: printed_offset(block, figure.start)]))
        if any(_covers(text, context, at) for context in contexts):
            inside.append(figure)
    return inside or figures


def _covers(text: str, context: str, at: int) -> bool:
    """True when an occurrence of ``context`` in ``text`` spans offset ``at``."""
    start = text.find(context)
    while start >= 0:
        if start <= at < start + len(context):
            return True
        start = text.find(context, start + 1)
    return False
