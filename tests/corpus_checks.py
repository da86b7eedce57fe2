"""The project's corpus (``tests/corpus/``): load each document with its checks and score a reading.

Shared by ``tests/test_genres.py`` and ``python -m bench.corpus``; the file format is described in
``tests/corpus/README.md``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.model.document import Block, Document

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", "")
READING_KINDS = frozenset({"paragraph", "heading", "item", "preformatted", "quote", "caption", "footnote"})
_WS_RE = re.compile(r"\s+")


_FOLD = str.maketrans({"，": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")", "“": '"', "”": '"'})


def fold(text: str) -> str:
    """Full-width punctuation as half-width (a title is compared whatever width it is printed in)."""
    return text.replace("……", "...").translate(_FOLD)


def squeeze(text: str) -> str:
    """Every whitespace character removed (block boundaries, not word spacing, are compared)."""
    return _WS_RE.sub("", unicodedata.normalize("NFC", text))


def collapse(text: str) -> str:
    """Runs of whitespace as one space, ends trimmed (word spacing is compared)."""
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass
class CorpusDocument:
    """One corpus document: its file, genre, checks and optional gold reading."""

    path: Path
    genre: str
    language: str
    clean: bool
    checks: list[dict[str, Any]]
    gold: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        """The document's path inside the corpus."""
        return str(self.path.relative_to(CORPUS_DIR))


def _document_of(checks_path: Path) -> Path | None:
    """The document a checks file belongs to (``NAME.checks.json`` beside ``NAME.ext``)."""
    stem = checks_path.name.removesuffix(".checks.json")
    for suffix in DOCUMENT_SUFFIXES:
        candidate = checks_path.with_name(stem + suffix)
        if suffix and candidate.is_file():
            return candidate
    matches = [p for p in checks_path.parent.glob(stem + ".*") if p.suffix not in (".json", ".source")]
    return matches[0] if matches else None


def corpus_documents(root: Path = CORPUS_DIR) -> Iterator[CorpusDocument]:
    """Every corpus document with its checks, in a stable order."""
    for checks_path in sorted(root.glob("*/*.checks.json")):
        document = _document_of(checks_path)
        if document is None:
            continue
        spec = json.loads(checks_path.read_text("utf-8"))
        gold_path = checks_path.with_name(checks_path.name.removesuffix(".checks.json") + ".gold.json")
        gold = json.loads(gold_path.read_text("utf-8")) if gold_path.is_file() else None
        yield CorpusDocument(
            document,
            spec.get("genre", checks_path.parent.name),
            spec.get("language", "en"),
            bool(spec.get("clean", False)),
            list(spec.get("checks", [])),
            gold,
        )


@dataclass
class Reading:
    """A built document seen the way checks look at it: the text as printed (checks quote the
    source, so the punctuation repaired for reading is undone; ``fold`` compares titles)."""

    doc: Document
    blocks: list[Block] = field(init=False)
    printed: list[str] = field(init=False)
    squeezed: list[str] = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.blocks = [b for b in self.doc.blocks if b.kind in READING_KINDS]
        self.printed = [b.printed_text() for b in self.blocks]
        self.squeezed = [squeeze(t) for t in self.printed]
        self.text = collapse("\n".join(self.printed))

    def holding(self, text: str) -> list[int]:
        """Indices (into ``blocks``) of the blocks that contain ``text`` (squeezed)."""
        needle = squeeze(text)
        return [i for i, s in enumerate(self.squeezed) if needle in s]


def _preformatted_holds(block: Block, lines: list[str]) -> bool:
    """True when ``block`` holds ``lines`` one after another, each kept as a line, indents kept
    relative to each other."""
    have = [line.rstrip() for line in block.text.split("\n")]
    want = [line.rstrip() for line in lines]
    n = len(want)
    for start in range(len(have) - n + 1):
        run = have[start : start + n]
        if any(a.lstrip() != b.lstrip() for a, b in zip(run, want, strict=True)):
            continue
        shifts = {
            (len(a) - len(a.lstrip())) - (len(b) - len(b.lstrip())) for a, b in zip(run, want, strict=True) if b.strip()
        }
        if len(shifts) <= 1:
            return True
    return False


