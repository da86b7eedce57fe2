"""Where citeproc-py 0.11 departs from the CSL 1.0.2 specification, put right (applied once, on the
first citation). Each correction is small, names the rule it restores, and is checked by the
expected-citation table (tests/test_citations_table.py); a style file could not fix these, since
the styles are right and the engine misreads them.

1. ``cs:label`` of an empty variable renders nothing (spec: "cs:label … is only rendered if the
   selected variable is non-empty"); citeproc-py printed a bare ``Edition.`` in every Chicago
   newspaper entry.
2. ``initialize="false"`` on ``cs:name`` keeps given names whole (spec, "Name-part Order" /
   ``initialize``); citeproc-py ignored it, so Chicago and MLA printed ``Caplan, P.`` for
   ``Caplan, Priscilla``.
3. ``disambiguate="true"`` tests true only when a cite needs disambiguating, which a lone cite
   never does; citeproc-py ignored the test and took the branch, so MLA put the title in every
   in-text citation (``(Boobier, AI and the Future of Banking, par. 2)``).
4. ``page-range-format="minimal-two"`` keeps at least two digits of the last page and never more
   than it has (``6-12`` stays ``6–12``); citeproc-py printed ``6–2``.
5. Title case capitalises each part of a hyphenated compound (``Acid-Producing``), as the CSL
   title-case rules and Chicago 8.161 do; citeproc-py only capitalised the first part.
6. A variable that stood in for a missing author (``cs:substitute``) is not printed again (spec:
   "Substituted variables are suppressed in the rest of the output"); citeproc-py suppressed it
   only when the substitute named the variable itself, not through a macro, so an unsigned
   article gave ``Different strokes. (2019, April 9). Different strokes.`` in APA.
"""

from __future__ import annotations

import re
from typing import Any, cast

_applied = False


def apply() -> None:
    """Install the corrections into citeproc-py's model (once)."""
    global _applied
    if _applied:
        return
    from citeproc import model

    _empty_labels(model)
    _initialize_false(model)
    _no_disambiguation(model)
    _minimal_two(model)
    _hyphenated_title_case(model)
    _substitutes_suppressed(model)
    _applied = True


def _empty_labels(model: Any) -> None:
    """1. A label of an empty (non-locator) variable renders nothing."""
    original = model.Label.process

    def process(self: Any, item: Any, variable: str | None = None, *args: Any, **kwargs: Any) -> Any:
        name = variable or self.get("variable")
        if name and name != "locator" and name.replace("-", "_") not in item.reference:
            return None
        return original(self, item, variable, *args, **kwargs)

    model.Label.process = process


def _initialize_false(model: Any) -> None:
    """2. ``initialize="false"``: given names stay whole."""
    original = model.Name.initialize

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        if self.get("initialize", "true").lower() == "false":
            return given
        return cast(str, original(self, given, mark, context))

    model.Name.initialize = initialize


def _no_disambiguation(model: Any) -> None:
    """3. ``disambiguate="true"`` is false for a lone cite."""
    original = model.If.render  # cs:else-if is a subclass

    def render(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        if self.get("disambiguate", "false").lower() == "true" and self.get("match", "all") != "none":
            others = set(self.attrib) - {"disambiguate", "match"}
            if self.get("match", "all") == "all" or not others:
                raise model.ConditionFailed
        return original(self, item, *args, **kwargs)

    model.If.render = render


def _minimal_two(model: Any) -> None:
    """4. Page ranges: never cut a last page below two digits or one longer than the first."""
    owners = [cls for cls in vars(model).values() if isinstance(cls, type) and "_format_last_page" in vars(cls)]
    for cls in owners:
        original = getattr(cls, "_format_last_page")  # noqa: B009 (a class found at run time)

        def format_last_page(self: Any, first: str, last: str, _original: Any = original) -> str:
            if len(first) != len(last):
                return last
            return cast(str, _original(self, first, last))

        setattr(cls, "_format_last_page", format_last_page)  # noqa: B010


_HYPHEN_PART_RE = re.compile(r"(?<=[A-Za-z])-([a-z][a-z]*)")


def _hyphenated_title_case(model: Any) -> None:
    """5. Title case reaches the parts of hyphenated compounds."""
    original = model.TextCased.case
    stop_words = set(model.TextCased._stop_words)

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        result = original(self, text, language)
        if self.get("text-case") == "title" and language == "en" and isinstance(result, str) and "-" in result:

            def up(m: re.Match[str]) -> str:
                part = m.group(1)
                return "-" + (part if part in stop_words else part[0].upper() + part[1:])

            result = model.String(_HYPHEN_PART_RE.sub(up, str(result)))
        return result

    model.TextCased.case = case


_rendering: list[list[str]] = []  # variables printed inside each cs:substitute being rendered


def _substitutes_suppressed(model: Any) -> None:
    """6. What a substitute printed (through a macro too) is not printed again."""
    variable = model.Text._variable
    substitute = model.Substitute.render

    def text_variable(self: Any, item: Any, context: Any) -> Any:
        text = variable(self, item, context)
        if _rendering and text:
            _rendering[-1].append(self.get("variable"))
        return text

    def substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        _rendering.append([])
        try:
            text = substitute(self, item, context=context, **kwargs)
        finally:
            printed = _rendering.pop()
        if text and context is not None:
            layout = context.get_layout()
            layout.repressed.setdefault(_TEXT_TAG, []).extend(printed)
        return text

    model.Text._variable = text_variable
    model.Substitute.render = substitute_render


_TEXT_TAG = "{http://purl.org/net/xbiblio/csl}text"
