"""Which blocks are headings, in every genre; which are list items and captions.

A heading is read from three kinds of evidence, each a convention of how documents are set:
- its source says so (a Markdown ``#`` heading, a PDF line in larger or bolder type);
- it is numbered (``二、``, ``(三)``, ``第三章``, ``2.1``, ``CHAPTER I.``, ``IV.``, ``Letter 4``) and reads as
  a title — a short line that is not a sentence, a number with a few capitalised words
  (``0. Definitions.``), or a short lead sentence opening its paragraph (``(一)坚持稳中求进。…``,
  ``2. Grant of Copyright License. Subject to…``);
- it is unnumbered but set as a title: a short line alone between blank lines, in capitals
  (``SYNOPSIS``, ``TERMS AND CONDITIONS``) or title case, or underlined (``Title`` / ``=====``).
Numbered candidates must also behave like headings: each continues its scheme's sequence (the
next number, or a restart under a new parent; a first one may start anywhere, as a page that
continues an earlier one does), and content stands under it — numbered lines in a row with
nothing between them are a list (or a table of contents), not headings. What fails stays a list
item; captions (``Fig. 1.``, ``Table 2``, ``图1``) are captions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.pipeline.blocks import RawBlock, anchor_pairs
from reader.pipeline.chars import cjk_ratio, ends_sentence, rule_line
from reader.pipeline.cjk import date_line
from reader.pipeline.numbering import Marker, bullet, caption, match_marker
from reader.pipeline.numerals import to_int

CJK_LIMIT = 40  # a Chinese title is at most this many characters
LATIN_LIMIT = 100
_LEAD_END_RE = re.compile(r"[。！？!?]|\.(?:\s|$)")
_PUNCT_RE = re.compile(r"[^\w\s]", re.UNICODE)
# a speaker or signatory under a title: a role, a space, a name of two to four characters
_BYLINE_RE = re.compile(r"^\S{1,10}[ \u3000]+[\u4e00-\u9fff]{2,4}$")
# what a Chinese title may hold beside its words: book-title marks and quotes (《呐喊》自序), a middle
# dot, a footnote mark at its end (孤独者〔1〕), an edition or status in brackets after it
_TITLE_MARKS_RE = re.compile(r"[《》〈〉“”‘’「」『』·・]")
_FOOTNOTE_MARK_RE = re.compile(r"(?:〔[0-9０-９]+〕|\[[0-9]+\]|[①-⑳])$")
_SUBTITLE_RE = re.compile(r"(?<=\w)[(（〈][^()（）〈〉]{1,12}[)）〉]$")  # 诊疗方案(试行第十版)
_SEAL_RE = re.compile(r"^[(（][ \t\u3000]*(?:签章|盖章|印章|公章|签字|签名|单位盖章)[ \t\u3000]*[)）]$")
_BARE_CN_NUMERAL_RE = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_SMALL_WORDS = frozenset(
    "a an the and or nor but of in on for to with by from at as is are its into under between via per vs".split()
)
_LIST_SCHEMES = frozenset({"alpha", "alpha-paren", "paren", "circled", "decimal-bare"})  # numbers lists wear more than headings
_LETTER_SCHEMES = frozenset({"alpha", "alpha-upper"})
_NOT_LIST_SCHEMES = frozenset({"md", "chapter", "part", "section-cn", "decimal-bare", "article"})
# marks that only headings wear (一、, 第三章, 第二节): no sequence test for them
_HEADING_MARKS = frozenset({"cn", "part", "section-cn"})


@dataclass(slots=True)
class Candidate:
    """A block that may be a heading, before the sequence and content tests."""

    block: int
    rank: float
    scheme: str | None  # None: unnumbered
    ordinal: int | None
    literal: str | None
    label: str
    title: str
    split_at: int  # where the body starts in the block text (its length when it has none)
    kind: str = "section"  # section, article (an unnumbered title opening a new article), marked
    strong: bool = False  # its source said so: no test applies
    bare: bool = False  # a number with no title (``CHAPTER IV.``, ``II.``)


def title_case(title: str) -> bool:
    """True when the words of ``title`` are capitalised as a title's are (small words aside)."""
    words = [w.strip("\"'“”‘’()[]") for w in title.split()]
    words = [w for w in words if w]
    if not words or (not words[0][:1].isupper() and not words[0][:1].isdigit()):
        return False
    fitting = sum(1 for w in words if not w[:1].isalpha() or w[:1].isupper() or w.lower() in _SMALL_WORDS)
    return fitting >= 0.8 * len(words)