def numbered_outline(doc: Document) -> list[str]:
    """The canonical numbers of the numbered sections, in order (leads and implied parents left out)."""
    return [s.number for s in doc.sections if s.number and s.kind != "lead" and not s.implied]


def run_check(reading: Reading, check: dict[str, Any]) -> tuple[bool, str]:
    """Run one check; return (passed, what was seen when it failed)."""
    kind = check["kind"]
    if kind == "one_block":
        return bool(reading.holding(check["text"])), "cut across blocks"
    if kind == "separate":
        first, second = reading.holding(check["first"]), reading.holding(check["second"])
        if not first or not second:
            return False, "not found: " + ("first" if not first else "second")
        return not set(first) & set(second), "joined into one block"
    if kind == "contains":
        return collapse(check["text"]) in reading.text, "missing"
    if kind == "absent":
        return collapse(check["text"]) not in reading.text, "still in the text"
    if kind == "block_start":
        needle = squeeze(check["text"])
        return any(s.startswith(needle) for s in reading.squeezed), "no block starts so"
    if kind == "item":
        needle = squeeze(check["text"])
        ok = any(
            b.kind == "item" and s.startswith(needle) for b, s in zip(reading.blocks, reading.squeezed, strict=True)
        )
        return ok, "not an item"
    if kind == "preformatted":
        ok = any(b.kind == "preformatted" and _preformatted_holds(b, check["lines"]) for b in reading.blocks)
        return ok, "not kept as lines"
    if kind == "heading":
        title = fold(squeeze(check.get("title", "")))
        for b in reading.blocks:
            h = b.heading
            if h is None or h.number != check.get("number") or not fold(squeeze(h.title)).startswith(title):
                continue
            if "label" in check and (h.label or "") != check["label"]:
                continue
            return True, ""
        return False, "no such heading"
    if kind == "not_heading":
        needle = squeeze(check["text"])
        bad = [
            b
            for b, s in zip(reading.blocks, reading.squeezed, strict=True)
            if b.heading is not None and s.startswith(needle)
        ]
        return not bad, "is a heading"
    if kind == "outline":
        seen = numbered_outline(reading.doc)
        return seen == list(check["numbers"]), "outline " + " ".join(seen[:40])
    if kind == "page":
        held = reading.holding(check["text"])
        if not held:
            return False, "not found"
        page = getattr(reading.blocks[held[0]], "page_label", None)
        return page == check["label"], f"on page {page}"
    raise ValueError(f"unknown check kind: {kind}")


def paragraph_f1(reading: Reading, gold: dict[str, Any]) -> float:
    """Paragraph-start F1 against a gold reading (an inline heading's body does not start one).

    Our block starts are carried into the gold text's offsets through an alignment of the two
    squeezed texts, so a leftover page footer or an unjoined hyphen shifts nothing after it."""
    import difflib

    theirs = [b for b in gold["blocks"] if b.get("kind") != "furniture"]
    skip = {i + 1 for i, b in enumerate(theirs) if b.get("inline_body")}
    ours = reading.blocks
    skip_ours = {i + 1 for i, b in enumerate(ours) if b.heading is not None and b.heading.inline_body}
    our_text = "".join(reading.squeezed)
    gold_text = "".join(squeeze(b["text"]) for b in theirs)
    matcher = difflib.SequenceMatcher(None, our_text, gold_text, autojunk=False)
    mapping: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
    found = {mapping[p] for p in _starts(reading.printed, skip_ours) if p in mapping}
    return _f1(found, _starts([b["text"] for b in theirs], skip))


def _starts(texts: list[str], skip: set[int]) -> set[int]:
    """Offsets in the squeezed concatenation where blocks begin."""
    out, pos = set(), 0
    for i, text in enumerate(texts):
        if i not in skip:
            out.add(pos)
        pos += len(squeeze(text))
    return out


def _f1(found: set[int], gold: set[int]) -> float:
    """F1 of two sets."""
    hit = len(found & gold)
    if not hit:
        return 0.0
    p, r = hit / len(found), hit / len(gold)
    return 2 * p * r / (p + r)


