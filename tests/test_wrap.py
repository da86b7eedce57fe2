"""Wrapping by cell width with Chinese line-breaking rules."""

from __future__ import annotations

import random

import pytest

from reader.wrap import CLOSING, OPENING, cells, line_text, wrap
from tests.texts import ENGLISH_REPORT, RIVER_CITY


def _lines(text: str, width: int) -> list[str]:
    starts = wrap(text, width)
    return [text[slice(*line_text(text, starts, i))] for i in range(len(starts))]


@pytest.mark.parametrize("width", [10, 17, 23, 40, 80, 119])
def test_chinese_lines_fit_and_obey_the_basic_rules(width):
    for _, text in RIVER_CITY:
        lines = _lines(text, width)
        assert "".join(lines) == text
        for i, line in enumerate(lines):
            assert cells(line) <= width
            if i:
                assert line[0] not in CLOSING, (width, line)
            if i < len(lines) - 1:
                assert line[-1] not in OPENING


@pytest.mark.parametrize("width", [20, 33, 60])
def test_latin_words_stay_whole(width):
    for _, text in ENGLISH_REPORT:
        lines = _lines(text, width)
        assert " ".join(lines) == text
        words = set(text.split())
        for line in lines:
            assert not line.startswith(" ")
            assert all(w in words for w in line.split())


def test_numbers_inside_chinese_stay_whole():
    text = "实现粮食总产量30.66亿斤,村级集体经济实现清零。"
    for width in range(14, 40):
        for line in _lines(text, width):
            assert not line.startswith(("0", "6", ".66", "66"))


def test_random_text_never_loses_characters():
    rng = random.Random(3)
    alphabet = "建设示范城市，。（）《》“”abc 123"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 120))).strip() or "x"
        width = rng.randrange(4, 50)
        starts = wrap(text, width)
        assert starts[0] == 0 and starts == sorted(set(starts))
        joined = "".join(
            text[starts[i] : (starts[i + 1] if i + 1 < len(starts) else len(text))] for i in range(len(starts))
        )
        assert joined.replace(" ", "") == text.replace(" ", "")


def test_ascii_quotes_follow_their_role():
    text = '全面落实"田长制",完成"高标准"农田建设任务,推动"六即"改革走深走实。' * 3
    for width in range(10, 60):
        lines = _lines(text, width)
        quotes = 0
        for i, line in enumerate(lines):
            if i and line.startswith('"'):
                assert quotes % 2 == 0, (width, line)  # an opening quote may start a line
            if i < len(lines) - 1 and line.endswith('"'):
                assert (quotes + line.count('"')) % 2 == 0, (width, line)  # a closing one may end it
            quotes += line.count('"')


@pytest.mark.parametrize("width", range(6, 40))
def test_a_middle_dot_in_a_name_stays_between_its_neighbours(width):
    text = "自治区人民政府主席艾尔肯·吐尼亚孜和副主席阿卜杜·热依木出席会议并讲话,强调要落实好各项措施。"
    lines = _lines(text, width)
    assert "".join(lines) == text
    for i, line in enumerate(lines):
        if i:
            assert not line.startswith("·"), (width, line)
        if i < len(lines) - 1:
            assert not line.endswith("·"), (width, line)


@pytest.mark.parametrize("width", range(6, 40))
def test_a_list_bullet_may_open_a_block_and_keeps_its_first_word(width):
    text = "·临江市陈立新遗失43010219号营业执照副本,声明作废。"
    lines = _lines(text, width)
    assert lines[0].startswith("·") and len(lines[0]) > 1
    assert all(not line.startswith("·") for line in lines[1:])
