"""The furniture a web browser prints on every page, known by its shape.

A web page printed from a browser (Chrome, Firefox, Safari, Edge) carries the browser's own header
and footer on each sheet: in the top margin the date and time of printing and the page's title (or
the title and the address), in the bottom margin the page's address and a sheet counter
(``1 of 9``, ``Page 2 of 11``, ``2/9``) or the counter and the date. Each part stands at the left
or right edge (or the centre), so a printed line holds two parts apart. Scanned or OCR'd, the
lines keep these shapes even on a single page, where no repetition shows them: a line of the top
or bottom margin made of such parts — at least one address, counter or time stamp, beside at most
one other part (the title, cut short with ``...``) — is the browser's, not the document's.
"""

from __future__ import annotations

import re

# an address: a scheme or ``www.`` (OCR may set a space after the dot), then no spaces
_URL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]{1,9}://(?:www\.\s)?|www\.\s?)\S+$", re.I)
_COUNTER_RE = re.compile(r"^(?:page\s*)?\d{1,4}\s*(?:of|/)\s*\d{1,4}$", re.I)
_DATE = r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})"
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)"
_STAMP_RE = re.compile(rf"^(?:{_DATE},?\s+{_TIME}|{_TIME},?\s+{_DATE}|{_DATE})$")
_TIMED_RE = re.compile(_TIME)
_URL = r"(?:[a-z][a-z0-9+.-]{1,9}://(?:www\.\s)?|www\.\s?)\S+"
_PART_RE = re.compile(
    rf"{_URL}|{_DATE}(?:,?\s+{_TIME})?|{_TIME}|(?:page\s*)?\b\d{{1,4}}\s*(?:of|/)\s*\d{{1,4}}\b",
    re.I,
)
TITLE_LIMIT = 90  # a browser cuts a long title short (``Optical character recognition - Wikipedia, the free e...``)


def browser_part(text: str) -> str | None:
    """What a part of a margin line is when a browser prints it: ``"url"``, ``"counter"``,
    ``"stamp"`` (a date, with or without the time), else None."""
    text = text.strip()
    if _URL_RE.match(text):
        return "url"
    if _COUNTER_RE.match(text):
        return "counter"
    if _STAMP_RE.match(text):
        return "stamp"
    return None


def browser_line(pieces: list[str]) -> bool:
    """True for a margin line printed by a browser (see the module's docstring), given as its
    pieces (the parts its wide gaps set apart; one piece where none are known): every piece is
    made of addresses, sheet counters and time stamps, except at most one piece of other text no
    longer than a cut title, which must stand apart from them and beside an address, a counter
    or a time; a line of one part is the browser's only as a counter or a date with its time."""
    kinds: list[str | None] = []
    stamps: list[str] = []
    titles = 0
    for piece in pieces:
        piece = piece.strip()
        found = list(_PART_RE.finditer(piece))
        rest = "".join(part.strip(" |-–—,") for part in _PART_RE.split(piece))
        if not found:
            titles += 1
            if len(piece) > TITLE_LIMIT or not re.search(r"[^\W\d_]{2}", piece):
                return False
            continue
        if rest:
            return False
        kinds += [browser_part(m.group()) for m in found]
        stamps += [m.group() for m in found]
    if not kinds or None in kinds or titles > 1:
        return False
    timed = any(_TIMED_RE.search(stamp) for stamp in stamps)
    if len(kinds) == 1 and not titles:
        return kinds[0] == "counter" or (kinds[0] == "stamp" and timed)
    if titles and not ("url" in kinds or "counter" in kinds or timed):
        return False  # a title beside a bare date is a dateline, not the browser's header
    return True