def fidelity(reading: Reading, gold: dict[str, Any]) -> float:
    """How much of the gold reading text comes out unchanged (squeezed, matched in order)."""
    import difflib

    ours = "".join(reading.squeezed)
    theirs = "".join(squeeze(b["text"]) for b in gold["blocks"] if b.get("kind") != "furniture")
    if not theirs:
        return 1.0 if not ours else 0.0
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * same / (len(ours) + len(theirs))


def clean_exact(reading: Reading, gold: dict[str, Any]) -> list[str]:
    """Do-no-harm: the gold paragraphs that do not come out as exactly one block with the same text."""
    merged: list[str] = []
    i = 0
    while i < len(reading.blocks):
        b = reading.blocks[i]
        if b.heading is not None and b.heading.inline_body and i + 1 < len(reading.blocks):
            merged.append(collapse(reading.printed[i] + reading.printed[i + 1]))
            i += 2
            continue
        merged.append(collapse(reading.printed[i]))
        i += 1
    have = set(merged)
    return [b["text"] for b in gold["blocks"] if b.get("kind") != "furniture" and collapse(b["text"]) not in have]


@dataclass
class Score:
    """What one document scored."""

    document: CorpusDocument
    passed: int
    total: int
    failures: list[tuple[dict[str, Any], str]]
    f1: float | None = None
    fidelity: float | None = None
    harmed: list[str] = field(default_factory=list)


def score(document: CorpusDocument, doc: Document) -> Score:
    """Score one built document against its checks (and gold, when there is one)."""
    reading = Reading(doc)
    failures: list[tuple[dict[str, Any], str]] = []
    for check in document.checks:
        ok, why = run_check(reading, check)
        if not ok:
            failures.append((check, why))
    result = Score(document, len(document.checks) - len(failures), len(document.checks), failures)
    if document.gold is not None:
        result.f1 = paragraph_f1(reading, document.gold)
        result.fidelity = fidelity(reading, document.gold)
        if document.clean:
            result.harmed = clean_exact(reading, document.gold)
    return result


def _source_forms(path: Path) -> list[str]:
    """The document's text squeezed in the forms a check may quote it in (for ``validate``)."""
    if path.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"):
        return []
    raw = path.read_bytes()
    from reader.pipeline.text import read_text

    text = read_text(raw).text
    forms = [text, unicodedata.normalize("NFKC", text).replace("\u00ad", "")]
    forms.append(re.sub(r"-[ \t]*\n\s*", "", forms[1]))  # words hyphenated at a line end
    for form in (forms[0], forms[1]):  # Markdown as rendered: emphasis, links, inline HTML tags
        form = re.sub(r"<[A-Za-z/][^<>]*>", "", form)
        forms.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"[*_`]", "", form)))
        forms.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"`", "", form)))
    return [squeeze(f) for f in forms]


def validate(document: CorpusDocument) -> list[str]:
    """Problems with a document's checks that can be seen without the reader: unknown kinds, and
    quoted text that is nowhere in the source (in any of the forms a reading may give it)."""
    problems: list[str] = []
    forms = _source_forms(document.path)
    known = {
        "one_block",
        "separate",
        "contains",
        "absent",
        "block_start",
        "item",
        "preformatted",
        "heading",
        "not_heading",
        "outline",
        "page",
    }
    for check in document.checks:
        kind = check.get("kind")
        if kind not in known:
            problems.append(f"unknown check kind {kind!r}")
            continue
        if not forms:
            continue
        quoted = [check.get(k) for k in ("text", "first", "second") if check.get(k)]
        if kind == "preformatted":
            quoted = list(check["lines"])
        if kind in ("absent", "not_heading", "contains"):
            quoted = [] if kind != "contains" else quoted
        if kind == "heading":
            quoted = [check.get("title", "")]
        for text in quoted:
            needle = squeeze(text)
            if needle and not any(needle in f for f in forms):
                problems.append(f"{kind}: not in the source: {text[:60]!r}")
    return problems
