"""A citation of an item at a locator, in any style: the reference-list entry and the in-text part.

Plain and Markdown are reader's own (a quote pasted into notes); every other style is CSL,
formatted by citeproc-py (``reader.citation.csl``) and then put right where citeproc-py is
wrong (``reader.citation.fixes``). The locale follows the document's language in a Chinese style
(GB/T 7714: ``第2段`` for a Chinese document, ``para. 2`` for an English one); an English-language
style (APA, Chicago, MLA …) keeps its English terms for a Chinese document too, since the paper
it goes into is written in that style's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.citation.items import Item
from reader.citation.place import Locator
from reader.citation.styles import StyleInfo, canonical, style_info


@dataclass(frozen=True, slots=True)
class Cited:
    """A formatted citation: the reference-list entry, the in-text part, and a remark.

    ``in_text`` is the in-text citation with its locator (author-date and author styles), the
    whole note (note styles), or the locator in words (numeric styles, whose ``[1]`` means
    nothing outside the paper). ``remark`` says which fields were inferred or are missing.
    """

    style: str
    form: str
    reference: str
    in_text: str
    remark: str = ""

    def line(self) -> str:
        """The citation on one line (after a figure, in the quote log)."""
        if self.form == "builtin":
            return self.reference
        if self.form == "note":
            return self.in_text + self.remark
        return " ".join(p for p in (self.reference, self.in_text) if p) + self.remark

    def quote(self, body: str) -> str:
        """A quote as pasted: the text with its in-text citation, then the reference."""
        if self.form == "note":
            return f"{body}\n\n{self.in_text}{self.remark}"
        if self.form in ("numeric", "label"):
            return f"{body}\n\n{self.reference} {self.in_text}{self.remark}"
        return f"{body} {self.in_text}\n\n{self.reference}{self.remark}"


def locale_for(info: StyleInfo, chinese: bool) -> str:
    """The CSL locale for a document in a style (see the module's docstring)."""
    if info.locale and info.locale.lower().startswith("zh"):
        return "zh-CN" if chinese else "en-US"
    return info.locale or "en-US"


def format_citation(item: Item, locator: Locator | None, style: str) -> Cited:
    """Format ``item`` (cited at ``locator``) in a CSL style (raises UnknownStyle)."""
    from reader.citation import csl, fixes

    info = style_info(canonical(style))
    if info.path is None:
        raise ValueError(f"{style} is not a CSL style")
    locale = locale_for(info, item.chinese)
    chinese = locale.startswith("zh")
    data = item.csl
    numbered = info.form in ("numeric", "label")
    literals = [n["literal"] for key in ("author", "editor") for n in data.get(key, []) if "literal" in n]
    reference = fixes.reference(info.id, locale, csl.reference(info.path, locale, data, numbered), literals)
    if locator is None:
        in_text = "" if numbered else csl.cite(info.path, locale, data, None)
    elif numbered:
        in_text = locator.phrase(chinese)
    elif chinese:
        in_text = _insert(csl.cite(info.path, locale, data, None), locator.phrase(True))
    else:
        in_text = _spliced(info, locale, data, locator)
    in_text = fixes.in_text(info.id, locale, in_text)
    return Cited(info.id, info.form, reference, in_text, item.note(chinese))


def _spliced(info: StyleInfo, locale: str, data: dict[str, object], locator: Locator) -> str:
    """The in-text citation with page, section and paragraph, each labelled by the style's own
    terms: CSL takes one locator, so each is rendered alone (with a marker for its value) and the
    labelled pieces are joined."""
    from reader.citation import csl

    assert info.path is not None
    parts = [("page", locator.page)] if locator.page else []
    if locator.section:
        parts.append(("section", locator.section))
    parts.append(("paragraph", locator.paragraphs))
    bare = csl.cite(info.path, locale, data, None)
    pieces: list[str] = []
    head = tail = ""
    for label, value in parts:
        text = csl.cite(info.path, locale, data, (label, _MARK))
        at = text.find(_MARK)
        if at < 0:  # the style prints no locator of this kind
            continue
        start = min(_common_prefix(bare, text), at)
        pieces.append(text[start:at] + value)
        if not pieces[1:]:
            head, tail = text[:start], text[at + len(_MARK) :]
    if not pieces:
        return bare
    first, *rest = pieces
    return head + first + "".join(", " + p.lstrip(" ,") for p in rest) + tail


_MARK = "4817"  # a locator value no citation prints by itself


def _common_prefix(a: str, b: str) -> int:
    """The length of the common start of two strings."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    """The length of the common end of two strings."""
    return _common_prefix(a[::-1], b[::-1])


def _insert(text: str, phrase: str) -> str:
    """Put a locator phrase inside the closing bracket of a citation, or after it."""
    for close in (")", "）"):
        if text.endswith(close):
            return f"{text[:-1]}, {phrase}{close}"
    if text.endswith("."):
        return f"{text[:-1]}: {phrase}."
    return f"{text} {phrase}".strip()
