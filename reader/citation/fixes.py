"""Post-steps on citeproc-py's output, where its text differs from the style's manual in ways no
style file can change (engine departures from the CSL specification are in ``engine``).

- Punctuation inside quotation marks (``“Title.”``) where the locale asks for it (American
  English: CSL locale option ``punctuation-in-quote``); citeproc-py does not implement the option.
- MLA 9 (5.93) leaves ``http://`` and ``https://`` out of URLs.
- Institutional and Chinese names (CSL ``literal`` names) are never upper-cased by a style's
  family-name formatting (GB/T 7714-2015 prints ``KANAMORI H`` but ``World Health Organization``);
  citeproc-py treats a literal name as a family name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PIQ_LOCALES = ("en-US",)
_QUOTE_PUNCT_RE = re.compile(r"”([.,])")
_MLA_URL_RE = re.compile(r"\bhttps?://")


def reference(style: str, locale: str, text: str, literals: Iterable[str] = ()) -> str:
    """Put a reference-list entry right."""
    text = _common(style, locale, text)
    for name in literals:
        upper = name.upper()
        if upper != name:
            text = text.replace(upper, name)
    return text


def in_text(style: str, locale: str, text: str) -> str:
    """Put an in-text citation (or a note) right."""
    return _common(style, locale, text)


def _common(style: str, locale: str, text: str) -> str:
    """The corrections shared by entries and in-text citations."""
    if locale in _PIQ_LOCALES:
        text = _QUOTE_PUNCT_RE.sub(r"\1”", text)
    if style.startswith("modern-language-association"):
        text = _MLA_URL_RE.sub("", text)
    return text
