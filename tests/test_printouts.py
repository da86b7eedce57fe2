"""Printouts read back by OCR: a browser's page furniture, a document's own furniture inside the
browser's pages, paragraphs the OCR ran together."""

from __future__ import annotations

import pytest

from reader.sources.printout import browser_line
from tests.conftest import build, reading

_BODY = [
    "The protocol was designed to be simple, and every packet it sends is",
    "acknowledged before the next one leaves the host that sends it.",
]


def _browser_pages() -> str:
    """Three browser pages of a plain-text memo: the browser's header (date and time) and footer
    (address and sheet counter) on each, the memo's own running head and foot mid-page, one
    paragraph crossing the memo's page break and another crossing the browser's."""
    pages = [
        ["21/03/15 9:41 AM", "", "Memo 42 Simple Transfer May 1990", "", *_BODY, "",
         "A transfer ends with a short packet, and the receiver", "",
         "Author [Page 1]", "", "Memo 42 Simple Transfer May 1990",
         "knows that the file is complete when the short packet arrives.", "",
         "http://www.example.org/memo42.txt Page 1 of 3"],
        ["21/03/15 9:41 AM", "", "Errors end the transfer, and an error packet is sent to the host",
         "that caused them.", "", "Author [Page 2]", "", "Memo 42 Simple Transfer May 1990", "",
         "Timeouts detect a lost error packet, so that the host which", "",
         "http://www.example.org/memo42.txt Page 2 of 3"],
        ["21/03/15 9:41 AM", "", "waits for an answer does not wait for ever.", "",
         "Author [Page 3]", "", "http://www.example.org/memo42.txt Page 3 of 3"],
    ]
    return "\f".join("\n".join(page) + "\n" for page in pages)


def test_a_browser_printouts_furniture_and_the_documents_own_both_leave_the_text():
    text = "\n".join(reading(build(_browser_pages(), "memo.txt")))
    for furniture in ("21/03/15", "example.org", "of 3", "[Page", "Memo 42 Simple Transfer"):
        assert furniture not in text


def test_paragraphs_join_across_both_layers_of_furniture():
    blocks = reading(build(_browser_pages(), "memo.txt"))
    assert "A transfer ends with a short packet, and the receiver knows that the file is complete" in "\n".join(blocks)
    assert any(b.startswith("Timeouts detect a lost error packet, so that the host which waits for an answer") for b in blocks)


def test_a_line_recurring_at_paragraph_starts_stays_when_it_never_stands_alone():
    # a refrain opening three stanzas is text: a running head glued to a paragraph also stands alone somewhere
    stanzas = [f"Verse 2 of the song\nwe sang it {n} times over" for n in ("two", "three", "four")]
    blocks = reading(build("\n\n".join(stanzas), "song.txt"))
    assert all(b.startswith("Verse 2 of the song") for b in blocks)


@pytest.mark.parametrize(
    "pieces",
    [
        ["Optical character recognition - Wikipedia, the free e...", "https://en.wikipedia.org/w/index.php?title=Optical_c..."],
        ["1 of 9 14/09/16 20:42"],
        ["1 of 9", "14/09/16 20:42"],
        ["29/06/14 5:20 PM"],
        ["http://www. ietf.org/rfc/rfc1350.txt Page 2 of 11"],
        ["9/14/2016, 8:42 PM", "Optical character recognition"],
        ["https://example.org/notes.html", "2/9"],
    ],
)
def test_a_browsers_margin_lines_are_known_by_their_shape(pieces):
    assert browser_line(pieces)


@pytest.mark.parametrize(
    "pieces",
    [
        ["Received 12/03/2016"],  # a dateline
        ["1", "https://github.com/example/project"],  # a footnote giving an address
        ["See https://example.org for more, accessed 12/03/2016"],
        ["March 9, 2006"],
        ["Figure 3/4"],
        ["Journal of Examples 12 (2016) 3-14"],
    ],
)
def test_the_documents_own_margin_lines_are_not_the_browsers(pieces):
    assert not browser_line(pieces)


def _definitions(lost: bool) -> str:
    """Three definitions set alike, each a quotation ending with its citation and a paragraph
    opening ``A breach of``; ``lost``: OCR dropped the blank line inside the last one."""
    parts = []
    for term in ("secrecy", "integrity", "availability"):
        quote = f'"Keeping {term} as the law requires of every office and\nevery officer who holds the records..." [12 Code, Sec. 301]'
        loss = f"A breach of {term} is the failure to keep it, whether by\naccident or by design, for a day or for longer."
        parts.append(f"{term.upper()}\n\n{quote}\n{loss}" if lost and term == "availability" else f"{term.upper()}\n\n{quote}\n\n{loss}")
    return "\n\n".join(parts) + "\n"


