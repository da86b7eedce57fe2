"""Step 4, blocks → structure: headings, canonical numbers, the section tree."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from reader.pipeline.blocks import RawBlock
from reader.pipeline.chars import ends_sentence
from reader.pipeline.numerals import to_int

_CN = "一二三四五六七八九十百零〇两"
_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"^(#{1,6})[ \t]+")),
    (9, re.compile(rf"^第([{_CN}\d]+)[部篇][分]?[ \t\u3000]*")),
    (10, re.compile(rf"^第([{_CN}\d]+)章[ \t\u3000]*")),
    (10, re.compile(r"^(?:Chapter|CHAPTER|Part|PART)[ \t]+([IVXLCivxlc]+|\d+)\b[.:]?[ \t]*")),
    (11, re.compile(rf"^第([{_CN}\d]+)节[ \t\u3000]*")),
    (20, re.compile(rf"^([{_CN}]+)[、][ \t\u3000]*")),
    (21, re.compile(rf"^[(（]([{_CN}]+)[)）][ \t\u3000]*")),
    (22, re.compile(r"^(\d{1,2}(?:[.．]\d{1,2})+)[.．、]?(?!\d)[ \t\u3000]*")),
    (22, re.compile(r"^(\d{1,4})(?:[、]|[.．](?!\d))[ \t\u3000]*")),
    (23, re.compile(r"^[(（](\d{1,2})[)）][ \t\u3000]*")),
)
_LEAD_END_RE = re.compile(r"[。！？!?]|\.(?:\s|$)")
_LEAD_PHRASE_RE = re.compile(r"^([^，,、；;。！？!?：:“”\"]{3,15})。")
_PUNCT_RE = re.compile(r"[^\w\s]", re.UNICODE)
_PLAN_RE = re.compile(r"做好|目标|计划|规划|任务|展望|要|将|plan|target|goal|outlook", re.I)
TOP_LIMIT = 40
_LATIN_TITLE_RE = re.compile(r"^[A-Z][A-Za-z0-9 .,:'’&()-]*$")


@dataclass(slots=True)
class _Heading:
    """A heading found in a block, before numbers are assigned."""

    block: int
    rank: int
    ordinal: int | None
    literal: str | None
    label: str
    title: str
    split_at: int  # where the body starts in the block text, or len(text)
    kind: str = "section"
    level: int = 0


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
    headings: dict[int, dict[str, object]] = field(default_factory=dict)
    sections: list[SectionNode] = field(default_factory=list)


def _match_heading(block: RawBlock, cjk: bool) -> _Heading | None:
    """Recognise a numbered heading (or a ``#`` heading, which carries no number) at the start of
    a block."""
    head = _match_numbered(block, cjk)
    if head is not None and block.text.startswith("#"):
        head.kind = "marked"
    return head


def _match_numbered(block: RawBlock, cjk: bool) -> _Heading | None:
    """Recognise a numbered heading at the start of a block."""
    text = block.text
    for rank, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        body = text[m.end() :]
        if not body.strip():
            return None
        marker = m.group(1)
        literal = marker.replace("．", ".") if rank == 22 and "." in marker.replace("．", ".") else None
        ordinal = None if rank == 1 else to_int(marker.split(".")[-1].split("．")[-1])
        if rank == 1:
            rank = len(marker)  # Markdown: the number of #s
        label = "" if marker.startswith("#") else text[: m.end()].rstrip()
        end = _LEAD_END_RE.search(body)
        limit = TOP_LIMIT if cjk else 100
        if not ends_sentence(text) and len(text) <= limit and (block.standalone or rank <= 20 or not cjk):
            return _Heading(-1, rank, ordinal, literal, label, body.strip(), len(text))
        if end and end.start() <= limit and cjk:
            split = m.end() + end.end()
            return _Heading(-1, rank, ordinal, literal, label, body[: end.start()].strip(), split)
        if rank <= 20 and not ends_sentence(text) and len(text) <= limit * 2:
            return _Heading(-1, rank, ordinal, literal, label, body.strip(), len(text))
        return None
    return None


def _source_heading(block: RawBlock) -> _Heading:
    """A heading its source marked (with its level): its own number when it carries one
    (``2.1 Scope``, ``第三章 总则``, ``Chapter 4``), else none — never a number it does not print."""
    rank = max(1, block.level)
    text = block.text
    for _rank_of_pattern, pattern in _PATTERNS[1:]:
        m = pattern.match(text)
        if m and text[m.end() :].strip():
            marker = m.group(1).replace("．", ".")
            literal = marker if "." in marker else None
            ordinal = to_int(marker.split(".")[-1])
            if ordinal is None:
                break
            return _Heading(-1, rank, ordinal, literal, text[: m.end()].rstrip(), text[m.end() :].strip(), len(text))
    return _Heading(-1, rank, None, None, "", text.strip(), len(text), kind="marked")


def _is_unnumbered_title(block: RawBlock, cjk: bool) -> bool:
    """Return True for a short standalone line without sentence punctuation (a title)."""
    text = block.text
    if block.kind != "paragraph" or not block.standalone or not text or text[:1].isdigit():
        return False
    if _LATIN_TITLE_RE.match(text):
        return len(text) <= 70 and not ends_sentence(text)
    return len(text) <= (24 if cjk else 70) and not _PUNCT_RE.search(text.replace(" ", ""))


def _split_block(block: RawBlock, at: int) -> tuple[RawBlock, RawBlock]:
    """Split a block's text at ``at``, mapping the cut back to a source offset."""
    src = block.start
    for text_pos, src_pos in block.anchors:
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
        anchors=[(max(0, t - at - lead_ws), s) for t, s in block.anchors if t >= at] or [(0, src + lead_ws)],
    )
    return head, body


