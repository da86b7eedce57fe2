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


def test_a_clause_cut_by_an_extractors_blank_line_runs_on():
    para = (
        "A paragraph of the notice runs over several lines of the column, each of\n"
        "them about as long as the others, and it ends with a full stop here.\n\n"
    )
    text = para * 4 + (
        "The agency invites you to take part in\n\nthis rulemaking by sending written comments about the proposal.\n\n"
        "The data from the flight data\n\nrecorders, as summarised in the reports, showed the same fault.\n"
    )
    doc = build_document(text.encode(), "register.txt", dictionary=False)
    texts = [b.text for b in doc.blocks]
    assert "The agency invites you to take part in this rulemaking by sending written comments about the proposal." in texts
    assert "The data from the flight data recorders, as summarised in the reports, showed the same fault." in texts


def test_a_word_broken_at_a_page_end_is_joined_across_the_page():
    text = (
        "The flight took off from the airport named after its founders, Soekarno-\n\f"
        "Hatta, and climbed away over the sea before the crew saw the first warning.\n"
    )
    doc = build_document(text.encode(), "register.txt", dictionary=False)
    assert any("Soekarno-Hatta, and climbed" in b.text for b in doc.blocks)
