"""Conventions of licence texts: a centred title block, disclaimers boxed in asterisks."""

from __future__ import annotations

from reader.pipeline.build import build_document

BOXED = """\
5. Termination
--------------

5.1. The rights granted under this License will terminate automatically
if You fail to comply with any of its terms.

************************************************************************
*                                                                      *
*  6. Disclaimer of Warranty                                           *
*  -------------------------                                           *
*                                                                      *
*  Covered Software is provided under this License on an "as is"       *
*  basis, without warranty of any kind, either expressed, implied, or  *
*  statutory.                                                          *
*                                                                      *
************************************************************************

7. Limitation of Liability
--------------------------

Under no circumstances and under no legal theory shall any party be liable.
"""

TABLE = """\
The packet looks like this:

          ---------------------------------------------------
         |  Local Medium  |  Internet  |  Datagram  |  TFTP  |
          ---------------------------------------------------

and nothing else is sent.
"""


def _doc(text: str):
    return build_document(text.encode(), "licence.txt", dictionary=False)


def test_a_boxed_disclaimer_reads_as_a_section_without_its_frame():
    doc = _doc(BOXED)
    assert [s.number for s in doc.sections] == ["5", "6", "7"]
    paragraph = next(b for b in doc.blocks if b.text.startswith("Covered Software"))
    assert paragraph.text.endswith("implied, or statutory.") and "*" not in paragraph.text
    start = paragraph.source.start
    assert BOXED[start : start + 16] == "Covered Software"  # the span still points into the file


def test_a_table_framed_with_bars_keeps_its_lines():
    doc = _doc(TABLE)
    table = next(b for b in doc.blocks if "Local Medium" in b.text)
    assert table.kind == "preformatted" and "|  Local Medium  |" in table.text


def test_a_centred_title_block_is_the_documents_title_not_code():
    text = (
        "\n                                 Apache License\n                           Version 2.0, January 2004\n"
        "                        http://www.apache.org/licenses/\n\n"
        "   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n\n   1. Definitions.\n\n"
        '      "License" shall mean the terms and conditions for use, reproduction,\n'
        "      and distribution as defined by Sections 1 through 9 of this document.\n\n"
        "   2. Grant of Copyright License. Subject to the terms and conditions of\n"
        "      this License, each Contributor hereby grants to You a perpetual.\n"
    )
    doc = _doc(text)
    assert doc.sections[0].title == "Apache License"
    assert not any(b.kind == "preformatted" for b in doc.blocks)


NUMBERED_PARAGRAPHS = """\
                  GNU LESSER GENERAL PUBLIC LICENSE
   TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND MODIFICATION

  0. This License Agreement applies to any software library or other
program which contains a notice placed by the copyright holder or
other authorized party saying it may be distributed under the terms of
this Lesser General Public License (also called "this License").

  1. You may copy and distribute verbatim copies of the Library's
complete source code as you receive it, in any medium, provided that
you meet all of these conditions:

      (a) You must give any other recipients of the Work or
          Derivative Works a copy of this License; and

      (b) You must cause any modified files to carry prominent notices
          stating that You changed the files.
"""


def test_a_lettered_item_with_a_hanging_indent_is_an_item_not_preformatted():
    doc = _doc(NUMBERED_PARAGRAPHS)
    item = next(b for b in doc.blocks if b.text.startswith("(a) You must give"))
    assert item.kind == "item" and item.text.endswith("a copy of this License; and")


UNDERLINED = """\
Mozilla Public License Version 2.0
==================================

1. Definitions
--------------

1.1. "Contributor"
    means each individual or legal entity that creates, contributes to
    the creation of, or owns Covered Software.

2. Inability to Comply Due to Statute or Regulation
---------------------------------------------------

If it is impossible for You to comply with any of the terms of this
License, then You must comply with the terms of this License to the
maximum extent possible.
"""


def test_underlined_titles_are_headings_and_their_rules_leave_the_text():
    doc = _doc(UNDERLINED)
    heads = [(b.heading.number, b.heading.title) for b in doc.blocks if b.heading is not None]
    assert heads[0] == (None, "Mozilla Public License Version 2.0")
    assert ("2", "Inability to Comply Due to Statute or Regulation") in heads
    reading = "\\n".join(b.text for b in doc.blocks if b.kind != "furniture")
    assert "---" not in reading and "===" not in reading