def _all_caps(text: str) -> bool:
    """True for a line in capitals (three letters or more)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _numbered(block: RawBlock, marker: Marker, cjk: bool) -> Candidate | None:
    """A numbered block as a heading candidate: whole, or its lead sentence (inline), or not."""
    text = block.text
    body = text[marker.end :]
    title = body.strip()
    if not any(ch.isalnum() for ch in title):  # ``Chapter I.]`` closing an illustration's bracket
        title = ""
    label = marker.label
    make = lambda title, split: Candidate(  # noqa: E731
        -1, marker.rank, marker.scheme, marker.ordinal, marker.literal, label, title, split
    )
    if not title:
        if marker.scheme in ("chapter", "part", "roman", "section-cn"):
            found = make("", len(text))
            found.bare = True
            return found
        return None
    if cjk and cjk_ratio(text) >= 0.3:
        if marker.scheme == "article":
            return None  # 第三条: an article of a law is a numbered paragraph, not a title
        end = _LEAD_END_RE.search(body)
        if not ends_sentence(text) and len(text) <= CJK_LIMIT and (block.standalone or marker.rank <= 20):
            return make(title, len(text))
        if end and end.start() <= CJK_LIMIT:
            return make(body[: end.start()].strip(), marker.end + end.end())
        if marker.rank <= 20 and not ends_sentence(text) and len(text) <= CJK_LIMIT * 2:
            return make(title, len(text))
        return None
    if len(title) <= LATIN_LIMIT and not title.endswith((",", ";", ":")) and ";" not in title:
        words = title.split()
        last = words[-1].lower().strip(".")
        titled = title_case(title) or _all_caps(title)
        if last not in _SMALL_WORDS and (titled or (len(words) <= 6 and marker.scheme not in _LIST_SCHEMES)):
            if not ends_sentence(title) or (len(words) <= 8 and titled):
                return make(title.rstrip("."), len(text))
    lead = re.match(r"(.{2,80}?[.:])\s+(?=[A-Z(\"“])", body.lstrip())
    if lead and title_case(lead.group(1)) and len(lead.group(1).split()) <= 8:
        offset = len(body) - len(body.lstrip())
        return make(lead.group(1).rstrip(".:").strip(), marker.end + offset + lead.end())
    return None


def _unnumbered(block: RawBlock, cjk: bool) -> bool:
    """True for a short standalone line set as a title (see the module's docstring)."""
    text = block.text
    if block.kind != "paragraph" or not block.standalone or not text:
        return False
    if cjk and cjk_ratio(text) >= 0.3:
        # a title may open with its year (2025年政府工作报告); a byline (省长　胡玉亭) is not one
        if _BYLINE_RE.match(text):
            return False
        if date_line(text):
            return False  # a document's date (成文日期) under its signature, or a dated note under a title
        bare = _SUBTITLE_RE.sub("", _FOOTNOTE_MARK_RE.sub("", _TITLE_MARKS_RE.sub("", text.replace(" ", ""))))
        return len(text) <= 24 and not _PUNCT_RE.search(bare)
    if text[:1].isdigit():
        return False
    if (len(text) > 80 and not _title_lines(block)) or ends_sentence(text) or text.endswith((",", ";", ":", "-")):
        return False
    if not text[:1].isupper():
        return False
    if caption(text):
        return False  # ``Figure 3-1: Order of Headers`` names a figure, not a section
    return _all_caps(text) or title_case(text) or len(text.split()) <= 8


def _title_lines(block: RawBlock) -> bool:
    """A title set on two or three short lines (a standard's ``Announcing the Standard for`` /
    ``Minimum Security Requirements for`` / ``Federal Information and Information Systems``):
    each line short, the whole in title case, no line ending in a comma."""
    starts = [at for at, _ in anchor_pairs(block.anchors)]
    if not 2 <= len(starts) <= 3:
        return False
    lines = [block.text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(block.text)], strict=True)]
    return all(len(line) <= 60 and not line.endswith((",", ";")) for line in lines) and title_case(block.text)


_EN_DATE_LINE_RE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?,?\s+\d{4}\.?$"
)


def _dated(block: RawBlock) -> bool:
    """True when the last line of ``block`` is a date alone (``March 9, 2006``)."""
    last = max((at for at, _ in anchor_pairs(block.anchors)), default=0)
    return _EN_DATE_LINE_RE.match(block.text[last:].strip()) is not None


