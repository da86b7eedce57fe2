"""Step 4, blocks → structure: headings, canonical numbers, the section tree.

Which blocks are headings is decided in ``headings.py`` (every genre's conventions); here they
get their levels (a smaller rank holds a larger one; ``2.1`` nests under ``2.``; an unnumbered
title stands beside the document's top numbered level), their canonical numbers (the printed
ordinal under the parent's number: ``(三)`` under ``二、`` is 2.3), implied parents (a section
whose chapter began on an earlier page), and bold lead phrases as third-level entries.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from reader.pipeline.blocks import RawBlock, anchor_pairs, anchors_of
from reader.pipeline.contents import mark_contents
from reader.pipeline.headings import Candidate, candidate, is_rule, list_kind, marked_headings_only, settle

# a run-in lead phrase (bold in print) opening a paragraph of a report: a few words and a full stop;
# it may quote a coined term after its first word (打好疏解整治促提升“组合拳”。, 加快推进“新两翼”建设。)
_LEAD_PHRASE_RE = re.compile(r"^((?![“\"])(?:[^，,、；;。！？!?：:“”\"]|“[^，,、；;。！？!?：:“”\"]{1,8}”){3,15})。")
_PLAN_RE = re.compile(r"做好|目标|计划|规划|任务|展望|要|将|plan|target|goal|outlook", re.I)
BARE_OFFSET = 0.05  # a bare number (``II.``) nests under a titled one of its scheme (``II. A TALE``)


@dataclass(frozen=True, slots=True)
class FoundHeading:
    """A heading as the structure step found it: number, printed label, title, level, section key."""

    number: str | None
    label: str | None
    title: str
    level: int
    inline_body: bool
    key: str


@dataclass(slots=True)
class SectionNode:
    """A section while the outline is being built (frozen into ``model.Section`` later)."""

    key: str
    number: str | None
    label: str | None
    title: str
    level: int
    kind: str
    first_block: int
    end_block: int = 0
    parent: str | None = None

    @property
    def implied(self) -> bool:
        """True for a section whose heading was on an earlier page."""
        return self.kind == "implied"


@dataclass(slots=True)
class Structure:
    """The structure step's result: blocks (headings split off) and the outline."""

    blocks: list[RawBlock]
    headings: dict[int, FoundHeading] = field(default_factory=dict)
    sections: list[SectionNode] = field(default_factory=list)


def _split_block(block: RawBlock, at: int) -> tuple[RawBlock, RawBlock]:
    """Split a block's text at ``at``, mapping the cut back to a source offset."""
    src = block.start
    for text_pos, src_pos in anchor_pairs(block.anchors):
        if text_pos <= at:
            src = src_pos + (at - text_pos)
    head_emph = [(s, min(e, at)) for s, e in block.emphasis if s < at]
    body_emph = [(max(s, at) - at, e - at) for s, e in block.emphasis if e > at]
    rest = block.text[at:]
    lead_ws = len(rest) - len(rest.lstrip())
    head = replace(block, text=block.text[:at], end=src, emphasis=head_emph)
    body = replace(
        block,
        text=rest.lstrip(),
        start=src + lead_ws,
        emphasis=body_emph,
        standalone=False,
        anchors=anchors_of(
            [(max(0, t - at - lead_ws), s) for t, s in anchor_pairs(block.anchors) if t >= at] or [(0, src + lead_ws)]
        ),
    )
    return head, body


