"""Quotes with citations (kept for its callers; the work is done in ``reader.citation``).

Nothing here imports citeproc: the status line imports ``place_of`` on the first screen, and the
formatter loads only when a citation is made.
"""

from __future__ import annotations

from reader.citation.place import Place, place_of
from reader.citation.quote import citation, cite, log_quote, quote_text, quote_with
from reader.citation.styles import COMMON, style_name

STYLES: tuple[str, ...] = COMMON
"""The common styles, listed first by ``Y`` (any installed CSL style id works as well)."""


class _StyleNames(dict[str, str]):
    """Style id → human name, for any installed style (its CSL title when not a common one)."""

    def __missing__(self, key: str) -> str:
        return style_name(key)


STYLE_NAMES: dict[str, str] = _StyleNames(
    {
        "plain": "Plain",
        "markdown": "Markdown",
        "gbt7714": "GB/T 7714-2025",
        "gbt7714-2015": "GB/T 7714-2015",
        "apa": "APA 7",
        "chicago-author-date": "Chicago author-date (18th)",
        "modern-language-association": "MLA 9",
        "ieee": "IEEE",
        "harvard-cite-them-right": "Harvard (Cite Them Right)",
        "chicago-notes-bibliography": "Chicago notes (18th)",
    }
)
"""Short names of the common styles; any other style id gives its CSL title."""

__all__ = ["STYLES", "STYLE_NAMES", "Place", "citation", "cite", "log_quote", "place_of", "quote_text", "quote_with"]
