"""A long plain text is laid out and reflowed in parts (bounded memory): it must read exactly as
it would whole, and its source spans must still point into the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.pipeline.build import build_document
from reader.sources import parts
from reader.sources.parts import part_cuts, text_parts
from reader.sources.text import text_layout

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample.txt"
BOOK = ROOT / "tests" / "corpus" / "book" / "pride-and-prejudice-ch1-3.txt"


def _reading(data: bytes, name: str) -> list[tuple[str, str, int, int]]:
    doc = build_document(data, name, dictionary=False)
    return [(b.kind, b.text, b.source.start, b.source.end) for b in doc.blocks]


@pytest.mark.parametrize("path", [SAMPLE, BOOK], ids=["chinese-sample", "english-book"])
def test_a_long_text_read_in_parts_reads_as_it_does_whole(monkeypatch, path):
    data = (path.read_bytes().rstrip(b"\n") + b"\n\n") * 4
    whole = _reading(data, path.name)
    monkeypatch.setattr(parts, "PART_CHARS", len(data.decode("utf-8")) // 5)
    assert len(part_cuts(data.decode("utf-8"), parts.PART_CHARS)) >= 3
    in_parts = _reading(data, path.name)
    assert in_parts == whole
    text = data.decode("utf-8")
    for kind, block_text, start, _end in in_parts:  # spans point into the file, past the first part too
        if kind == "paragraph":
            head = block_text[:4]
            assert text[start : start + len(head)] == head


def test_a_part_ends_at_a_page_break_before_a_paragraph_end():
    page = "A sentence that ends here.\n\nAnother one that goes on\n\nand ends.\n"
    text = page * 10 + "\f" + page * 10
    cuts = part_cuts(text, size=len(page) * 8)
    assert cuts[1] == text.index("\f") + 1


def test_a_part_ends_after_a_sentence_not_inside_a_paragraph_split_by_a_blank_line():
    page = "A sentence that ends here.\n\nAnother one that goes on\n\nand ends.\n\n"
    text = page * 40
    for cut in part_cuts(text, size=len(page) * 5)[1:]:
        before = text[:cut].rstrip()
        assert before.endswith("."), before[-30:]


def test_parts_are_bounded_by_lines_as_well_as_characters():
    text = "y\n" * 10_000
    cuts = part_cuts(text, size=1_000_000, lines=1_000)
    assert len(cuts) >= 8
    assert all(text.count("\n", a, b) <= 1_500 for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True))


def test_each_part_knows_the_page_it_begins_on():
    text = "One page.\n\f" * 30
    laid = list(text_parts(text, lambda t: text_layout(t, False, False), size=40, lines=1_000))
    assert len(laid) > 2
    assert [p.sheet for p in laid] == [text.count("\f", 0, p.start) for p in laid]