def test_a_paragraph_end_ocr_lost_is_restored_where_parallel_paragraphs_show_it():
    blocks = reading(build(_definitions(lost=True), "defs.txt"))
    assert blocks == reading(build(_definitions(lost=False), "defs.txt"))
    assert "A breach of availability is the failure to keep it, whether by accident or by design, for a day or for longer." in blocks


def test_a_sentence_ending_inside_a_paragraph_stays_without_a_parallel_ending():
    # ``A breach of`` opens paragraphs elsewhere, but no paragraph ends as this line does
    text = _definitions(lost=False) + (
        "The office keeps its records for ten years and reports each loss at once.\n"
        "A breach of this rule is reported too, and the report is kept with the records.\n"
    )
    blocks = reading(build(text, "defs.txt"))
    assert blocks[-1].startswith("The office keeps its records") and blocks[-1].endswith("kept with the records.")


def _headings(text: str) -> list[str]:
    return [b.text for b in build(text, "standard.txt").blocks if b.kind == "heading"]


_BODY_PARAGRAPH = (
    "Standards of this series are issued by the Institute after approval by the Secretary under\n"
    "the Act of 2002, and every agency applies them to its own systems.\n"
)


def test_a_title_set_on_three_short_lines_is_a_heading_after_a_dated_title():
    text = (
        "Processing Standards 301\nMarch 9, 2006\n\n"
        "Announcing the Standard for\nSafe Keeping of Records in\nFederal Offices and Their Systems\n\n"
        + _BODY_PARAGRAPH
    )
    assert "Announcing the Standard for Safe Keeping of Records in Federal Offices and Their Systems" in _headings(text)


def test_three_short_lines_in_sentence_case_are_no_heading():
    text = "A short note written out\non three lines by somebody who\nwas in a great hurry to leave the office\n\n" + _BODY_PARAGRAPH
    assert _headings(text) == []


def test_a_quotation_left_open_at_a_blank_line_goes_on_after_it():
    # OCR set a blank line inside a paragraph where the printed line spacing varied
    text = (
        "Three modes are supported: the first is ascii as defined in the standard, with\n"
        'the modifications specified in "Network Terminal\n\n'
        'Specification" (the second reference). Note that it is eight bit ascii.\n\n'
        "Reference four should be consulted for further directives on the protocol.\n"
    )
    blocks = reading(build(text, "memo.txt"))
    assert blocks[0].endswith('"Network Terminal Specification" (the second reference). Note that it is eight bit ascii.')
    assert len(blocks) == 2


def test_a_closed_quotation_before_a_blank_line_keeps_the_paragraph_end():
    text = (
        'The first section is headed "Network Terminal" in the draft\n\n'
        "Specification of the second part follows below, as the draft sets it out in full.\n"
    )
    assert len(reading(build(text, "memo.txt"))) == 2


def test_a_speck_at_a_lines_start_does_not_hide_a_paragraphs_short_last_line():
    # no blank lines between paragraphs: a short line after a sentence end ends one; OCR read dust
    # in the margin as ``_`` and the line must be measured without it
    lines = [
        "Errors cause termination of the connection, and an error is sent by",
        "the host that finds it; the other end of the connection may not get",
        "it at all, and therefore timeouts are used to detect such an ending.",
        "Only one error condition does not cause termination of the transfer",
        "_ at once. In that case, an error packet is sent to the nearest host.",
        "The protocol is very restrictive, in order to simplify the programs",
        "that implement it, and the lock step makes allocation straight forward.",
    ]
    blocks = reading(build("\n".join(lines) + "\n", "memo.txt"))
    assert blocks[-1].startswith("The protocol is very restrictive")
    assert len(blocks) == 2


def test_a_narrow_columns_first_line_going_on_in_lower_case_is_no_title():
    # a brochure's narrow column beside wide bulleted lines: its short first line is no title
    text = (
        "0 One or all of the tracks may be transposed at the touch of a key, and every track may be set to its own channel.\n"
        "0 Timing correction works during playback and operates without chopping notes, in every mode of play there is.\n\n"
        "To erase a wrong note, simply hold ERASE and press\n"
        "the note to be erased just before it plays in the\n"
        "sequence; when played back, it will be gone.\n"
    )
    blocks = reading(build(text, "brochure.txt"))
    assert blocks[-1] == (
        "To erase a wrong note, simply hold ERASE and press the note to be erased just before it plays in the "
        "sequence; when played back, it will be gone."
    )
