"""Page images and scanned PDFs, read through OCR: what the source makes of the engine's lines.

The engine here is the stand-in of ``ocr_fakes`` (the drawn lines, read back perfectly unless a
test makes it misread), so these tests are about geometry, repairs, doubt, the cache, the
command line and the background pages; ``test_ocr_engine`` runs the real engine.
"""

from __future__ import annotations

import io
import json
import re

import pytest

from reader.cli import main
from reader.opening import Indexer
from reader.pipeline.build import build_document
from reader.source import Input
from reader.sources.image_magic import image_kind
from tests import ocr_fakes
from tests.gold import doc_starts, f1, paragraph_starts
from tests.page_images import (
    PageBlock,
    cjk_fonts,
    english_blocks,
    english_page,
    image_pdf,
    latin_fonts,
    newspaper_page,
    sample_blocks,
)

needs_cjk = pytest.mark.skipif(cjk_fonts() is None, reason="the Chinese fonts (fonts-arphic-uming, fonts-wqy-microhei) are not installed")
needs_latin = pytest.mark.skipif(latin_fonts() is None, reason="the DejaVu fonts are not installed")
_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without whitespace."""
    return _WS.sub("", text)


@pytest.fixture(scope="module")
def chinese_page():
    """A four-column Chinese newspaper page of the bundled sample's text (rendered once)."""
    if cjk_fonts() is None:
        pytest.skip("the Chinese fonts are not installed")
    return newspaper_page(sample_blocks(), columns=4, body=20, chars=16)


@pytest.fixture(scope="module")
def english():
    """An English page in two columns (rendered once)."""
    if latin_fonts() is None:
        pytest.skip("the DejaVu fonts are not installed")
    return english_page(english_blocks()[:9], columns=2, body=20, ems=20)


@pytest.fixture
def fake_engine(monkeypatch):
    """The stand-in engine in the image source's place."""
    ocr_fakes.install(monkeypatch)
    return ocr_fakes


def reading_texts(doc) -> list[str]:
    """The reading blocks' texts."""
    return [b.text for b in doc.blocks if b.is_reading]


