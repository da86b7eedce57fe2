"""Conventions of books (Project Gutenberg plain text): chapter and letter headings, signatures."""

from __future__ import annotations

from reader.pipeline.build import build_document

LETTERS = "\n\n\n".join(
    f"Letter {n}\n\n_To Mrs. Saville, England._\n\nI write a few lines in haste to say that I am safe and\n"
    "well advanced on my voyage.\n\nYour affectionate brother,\n\nR. Walton"
    for n in range(1, 5)
)


def _outline(text: str) -> list[tuple[str, str | None, str]]:
    doc = build_document(text.encode(), "book.txt", dictionary=False)
    return [(s.number, s.label, s.title) for s in doc.sections]


def test_numbered_letters_are_headings_not_running_heads():
    """``Letter 1`` … ``Letter 4`` recur with a rising number, as a folio would: they are headings."""
    assert [number for number, _, _ in _outline(LETTERS)] == ["1", "2", "3", "4"]


def test_a_signature_with_an_initial_is_no_lettered_heading():
    doc = build_document(LETTERS.encode(), "book.txt", dictionary=False)
    assert not any(b.heading for b in doc.blocks if b.text == "R. Walton")


def test_a_bracket_closing_an_illustration_is_no_chapter_title():
    text = (
        "[Illustration: PRIDE AND PREJUDICE\n\n\nChapter I.]\n\n\nIt is a truth universally acknowledged.\n\n\n"
        "CHAPTER II.\n\n\nMr. Bennet was among the earliest of those who waited on Mr. Bingley.\n\n\n"
        "CHAPTER III.\n\n\nNot all that Mrs. Bennet, however, could ask on the subject.\n"
    )
    assert _outline(text) == [("1", "Chapter I.", ""), ("2", "CHAPTER II.", ""), ("3", "CHAPTER III.", "")]


INSERTION = """\
Mrs. Bennet was quite disconcerted. She began to fear that he might
always be flying about from one place to another. Lady Lucas quieted her
fears a little by starting the idea of his

[Illustration:

     “When the Party entered”

[_Copyright 1894 by George Allen._]]

being gone to London only to get a large party for the ball; and a
report soon followed that Mr. Bingley was to bring twelve ladies.

Mr. Bingley was good-looking and gentlemanlike.
"""


def test_a_paragraph_goes_on_after_an_illustration_set_in_its_middle():
    from reader.pipeline.build import build_document

    doc = build_document(INSERTION.encode(), "book.txt", dictionary=False)
    texts = [b.text for b in doc.blocks if b.kind != "furniture"]
    joined = next(t for t in texts if t.startswith("Mrs. Bennet"))
    assert "starting the idea of his being gone to London" in joined
    assert any("When the Party entered" in t for t in texts)
    assert any(t.startswith("Mr. Bingley was good-looking") for t in texts)


def test_a_title_with_its_alternative_title_below_is_the_books_heading():
    text = "Moby-Dick;\n\nor, The Whale\n\nby Herman Melville\n\n\nCHAPTER 1.\n\nCall me Ishmael. Some years ago, never mind how long precisely, I went\nto sea.\n"
    doc = build_document(text.encode(), "book.txt", dictionary=False)
    assert any(b.heading is not None and b.heading.title.startswith("Moby-Dick") for b in doc.blocks)


def test_a_line_ending_with_a_semicolon_is_no_title_without_an_alternative_below():
    text = "He paused;\n\nthen he went on, slowly, as if to himself, and said nothing more.\n"
    doc = build_document(text.encode(), "book.txt", dictionary=False)
    assert not any(b.heading is not None for b in doc.blocks)