class _Keys:
    """Hands out unique section keys: the number itself, or ``2~2`` when ``2`` is taken."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.repeats: dict[str, int] = {}
        self.unnamed = 0

    def make(self, number: str | None) -> str:
        """Return a fresh key for a section numbered ``number`` (``a1``, ``a2``… when unnumbered)."""
        if number is None:
            self.unnamed += 1
            key = f"a{self.unnamed}"
        else:
            key, n = number, self.repeats.get(number, 1)
            while key in self.used:
                n += 1
                key = f"{number}~{n}"
            self.repeats[number] = n
        self.used.add(key)
        return key


def build_structure(raw: list[RawBlock], cjk: bool, markdown: bool = False) -> Structure:
    """Find headings (splitting lead-sentence headings off their paragraph), give the rest their
    kinds (items, captions), and build the outline (``markdown``: the source marks its headings)."""
    raw, underlined = _take_rules(_join_split_numbers(raw))
    found = [candidate(block, cjk) for block in raw]
    if markdown:
        found = marked_headings_only(raw, found)
    for i in underlined:
        if found[i] is None:
            found[i] = Candidate(-1, 0, None, None, None, "", raw[i].text.strip(), len(raw[i].text))
    found = settle(raw, found)
    mark_contents(raw, found)
    blocks: list[RawBlock] = []
    heads: list[Candidate] = []
    after_turn = True  # the start of the document, or just after a continued-on mark
    for block, head in zip(raw, found, strict=True):
        if block.kind == "furniture":
            blocks.append(block)
            after_turn = after_turn or block.role == "continued-on"
            continue
        if head is None:
            kind = list_kind(block)
            blocks.append(block if kind == block.kind else replace(block, kind=kind))
            after_turn = False
            continue
        if head.scheme is None and not head.strong and after_turn:
            head.kind = "article"
        after_turn = False
        head.block = len(blocks)
        if head.split_at < len(block.text):
            first, rest = _split_block(block, head.split_at)
            blocks.extend((first, rest))
            head.kind = "inline"
        else:
            blocks.append(block)
        heads.append(head)
    return _number(blocks, heads)


_BARE_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.|[A-Z]\.)$")


def _join_split_numbers(raw: list[RawBlock]) -> list[RawBlock]:
    """A section number alone with its title as the next block (``1.`` / ``Introduction``: text
    extractors such as pdftotext set the two apart when the PDF places them apart) is one heading."""
    out: list[RawBlock] = []
    i = 0
    while i < len(raw):
        block = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if (
            nxt is not None
            and block.kind in ("paragraph", "item")
            and nxt.kind == "paragraph"
            and _BARE_NUMBER_RE.match(block.text)
            and len(nxt.text) <= 80
            and "\n" not in nxt.text
            and not nxt.text.rstrip().endswith((".", ",", ";", ":", "。", "，"))
            and nxt.text[:1].isupper()
        ):
            text = f"{block.text} {nxt.text}"
            anchors = block.anchors + anchors_of([(len(block.text) + 1, nxt.start)])
            out.append(replace(block, kind="paragraph", text=text, end=nxt.end, anchors=anchors, standalone=True))
            i += 2
            continue
        out.append(block)
        i += 1
    return out


def _take_rules(raw: list[RawBlock]) -> tuple[list[RawBlock], set[int]]:
    """Rules (``=====``, ``* * *``) are furniture, not text; a short line right above one is an
    underlined (setext) title."""
    out: list[RawBlock] = []
    underlined: set[int] = set()
    for block in raw:
        if is_rule(block):
            above = out[-1] if out else None
            if above is not None and above.kind == "paragraph" and "\n" not in above.text and len(above.text) <= 80:
                underlined.add(len(out) - 1)
            out.append(replace(block, kind="furniture", role="rule"))
        else:
            out.append(block)
    return out, underlined


def _rank(h: Candidate) -> float:
    """A heading's place in the hierarchy (smaller ranks hold larger ones)."""
    return h.rank + (BARE_OFFSET if h.bare else 0.0)


def _number(blocks: list[RawBlock], found: list[Candidate]) -> Structure:
    """Assign levels and canonical numbers, add implied parents, and lay out the sections."""
    sections: list[SectionNode] = []
    headings: dict[int, FoundHeading] = {}
    stack: list[tuple[float, SectionNode]] = []
    counters: dict[tuple[str | None, float], int] = {}
    keys = _Keys()
    outranking = _later_outranking(found)
    numbered = [_rank(h) for h in found if h.scheme is not None and not h.strong]
    top = min(numbered) if numbered else None
    for i, h in enumerate(found):
        rank = _rank(h) if h.rank or top is None else top  # an unnumbered title beside the top level
        if not h.rank and top is None:
            stack.clear()
        while stack and stack[-1][0] >= rank:
            stack.pop()
        first = found[i - 1].block + 1 if i else 0
        if h.scheme is not None and not stack and not h.literal and outranking[i] is not None:
            parent_rank, parent_ordinal = outranking[i]  # type: ignore[misc]
            implied = SectionNode(keys.make(str(parent_ordinal)), str(parent_ordinal), None, "", 1, "implied", first)
            sections.append(implied)
            stack.append((parent_rank, implied))
        parent = stack[-1][1] if stack else None
        level = len(stack) + 1
        number = _number_of(h, parent, counters, rank)
        if level == 1 and h.scheme is not None and h.ordinal and h.ordinal > 1 and i == 0:
            if not h.literal and _has_text_before(blocks, h.block):  # its first sibling began on an earlier page
                earlier = str(h.ordinal - 1)
                sections.append(SectionNode(keys.make(earlier), earlier, None, "", 1, "implied", 0))
        kind = h.kind if h.kind in ("article",) else "section"
        node = SectionNode(
            keys.make(number), number, h.label or None, h.title, level, kind, h.block, parent=parent.key if parent else None
        )
        sections.append(node)
        headings[h.block] = FoundHeading(number, h.label or None, h.title, level, h.kind == "inline", node.key)
        stack.append((rank, node))
    sections = _add_leads(blocks, sections, headings, keys)
    _close(sections, len(blocks))
    return Structure(blocks, headings, sections)


