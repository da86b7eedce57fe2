"""Notes and lists of extracted papers and reports: footnotes numbered in sequence."""

from __future__ import annotations

from reader.pipeline.build import build_document

TEXT = (
    "The body of the page runs on for a few lines of ordinary prose, long enough to\n"
    "set the measure of the column and to show how the lines of a paragraph wrap.\n"
    "It ends here, and the notes follow at the foot of the page.\n"
    "\n"
    "1  This report covers the devices that people carry; the servers and the backup\n"
    "tapes of a firm, its archives and its shared disks, are left to another report.\n"
    "2  Security of storage is one part of the whole, which covers networks and hosts\n"
    "as well, and how the data may be used once it is read.\n"
)


def test_footnotes_numbered_in_sequence_are_separate_paragraphs():
    doc = build_document(TEXT.encode(), "notes.txt", dictionary=False)
    holder = next(b for b in doc.blocks if "backup" in b.text)
    assert "Security of storage" not in holder.text
    assert any(b.text.startswith("2") and "Security of storage" in b.text for b in doc.blocks)


def test_a_number_that_is_not_the_next_note_does_not_split_a_paragraph():
    text = TEXT.replace("2  Security", "7  Security")
    doc = build_document(text.encode(), "notes.txt", dictionary=False)
    holder = next(b for b in doc.blocks if "backup" in b.text)
    assert "Security of storage" in holder.text
