"""Step 4, blocks → structure: headings, canonical numbers, the section tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reader.pipeline.chars import ends_sentence
from reader.pipeline.numerals import to_int
from reader.pipeline.reflow import RawBlock

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
    (22, re.compile(r"^(\d{1,2})(?:[、]|[.．](?!\d))[ \t\u3000]*")),
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
class Structure:
    """The structure step's result: blocks (headings split off) and the outline."""

    blocks: list[RawBlock]
    headings: dict[int, dict[str, object]] = field(default_factory=dict)
    sections: list[dict[str, object]] = field(default_factory=list)


def _match_heading(block: RawBlock, cjk: bool) -> _Heading | None:
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
        head.kind = "inline" if head.split_at < len(block.text) else head.kind
        found.append(head)
    return _number(blocks, found)


def _rank(h: _Heading) -> float:
    """A heading's place in the hierarchy: smaller ranks hold larger ones; ``2.1`` nests under ``2.``."""
    return h.rank + (0.1 * h.literal.count(".") if h.literal else 0.0)


def _number(blocks: list[RawBlock], found: list[_Heading]) -> Structure:
    """Assign levels and canonical numbers, add implied parents, and lay out the sections."""
    sections: list[dict[str, object]] = []
    headings: dict[int, dict[str, object]] = {}
    stack: list[tuple[float, dict[str, object]]] = []
    counters: dict[tuple[str | None, float], int] = {}
    unnamed = 0
    for i, h in enumerate(found):
        rank = _rank(h)
        if h.rank == 0:
            stack.clear()  # an unnumbered title starts a new top-level entry
        while stack and stack[-1][0] >= rank:
            stack.pop()
        if h.rank and not stack and not h.literal:
            parent_rank, parent_ordinal = _implied_parent(found[i + 1 :], rank)
            if parent_rank is not None:
                implied = _section(str(parent_ordinal), str(parent_ordinal), None, "", 1, "implied", 0, [])
                implied["first_block"] = _first_reading(found, i)
                sections.append(implied)
                stack.append((parent_rank, implied))
        parents = [sec for _, sec in stack]
        parent_number = parents[-1]["number"] if parents else None
        level = len(stack) + 1
        if h.literal:
            number: str | None = h.literal
        elif h.rank == 0:
            number = None
        else:
            key = (parent_number if isinstance(parent_number, str) else None, rank)
            ordinal = h.ordinal if h.ordinal is not None else counters.get(key, 0) + 1
            counters[key] = ordinal
            number = f"{parent_number}.{ordinal}" if parent_number else str(ordinal)
        if number is None:
            unnamed += 1
            key_name = f"a{unnamed}"
        else:
            key_name = number
        if (
            level == 1
            and h.rank
            and h.ordinal
            and h.ordinal > 1
            and not any(s["level"] == 1 for s in sections)
            and _has_text_before(blocks, h.block)
        ):
            first = _first_reading(found, i)
            sections.append(_section(str(h.ordinal - 1), str(h.ordinal - 1), None, "", 1, "implied", first, []))
        kind = h.kind if h.rank == 0 else "section"
        section = _section(key_name, number, h.label or None, h.title, level, kind, h.block, parents)
        sections.append(section)
        headings[h.block] = {
            "number": number,
            "label": h.label or None,
            "title": h.title,
            "level": level,
            "inline_body": h.kind == "inline",
            "key": key_name,
        }
        stack.append((rank, section))
    _add_leads(blocks, sections, headings)
    _close(sections, len(blocks))
    return Structure(blocks, headings, sections)


def _implied_parent(rest: list[_Heading], rank: float) -> tuple[float | None, int]:
    """When a later heading outranks this one, this one sits in a parent begun earlier: guess it."""
    for h in rest:
        if h.rank and not h.literal and _rank(h) < rank:
            return _rank(h), max(1, (h.ordinal or 2) - 1)
    return None, 0


def _section(
    key: str,
    number: str | None,
    label: str | None,
    title: str,
    level: int,
    kind: str,
    first: int,
    stack: list[dict[str, object]],
) -> dict[str, object]:
    """Make a section record (a plain dict until the model is built)."""
    return {
        "key": key,
        "number": number,
        "label": label,
        "title": title,
        "level": level,
        "kind": kind,
        "first_block": first,
        "end_block": first,
        "parent": stack[-1]["key"] if stack else None,
        "implied": kind == "implied",
    }


def _has_text_before(blocks: list[RawBlock], index: int) -> bool:
    """Return True when reading text precedes block ``index``."""
    return any(b.kind != "furniture" for b in blocks[:index])


def _first_reading(found: list[_Heading], index: int) -> int:
    """Return where an implied section before heading ``index`` starts: after the heading before it."""
    return found[index - 1].block + 1 if index > 0 else 0


def _add_leads(
    blocks: list[RawBlock], sections: list[dict[str, object]], headings: dict[int, dict[str, object]]
) -> None:
    """Add bold lead phrases (``全力加快项目建设。``) as third-level entries where a section has several."""
    starts = [*sorted(int(s["first_block"]) for s in sections), len(blocks)]  # type: ignore[call-overload]
    extra: list[dict[str, object]] = []
    for section in sections:
        if section["kind"] not in ("section", "inline") or section["number"] is None:
            continue
        first = int(section["first_block"])  # type: ignore[call-overload]
        end = next(s for s in starts if s > first)
        leads = [
            (i, m.group(1))
            for i in range(first, end)
            if i not in headings
            and blocks[i].kind == "paragraph"
            and (m := _LEAD_PHRASE_RE.match(blocks[i].text))
            and len(blocks[i].text) > len(m.group()) + 10
        ]
        if len(leads) < 2:
            continue
        for k, (i, phrase) in enumerate(leads, 1):
            number = f"{section['number']}.{k}"
            lead = _section(number, number, None, phrase, int(section["level"]) + 1, "lead", i, [section])  # type: ignore[call-overload]
            extra.append(lead)
    if extra:
        sections.extend(extra)
        sections.sort(key=lambda s: (int(s["first_block"]), int(s["level"])))  # type: ignore[call-overload]


def _close(sections: list[dict[str, object]], total: int) -> None:
    """Set each section's end block: the next section at the same or a higher level."""
    for i, s in enumerate(sections):
        end = total
        for t in sections[i + 1 :]:
            if int(t["level"]) <= int(s["level"]) and t["first_block"] >= s["first_block"]:  # type: ignore[call-overload, operator]
                end = int(t["first_block"])  # type: ignore[call-overload]
                break
        s["end_block"] = max(end, int(s["first_block"]) + 1)  # type: ignore[call-overload]


def is_plan_section(titles: list[str]) -> bool:
    """Return True when any of these section titles announces a plan or targets."""
    return any(_PLAN_RE.search(t) for t in titles if t)
