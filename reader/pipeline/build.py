"""The whole pipeline as one pure function: bytes → an immutable Document."""

from __future__ import annotations

import bisect
import gc
import re
import threading
from array import array
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from reader.model.document import Block, Document, Figure, Heading, Metadata, Section, SourceSpan
from reader.pipeline.blocks import RawBlock
from reader.pipeline.chars import ends_sentence
from reader.pipeline.figure_kinds import last_part_title, part_cues, section_kind
from reader.pipeline.figure_words import Tagger
from reader.pipeline.figures import find_figures
from reader.pipeline.ocr_marks import OcrNotes, with_ocr_marks
from reader.pipeline.parts import reflow_parts
from reader.pipeline.punctuation import Edit, repair, repaired, shift_offset
from reader.pipeline.reflow import WordCheck
from reader.pipeline.structure import FoundHeading, SectionNode, Structure, build_structure
from reader.pipeline.text import DecodedText
from reader.source import content_hash, load_sidecar
from reader.sources import decode_source, lay_out_text, read_source_parts
from reader.sources.layout import LayoutPart

_DATE_RE = re.compile(r"(20\d{2}|19\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_NUMBER_RE = re.compile(r"[0-9十百千]")
_PART_CUE = re.compile(
    r"\d{4}\s*年.{0,12}(?:回顾|工作|目标|任务|安排|建议|民生实事)|过去一年|过去五年|一年来|五年来|工作回顾|主要目标|"
    r"预期目标|工作安排|重点工作|政府工作的建议"
)
_TOP_LABEL = re.compile(r"^[一二三四五六七八九十]+、$")
_YEAR = re.compile(r"\d{4}\s*年")
_SENTENCE_MARK = re.compile(r"[。！？；;，,]")
_PART_TITLE_MAX = 40
_EN_DATE_RE = re.compile(r"\b(20\d{2}|19\d{2})-(\d{2})-(\d{2})\b")


def build_document(
    data: bytes,
    source: str = "<stdin>",
    sidecar: Mapping[str, str] | None = None,
    dictionary: bool = True,
    key: str | None = None,
    progress: Callable[[float], None] | None = None,
    pages: int | None = None,
) -> Document:
    """Run every pipeline step on ``data``; ``dictionary`` enables jieba and word-list look-ups.

    ``pages``: of a PDF, build only the first so many pages (a first screen).

    ``key`` overrides the content hash (a partial build keeps the whole file's key); ``progress``
    is told the share done after each step. The cyclic garbage collector is paused meanwhile:
    the build makes millions of objects and no cycles, and each full collection over them would
    stop every thread of the process for a tenth of a second (and cost a third of the build).
    """
    report = progress or (lambda _share: None)
    with collector_paused():
        return _model(lambda: read_source_parts(data, source, pages), data, source, sidecar or {}, key, dictionary, report)


def build_window(
    data: bytes,
    around: int,
    size: int,
    source: str = "<stdin>",
    sidecar: Mapping[str, str] | None = None,
    key: str | None = None,
) -> Document:
    """The model of about ``size`` characters of the document, from a paragraph break a little
    before the source offset ``around``, without dictionary look-ups: what the first screen of a
    long document reopened where the reader left it needs. Its source spans and line numbers are
    those of the whole file, and its metadata gives the whole file's length."""
    with collector_paused():
        decoded, facts = decode_source(data, source)
        text = decoded.text
        at = decoded.offsets.to_clean(around, len(text))
        before = max(0, at - size // 8)
        start = text.rfind("\n\n", 0, before) + 2
        if start < 2 or at - start > size // 2:  # no blank lines near: start at a line
            start = text.rfind("\n", 0, before) + 1
        end = text.find("\n\n", start + size)
        if end < 0 or end - start > 2 * size:
            end = text.find("\n", start + size)
        end = len(text) if end < 0 else end
        window = DecodedText(text[start:end], decoded.encoding, decoded.warnings, decoded.offsets.shifted(start))
        return _model(
            lambda: (window, iter([LayoutPart(0, 0, lay_out_text(window.text, facts))])),
            data,
            source,
            sidecar or {},
            key,
            False,
            lambda _share: None,
            first_line=text.count("\n", 0, start) + 1,
            length=decoded.offsets.to_source(len(text)),
        )


def _model(
    read: Callable[[], tuple[DecodedText, Iterator[LayoutPart]]],
    data: bytes,
    source: str,
    sidecar: Mapping[str, str],
    key: str | None,
    dictionary: bool,
    report: Callable[[float], None],
    first_line: int = 1,
    length: int | None = None,
) -> Document:
    """The steps after reading (``read`` gives the decoded text and its layout in parts), for a
    whole text or a window of it (see ``assemble``).

    Memory: no layout outlives its part's reflow (see ``parts.py``), and the blocks' line anchors
    go once structure has split them: a long document's peak is not its lines, its blocks and the
    figures' tagger all at once.
    """
    decoded, parts = read()
    ocr = OcrNotes()
    parts = ocr.noting(parts)
    report(0.05)

    def words_for(cjk: bool) -> WordCheck | None:
        """jieba's word check, for a CJK document built with the dictionary."""
        if not (dictionary and cjk):
            return None
        from reader.pipeline.wordcheck import word_spans_break

        return word_spans_break

    reflowed = reflow_parts(parts, words_for, dictionary, lambda share: report(0.05 + 0.55 * share))
    del parts
    report(0.6)
    structure = build_structure(reflowed.blocks, reflowed.cjk, markdown=reflowed.markdown)
    marks = ocr.marks(structure.blocks, decoded.text)  # (needs the anchors)
    reflowed.blocks = []
    for block in structure.blocks:
        block.anchors = array("q")
    report(0.7)
    tag: Tagger | None = None
    if dictionary and reflowed.cjk:
        from reader.pipeline.wordcheck import tag as jieba_tag

        tag = jieba_tag
    doc = assemble(
        decoded, structure, reflowed.cjk, data, source, sidecar, tag, key, first_line, length, reflowed.page_labels
    )
    doc = with_ocr_marks(doc, marks)  # OCR: its repairs and doubtful characters, block by block
    report(1.0)
    return doc


class _CollectorPause:
    """How many builds are under way, and whether the collector ran before the first began."""

    def __init__(self) -> None:
        self.depth = 0
        self.was_enabled = True
        self.lock = threading.Lock()


_PAUSE = _CollectorPause()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested and thread-safe; restores its state)."""
    with _PAUSE.lock:
        if _PAUSE.depth == 0:
            _PAUSE.was_enabled = gc.isenabled()
            gc.disable()
        _PAUSE.depth += 1
    try:
        yield
    finally:
        with _PAUSE.lock:
            _PAUSE.depth -= 1
            if _PAUSE.depth == 0 and _PAUSE.was_enabled:
                gc.enable()


def assemble(
    decoded: DecodedText,
    structure: Structure,
    cjk: bool,
    data: bytes,
    source: str,
    sidecar: Mapping[str, str],
    tag: Tagger | None,
    state_key: str | None = None,
    first_line: int = 1,
    length: int | None = None,
    page_labels: list[str | None] | None = None,
) -> Document:
    """Turn the structure step's records into the immutable model: blocks, figures, sections,
    metadata (``tag``: the part-of-speech tagger figure labels are cut with, None without the
    dictionary; ``first_line`` and ``length``: of a window, the line it starts on and the whole
    text's length; ``page_labels``: the printed label of each physical page, where known)."""
    place = _Placer(decoded, first_line, page_labels or [])
    section_of = _section_index(structure.sections, len(structure.blocks))
    chinese = sidecar.get("language", "zh" if cjk else "en").startswith("zh")  # OCR punctuation repaired
    last = len(structure.blocks) - 1
    blocks = [
        _block(i, raw, structure.headings.get(i), section_of[i], chinese, place, i == last)
        for i, raw in enumerate(structure.blocks)
    ]
    figures = _figures(blocks, structure.sections, tag)
    sections = _sections(structure.sections, chinese)
    metadata = _metadata(decoded, blocks, sections, cjk, state_key or content_hash(data), source, sidecar)
    to_source = decoded.offsets.to_source
    metadata = replace(metadata, length=to_source(len(decoded.text)) if length is None else length)
    return Document(metadata, tuple(blocks), tuple(sections), tuple(figures))


class _Placer:
    """Where a raw block stands in the file: its source span (lines, offsets) and printed pages."""

    def __init__(self, decoded: DecodedText, first_line: int, labels: list[str | None]) -> None:
        text = decoded.text
        self.newlines = [m.start() for m in re.finditer("\n", text)] if "\n" in text else []
        self.to_source = decoded.offsets.to_source
        self.first_line = first_line
        self.labels = labels

    def span(self, raw: RawBlock) -> SourceSpan:
        """The block's source span: first line, source offsets, last line."""
        return SourceSpan(
            bisect.bisect_right(self.newlines, raw.start) + self.first_line,
            self.to_source(raw.start),
            self.to_source(raw.end),
            bisect.bisect_right(self.newlines, max(raw.start, raw.end - 1)) + self.first_line,
        )

    def pages(self, raw: RawBlock) -> tuple[str | None, str | None]:
        """The printed labels of the pages the block starts and (if another) ends on."""
        first = self.labels[raw.sheet] if raw.sheet < len(self.labels) else None
        end = self.labels[raw.end_sheet] if raw.end_sheet < len(self.labels) else None
        return first, end if end != first else None


def _block(
    i: int,
    raw: RawBlock,
    info: FoundHeading | None,
    where: tuple[str | None, str | None],
    chinese: bool,
    place: _Placer,
    last: bool,
) -> Block:
    """One model block from a raw block: its heading, reading text (punctuation repaired in
    Chinese, the repairs kept as edits), source span and pages."""
    key, lead = where
    heading = None
    kind = raw.kind
    if info is not None:
        kind = "heading"
        title = repaired(info.title) if chinese else info.title
        heading = Heading(info.number, info.label, title, info.level, info.inline_body)
    reading, emphasis = raw.text, tuple(raw.emphasis)
    edits: tuple[Edit, ...] = ()
    if chinese and kind not in ("preformatted", "furniture"):
        reading, edits = repair(raw.text)
        emphasis = tuple((shift_offset(edits, a), shift_offset(edits, b)) for a, b in emphasis)
    truncated = kind == "paragraph" and not ends_sentence(raw.text) and not last
    page_label, page_end = place.pages(raw)
    return Block(
        i,
        kind,
        reading,
        place.span(raw),
        key,
        emphasis,
        raw.role,
        raw.page,
        heading,
        truncated,
        lead,
        edits=edits,
        page_label=page_label,
        page_end=page_end,
    )


def _figures(blocks: list[Block], sections: list[SectionNode], tag: Tagger | None) -> list[Figure]:
    """The figures of the prose blocks, each labelled within its section's title chain and given
    a kind (target or outcome) by the report part it stands in."""
    titles = {s.key: s.title for s in sections}
    parents = {s.key: s.parent for s in sections}
    chains: dict[tuple[str | None, str | None], list[str]] = {}
    figures: list[Figure] = []
    part = ""  # the latest top-level title (or title-like line) that says review or plan, for figure kinds
    announced: str | None = None  # the kind the last review or plan cue of the blocks so far announced
    for block in blocks:
        kind, heading, reading, key, lead = block.kind, block.heading, block.text, block.section, block.lead
        before, part = part, _part_title(kind, heading, reading, part)  # a paragraph's own titles: find_figures
        if kind in ("paragraph", "item") and _NUMBER_RE.search(reading):
            if (key, lead) not in chains:
                chains[key, lead] = _title_chain(lead or key, titles, parents)
            for found in find_figures(reading, [*chains[key, lead], before], tag, announced):
                figures.append(
                    Figure(
                        len(figures),
                        found.text,
                        found.value,
                        found.unit,
                        found.label,
                        key,
                        block.index,
                        "target" if found.target else "outcome",
                        found.start,
                        found.end,
                        found.qualifier,
                        found.amount,
                        found.measure,
                        found.upper,
                        found.role,
                    )
                )
        if kind in ("paragraph", "item") or heading is not None:
            announced = _announced(reading, heading, announced)
    return figures


def _part_title(kind: str, heading: Heading | None, text: str, part: str) -> str:
    """The title of the part of a report a block stands in (its review or its plan): a top-level
    heading; where the structure made no heading of it, a short line without a sentence's
    punctuation that names one (``2025年工作安排建议``) or the last part title at a sentence start in
    the paragraph (``二、2025年工作总体要求和主要目标经分析测算…``); else the part before."""
    if heading is not None and heading.level == 1:
        # a report part's title: numbered 一、 (not a promoted (一)) or naming a year, saying review or plan
        top = bool(_TOP_LABEL.match(heading.label or "")) or bool(_YEAR.search(heading.title))
        return heading.title if top and section_kind([heading.title]) is not None else part
    if kind != "paragraph":
        return part
    if len(text) <= _PART_TITLE_MAX and not _SENTENCE_MARK.search(text) and _PART_CUE.search(text):
        return text
    return last_part_title(text) or part


def _announced(text: str, heading: Heading | None, announced: str | None) -> str | None:
    """The kind the last review or plan cue announced after this block (a heading that says either
    announces it too), for the figures of later blocks no title places."""
    if heading is not None:
        return section_kind([heading.title]) or announced
    cues = part_cues(text)
    return cues[-1][1] if cues else announced


def _title_chain(key: str | None, titles: dict[str, str], parents: Mapping[str, object]) -> list[str]:
    """Return the titles of a section and its ancestors, innermost first (what figure kinds read)."""
    out: list[str] = []
    while key:
        out.append(titles.get(key, ""))
        parent = parents.get(key)
        key = str(parent) if parent else None
    return out


def _section_index(sections: list[SectionNode], total: int) -> list[tuple[str | None, str | None]]:
    """For every block, the innermost section key and lead-entry key that hold it."""
    out: list[tuple[str | None, str | None]] = [(None, None)] * total
    for s in sections:  # in document order, parents before children
        for i in range(s.first_block, min(s.end_block, total)):
            out[i] = (out[i][0], s.key) if s.kind == "lead" else (s.key, None)
    return out


def _sections(nodes: list[SectionNode], chinese: bool = False) -> list[Section]:
    """Freeze the section nodes, filling in each one's children (``chinese``: titles with their
    OCR punctuation repaired, as their headings are)."""
    children: dict[str, list[str]] = {}
    for s in nodes:
        if s.parent:
            children.setdefault(s.parent, []).append(s.key)
    return [
        Section(
            s.key,
            s.number,
            s.label,
            repaired(s.title) if chinese else s.title,
            s.level,
            s.kind,
            s.first_block,
            s.end_block,
            s.parent,
            tuple(children.get(s.key, ())),
            s.implied,
        )
        for s in nodes
    ]


def _metadata(
    decoded: DecodedText,
    blocks: list[Block],
    sections: list[Section],
    cjk: bool,
    key: str,
    source: str,
    sidecar: Mapping[str, str],
) -> Metadata:
    """Gather metadata from the sidecar, or infer it from furniture and headings."""
    inferred: list[str] = []
    from_pages = tuple(b.page for b in blocks if b.role == "continued-from" and b.page)
    on_pages = tuple(b.page for b in blocks if b.role == "continued-on" and b.page)
    title = sidecar.get("title", "")
    if not title:
        heads = [b.text for b in blocks if b.role == "running-head"]
        # a title heading: unnumbered, before the first numbered heading
        first = sections[0] if sections and sections[0].kind != "implied" else None
        titled = first.title if first is not None and first.number is None and first.title else ""
        title = heads[0] if heads else (titled or Path(source).stem)
        inferred.append("title")
    page = sidecar.get("page")
    if not page:
        page = _infer_page(from_pages, on_pages, blocks)
        if page:
            inferred.append("page")
    date = sidecar.get("date")
    if not date:
        head = decoded.text[:2000]
        m = _DATE_RE.search(head) or _EN_DATE_RE.search(head)
        if m:
            date = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            inferred.append("date")
    return Metadata(
        title=title,
        source=Path(source).name if source != "<stdin>" else source,
        page=page,
        continued_from=from_pages,
        continued_on=on_pages,
        date=date,
        author=sidecar.get("author"),
        publisher=sidecar.get("publisher") or sidecar.get("source"),
        url=sidecar.get("url"),
        language=sidecar.get("language", "zh" if cjk else "en"),
        encoding=decoded.encoding,
        content_hash=key,
        inferred=tuple(inferred),
        warnings=decoded.warnings,
    )


def _infer_page(from_pages: tuple[str, ...], on_pages: tuple[str, ...], blocks: list[Block]) -> str | None:
    """Infer this page's number from continued-from/on marks or printed page numbers."""
    for pages, step in ((from_pages, 1), (on_pages, -1)):
        if pages and pages[0].isdigit():
            width = len(pages[0])
            return str(int(pages[0]) + step).zfill(width)
    numbers = [b.page for b in blocks if b.role == "page-number" and b.page]
    return numbers[0] if numbers else None


__all__ = ["RawBlock", "build_document", "content_hash", "load_sidecar"]
