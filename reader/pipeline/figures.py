"""Step 5, blocks → figures: numbers with units, each with its label, kind, value and role.

``find_figures`` takes one block's text, the titles of the block's section chain (innermost first)
and, when the dictionary is on, a part-of-speech tagger. Numbers are found and normalised in
``figure_values``, labelled from the clause structure in ``figure_labels`` (``figure_english`` for
English text) and placed as target or outcome by ``figure_kinds``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.pipeline.figure_english import english_labels
from reader.pipeline.figure_kinds import last_before, part_cues, part_titles, section_kind, sentence_kind
from reader.pipeline.figure_labels import label_numbers
from reader.pipeline.figure_values import Number, find_numbers
from reader.pipeline.figure_words import Tagger

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@dataclass(frozen=True, slots=True)
class FoundFigure:
    """A figure found in one block's text, before the model gives it an index."""

    text: str
    value: float
    unit: str
    qualifier: str
    label: str
    start: int
    end: int
    target: bool
    amount: float | None = None
    measure: str = ""
    upper: float | None = None
    role: str = ""


def find_figures(
    text: str, titles: Sequence[str] = (), tag: Tagger | None = None, earlier: str | None = None
) -> list[FoundFigure]:
    """Find the figures in one block of text; ``titles`` are its section chain's titles, innermost
    first (the report part's title last); ``earlier`` is the kind the last review or plan cue of the
    blocks before announced (``outcome`` after 一年来…, ``target`` after 主要预期目标是…), if any."""
    numbers = find_numbers(text, _dictionary_cut() if tag is not None else None)
    if not numbers:
        return []
    if numbers[0].english:
        labels = english_labels(text, numbers)
        roles = [""] * len(numbers)
    else:
        labelled = label_numbers(text, numbers, tag, _dictionary_cut() if tag is not None else None)
        labels = [_tidy(item.label) for item in labelled]
        roles = [item.role for item in labelled]
    placed = section_kind(titles)
    titled = part_titles(text)
    cues = part_cues(text) if placed is None else []
    out: list[FoundFigure] = []
    for number, label, role in zip(numbers, labels, roles, strict=True):
        kind = (
            last_before(titled, number.start)
            or placed
            or last_before(cues, number.start)
            or earlier
            or sentence_kind(_sentence(text, number), number.qualifier)
        )
        out.append(
            FoundFigure(
                number.text,
                number.value,
                number.unit,
                number.qualifier,
                label,
                number.start,
                number.span_end,
                kind == "target",
                number.amount,
                number.measure,
                number.upper,
                role,
            )
        )
    return out


def _dictionary_cut() -> Callable[[str], list[str]]:
    """Word segmentation by jieba's dictionary alone (no guessed words), for unit checks."""
    from reader.pipeline.wordcheck import cut

    return cut


def _sentence(text: str, number: Number) -> str:
    """The sentence (or 分句 after ；) a figure stands in, up to the figure."""
    start = max(0, number.start - 300)
    cut = start
    for m in _SENTENCE_END.finditer(text, start, number.start):
        cut = m.end()
    return text[cut : number.span_end]


def _tidy(label: str) -> str:
    """A label without stray quotation marks or spaces."""
    return re.sub(r"[\s\"“”‘’「」『』]", "", label)
