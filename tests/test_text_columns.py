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


def _two_columns(word: str = "") -> str:
    """A page of two prose columns side by side, a wide gutter of spaces between them (``word``
    in place of the columns' first and last words, to tell pages apart)."""
    lines = "\n".join(f"{a:<40}      {b}".rstrip() for a, b in zip(LEFT, RIGHT, strict=True)) + "\n"
    if not word:
        return lines
    return lines.replace("Items", word.title()).replace("The ", f"{word.title()} ").replace("short", word)


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


def test_the_foot_line_under_the_columns_stays_at_the_page_edge():
    foot = f"{'Annual Report of the Committee':<46}-{{n}}-\n"
    text = "\f".join(_two_columns(word).rstrip("\n") + "\n" + foot.replace("{n}", str(n)) for n, word in ((3, "alpha"), (4, "beta"), (5, "gamma")))
    doc = build_document(text.encode(), "paper-layout.txt", dictionary=False)
    reading = [b.text for b in doc.blocks if b.kind != "furniture"]
    assert not any("-4-" in t or "Annual Report" in t for t in reading)
    assert "Its last paragraph is beta too." in reading


def test_a_page_that_is_one_table_keeps_its_rows():
    rows = "".join(f"Item {k:<10}      {k * 3:>6}      {k * 7:>6} kg      ok\n" for k in range(1, 30))
    doc = build_document(("Table 1. Stock\n\n" + rows).encode(), "stock-layout.txt", dictionary=False)
    holder = next(b.text for b in doc.blocks if "Item 5 " in b.text)
    assert "35 kg" in holder  # the row stays whole: cells are not read as columns of prose