def build_structure(raw: list[RawBlock], cjk: bool) -> Structure:
    """Find headings (splitting lead-sentence headings off their paragraph) and build the outline."""
    blocks: list[RawBlock] = []
    found: list[_Heading] = []
    after_turn = True  # the start of the document, or just after a continued-on mark
    for block in raw:
        if block.kind == "furniture":
            blocks.append(block)
            if block.role == "continued-on":
                after_turn = True
            continue
        if block.kind == "heading":  # the source knew it for a heading (Markdown, type size)
            head = _source_heading(block)
        else:
            head = _match_heading(block, cjk) if block.kind == "paragraph" else None
        if head is None and _is_unnumbered_title(block, cjk):
            kind = "article" if after_turn else "section"
            head = _Heading(-1, 0, None, None, "", block.text, len(block.text), kind=kind)
        after_turn = False
        if head is None:
            blocks.append(block)
            continue
        if head.split_at < len(block.text):
            first, rest = _split_block(block, head.split_at)
            head.block = len(blocks)
            blocks.append(first)
            blocks.append(rest)
        else:
            head.block = len(blocks)
            blocks.append(block)
        if head.split_at < len(block.text):
            head.kind = "inline"
        found.append(head)
    return _number(blocks, found)


def _rank(h: _Heading) -> float:
    """A heading's place in the hierarchy: smaller ranks hold larger ones; ``2.1`` nests under ``2.``."""
    return h.rank + (0.1 * h.literal.count(".") if h.literal else 0.0)


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


def _number(blocks: list[RawBlock], found: list[_Heading]) -> Structure:
    """Assign levels and canonical numbers, add implied parents, and lay out the sections."""
    sections: list[SectionNode] = []
    headings: dict[int, dict[str, object]] = {}
    stack: list[tuple[float, SectionNode]] = []
    counters: dict[tuple[str | None, float], int] = {}
    keys = _Keys()
    outranking = _later_outranking(found)
    for i, h in enumerate(found):
        rank = _rank(h)
        if h.rank == 0:
            stack.clear()  # an unnumbered title starts a new top-level entry
        while stack and stack[-1][0] >= rank:
            stack.pop()
        first = found[i - 1].block + 1 if i else 0
        if h.rank and not stack and not h.literal and outranking[i] is not None:
            parent_rank, parent_ordinal = outranking[i]  # type: ignore[misc]
            implied = SectionNode(keys.make(str(parent_ordinal)), str(parent_ordinal), None, "", 1, "implied", first)
            sections.append(implied)
            stack.append((parent_rank, implied))
        parent = stack[-1][1] if stack else None
        level = len(stack) + 1
        if h.literal:
            number: str | None = h.literal
        elif h.rank == 0 or (h.ordinal is None and h.kind == "marked"):
            number = None
        else:
            counter = (parent.key if parent else None, rank)
            ordinal = h.ordinal if h.ordinal is not None else counters.get(counter, 0) + 1
            counters[counter] = ordinal
            number = f"{parent.number}.{ordinal}" if parent and parent.number else str(ordinal)
        if (
            level == 1
            and h.rank
            and h.ordinal
            and h.ordinal > 1
            and not stack
            and i == 0
            and _has_text_before(blocks, h.block)
        ):
            sections.append(SectionNode(keys.make(str(h.ordinal - 1)), str(h.ordinal - 1), None, "", 1, "implied", 0))
        kind = h.kind if h.rank == 0 else "section"  # (a marked heading is a section)
        node = SectionNode(
            keys.make(number),
            number,
            h.label or None,
            h.title,
            level,
            kind,
            h.block,
            parent=parent.key if parent else None,
        )
        sections.append(node)
        headings[h.block] = {
            "number": number,
            "label": h.label or None,
            "title": h.title,
            "level": level,
            "inline_body": h.kind == "inline",
            "key": node.key,
        }
        stack.append((rank, node))
    sections = _add_leads(blocks, sections, headings, keys)
    _close(sections, len(blocks))
    return Structure(blocks, headings, sections)


def _later_outranking(found: list[_Heading]) -> list[tuple[float, int] | None]:
    """For each heading, the first later heading that outranks it (rank and its ordinal − 1), in one pass."""
    out: list[tuple[float, int] | None] = [None] * len(found)
    pending: list[tuple[float, int]] = []  # (rank, index) waiting for an outranking heading
    for j, h in enumerate(found):
        if not h.rank or h.literal or h.ordinal is None:
            continue
        rank = _rank(h)
        keep = []
        for waiting_rank, i in pending:
            if rank < waiting_rank:
                out[i] = (rank, max(1, (h.ordinal or 2) - 1))
            else:
                keep.append((waiting_rank, i))
        pending = [*keep, (rank, j)] if len(keep) < 64 else [(rank, j)]
    return out


def _has_text_before(blocks: list[RawBlock], index: int) -> bool:
    """Return True when reading text precedes block ``index``."""
    return any(b.kind != "furniture" for b in blocks[:index])


def _add_leads(
    blocks: list[RawBlock], sections: list[SectionNode], headings: dict[int, dict[str, object]], keys: _Keys
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
