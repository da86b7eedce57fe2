"""Target or outcome: from the section a figure stands in, else from what its sentence says.

A government work report reviews the past (过去一年, 2025年工作回顾, 一年来, 五年来) and then plans the
coming year (主要预期目标, 2026年工作安排, 对今年政府工作的建议): the titles of a block's section chain
decide, the outermost title that says either first. Where no title says (a block before the first
heading, a document without any), the sentence decides: a plan says 力争, 确保, 预期, 目标 or qualifies
its value as an aim (左右, 以内).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_REVIEW = re.compile(r"回顾|过去|一年来|五年来|十年来|以来|成就|成绩|工作情况|执行情况|完成情况|review|past year", re.I)
_PLAN = re.compile(
    r"目标|任务|重点工作|工作安排|安排|建议|要求|计划|规划|展望|部署|做好|今年|明年|下一步|"
    r"plan|target|goal|outlook|priorit",
    re.I,
)
_SENTENCE_PLAN = re.compile(
    r"力争|确保|争取|预期目标|主要目标|目标是|目标为|计划|今年|明年|\baim|\btarget|\bgoal|\bwill\b|\bplan", re.I
)
_AIM_QUALIFIERS = frozenset({"左右", "以内", "以下"})
_PART_CUES = re.compile(
    r"(?P<review>过去一年|过去五年|一年来|五年来|工作回顾|刚刚过去)|"
    r"(?P<plan>预期目标|主要目标|今年.{0,8}目标|工作安排|重点工作|政府工作的建议)"
)


def section_kind(titles: Sequence[str]) -> str | None:
    """``target`` or ``outcome`` from a block's section titles (innermost first, the report part's
    title last); the outermost that says review or plan decides; None when none says."""
    for title in reversed(titles):
        review, plan = bool(_REVIEW.search(title or "")), bool(_PLAN.search(title or ""))
        if review != plan:
            return "outcome" if review else "target"
    return None


def part_cues(text: str) -> list[tuple[int, str]]:
    """Where a block says it reviews the past or plans (过去一年, 主要预期目标), in order, as
    (offset, ``outcome`` or ``target``): a block that runs several parts together keeps each."""
    return [(m.start(), "outcome" if m.group("review") else "target") for m in _PART_CUES.finditer(text)]


def sentence_kind(cues: list[tuple[int, str]], at: int, sentence: str, qualifier: str) -> str:
    """``target`` or ``outcome`` for a figure no section title places: the last review or plan the
    block announced before it (``cues`` from ``part_cues``); else a plan's words or an aim's
    qualifier in its sentence make a target."""
    k = bisect.bisect_left(cues, (at, "")) - 1
    if k >= 0:
        return cues[k][1]
    if qualifier in _AIM_QUALIFIERS or _SENTENCE_PLAN.search(sentence):
        return "target"
    return "outcome"
