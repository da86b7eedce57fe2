"""Target or outcome: from the part of the report a figure stands in, else from its sentence.

A government work report reviews the past (过去一年, 2025年工作回顾, 一年来, 五年来) and then plans the
coming year (主要预期目标, 2026年工作安排, 对今年政府工作的建议). In order, what decides:

1. a part title inside the block before the figure, at a sentence start (``二、2025年工作总体要求和
   主要目标`` run into the paragraph after it, ``…。2025年工作安排建议今年是…``);
2. the titles of the block's section chain, the report part's title last: the outermost that says
   review or plan;
3. the last review or plan the block announced before the figure (过去一年…, 今年…主要预期目标是);
4. the sentence: a plan says 力争, 确保, 预期目标 or qualifies its value as an aim (左右, 以内).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

_REVIEW = re.compile(
    r"回顾|过去|一年来|五年来|十年来|以来|成就|成绩|工作总结|工作情况|执行情况|完成情况|review|past year", re.I
)
_PLAN = re.compile(
    r"目标|任务|重点工作|工作安排|工作思路|安排|建议|要求|计划|规划|展望|部署|做好|今年|明年|下一步|民生实事|"
    r"plan|target|goal|outlook|priorit",
    re.I,
)
_SENTENCE_PLAN = re.compile(
    r"力争|确保|争取|预期目标|主要目标|目标是|目标为|计划|今年|明年|\baim|\btarget|\bgoal|\bwill\b|\bplan", re.I
)
_AIM_QUALIFIERS = frozenset({"左右", "以内", "以下"})
_CUES = re.compile(
    r"(?P<review>过去一年|过去五年|一年来|五年来|工作回顾|刚刚过去)|"
    r"(?P<plan>预期目标|主要目标|今年.{0,8}目标|工作安排|重点工作|政府工作的建议)"
)
_NUMBERED = r"[一二三四五六七八九十]+、"
_PART_WORDS = (
    r"(?:(?P<review>工作回顾|回顾|工作总结)|"
    r"(?P<plan>工作安排|安排建议|总体要求|主要目标|预期目标|目标任务|重点任务|主要任务|重点工作|工作思路|"
    r"工作部署|工作建议|政府工作的建议))"
)
# A part title at a sentence start: a year (or 今年, 过去一年) and a part word within a title's length,
# or a top-level number (一、) and a part word.
_PART_TITLE = re.compile(
    rf"(?:^|(?<=[。！？!?]))\s*(?:(?:{_NUMBERED})?\s*(?:\d{{4}}\s*年|今年|过去一年|过去五年)|{_NUMBERED})"
    rf"[^。！？!?，,；;：:]{{0,16}}?{_PART_WORDS}"
)


# A part title ends in a part word: a block without one has none (a quicker search than _PART_TITLE's,
# which tries every sentence start).
_PART_WORD = re.compile(_PART_WORDS)


def last_part_title(text: str) -> str | None:
    """The last part title standing at a sentence start anywhere in a block, else None."""
    found = None
    if not _PART_WORD.search(text):
        return None
    for m in _PART_TITLE.finditer(text):
        found = m.group().strip()
    return found


def part_titles(text: str) -> list[tuple[int, str]]:
    """Where part titles stand in a block, as (offset, ``outcome`` or ``target``), in order."""
    if not _PART_WORD.search(text):
        return []
    return [(m.start(), "outcome" if m.group("review") else "target") for m in _PART_TITLE.finditer(text)]


def section_kind(titles: Sequence[str]) -> str | None:
    """``target`` or ``outcome`` from a block's section titles (innermost first, the report part's
    title last); the outermost that says review or plan decides; None when none says."""
    for title in reversed(titles):
        review, plan = _REVIEW.search(title or ""), _PLAN.search(title or "")
        if review and plan:  # 2024年工作回顾2024年是…目标任务的关键一年: a title run into its text
            return "outcome" if review.start() < plan.start() else "target"
        if review or plan:
            return "outcome" if review else "target"
    return None


def part_cues(text: str) -> list[tuple[int, str]]:
    """Where a block says it reviews the past or plans (过去一年, 主要预期目标), as (offset, kind)."""
    return [(m.start(), "outcome" if m.group("review") else "target") for m in _CUES.finditer(text)]


def last_before(cues: list[tuple[int, str]], at: int) -> str | None:
    """The kind of the last cue before offset ``at``, None when there is none."""
    k = bisect.bisect_left(cues, (at, "")) - 1
    return cues[k][1] if k >= 0 else None


def sentence_kind(sentence: str, qualifier: str) -> str:
    """``target`` when the sentence says a plan or its value is qualified as an aim, else ``outcome``."""
    if qualifier in _AIM_QUALIFIERS or _SENTENCE_PLAN.search(sentence):
        return "target"
    return "outcome"
