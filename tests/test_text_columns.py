"""Columns set side by side in a text file (``pdftotext -layout``): read column by column."""

from __future__ import annotations

from reader.pipeline.build import build_document

LEFT = [
    "Items to Note",
    "The first column opens with a",
    "paragraph that runs down the page",
    "and goes on for several lines of",
    "prose before it comes to its end.",
    "",
    "A second paragraph stands in the",
    "first column and ends here.",
]
RIGHT = [
    "The second column carries on with",
    "the text that a reader reads only",
    "after the first column is done, so",
    "its lines must not be interleaved",
    "with the lines of the first one.",
    "",
    "Its last paragraph is short too.",
    "",
]


def _two_columns() -> str:
    """A page of two prose columns side by side, a wide gutter of spaces between them."""
    return "\n".join(f"{a:<40}      {b}".rstrip() for a, b in zip(LEFT, RIGHT, strict=True)) + "\n"


def test_columns_side_by_side_are_read_one_after_the_other():
    doc = build_document(_two_columns().encode(), "paper-layout.txt", dictionary=False)
    texts = [b.text for b in doc.blocks]
    assert (
        "The first column opens with a paragraph that runs down the page and goes on for several lines of prose before it comes to its end."
        in texts
    )
    assert (
        "The second column carries on with the text that a reader reads only after the first column is done, so its lines must not be interleaved with the lines of the first one."
        in texts
    )
    first = texts.index("A second paragraph stands in the first column and ends here.")
    assert first < texts.index("Its last paragraph is short too.")


def test_a_short_aligned_table_in_running_text_is_not_taken_for_columns():
    prose = "This paragraph is ordinary running text that fills the line from one margin to the other.\n"
    table = "".join(f"  option-{k}            the value that option {k} takes\n" for k in range(3))
    text = prose * 12 + "\n" + table + "\n" + prose * 12
    doc = build_document(text.encode(), "notes.txt", dictionary=False)
    holder = next(b.text for b in doc.blocks if "option-0" in b.text)
    assert "option 0 takes" in holder  # each row of the table stays one row
