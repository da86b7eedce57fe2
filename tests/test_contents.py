"""A table of contents: its entries are list lines, the title naming it is a heading."""

from __future__ import annotations

from reader.pipeline.blocks import RawBlock
from reader.pipeline.contents import mark_contents
from reader.pipeline.headings import candidate


def _marked(texts: list[str]) -> list[str | None]:
    blocks = [RawBlock("paragraph", t, 0, len(t), standalone=True) for t in texts]
    found = [candidate(b, cjk=False) for b in blocks]
    mark_contents(blocks, found)
    return [None if f is None else f.title for f in found]


_BODY = "Early machines read one typeface at a time, and were trained with images of each character."


def test_a_titled_contents_list_is_no_run_of_headings_and_its_title_is_a_heading():
    found = _marked(["Contents", "1 History", "1.1 Blind and visually impaired users 2 Applications", "3 Types", "4Techniques", "History", _BODY])
    assert found[0] == "Contents"
    assert found[1:5] == [None, None, None, None]


def test_an_untitled_list_whose_titles_recur_later_is_a_contents_list():
    found = _marked(["1. Scope", "2. Terms", "3. Methods", "Scope", _BODY, "Terms", _BODY, "Methods", _BODY])
    assert found[:3] == [None, None, None]


def test_numbered_sections_with_text_under_them_stay_headings():
    found = _marked(["1. Scope", _BODY, "2. Terms", _BODY, "3. Methods", _BODY])
    assert found[0::2] == ["Scope", "Terms", "Methods"]
