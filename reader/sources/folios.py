"""Page furniture and printed page numbers, found by where lines stand and what repeats.

The conventions:
- A *running head* (or foot) stands in the top (bottom) band of the page and repeats on most pages
  with only its digits changing ("Page 3 of 48", a journal line with its page number); a printer's
  slug or proof line repeats the same way.
- A *folio* (the printed page number) stands alone in the top or bottom band, at the centre or an
  outer edge: ``27``, ``iv``, ``ES-1``, ``2-1``, ``-3-``, ``— 5 —``, ``第 3 页``, ``１``.
- A line set rotated in the margin (a filing stamp, a vertical label) is not part of the text.
- Printed folios win over the PDF's /PageLabels when the two disagree on a page that prints one:
  /PageLabels are metadata someone may have cut or left wrong (a report whose labels count from
  the cover while its pages print ``iv``, ``ES-1``, ``1-1``); the folio is what a reader cites.
  Where every printed folio agrees with /PageLabels, /PageLabels also label the pages that print
  none; where they disagree, unprinted pages take the next number after the last printed folio of
  the same style, else the page index + 1.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.sources.geometry import Line

BAND = 0.1  # the top and bottom tenth of the page hold running heads, feet and folios
_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)  # front matter: i to lxxxix
_FOLIO_RE = re.compile(
    r"^(?:[-–—―]\s*)?(?:第\s*)?"
    r"(?P<label>[0-9０-９]{1,5}|[ivxlcIVXLC]{1,7}|[A-Z]{1,3}[-–][0-9]{1,3}|[0-9]{1,2}[-–][0-9]{1,3})"
    r"(?:\s*[页版])?(?:\s*[-–—―])?$"
)
_PAGE_OF_RE = re.compile(r"^(?:page|p\.)\s*(?P<label>\d{1,5})(?:\s*(?:of|/)\s*\d{1,5})?$", re.I)
_DIGITS_RE = re.compile(r"[0-9０-９]+")


@dataclass(slots=True)
class Folio:
    """A printed page number found on a page: its label and the line it stands on."""

    label: str
    line: Line
    strength: int  # 2: a bare folio; 1: "Page N" / "Page N of M" (a sheet counter)
    edge: float = 0.0  # its distance from the page's nearer edge (top or bottom)


def folio_of(text: str) -> tuple[str, int] | None:
    """The page label ``text`` prints when it is a folio (and how surely), else None."""
    text = text.strip()
    m = _FOLIO_RE.match(text)
    if m:
        label = m.group("label")
        if label.isalpha() and not _ROMAN_RE.match(label):
            return None
        label = label.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}).replace("–", "-")
        return label, 2
    m = _PAGE_OF_RE.match(text)
    if m:
        return m.group("label"), 1
    return None


def in_band(line: Line, height: float) -> str | None:
    """``"top"`` or ``"bottom"`` when ``line`` stands in the page's top or bottom band."""
    if line.y1 <= BAND * height:
        return "top"
    if line.y0 >= (1 - BAND) * height:
        return "bottom"
    return None


def band_pieces(line: Line) -> list[Line]:
    """A band line cut at its wide gaps (a running head with the folio at its outer edge)."""
    pieces: list[Line] = []
    start = 0
    frags = line.fragments
    for k in range(1, len(frags)):
        if frags[k].x0 - frags[k - 1].x1 > 1.5 * max(frags[k].size, frags[k - 1].size):
            pieces.append(Line(frags[start:k]))
            start = k
    pieces.append(Line(frags[start:]))
    return pieces


def repeating(pages: list[list[Line]], heights: list[float]) -> dict[int, int]:
    """The ids of band lines whose text, digits aside, repeats in the same band on other pages
    (running heads and feet, slugs, proof lines), with the number of pages it stands on."""
    seen: Counter[tuple[str, str]] = Counter()
    keyed: list[tuple[int, tuple[str, str]]] = []
    for lines, height in zip(pages, heights, strict=True):
        keys = set()
        for line in lines:
            band = in_band(line, height)
            if band is None:
                continue
            key = (band, _DIGITS_RE.sub("#", line.text.replace(" ", "")))
            keyed.append((id(line), key))
            keys.add(key)
        seen.update(keys)
    return {ident: seen[key] for ident, key in keyed if seen[key] >= 2}


def find_folios(lines: list[Line], height: float) -> list[Folio]:
    """The folio candidates on one page (band lines, or the pieces of one, that print a page number)."""
    found: list[Folio] = []
    for line in lines:
        band = in_band(line, height)
        if band is None:
            continue
        for piece in band_pieces(line):
            got = folio_of(piece.text)
            if got is not None:
                edge = piece.y0 if band == "top" else height - piece.y1
                found.append(Folio(got[0], piece, got[1], edge))
    return found


def _style(label: str) -> tuple[str, int] | None:
    """A label's numbering style and value: ("", 27), ("roman", 4), ("ES-", 2), ("2-", 1)."""
    if label.isdigit():
        return "", int(label)
    if _ROMAN_RE.match(label):
        return "roman", _roman_value(label.lower())
    m = re.match(r"^(.*-)(\d+)$", label)
    return (m.group(1), int(m.group(2))) if m else None


def _roman_value(text: str) -> int:
    """The value of a lower-case roman numeral."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for k, ch in enumerate(text):
        v = values[ch]
        total += -v if k + 1 < len(text) and values[text[k + 1]] > v else v
    return total


def _roman(n: int) -> str:
    """``n`` as a lower-case roman numeral."""
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _next_label(label: str) -> str | None:
    """The label of the page after one printing ``label``, in the same style."""
    style = _style(label)
    if style is None:
        return None
    prefix, value = style
    if prefix == "roman":
        return _roman(value + 1) if label.islower() else _roman(value + 1).upper()
    return f"{prefix}{value + 1}"


def choose_folios(candidates: list[list[Folio]]) -> list[Folio | None]:
    """One folio per page: the surest candidate, and among equals the one whose value fits the
    sequence the other pages print (a page number goes up by one a page)."""
    chosen: list[Folio | None] = []
    for k, found in enumerate(candidates):
        if not found:
            chosen.append(None)
            continue
        best = max(f.strength for f in found)
        found = [f for f in found if f.strength == best]
        if len(found) > 1:  # the one in sequence with other pages, then the one nearest the edge
            found.sort(key=lambda f: (-_fits(f.label, k, candidates), f.edge))
        chosen.append(found[0])
    return chosen


def _fits(label: str, page: int, candidates: list[list[Folio]]) -> int:
    """How many other pages print a folio in ``label``'s sequence."""
    style = _style(label)
    if style is None:
        return 0
    score = 0
    for k, found in enumerate(candidates):
        if k == page:
            continue
        for f in found:
            other = _style(f.label)
            if other is not None and other[0] == style[0] and other[1] - style[1] == k - page:
                score += 1
                break
    return score


def page_labels(printed: list[str | None], metadata: list[str | None]) -> list[str]:
    """The label of every page from the printed folios and the PDF's /PageLabels (see the module's
    docstring for the rule)."""
    agree = all(p is None or m is None or p == m for p, m in zip(printed, metadata, strict=True))
    labels: list[str] = []
    last: str | None = None
    for k, (p, m) in enumerate(zip(printed, metadata, strict=True)):
        if p is not None:
            label = p
        elif m is not None and agree:
            label = m
        elif last is not None and _next_label(last) is not None:
            label = _next_label(last) or str(k + 1)
        else:
            label = m if m is not None and not any(printed) else str(k + 1)
        labels.append(label)
        last = label if (p is not None or last is not None) else None
    return labels
