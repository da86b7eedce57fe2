"""A paragraph cut by a page's footnotes and page break is joined to its other half."""

from __future__ import annotations

from reader.pipeline.build import build_document

HEAD = (
    "The committee reviewed the reports that reached it during the year, and it found that the\n"
    "platform lets a consumer deploy onto the shared machines the programs it wrote with the\n"
)
NOTES = "\n1 Typically this is paid for by the hour.\n2 A shared machine is one that several consumers use.\n"
TAIL = "languages and tools the provider supports. The consumer does not manage the machines.\n"


def test_a_paragraph_runs_on_past_the_footnotes_at_its_pages_foot():
    text = HEAD + NOTES + "\n7\n\f" + TAIL
    doc = build_document(text.encode(), "report.txt", dictionary=False)
    texts = [b.text for b in doc.blocks]
    whole = next(t for t in texts if t.startswith("The committee reviewed"))
    assert "the programs it wrote with the languages and tools the provider supports." in whole
    assert any(t.startswith("1 Typically") for t in texts)
    assert texts.index(whole) < next(i for i, t in enumerate(texts) if t.startswith("1 Typically"))


def test_notes_the_extractor_put_at_the_next_pages_top_are_passed_too():
    text = HEAD + "\f" + NOTES.lstrip("\n") + "\n" + TAIL
    doc = build_document(text.encode(), "report.txt", dictionary=False)
    assert any(b.text.startswith("The committee reviewed") and "languages and tools" in b.text for b in doc.blocks)


def test_a_new_sentence_on_the_next_page_is_a_new_paragraph():
    text = HEAD + NOTES + "\f" + "Languages and tools are the provider's. The consumer does not manage the machines.\n"
    doc = build_document(text.encode(), "report.txt", dictionary=False)
    assert not any(b.text.startswith("The committee reviewed") and "Languages and tools" in b.text for b in doc.blocks)