def candidate(block: RawBlock, cjk: bool) -> Candidate | None:
    """The heading a block may be (None when it cannot be one)."""
    if block.kind == "heading":
        return _source_heading(block)
    if block.kind not in ("paragraph", "item"):
        return None
    marker = match_marker(block.text)
    if marker is not None and marker.scheme == "md":
        title = block.text[marker.end :].strip()
        return Candidate(-1, marker.rank, None, None, None, "", title, len(block.text), kind="marked", strong=True)
    if marker is not None:
        return _numbered(block, marker, cjk)
    if cjk and block.standalone and _BARE_CN_NUMERAL_RE.match(block.text.strip()):
        # a part numeral alone on its line (centred 一, 二 between a story's parts)
        ordinal = to_int(block.text.strip())
        return Candidate(-1, 20, "cn-bare", ordinal, None, block.text.strip(), "", len(block.text), bare=True)
    if _unnumbered(block, cjk):
        return Candidate(-1, 0, None, None, None, "", block.text.strip(), len(block.text))
    return None


_BARE_NUMBER_RE = re.compile(r"^(\d{1,2})[ \t]+(?=[^\W\d_])")


def _source_heading(block: RawBlock) -> Candidate:
    """A heading its source marked (with its level): its own number when it carries one
    (``2.1 Scope``, ``第三章 总则``, ``Chapter 4``), else none — never a number it does not print."""
    text = block.text
    marker = match_marker(text)
    # the source's level (a type-size rank); a source that knows a heading but not its level: its marker's
    rank = float(block.level) if block.level > 0 else (marker.rank if marker is not None else 1.0)
    if marker is not None and marker.scheme != "md" and text[marker.end :].strip():
        title = text[marker.end :].strip()
        found = Candidate(-1, rank, marker.scheme, marker.ordinal, marker.literal, marker.label, title, len(text))
        found.strong = True
        return found
    if marker is not None and marker.scheme in ("chapter", "part"):  # ``Chapter II`` set large: the number is the title
        found = Candidate(-1, rank, marker.scheme, marker.ordinal, marker.literal, marker.label, "", len(text))
        found.strong = found.bare = True
        return found
    bare = _BARE_NUMBER_RE.match(text)  # ``1 Introduction``: a number only a marked heading is trusted with
    if bare is not None:
        title = text[bare.end() :].strip()
        found = Candidate(-1, rank, "decimal", int(bare.group(1)), None, bare.group(1), title, len(text))
        found.strong = True
        return found
    return Candidate(-1, rank, None, None, None, "", text.strip(), len(text), kind="marked", strong=True)


def is_rule(block: RawBlock) -> bool:
    """True for lines of one repeated mark (``=====``, ``-----``, a scene break ``*  *  *``): a
    rule, not text."""
    if block.kind not in ("preformatted", "paragraph"):
        return False
    lines = [line for line in block.text.split("\n") if line.strip()]
    return bool(lines) and all(rule_line(line) for line in lines)


def marked_headings_only(blocks: list[RawBlock], found: list[Candidate | None]) -> list[Candidate | None]:
    """In Markdown that marks its headings (``#``, underlines) below its title, the writer chose
    which lines are headings: a numbered paragraph there is a rule or a point of a list
    (``（1）避免使用长句。``), and a short line (a table cell of an HTML block, ``Variable``) is
    no title — unless underlined. Markdown converted from a word processor, with a ``#`` title
    at most over ``一、`` paragraphs, keeps its numbered headings."""
    if sum(1 for block in blocks if block.kind == "heading") < 2:
        return found

    def underlined(i: int) -> bool:  # ``1. 分词`` over ``-----``: CommonMark reads a list item and a rule
        return i + 1 < len(blocks) and blocks[i + 1].kind == "furniture" and blocks[i + 1].role == "rule"

    return [cand if cand is None or cand.strong or underlined(i) else None for i, cand in enumerate(found)]


def settle(blocks: list[RawBlock], found: list[Candidate | None]) -> list[Candidate | None]:
    """Keep the numbered candidates that continue their scheme's sequence and have content under
    them, and the unnumbered ones followed by content; the rest are dropped (None)."""
    out = list(found)
    _drop_lists(blocks, out)
    _drop_list_ends(blocks, out)
    _drop_out_of_sequence(out)
    _settle_titles(blocks, out)
    return out