def test_page_images_are_told_by_their_first_bytes():
    assert image_kind(b"\x89PNG\r\n\x1a\n....") == "png"
    assert image_kind(b"\xff\xd8\xff\xe0") == "jpeg"
    assert image_kind(b"II*\x00....") == "tiff" and image_kind(b"MM\x00*") == "tiff"
    assert image_kind(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert image_kind(b"%PDF-1.7") is None and image_kind("纯文本".encode()) is None


def test_without_the_extra_an_image_or_a_scan_gets_one_line_naming_it(tmp_path, monkeypatch, capsys, english):
    import reader.sources.ocr_engine as engine

    monkeypatch.setattr(engine, "available", lambda: False)
    png = tmp_path / "page.png"
    png.write_bytes(english.png())
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf([english.image]))
    for path in (png, scan):
        assert main(["reflow", str(path)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("reader: ") and "pip install 'ocr-reader-tui[ocr]'" in err[0], err


def test_a_damaged_image_is_one_line(tmp_path, capsys, fake_engine):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    assert main(["reflow", str(path)]) == 2
    assert capsys.readouterr().err.strip() == f"reader: {path} is a damaged image (it cannot be decoded)"


@needs_cjk
def test_a_chinese_newspaper_page_reads_column_by_column_with_its_paragraphs(chinese_page, fake_engine):
    fake_engine.register(chinese_page)
    doc = build_document(chinese_page.png(), "page.png")
    blocks = [b for b in chinese_page.blocks if b.kind != "furniture"]
    assert squeeze("".join(reading_texts(doc))) == squeeze("".join(b.text for b in blocks))
    inline = {i + 1 for i, b in enumerate(blocks) if b.inline}  # (三) heads: their body's start not counted
    assert f1(doc_starts(doc), paragraph_starts([b.text for b in blocks], inline)) == 1.0
    jump = [b for b in doc.blocks if b.role == "continued-from"]
    assert jump and jump[0].page == "02"  # ▲上接02版 is metadata, not text


@needs_latin
def test_an_english_two_column_page_reads_left_column_first(english, fake_engine):
    fake_engine.register(english)
    doc = build_document(english.png(), "page.png")
    texts = reading_texts(doc)
    assert texts[0] == "Chapter I" and doc.blocks[0].kind == "heading"
    gold = [b.text for b in english.blocks]
    assert [_WS.sub(" ", t) for t in texts] == gold


@needs_latin
def test_a_page_turned_sideways_is_read_upright(english, fake_engine, monkeypatch):
    # the stand-in reads the upright page; what is tested is that nothing is lost on the way
    fake_engine.register(english)
    doc = build_document(english.png(), "page.png")
    assert len(reading_texts(doc)) == len(english.blocks)


@needs_cjk
def test_ocr_confusions_are_repaired_and_the_recognised_text_kept(chinese_page, fake_engine):
    line = next(k for k, ln in enumerate(chinese_page.printed) if len(ln.text) >= 12 and ln.text[3].isalpha())
    text = chinese_page.printed[line].text
    misread = text[:3] + "l+N" + text[6:]
    fake_engine.register(chinese_page, {line: (misread, 0.99)})
    doc = build_document(chinese_page.png(), "page.png")
    block = next(b for b in doc.blocks if "1+N" in b.text)
    assert "l+N" not in block.text
    assert "l+N" in block.printed_text() and len(block.printed_text()) == len(block.text)


@needs_cjk
def test_half_width_punctuation_read_in_chinese_is_printed_full_width(chinese_page, fake_engine):
    line = next(k for k, ln in enumerate(chinese_page.printed) if "，" in ln.text[1:])
    text = chinese_page.printed[line].text
    comma = text.index("，", 1)
    misread = text[:comma] + "," + text[comma + 1 :]
    fake_engine.register(chinese_page, {line: (misread, 0.99)})
    doc = build_document(chinese_page.png(), "page.png")
    around = text[comma - 2 : comma + 3]
    block = next((b for b in doc.blocks if around in b.text), None)
    assert block is not None  # the comma is full-width in the reading text…
    assert misread[comma - 2 : comma + 3] in block.printed_text()  # …and as recognised in the printed


@needs_cjk
def test_doubtful_characters_are_marked_on_their_block(chinese_page, fake_engine, tmp_path, capsys):
    line = 5
    text = chinese_page.printed[line].text
    fake_engine.register(chinese_page, {line: (text, 0.2)})  # its last character read with little confidence
    doc = build_document(chinese_page.png(), "page.png")
    marked = [(b, span) for b in doc.blocks for span in b.doubtful]
    assert len(marked) == 1
    block, (start, end) = marked[0]
    assert block.text[start:end] == text[-1] and end - start == 1
    path = tmp_path / "page.png"
    path.write_bytes(chinese_page.png())
    assert main(["reflow", "--json", str(path)]) == 0
    blocks = json.loads(capsys.readouterr().out)["blocks"]
    assert sum(len(b.get("doubtful", [])) for b in blocks) == 1


@needs_latin
def test_each_page_is_read_once_then_comes_from_the_cache(english, fake_engine):
    fake_engine.register(english)
    data = english.png()
    first = build_document(data, "page.png")
    assert len(fake_engine.CALLS) == 1
    again = build_document(data, "page.png")
    assert len(fake_engine.CALLS) == 1 and reading_texts(again) == reading_texts(first)


@needs_latin
def test_a_multi_page_tiff_reads_page_after_page(english, fake_engine):
    other = english_page([PageBlock("paragraph", "A second page with one short paragraph of its own.")], columns=1)
    fake_engine.register(english)
    fake_engine.register(other)
    out = io.BytesIO()
    english.image.save(out, "TIFF", save_all=True, append_images=[other.image])
    doc = build_document(out.getvalue(), "pages.tiff")
    assert reading_texts(doc)[-1] == "A second page with one short paragraph of its own."
    assert doc.blocks[-1].page_label == "2" and doc.blocks[0].page_label == "1"


@needs_latin
def test_a_scanned_pdf_is_read_and_a_mixed_one_only_where_it_has_no_text(english, fake_engine):
    import reader.sources.image as image

    seen: list[int] = []
    rendered = image.render_pdf_page

    def render(data: bytes, name: str, index: int, dpi: float = image.SCAN_DPI):
        seen.append(index)
        return english.image  # the page as drawn (the stand-in knows it by its pixels)

    image.render_pdf_page = render
    try:
        fake_engine.register(english)
        from tests import pdf_samples

        doc = build_document(pdf_samples.scanned(["text", "scan", "text"]), "mixed.pdf")
        assert seen == [1]
        texts = reading_texts(doc)
        assert "Chapter I" in texts and not any("no text layer" in t for t in texts)
    finally:
        image.render_pdf_page = rendered


@needs_latin
def test_reader_ocr_prints_lines_with_boxes(english, fake_engine, tmp_path, capsys):
    fake_engine.register(english)
    path = tmp_path / "page.png"
    path.write_bytes(english.png())
    assert main(["ocr", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    page = out["pages"][0]
    assert out["source"] == "page.png" and page["page"] == 1 and page["width"] == english.image.width
    first = page["lines"][0]
    assert first["text"] == "Chapter I" and len(first["box"]) == 4 and 0 < first["confidence"] <= 1
    assert len(first["chars"]) == len("ChapterI")


@needs_latin
def test_the_background_reads_pages_one_by_one_and_shows_the_first_at_once(english, fake_engine, monkeypatch):
    other = english_page([PageBlock("paragraph", "The second page says very little.")], columns=1)
    fake_engine.register(english)
    fake_engine.register(other)
    out = io.BytesIO()
    english.image.save(out, "TIFF", save_all=True, append_images=[other.image])
    source = Input(out.getvalue(), "pages.tiff", None)
    indexer = Indexer.start(source)
    try:
        first, complete = indexer.first_screen()
        assert not complete
        assert any("recognised (OCR)" in b.text for b in first.blocks)  # placeholders, not a wait
        notes: list[str] = []
        partial: list[object] = []
        full = indexer.full_model(lambda stage, _share: notes.append(stage), partial=partial.append)
    finally:
        indexer.close()
    assert "OCR page 1/2" in notes and "OCR page 2/2" in notes
    assert len(partial) == 1 and "Chapter I" in reading_texts(partial[0])
    assert reading_texts(full)[-1] == "The second page says very little."


@needs_cjk
async def test_the_reader_shows_doubtful_characters_dimmed(chinese_page, fake_engine, tmp_path):
    from reader.source import read_input
    from reader.state import StateStore
    from reader.tui.app import ReaderApp

    text = chinese_page.printed[3].text
    fake_engine.register(chinese_page, {3: (text, 0.2)})
    path = tmp_path / "page.png"
    path.write_bytes(chinese_page.png())
    build_document(path.read_bytes(), "page.png")  # (reads the page into the cache: the first screen uses it)
    app = ReaderApp(read_input(str(path)), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dimmed = [
            seg.text
            for y in range(28)
            for seg in app.reader.text.render_line(y)
            if seg.style is not None and seg.style.dim
        ]
        await pilot.press("q")
    assert "".join(dimmed).strip() == text[-1]


@needs_latin
async def test_the_tui_reads_page_one_while_ocr_reads_on_and_says_which_page(english, fake_engine, tmp_path, monkeypatch):
    """Placeholders first, then page 1's text with ``OCR page 1/2`` in the status line while the
    helper reads page 2; then everything, the note gone."""
    import os
    import time

    import reader.sources.image as image
    from reader.source import read_input
    from reader.state import StateStore
    from reader.tui.app import ReaderApp
    from reader.tui.bars import StatusBar

    if not hasattr(os, "fork"):
        pytest.skip("the helper process needs fork")
    other = english_page([PageBlock("paragraph", "The second page says very little.")], columns=1)
    fake_engine.register(english)
    fake_engine.register(other)
    go = tmp_path / "go"
    second = ocr_fakes._key(other.image)

    def held_back(page_image):
        """Page 2 waits (in the helper process) until the test lets it go."""
        if ocr_fakes._key(page_image) == second:
            deadline = time.monotonic() + 60
            while not go.exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        return ocr_fakes.fake_recognise(page_image)

    monkeypatch.setattr(image, "recognise", held_back)
    out = io.BytesIO()
    english.image.save(out, "TIFF", save_all=True, append_images=[other.image])
    path = tmp_path / "pages.tiff"
    path.write_bytes(out.getvalue())
    source = read_input(str(path))
    store = StateStore(tmp_path / "state")
    indexer = Indexer.start(source, store)
    quick, complete = indexer.first_screen()
    assert not complete and any("recognised (OCR)" in b.text for b in quick.blocks)
    app = ReaderApp(source, store, quick, complete, terminal_writer=lambda _s: None, indexer=indexer)

    def shown() -> tuple[str, str]:
        """The status line and the text of the document on screen."""
        doc = app.reader.document
        return app.reader.query_one(StatusBar).render().plain, " ".join(b.text for b in doc.blocks) if doc else ""

    async with app.run_test(size=(100, 30)) as pilot:
        deadline = time.monotonic() + 60
        while "Chapter I" not in shown()[1] and time.monotonic() < deadline:
            await pilot.pause(0.05)
        status, text = shown()
        assert "Chapter I" in text and "recognised (OCR)" in text  # page 1 read, page 2 still to come
        assert "OCR page 1/2" in status
        go.touch()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status, text = shown()
        await pilot.press("q")
    assert "The second page says very little." in text and "recognised (OCR)" not in text
    assert "OCR page" not in status


def test_an_extra_without_its_models_is_one_line_naming_it(tmp_path, capsys, monkeypatch, english):
    import reader.sources.ocr_engine as engine

    monkeypatch.setattr(engine, "available", lambda: True)
    monkeypatch.setattr(engine, "_model_files", lambda: None)
    monkeypatch.setattr(engine, "_ENGINE", None)
    path = tmp_path / "page.png"
    path.write_bytes(english.png())
    assert main(["reflow", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"reader: the OCR models are missing from the installed rapidocr: reinstall it ({engine.EXTRA})"]
    assert not engine.models_installed()
