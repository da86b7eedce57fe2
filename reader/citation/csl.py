"""Formatting an item with a CSL style through citeproc-py (imported only when a citation is made).

citeproc-py is slow to import (~0.2 s) and parsing a style takes 10-30 ms, so the import happens
on the first citation and parsed styles are kept (per style file and locale).
"""

from __future__ import annotations

import json
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

_NUMBER_RE = re.compile(r"^\s*(?:\[1\]|1\.|\(1\)|1)\s*")


@lru_cache(maxsize=16)
def _style(path: Path, locale: str) -> Any:
    """Parse a CSL style for a locale (kept: parsing costs 10-30 ms)."""
    from citeproc import CitationStylesStyle

    from reader.citation import engine

    engine.apply()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(path), locale=locale, validate=False)


def _bibliography(path: Path, locale: str, csl: dict[str, Any]) -> Any:
    """A fresh citeproc bibliography holding one item (fresh: no earlier cite changes its form)."""
    from citeproc import CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON([csl])
    return CitationStylesBibliography(_style(path, locale), source, formatter.plain)


def reference(path: Path, locale: str, csl: dict[str, Any], numbered: bool) -> str:
    """The item's reference-list entry (its number, in a numeric style, left out)."""
    return _reference(path, locale, json.dumps(csl, sort_keys=True, ensure_ascii=False), numbered)


def cite(path: Path, locale: str, csl: dict[str, Any], locator: tuple[str, str] | None) -> str:
    """The item's in-text citation (or note), with a locator ``(label, value)`` when given."""
    return _cite(path, locale, json.dumps(csl, sort_keys=True, ensure_ascii=False), locator)


# Rendering a big style (APA, Chicago) takes ~50 ms; a document's item is the same for every
# quote, so each rendering is kept (the locator's value is spliced in later, see format.py).


@lru_cache(maxsize=256)
def _reference(path: Path, locale: str, data: str, numbered: bool) -> str:
    """``reference`` for an item given as JSON (kept)."""
    from citeproc import Citation, CitationItem

    csl = json.loads(data)
    bib = _bibliography(path, locale, csl)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bib.register(Citation([CitationItem(csl["id"])]))
        entries = bib.bibliography()
    text = _clean(str(entries[0])) if entries else ""
    return _NUMBER_RE.sub("", text, count=1) if numbered else text


@lru_cache(maxsize=256)
def _cite(path: Path, locale: str, data: str, locator: tuple[str, str] | None) -> str:
    """``cite`` for an item given as JSON (kept)."""
    from citeproc import Citation, CitationItem
    from citeproc.source import Locator

    csl = json.loads(data)
    bib = _bibliography(path, locale, csl)
    extra = {"locator": Locator(*locator)} if locator else {}
    citation = Citation([CitationItem(csl["id"], **extra)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bib.register(citation)
        return _clean(str(bib.cite(citation, lambda _item: None)))


def _clean(text: str) -> str:
    """Collapse the whitespace citeproc leaves (double spaces, a space before punctuation)."""
    return re.sub(r"\s{2,}", " ", text).strip()
