"""Conventions of RFCs in plain text: a centred title over flush-left headings, figure captions,
justified list items, packet diagrams with column heads over a rule."""

from __future__ import annotations

from reader.pipeline.build import build_document

HEAD = """\
Network Working Group                                          R. Rivest
Request for Comments: 1321              MIT Laboratory for Computer Science
                                                              April 1992


                     The MD5 Message-Digest Algorithm

Status of this Memo

   This memo provides information for the Internet community.  It does
   not specify an Internet standard.  Distribution of this memo is
   unlimited.

Acknowlegements

   We would like to thank Don Coppersmith, Burt Kaliski, Ralph Merkle,
   and Noam Shazeer for numerous helpful comments and suggestions.
"""

STEPS = """\
   As an example, the following shows the steps used to establish a
   connection to write a file.

      1. Host A sends  a  "WRQ"  to  host  B  with  source=  A's  TID,
         destination= 69.

      2. Host  B  sends  a "ACK" (with block number= 0) to host A with
         source= B's TID, destination= A's TID.

   At this point the connection has been established and the first data
   packet can be sent by Host A with a sequence number of 1.

                   2 bytes     2 bytes      n bytes
                   ----------------------------------
                  | Opcode |   Block #  |   Data     |
                   ----------------------------------

                        Figure 5-2: DATA packet

   Data is actually transferred in DATA packets depicted in Figure 5-2.
"""


def _doc(text: str):
    return build_document(text.encode(), "rfc.txt", dictionary=False)


def test_a_flush_left_heading_is_not_a_subtitle_of_the_centred_title():
    titles = [s.title for s in _doc(HEAD).sections]
    assert titles[:3] == ["The MD5 Message-Digest Algorithm", "Status of this Memo", "Acknowlegements"]


def test_a_justified_item_keeps_its_second_line_and_a_diagram_its_column_heads():
    doc = _doc(STEPS)
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert [" ".join(t.split()) for t in items] == [
        "1. Host A sends a \"WRQ\" to host B with source= A's TID, destination= 69.",
        "2. Host B sends a \"ACK\" (with block number= 0) to host A with source= B's TID, destination= A's TID.",
    ]
    diagram = next(b for b in doc.blocks if "Opcode" in b.text)
    assert diagram.kind == "preformatted" and diagram.text.lstrip().startswith("2 bytes")
    assert not doc.sections, "a caption or a diagram's column heads are no headings"


BULLETS_AND_ABNF = """\
   Opcode:  4 bits

      Defines the interpretation of the "Payload data".  The following
      values are defined.

      *  %x0 denotes a continuation frame

      *  %x1 denotes a text frame

      *  %x2 denotes a binary frame

   The framing is defined by the following ABNF.  It is important to note
   that the representation of this data is binary, not ASCII characters.

    frame-fin               = %x0 ; more frames of this message follow
                            / %x1 ; final frame of this message
                                  ; 1 bit in length

    frame-rsv1              = %x0 / %x1
                              ; 1 bit in length, MUST be 0 unless
                              ; negotiated otherwise
"""


def test_bullets_whose_text_lines_up_are_items_not_a_table():
    from reader.pipeline.build import build_document

    doc = build_document(BULLETS_AND_ABNF.encode(), "rfc.txt", dictionary=False)
    items = [b.text for b in doc.blocks if b.kind == "item"]
    assert items[:3] == ["*  %x0 denotes a continuation frame", "*  %x1 denotes a text frame", "*  %x2 denotes a binary frame"]


def test_a_grammar_rule_hung_under_its_equals_sign_keeps_its_lines():
    from reader.pipeline.build import build_document

    doc = build_document(BULLETS_AND_ABNF.encode(), "rfc.txt", dictionary=False)
    rule = next(b for b in doc.blocks if "frame-fin" in b.text)
    assert rule.kind == "preformatted"
    assert rule.text.split("\n")[:3] == [
        "frame-fin               = %x0 ; more frames of this message follow",
        "                        / %x1 ; final frame of this message",
        "                              ; 1 bit in length",
    ]