def _opens_cjk_document(blocks: list[RawBlock], found: list[Candidate | None], i: int) -> bool:
    """True for a Chinese title that opens the document, right before its first numbered heading
    (``阿Q正传`` / ``第一章　序``; ``孤独者`` / ``一``): the work's title, not an empty section."""
    if any(b.kind != "furniture" for b in blocks[:i]) or cjk_ratio(blocks[i].text) < 0.3:
        return False
    later = next((j for j in range(i + 1, len(blocks)) if blocks[j].kind != "furniture"), None)
    return later is not None and found[later] is not None and found[later].scheme is not None  # type: ignore[union-attr]


def _settle_titles(blocks: list[RawBlock], found: list[Candidate | None]) -> None:
    """Unnumbered titles in a row are a title block: the first is the heading, the rest its
    subtitles (``Apache License`` / ``Version 2.0, January 2004``). The heading needs content
    under it; a numbered heading right under it will do only for a title in capitals (a part
    title such as ``TERMS AND CONDITIONS``), not for a stray short line (a letter's signature)."""
    reading = [i for i, b in enumerate(blocks) if b.kind != "furniture"]
    pos = 0
    while pos < len(reading):
        i = reading[pos]
        cand = found[i]
        if cand is None or cand.strong or cand.scheme is not None:
            pos += 1
            continue
        run = [i]
        while pos + len(run) < len(reading):
            nxt = found[reading[pos + len(run)]]
            if nxt is None or nxt.strong or nxt.scheme is not None or _set_apart(blocks[run[-1]], blocks[reading[pos + len(run)]]):
                break
            if _dated(blocks[run[-1]]):
                break  # a title's dateline (``March 9, 2006``) closes its title block: a title after it is another
            run.append(reading[pos + len(run)])
        after = reading[pos + len(run)] if pos + len(run) < len(reading) else None
        following = found[after] if after is not None else None
        content = after is not None and (following is None or following.split_at < len(blocks[after].text))
        keep = content or (
            following is not None
            and (
                _all_caps(blocks[i].text)
                or _opens_cjk_document(blocks, found, i)
                or _dated(blocks[run[-1]])  # a title block closed by its dateline, before the next title
                or _set_apart(blocks[run[-1]], blocks[after])  # type: ignore[index]
            )
        )
        if len(run) == 1 and after is not None and following is None and _signs_off(blocks[after].text):
            keep = False  # a signature (落款) or a form's field: a seal or a bare date under it, not content
        for k in run[1:] if keep else run:
            found[k] = None
        pos += len(run)


def _signs_off(text: str) -> bool:
    """True for what stands under a signature or a form's field rather than under a title (GB/T 9704
    落款: the issuing office's name, then the date; a form: ``部门领导意见`` over ``（签章）`` and a
    blank ``年 月 日``): a bare date, or a seal's place in brackets. A date in brackets under a title
    (``（2018年1月2日）``) is the title's note, and the title stays."""
    text = text.strip()
    return _SEAL_RE.match(text) is not None or (date_line(text) and text[:1] not in "(（")


def _set_apart(above: RawBlock, below: RawBlock) -> bool:
    """A title set deep in the line (centred) and a line flush left are not one title block
    (an RFC's centred title, then its flush-left ``Status of this Memo``)."""
    return min(above.columns, below.columns) <= 3 and max(above.columns, below.columns) >= 12


def _drop_lists(blocks: list[RawBlock], found: list[Candidate | None]) -> None:
    """Numbered lines in a row with nothing between them (a list, a table of contents) are not
    headings; nor is a numbered line right after a lead-in ending with a colon."""
    reading = [i for i, b in enumerate(blocks) if b.kind != "furniture"]
    run: list[int] = []
    scheme: tuple[str, int] | None = None
    lead_in = False

    def close() -> None:
        if len(run) >= 2 or (run and lead_in and not _first_of_sections(blocks, found, run[0])):
            for k in run:
                found[k] = None

    for pos, i in enumerate(reading):
        cand = found[i]
        listy = (
            cand is not None
            and not cand.strong
            and cand.scheme is not None
            and (cand.scheme not in _NOT_LIST_SCHEMES or _cjk_contents_entry(cand))
            and not cand.bare
            and cand.split_at >= len(blocks[i].text)
        )
        here = (cand.scheme or "", cand.literal.count(".") if cand.literal else 0) if cand is not None else None
        if listy and run and here == scheme and not _contents_restart(found[run[-1]], cand):
            run.append(i)
            continue
        close()
        run = []
        if listy and cand is not None:
            run, scheme = [i], here
            lead_in = pos > 0 and blocks[reading[pos - 1]].text.rstrip().endswith((":", "："))
    close()


_ENUMERATION_END_RE = re.compile(r"[；;，,、]$")