def _number_of(
    h: Candidate, parent: SectionNode | None, counters: dict[tuple[str | None, float], int], rank: float
) -> str | None:
    """A heading's canonical number: its dotted literal, or its ordinal under its parent's number
    (none for an unnumbered heading: no number is invented)."""
    if h.literal:
        return h.literal
    if h.scheme is None or h.ordinal is None:
        return None
    counters[(parent.key if parent else None, rank)] = h.ordinal
    return f"{parent.number}.{h.ordinal}" if parent and parent.number else str(h.ordinal)


def _later_outranking(found: list[Candidate]) -> list[tuple[float, int] | None]:
    """For each numbered heading, the first later one that outranks it (rank and its ordinal − 1), in one pass."""
    out: list[tuple[float, int] | None] = [None] * len(found)
    pending: list[tuple[float, int]] = []  # (rank, index) waiting for an outranking heading
    for j, h in enumerate(found):
        if h.scheme is None or h.literal or h.ordinal is None or h.strong:
            continue
        rank = _rank(h)
        keep = []
        for waiting_rank, i in pending:
            if rank < waiting_rank:
                out[i] = (rank, max(1, h.ordinal - 1))
            else:
                keep.append((waiting_rank, i))
        pending = [*keep, (rank, j)] if len(keep) < 64 else [(rank, j)]
    return out


def _has_text_before(blocks: list[RawBlock], index: int) -> bool:
    """Return True when reading text precedes block ``index``."""
    return any(b.kind != "furniture" for b in blocks[:index])


def _add_leads(
    blocks: list[RawBlock], sections: list[SectionNode], headings: dict[int, FoundHeading], keys: _Keys
) -> list[SectionNode]:
    """Add bold lead phrases (``全力加快项目建设。``) as third-level entries where a section has several."""
    starts = sorted({s.first_block for s in sections})
    out: list[SectionNode] = []
    for section in sections:
        out.append(section)
        if section.kind not in ("section", "inline") or section.number is None:
            continue
        nxt = bisect.bisect_right(starts, section.first_block)
        end = starts[nxt] if nxt < len(starts) else len(blocks)
        leads = [
            (i, m.group(1))
            for i in range(section.first_block, end)
            if i not in headings
            and blocks[i].kind == "paragraph"
            and (m := _LEAD_PHRASE_RE.match(blocks[i].text))
            and len(blocks[i].text) > len(m.group()) + 10
        ]
        if len(leads) < 2:
            continue
        for k, (i, phrase) in enumerate(leads, 1):
            number = f"{section.number}.{k}"
            out.append(
                SectionNode(keys.make(number), number, None, phrase, section.level + 1, "lead", i, parent=section.key)
            )
    return out


def _close(sections: list[SectionNode], total: int) -> None:
    """Set each section's end: where the next section at the same or a higher level begins (one pass)."""
    open_: list[SectionNode] = []
    for node in sections:
        while open_ and open_[-1].level >= node.level:
            done = open_.pop()
            done.end_block = max(node.first_block, done.first_block + 1)
        open_.append(node)
    for node in open_:
        node.end_block = max(total, node.first_block + 1)


def is_plan_section(titles: list[str]) -> bool:
    """Return True when any of these section titles announces a plan or targets."""
    return any(_PLAN_RE.search(t) for t in titles if t)
