"""Reopening a long document where the reader left it: the first screen's model is built around that
place, and it agrees with the full model there (text, kinds, source spans, line numbers)."""

from __future__ import annotations

import pytest

from reader.opening import QUICK_BYTES, quick_document
from reader.pipeline.build import build_document, build_window
from reader.source import Input
from reader.state import DocState, StateStore
from tests.conftest import SAMPLE
from tests.generator import lay_out_cjk, lay_out_latin
from tests.texts import ENGLISH_REPORT, RIVER_CITY


def chinese_pages() -> bytes:
    """Twenty OCR'd newspaper pages laid out at different column widths, CRLF line ends, one escape."""
    pages = [lay_out_cjk(RIVER_CITY, column=14 + i % 7, seed=i, page=i + 2).text for i in range(20)]
    return "\r\n\r\n".join(pages).replace("经济运行", "经济\x1b[1m运行", 1).encode("utf-8")


def english_pages() -> bytes:
    """An English report hard-wrapped and hyphenated, twenty times over."""
    return "\n\n".join(lay_out_latin(ENGLISH_REPORT, width=60 + i % 9, seed=i).text for i in range(20)).encode()


@pytest.mark.parametrize("make", [chinese_pages, english_pages, lambda: SAMPLE.read_bytes() * 60])
@pytest.mark.parametrize("share", [0.37, 0.8, 0.999])
def test_a_window_agrees_with_the_whole_model_where_they_overlap(make, share):
    data = make()
    whole = build_document(data, "doc.txt", dictionary=False)
    place = whole.blocks[int(len(whole.blocks) * share)].source.start + 3
    window = build_window(data, place, 6_000, "doc.txt")
    assert window.metadata.length == whole.metadata.length
    assert window.metadata.content_hash == whole.metadata.content_hash
    by_start = {b.source.start: b for b in whole.blocks}
    inner = window.blocks[1:-1]  # the edges may be cut differently
    assert len(inner) > 3
    for block in inner:
        same = by_start[block.source.start]
        assert (block.kind, block.text, block.source) == (same.kind, same.text, same.source)
    here = window.blocks[window.block_at(place)]
    assert here.text == whole.blocks[whole.block_at(place)].text


def test_reopening_a_long_document_builds_the_first_screen_where_the_reader_left(tmp_path):
    data = SAMPLE.read_bytes() * 200
    assert len(data) > QUICK_BYTES * 4
    source = Input(data, "long.txt", None)
    whole = build_document(data, "long.txt", dictionary=False)
    place = whole.blocks[len(whole.blocks) * 3 // 4].source.start
    store = StateStore(tmp_path)
    store.save(whole.metadata.content_hash, DocState(position=place))
    first, complete = quick_document(source, store)
    assert not complete
    assert first.blocks[first.block_at(place)].text == whole.blocks[whole.block_at(place)].text
    assert first.metadata.length == whole.metadata.length  # so the status line's % is of the whole
    fresh, _ = quick_document(source, StateStore(tmp_path / "elsewhere"))
    assert fresh.blocks[0].text == whole.blocks[0].text  # no place remembered: the opening part


async def test_the_reader_reopens_a_long_document_on_its_place_before_the_full_model(tmp_path, monkeypatch):
    import threading

    import reader.pipeline.build as build
    from reader.tui.app import ReaderApp

    data = SAMPLE.read_bytes() * 200
    whole = build_document(data, "long.txt", dictionary=False)
    reading = [b for b in whole.blocks if b.is_reading]
    target = reading[len(reading) * 3 // 4]
    store = StateStore(tmp_path)
    store.save(whole.metadata.content_hash, DocState(position=target.source.start))
    real, release = build.build_document, threading.Event()

    def held_full_build(*args, **kwargs):
        if kwargs.get("progress") is not None:
            release.wait(10)  # the full model comes later
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "build_document", held_full_build)
    app = ReaderApp(Input(data, "long.txt", None), store, terminal_writer=lambda _s: None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        top = app.reader.document.blocks[app.reader.text.top_anchor[0]]
        assert top.text == target.text
        status = str(app.query_one("#status").render())
        assert " 75%" in status or " 76%" in status or " 74%" in status
        release.set()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reader.document.blocks[app.reader.text.top_anchor[0]].text == target.text