def _drop_list_ends(blocks: list[RawBlock], found: list[Candidate | None]) -> None:
    """An item's next number is an item too. Chinese legal and official text runs a list of
    numbered clauses, each ending with a semicolon (or comma), the last with a full stop —
    ``（一）…；`` ``（二）…；`` ``（三）…。`` — or defines its terms one numbered paragraph each; a
    numbered line right after the one numbered one less in its scheme continues that list when
    that one stayed an item or ended as a list's clause does."""
    previous: int | None = None
    for i, block in enumerate(blocks):
        if block.kind == "furniture":
            continue
        cand = found[i]
        if cand is not None and not cand.strong and cand.scheme is not None and cand.ordinal and previous is not None:
            text = blocks[previous].text
            before = match_marker(text)
            if (
                before is not None
                and before.scheme == cand.scheme
                and before.ordinal == cand.ordinal - 1
                and (found[previous] is None or _ENUMERATION_END_RE.search(text.rstrip()))
            ):
                found[i] = None
        previous = i


def _first_of_sections(blocks: list[RawBlock], found: list[Candidate | None], i: int) -> bool:
    """True when the numbered line ``i`` after a colon lead-in opens a run of Chinese sections, not
    a list: its mark is one only headings wear (一、, GB/T 9704's first level), or it is a second
    level mark (（一）) whose next number comes later with text between them (``着力做好以下十一个
    方面工作：`` / ``（一）…`` / paragraphs / ``（二）…``)."""
    cand = found[i]
    if cand is None or cand.scheme is None:
        return False
    if cand.scheme in _HEADING_MARKS:
        return True
    if cand.scheme != "cn-paren" or cand.ordinal is None:
        return False
    between = False
    for j in range(i + 1, len(blocks)):
        other = found[j]
        if blocks[j].kind == "furniture":
            continue
        if other is not None and other.scheme == cand.scheme:
            return between and other.ordinal == cand.ordinal + 1
        between = between or other is None
    return False


def _cjk_contents_entry(cand: Candidate) -> bool:
    """A Chinese chapter or section line (``第一章　总则``, ``第二节　…``) may stand in a table of
    contents: chapter lines in a row with nothing between them are its entries, not headings."""
    return cand.scheme in ("chapter", "section-cn", "part") and cand.label.startswith("第") and bool(cand.title)


def _contents_restart(last: Candidate | None, cand: Candidate | None) -> bool:
    """True when ``cand`` starts the chapters over after a table of contents's entries (its last
    entry ``第六章　附则`` right before the first chapter ``第一章　总则``)."""
    if last is None or cand is None or not _cjk_contents_entry(cand):
        return False
    return last.ordinal is not None and cand.ordinal is not None and cand.ordinal <= last.ordinal


def _drop_out_of_sequence(found: list[Candidate | None]) -> None:
    """A numbered candidate must continue its scheme: the next number (one heading may be lost),
    or a restart at 0 or 1; the first of a scheme may start anywhere. A heading restarts the
    schemes ranked below it; a lettered scheme's first is A or B."""
    last: dict[tuple[str, int, bool], tuple[int, float]] = {}
    for i, cand in enumerate(found):
        if cand is None or cand.scheme is None or cand.ordinal is None or cand.strong or cand.scheme in _HEADING_MARKS:
            continue
        key = (cand.scheme, cand.literal.count(".") if cand.literal else 0, cand.bare)
        prev = last.get(key)
        if prev is None and cand.scheme in _LETTER_SCHEMES and cand.ordinal > 2:
            found[i] = None  # lettered headings begin at A: a lone ``R. Walton`` is a name's initial
        elif prev is None or prev[0] < cand.ordinal <= prev[0] + 2 or cand.ordinal <= 1:
            for other in [k for k, (_, rank) in last.items() if rank > cand.rank and k != key]:
                del last[other]
            last[key] = (cand.ordinal, cand.rank)
        else:
            found[i] = None


def list_kind(block: RawBlock) -> str:
    """The kind a block that is not a heading takes: an item when it opens with a list marker or
    a number, a caption when it opens with ``Fig.``/``Table``/``图``/``表``, else its own."""
    if block.kind not in ("paragraph", "item"):
        return block.kind
    if caption(block.text):
        return "caption"
    marker = match_marker(block.text)
    if bullet(block.text) or (marker is not None and marker.scheme not in _NOT_LIST_SCHEMES):
        return "item"
    return "paragraph" if block.kind == "item" and not bullet(block.text) and marker is None else block.kind
