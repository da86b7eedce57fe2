"""The build's quicker forms of character tests and patterns agree with the plain definitions
they replace (a change of speed must not change a paragraph, a heading or a figure)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.pipeline import figure_values, punctuation
from reader.pipeline.chars import _ABBREVIATION_RE, CJK_RE, TERMINAL_RE, cjk_ratio, ends_sentence, is_cjk
from reader.pipeline.figure_labels import _last_cut

# texts made of the characters these rules look at
_MARKS = [*"。！？!?；;….,:\"'”’」』》）)]】([ \n\tab中文Fig", "e.g", "approx", "al", "Mr"]
_NUMBERS = list("0123456789.,+-/%％aA第一二两十百千万亿元家个年—至~ ")
marked = st.lists(st.sampled_from(_MARKS), max_size=12).map("".join)
numbered = st.lists(st.sampled_from(_NUMBERS), max_size=14).map("".join)


def _ends_sentence_by_regex(text: str) -> bool:
    """The definition: a terminal mark (and closers) at the end, not an abbreviation's stop."""
    text = text.rstrip()
    if TERMINAL_RE.search(text) is None:
        return False
    return not (text.endswith(".") and _ABBREVIATION_RE.search(text))


@settings(max_examples=3000)
@given(marked)
def test_ends_sentence_is_the_terminal_pattern(text: str) -> None:
    assert ends_sentence(text) == _ends_sentence_by_regex(text)


def test_ends_sentence_examples() -> None:
    assert ends_sentence("增长5%。”")
    assert ends_sentence("It ended.)")
    assert not ends_sentence("see Fig.")
    assert not ends_sentence("继续推进，")


@settings(max_examples=2000)
@given(st.text(alphabet="中文，。 a1\u3000\t\n𠀀ｱ", max_size=20))
def test_cjk_ratio_counts_cjk_characters(text: str) -> None:
    sample = "".join(text.split())
    expected = len(CJK_RE.findall(sample)) / len(sample) if sample else 0.0
    assert cjk_ratio(text) == expected
    assert is_cjk(text) == (bool(text) and CJK_RE.match(text) is not None)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


_ZH_BY_LOOKBEHIND = re.compile(r"(?<![0-9.+\-/])" + figure_values._ZH_BODY)
_RANGE_BY_LOOKBEHIND = re.compile(r"(?<![A-Za-z0-9.+\-/])(\d+(?:\.\d+)?)([%％])?\s*[—–~～至-]\s*(?=\d)")
_CN_BY_LOOKBEHIND = re.compile(
    rf"(?<![第{figure_values.CHINESE_NUMERAL_CHARS}])([一二两三四五六七八九十][{figure_values.CHINESE_NUMERAL_CHARS}]+)"
    r"(家|个|人|所|项|件|名|座|户|亩|吨|条|种|辆|台|套|批|次)(?![大强佳类届])"
)


@settings(max_examples=3000)
@given(numbered)
def test_number_patterns_match_as_their_look_behind_forms(text: str) -> None:
    assert _spans(figure_values._ZH_RE, text) == _spans(_ZH_BY_LOOKBEHIND, text)
    assert _spans(figure_values._RANGE_RE, text) == _spans(_RANGE_BY_LOOKBEHIND, text)
    assert _spans(figure_values._CN_RE, text) == _spans(_CN_BY_LOOKBEHIND, text)


def test_number_pattern_examples() -> None:
    assert [m.group() for m in figure_values._ZH_RE.finditer("增长5.2%，达1,234亿元，第3位")] == [
        "5.2%",
        "1,234亿元",
        "3位",
    ]


_WIDE = punctuation._WIDE


@settings(max_examples=3000)
@given(st.text(alphabet=",;:?!，中a1 “", max_size=10))
def test_mark_patterns_match_as_their_look_behind_forms(text: str) -> None:
    between = re.compile(f"(?<=[{_WIDE}])[,;:?!](?=[{_WIDE}])")
    other = re.compile(f"(?<![{_WIDE}])[,;:?!]|[,;:?!](?![{_WIDE}])")
    assert _spans(punctuation._BETWEEN_RE, text) == _spans(between, text)
    assert _spans(punctuation._OTHER_MARK_RE, text) == _spans(other, text)


@settings(max_examples=2000)
@given(st.text(alphabet="，,；。！\n中文", max_size=30), st.integers(0, 30))
def test_last_cut_is_after_the_last_mark(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    start = max(0, pos - 400)
    expected = start
    for m in re.finditer(r"[，,；;：:。！？!?\n]", text[:pos]):
        if m.start() >= start:
            expected = m.end()
    assert _last_cut("，,；;：:。！？!?\n", text, pos) == expected
