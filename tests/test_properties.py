"""Property tests: random text never crashes the pipeline, loses or reorders a character."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.pipeline.text import looks_binary, read_text
from tests.conftest import build

EXAMPLES = int(os.environ.get("READER_HYPOTHESIS_EXAMPLES", "60"))
_ALPHABET = st.sampled_from(
    list("建设示范城市全国海绵增长工作一二三四五六七八九十亿元万人家个")
    + list("，。、；：！？（）《》“”,.;:!?()\"'-*#·")
    + list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ")
    + list("0123456789%")
    + [" ", " ", "\n", "\n\n", "\t", "\u3000", "\x1b", "\x00", "\x07", "\u202e", "\r"]
)
TEXT = st.lists(_ALPHABET, max_size=400).map("".join).filter(lambda t: not looks_binary(t.encode("utf-8")))


def _letters(text: str) -> str:
    """Non-space characters, with the marks the pipeline may legitimately drop (hyphens at
    breaks, OCR bold asterisks) left out."""
    return re.sub(r"[\s\-*]", "", text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_reflow_keeps_every_character_in_order(text):
    doc = build(text, dictionary=False)
    kept, pos = [], 0
    for block in sorted((b for b in doc.blocks if b.kind == "furniture"), key=lambda b: b.source.start):
        kept.append(text[pos : block.source.start])
        pos = block.source.end
    kept.append(text[pos:])
    expected = read_text("".join(kept).encode("utf-8")).text
    reading = "".join(_letters(b.printed_text()) for b in doc.blocks if b.kind != "furniture")
    assert reading == _letters(expected)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_source_spans_stay_inside_the_file(text):
    doc = build(text, dictionary=False)
    size = len(text)
    lines = len(re.split(r"\r\n|\r|\n|\x0c", text))
    for block in doc.blocks:
        assert 0 <= block.source.start <= block.source.end <= size
        assert 1 <= block.source.line <= max(lines, 1)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_reflow_is_stable_on_its_own_output(text):
    once = build(text, dictionary=False)
    first = "\n\n".join(b.text for b in once.blocks if b.kind != "furniture")
    twice = build(first, dictionary=False)
    second = "\n\n".join(b.text for b in twice.blocks if b.kind != "furniture")
    assert _letters(second) == _letters(first)
    again = build(second, dictionary=False)
    assert "\n\n".join(b.text for b in again.blocks if b.kind != "furniture") == second


@settings(max_examples=EXAMPLES, deadline=None)
@given(TEXT)
def test_no_control_character_survives(text):
    doc = build(text, dictionary=False)
    for block in doc.blocks:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", block.text)
