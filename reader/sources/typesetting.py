"""Typography as evidence: a column block's lines → paragraphs, headings, items, captions, footnotes.

The conventions:
- The *body size* is the size most characters are set in; a line set larger, or bold where the
  body is not, is a heading when it is short (at most three lines) and does not read as a
  sentence; heading levels rank the heading sizes, largest first (bold at body size last).
- A paragraph begins where a line is indented from the block's left edge (first-line indent), where
  the line before stopped short although this line's first word would have fitted there (a
  paragraph's last line), where a line outdents from the line before (a hanging indent's next
  item), where the leading opens up, or where the type changes.
- A short line in capitals standing alone is a heading (journals set section heads so); so is a
  numbered line standing alone before a plain paragraph (a head set in the text's own type).
- A list item begins with a bullet or an enumerator (``•``, ``–``, ``1.``, ``a)``, ``(3)``).
- A line of dot leaders ending in a page number is a contents entry: kept as a line.
- A caption begins ``Figure 2``, ``Fig. 2``, ``Table 3-1``, ``图 1``, ``表 7.5``.
- A footnote is small type at the foot of the page that begins with its mark.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from reader.pipeline.chars import ends_sentence, is_cjk
from reader.sources.geometry import Block, Line
from reader.sources.layout import ChunkHint

_CAPTION_RE = re.compile(r"^(?:(?:Figure|Fig\.|Table|Exhibit|Chart|Plate)\s*[0-9IVXA-Z][-.0-9]*[.:]?(?:\s|$)|[图表]\s*[0-9０-９][-.0-9０-９]*)")
_ITEM_RE = re.compile(r"^(?:[•·▪●◦■□➢✓\u2022\u25aa\u25cf–—-]\s?|\(?[0-9]{1,2}[.)]\s|\(?[a-zA-Z][.)]\s|\([ivx]{1,4}\)\s)")
_FOOTNOTE_MARK_RE = re.compile(r"^(?:[0-9]{1,3}|[*†‡§¶]|[①-⑳]|注[:：])")
_WORD_RE = re.compile(r"\S+")
_LEAD_RE = re.compile(r"[^\s\u3400-\u9fff]{1,6}[\u3400-\u9fff]")
_LEADER_RE = re.compile(r"(?:\.\s?){4,}\s*\S{0,8}$|…{2,}\s*\S{0,8}$|·{4,}\s*\S{0,8}$")


@dataclass(slots=True)
class Piece:
    """A run of lines the source knows the kind of (what becomes one chunk)."""

    hint: ChunkHint
    lines: list[Line] = field(default_factory=list)
    level: int = 0
    continues: bool = False


def body_size(lines: list[Line]) -> float:
    """The type size most characters are set in."""
    counts: Counter[float] = Counter()
    for line in lines:
        counts[round(line.size * 2) / 2] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def body_bold(lines: list[Line], size: float) -> bool:
    """Whether the body type is bold (then bold marks nothing)."""
    body = [ln for ln in lines if abs(ln.size - size) <= 0.6]
    chars = sum(len(ln.text) for ln in body)
    return chars > 0 and sum(len(ln.text) for ln in body if ln.bold) > 0.5 * chars


def heading_sizes(lines: list[Line], size: float) -> list[float]:
    """The distinct sizes of type larger than the body, largest first (the heading ranks)."""
    sizes = {round(ln.size * 2) / 2 for ln in lines if ln.size >= 1.15 * size}
    return sorted(sizes, reverse=True)


class Typesetter:
    """Reads blocks with what the whole document says about its type."""

    def __init__(self, size: float, bold_body: bool, ranks: list[float]) -> None:
        self.size = size
        self.bold_body = bold_body
        self.ranks = ranks

    def is_heading_line(self, line: Line) -> bool:
        """A line set as a heading: larger than the body, or bold where the body is not."""
        if line.size >= 1.15 * self.size:
            return True
        return line.bold and not self.bold_body and abs(line.size - self.size) <= 0.15 * self.size + 0.3

    def level(self, line: Line) -> int:
        """A heading line's level by size rank (bold body-size headings after the larger ones)."""
        size = round(line.size * 2) / 2
        for k, rank in enumerate(self.ranks):
            if size >= rank:
                return k + 1
        return len(self.ranks) + 1

    def pieces(self, block: Block, page_height: float) -> list[Piece]:
        """Cut one block into pieces (see the module's docstring)."""
        lines = block.lines
        if self._is_footnote(block, page_height):
            return self._split_prose(lines, block, "footnote")
        if len(lines) == 1 and _capitals_heading(lines[0].text):
            return [Piece("heading", list(lines), level=len(self.ranks) + 2)]
        out: list[Piece] = []
        k = 0
        if _CAPTION_RE.match(lines[0].text):  # the caption's lines, then what follows in the block
            k = 1
            while k < len(lines) and not self._starts(lines, k, block.x0, block.x1, 0.0, lines[:k]):
                k += 1
            out.append(Piece("caption", lines[:k]))
        while k < len(lines):
            j = k
            while j < len(lines) and _LEADER_RE.search(lines[j].text):
                j += 1
            if j > k:  # contents entries: a title, dot leaders, a page number, one to a line
                out.append(Piece("preformatted", lines[k:j]))
                k = j
                continue
            while j < len(lines) and self.is_heading_line(lines[j]) and lines[j].size == lines[k].size:
                j += 1
            run_in = j < len(lines) and lines[j].starts_bold and not lines[j].bold
            raised = j == k + 1 < len(lines) and _runs_on(lines[k], lines[j])
            if j > k and not run_in and not raised and self._heading_run(lines[k:j], j == len(lines)):
                out.append(Piece("heading", lines[k:j], level=self.level(lines[k])))
                k = j
                continue
            j = max(j, k + 1)
            while j < len(lines) and not (self.is_heading_line(lines[j]) and self._heading_run([lines[j]], False)):
                j += 1
            out.extend(self._split_prose(lines[k:j], block, "paragraph"))
            k = j
        return _numbered_heads(out, block)

    def _heading_run(self, lines: list[Line], last: bool) -> bool:
        """Whether heading-set lines read as a heading: few, short of a sentence."""
        text = " ".join(ln.text for ln in lines)
        if len(lines) > 3 or len(text) > 160:
            return False
        return not (ends_sentence(text) and text.rstrip()[-1:] in ".。" and len(text) > 60)

    def _is_footnote(self, block: Block, page_height: float) -> bool:
        """Small type in the lower part of the page that opens with a note mark."""
        first = block.lines[0]
        return (
            first.size <= 0.88 * self.size
            and block.y0 >= 0.55 * page_height
            and _FOOTNOTE_MARK_RE.match(first.text) is not None
        )

    def _split_prose(self, lines: list[Line], block: Block, hint: ChunkHint) -> list[Piece]:
        """Paragraphs (or items, notes) within a run of body lines."""
        left, right = block.x0, block.x1
        pitches = [b.y1 - a.y1 for a, b in itertools.pairwise(lines)]
        usual = sorted(pitches)[len(pitches) // 2] if pitches else 0.0
        pieces: list[Piece] = []
        for k, line in enumerate(lines):
            if k == 0 or self._starts(lines, k, left, right, usual, pieces[-1].lines):
                kind: ChunkHint = hint
                if hint == "paragraph" and _ITEM_RE.match(line.text):
                    kind = "item"
                pieces.append(Piece(kind, [line]))
            else:
                pieces[-1].lines.append(line)
        return pieces

    def _starts(self, lines: list[Line], k: int, left: float, right: float, usual: float, current: list[Line]) -> bool:
        """Whether line ``k`` begins a new paragraph."""
        prev, line = lines[k - 1], lines[k]
        em = line.size or self.size
        if not self.bold_body:
            if line.starts_bold and not prev.starts_bold:
                return True  # a bold run-in head (or bold line) after plain text
            if prev.bold and not line.starts_bold and ends_sentence(prev.text):
                return True  # after a bold sentence (a recommendation set in bold)
        if usual and line.y1 - prev.y1 > usual + 0.4 * em:
            return True
        if _ITEM_RE.match(line.text) and (line.x0 <= prev.x0 + 0.3 * em or ends_sentence(prev.text)):
            return True
        indent = line.x0 - left
        if indent >= 0.6 * em and line.x0 > prev.x0 + 0.6 * em and (k + 1 >= len(lines) or lines[k + 1].x0 < line.x0 - 0.5 * em):
            if ends_sentence(prev.text) or self.stopped_short(prev, line, right):
                return True  # a first-line indent (a hanging indent's second line follows a full line)
        if indent >= 0.6 * em and abs(line.x0 - prev.x0) <= 0.3 * em and prev.x0 - left >= 0.6 * em:
            first = k < 2 or lines[k - 2].x0 < prev.x0 - 0.5 * em  # prev began a paragraph
            back = k + 1 >= len(lines) or lines[k + 1].x0 < line.x0 - 0.5 * em  # the text goes on at the edge
            if first and back and ends_sentence(prev.text):
                return True  # an indented one-line paragraph, then another paragraph's indented first line
        if len(current) > 1 and line.x0 < prev.x0 - 0.6 * em and prev.x0 > current[0].x0 - 0.3 * em:
            return True  # out of a hanging indent: the next item
        return self.stopped_short(prev, line, right)

    def stopped_short(self, prev: Line, line: Line, right: float) -> bool:
        """Whether ``prev`` ended before the column's edge although ``line``'s first word would fit."""
        em = line.size or self.size
        first = first_word_width(line)
        if is_cjk(line.text[:1]):
            return prev.x1 + first < right - 0.4 * em and prev.x1 < right - 1.5 * em
        if line.text[:1].islower() and not prev.text.rstrip().endswith((".", "!", "?", ":", ";")):
            return False  # a sentence going on in lower case: a ragged line, not a paragraph's end
        return prev.x1 + 0.3 * em + first < right - 1.0 * em and prev.x1 < right - 1.5 * em


def _numbered_heads(pieces: list[Piece], block: Block) -> list[Piece]:
    """A numbered line standing alone — its paragraph is that one line, stopping short of the
    column's edge without a sentence's end — before a paragraph that is not numbered, or as a block
    of its own, is a heading set in the text's own type (``（一）持续提升首都功能…``); numbered short lines one after
    another are a list."""
    from reader.pipeline.numbering import match_marker

    for k, piece in enumerate(pieces):
        if piece.hint not in ("paragraph", "item") or len(piece.lines) != 1:
            continue
        line = piece.lines[0]
        text = line.text.rstrip()
        marker = match_marker(text)
        if marker is None or marker.scheme in ("bullet", "md") or not text[marker.end :].strip():
            continue
        if ends_sentence(text) or text.endswith((":", "：", ",", "，", ";", "；", "、")):
            continue
        if line.x1 > block.x1 - 2 * line.size and len(block.lines) > 1:
            continue  # a full line: the paragraph may go on
        after = pieces[k + 1] if k + 1 < len(pieces) else None
        if after is None and len(block.lines) > 1:
            continue
        if after is not None and (after.hint != "paragraph" or match_marker(after.lines[0].text) is not None):
            continue
        piece.hint = "heading"
    return pieces


def _runs_on(line: Line, following: Line) -> bool:
    """A paragraph's first line that a drop cap or a raised initial (``WE went tip-toeing…``) makes
    taller than the body: it stops mid-sentence and the body line under it goes on in lower case,
    as no heading does."""
    text = line.text.rstrip()
    return following.text[:1].islower() and not ends_sentence(text) and not text.endswith((":", "："))


def _capitals_heading(text: str) -> bool:
    """A short line in capitals (or small capitals) standing alone: a section head of the kind
    journals set that way (``III. HOW HASY WAS CREATED``)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 4 or len(text) > 60 or text.rstrip().endswith((".", ",", ";", ":")):
        return False
    return all(ch.isupper() for ch in letters) and any(ch.isalpha() and ord(ch) < 0x250 for ch in letters)


def first_word_width(line: Line) -> float:
    """An estimate of the printed width of ``line``'s first word (one character in CJK)."""
    text = line.text
    if not text:
        return 0.0
    if is_cjk(text[0]):
        return line.size
    m = _LEAD_RE.match(text)  # a bracket or number run into Chinese: up to its first Chinese character
    if m:
        return line.size * (0.5 * (len(m.group()) - 1) + 1)
    m = _WORD_RE.match(text)
    word = m.group() if m else text
    return line.width * len(word) / max(len(text), 1)


def ends_full(line: Line, block: Block) -> bool:
    """Whether ``line`` runs to its block's right edge (the paragraph may go on past it)."""
    return line.x1 >= block.x1 - 1.5 * line.size
