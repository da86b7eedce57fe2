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
