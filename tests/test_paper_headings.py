"""Unnumbered headings of extracted papers and reports, the type size lost: set as titles."""

from __future__ import annotations

from reader.pipeline.build import build_document

PARA = (
    "A paragraph of the instructions runs over several lines\n"
    "of the column, each of them about as long as the rest,\n"
    "and it ends with a full stop on its last line here.\n"
)


def test_a_title_wrapped_over_two_lines_right_above_its_body_is_a_heading():
    text = PARA + "\nCloser Connection of a Person to a Foreign\nCountry\nEven if you would otherwise meet the\ntest, you can be treated as a visitor if you:\n" + "\n" + PARA
    doc = build_document(text.encode(), "instructions.txt", dictionary=False)
    titles = [s.title for s in doc.sections]
    assert "Closer Connection of a Person to a Foreign Country" in titles
    assert any(b.text.startswith("Even if you would otherwise meet the test") for b in doc.blocks)


def test_a_long_title_line_going_on_in_a_capitalised_line_stays_one_title():
    text = (
        PARA
        + "\nStandard Publication 200: Minimum Requirements for Federal Information and Information\nSystems.\n\n"
        + PARA
    )
    doc = build_document(text.encode(), "standard.txt", dictionary=False)
    assert any("Information and Information Systems." in b.text for b in doc.blocks)


def test_a_paragraph_opening_with_capitalised_words_is_not_a_heading():
    text = PARA + "\nExcept for Confidential Business Matters\nInformation (CBI) as described in the next\nparagraph, all comments will be posted.\n\n" + PARA
    doc = build_document(text.encode(), "register.txt", dictionary=False)
    assert not any(s.title.startswith("Except for") for s in doc.sections)
    assert any(b.text.startswith("Except for Confidential Business Matters Information (CBI)") for b in doc.blocks)


def test_a_title_cut_by_a_blank_line_after_a_small_word_is_one_title():
    text = PARA + "\nResident Alien or\n\nNonresident Alien\nIf you are not a citizen, other rules apply\nto you, and they are set out below.\n\n" + PARA
    doc = build_document(text.encode(), "instructions.txt", dictionary=False)
    assert "Resident Alien or Nonresident Alien" in [s.title for s in doc.sections]


def test_a_line_ending_on_a_small_word_before_a_title_is_not_joined_to_it():
    text = PARA + "\nThe most helpful comments reference a specific portion of the\n\nBackground\nOn a day in October an airliner of the fleet\ntook off from the airport by the sea.\n\n" + PARA
    doc = build_document(text.encode(), "register.txt", dictionary=False)
    assert "Background" in [s.title for s in doc.sections]


def test_section_numbers_set_apart_from_their_titles_by_a_tab_are_headings():
    text = "1.    Introduction\n\n1.1   Authority\n\n" + PARA + "\n1.2   Purpose and Scope\n\n" + PARA
    doc = build_document(text.encode(), "standard.txt", dictionary=False)
    assert [(s.number, s.title) for s in doc.sections if s.number] == [
        ("1", "Introduction"),
        ("1.1", "Authority"),
        ("1.2", "Purpose and Scope"),
    ]


def test_a_contents_page_with_leaders_is_not_taken_for_headings():
    contents = "".join(f"{n}.{k}  Entry number {k} of part {n}....................{n}-{k}\n" for n in (3, 4) for k in (1, 2))
    text = "Table of Contents\n\n" + contents + "\n1.    Introduction\n\n" + PARA
    doc = build_document(text.encode(), "standard.txt", dictionary=False)
    assert [s.number for s in doc.sections if s.number] == ["1"]


def test_a_short_line_of_a_sentence_going_on_in_lower_case_is_no_title():
    text = PARA + "\nThe data from the flight data\nrecorders, as summarised in the reports, showed\nthe same fault on both flights.\n\n" + PARA
    doc = build_document(text.encode(), "register.txt", dictionary=False)
    assert not any(s.title.startswith("The data") for s in doc.sections)
    assert any(b.text.startswith("The data from the flight data recorders, as summarised") for b in doc.blocks)


def test_numbers_a_contents_page_set_apart_from_their_titles_are_no_heading():
    text = "Contents\n\n4.1\n4.2\n\n4.3\n4.4\n4.5\n\nIdentify Needs ........ 4-1\nDesign the Solution ........ 4-2\n\n" + PARA
    doc = build_document(text.encode(), "standard.txt", dictionary=False)
    assert not any(s.number and s.number.startswith("4.") for s in doc.sections)


def test_a_section_number_after_a_footnote_mark_opens_its_section():
    text = (
        "2.\n\nStorage Security Overview\n\n" + PARA.replace("last line here.", "last line here. 2")
        + "2.1\n\nFile Storage Basics\n\n" + PARA
    )
    doc = build_document(text.encode(), "standard.txt", dictionary=False)
    assert ("2.1", "File Storage Basics") in [(s.number, s.title) for s in doc.sections]


def test_a_numbered_contents_entry_with_leaders_is_not_a_heading():
    text = "Table of Contents\n\n3.3.3 Use Case 3: Sharing Data with a Contractor..........................3-8\n\n" + PARA
    doc = build_document(text.encode(), "standard.txt", dictionary=False)
    assert not any(s.number == "3.3.3" for s in doc.sections)


def test_a_title_opening_the_next_page_is_its_own_heading():
    text = "Contents\n\nTable 3-1. Characteristics ........ 3-7\n\nList of Tables\n\n iv\n\fExecutive Summary\n\n" + PARA
    doc = build_document(text.encode(), "standard.txt", dictionary=False)
    assert "Executive Summary" in [s.title for s in doc.sections]