CLOSING = """\
                    GNU GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

  7. Everyone is permitted to copy and distribute verbatim copies of this
license document, but changing it is not allowed.

                     END OF TERMS AND CONDITIONS

            How to Apply These Terms to Your New Programs

  If you develop a new program, and you want it to be of the greatest
possible use to the public, the best way to achieve this is to make it
free software which everyone can redistribute and change.
"""


def test_a_title_after_a_blank_line_is_no_subtitle_of_the_title_above():
    doc = _doc(CLOSING)
    titles = [b.heading.title for b in doc.blocks if b.heading is not None and b.heading.number is None]
    assert "How to Apply These Terms to Your New Programs" in titles
    assert "Version 3, 29 June 2007" not in titles  # set right under its title: a subtitle


def _pages(first_lines: list[str]) -> str:
    body = "This paragraph says something about the terms of the licence and\nends here with a full stop.\n"
    return "\f\n".join(f"{head}\n\n{body}\n{body}" for head in first_lines)


def test_a_title_restated_on_one_later_page_is_no_running_head():
    text = _pages(["GNU LESSER GENERAL PUBLIC LICENSE", "GNU LESSER GENERAL PUBLIC LICENSE", "Preamble", "Terms", "NO WARRANTY"])
    doc = _doc(text)
    assert not any(b.kind == "furniture" and "LESSER" in b.text for b in doc.blocks)


def test_a_head_on_most_pages_is_a_running_head():
    text = _pages(["RFC 9999   Example   May 2020"] * 5)
    doc = _doc(text)
    assert all(b.kind == "furniture" for b in doc.blocks if "RFC 9999" in b.text)


TYPEWRITTEN = """\
  The licenses for most software are designed to take away your
freedom to share and change it.  We protect your rights with two
steps: (1) copyright the software, and
(2) offer you this license which gives you legal permission to copy.

  0. This License applies to any program or other work which contains
a notice placed by the copyright holder saying it may be distributed
under the terms of this General Public License.

  1. You may copy and distribute verbatim copies of the Program's
source code as you receive it, in any medium.

  2. BECAUSE THE PROGRAM IS LICENSED FREE OF CHARGE, THERE IS NO WARRANTY
FOR THE PROGRAM, TO THE EXTENT PERMITTED BY APPLICABLE LAW.
"""


def test_numbered_paragraphs_indented_like_every_paragraph_stay_whole_and_are_no_sections():
    """The FSF's typewritten layout (GPL-2, LGPL-2.1): each paragraph's first line is set in two
    columns, numbered ones too; the number opens a paragraph, not a list item or a section."""
    doc = _doc(TYPEWRITTEN)
    texts = [b.text for b in doc.blocks]
    assert any(t.startswith("0. This License applies") and t.endswith("General Public License.") for t in texts)
    assert any(t.startswith("2. BECAUSE THE PROGRAM") and t.endswith("APPLICABLE LAW.") for t in texts)
    assert not [s.number for s in doc.sections if s.number]


def test_an_enumeration_wrapped_inside_a_sentence_opens_no_item():
    doc = _doc(TYPEWRITTEN)
    first = doc.blocks[0].text
    assert "(1) copyright the software, and (2) offer you" in first
    assert first.endswith("legal permission to copy.")


def test_an_item_after_a_finished_sentence_still_starts_a_block():
    doc = _doc("Two steps are needed, in order:\n(1) copyright the software, and then\n(2) offer you this license.\n")
    assert [b.text[:3] for b in doc.blocks] == ["Two", "(1)", "(2)"]


DISPLAY = """\
If the program is interactive, make it output a short notice like this
when it starts in an interactive mode:

    Gnomovision version 69, Copyright (C) year name of author
    Gnomovision comes with ABSOLUTELY NO WARRANTY; for details type `show w'.
    This is free software, and you are welcome to redistribute it
    under certain conditions; type `show c' for details.

The hypothetical commands `show w' and `show c' should show the appropriate
parts of the General Public License.  As the preamble puts it:

    When we speak of free software, we are referring to freedom, not
    price.  Our General Public Licenses are designed to make sure that you
    have the freedom to distribute copies of free software (and charge for
    them if you wish).
"""


def test_a_sample_set_out_after_a_colon_keeps_its_lines_and_a_quoted_paragraph_does_not():
    doc = _doc(DISPLAY)
    sample = next(b for b in doc.blocks if b.text.startswith("Gnomovision version 69"))
    assert sample.kind == "preformatted" and len(sample.text.split("\n")) == 4
    quoted = next(b for b in doc.blocks if "When we speak of free software" in b.text)
    assert quoted.kind != "preformatted" and quoted.text.endswith("(and charge for them if you wish).")
