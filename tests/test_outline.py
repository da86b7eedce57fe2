"""The outline pane on long documents: filled in batches, lower levels added when opened or reached."""

from __future__ import annotations

import pytest

import reader.tui.outline_pane
from reader.source import Input
from reader.state import StateStore
from reader.tui.app import ReaderApp
from reader.tui.outline_pane import OutlinePane
from tests.conftest import SAMPLE


def long_document(copies: int) -> Input:
    """The sample page printed ``copies`` times over, as one input."""
    return Input((SAMPLE.read_bytes() + b"\n\n") * copies, "long.txt", None)


async def filled(app: ReaderApp, pilot) -> OutlinePane:
    """Wait for the full model and for the outline to finish filling."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    outline = app.query_one(OutlinePane)
    for _ in range(200):
        await pilot.pause()
        if outline.doc is app.reader.document and not outline.filling:
            break
    return outline


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(reader.tui.outline_pane, "FILL_BATCH", 7)


async def test_a_long_outline_fills_in_document_order(tmp_path, small_batches):
    app = ReaderApp(long_document(6), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    async with app.run_test(size=(140, 40)) as pilot:
        outline = await filled(app, pilot)
        doc = app.reader.document
        shown = [node.data for node in outline.root.children]
        assert shown == [s.key for s in doc.top_sections]
        for section in doc.top_sections:
            node = outline._section_nodes[section.key]
            assert [child.data for child in node.children] == list(section.children)
            assert node.is_expanded or not section.children


async def test_second_level_entries_open_on_demand_with_their_children_in_order(tmp_path, small_batches):
    app = ReaderApp(long_document(4), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    async with app.run_test(size=(140, 40)) as pilot:
        outline = await filled(app, pilot)
        doc = app.reader.document
        parent = next(s for s in doc.sections if s.level == 2 and s.children)
        node = outline._section_nodes[parent.key]
        assert not node.is_expanded and node.allow_expand  # collapsed, with its arrow
        node.expand()
        await pilot.pause()
        assert [child.data for child in node.children] == list(parent.children)


async def test_reaching_a_lead_highlights_it_in_the_outline(tmp_path, small_batches):
    app = ReaderApp(long_document(4), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    async with app.run_test(size=(140, 40)) as pilot:
        outline = await filled(app, pilot)
        doc = app.reader.document
        lead = next(s for s in doc.sections if s.kind == "lead")  # under a collapsed entry
        assert lead.key not in outline._section_nodes
        app.reader.text.focus()
        await pilot.press("colon", *lead.number, "enter")
        await pilot.pause()
        assert doc.section_at(app.reader.block).key == lead.key
        assert outline.cursor_node is not None and outline.cursor_node.data == lead.key


async def test_the_full_model_arrives_wrapped_so_the_end_is_one_key_away(tmp_path):
    """The swap brings the whole text already wrapped at the pane's width: G needs no wrapping."""
    app = ReaderApp(long_document(400), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    async with app.run_test(size=(140, 40)) as pilot:
        quick = None
        for _ in range(500):
            await pilot.pause(0.01)
            quick = quick or app.reader.document
            if app.reader.document is not quick:
                break
        assert app.reader.document is not quick  # the full model is in
        assert app.reader.text.wrapped is not None and app.reader.text.wrapped.complete
        assert app.reader.text.wrapped.width == app.reader.text.wrap_width
        await pilot.press("G")
        last = [b.index for b in app.reader.document.blocks if b.is_reading][-1]
        assert app.reader.block == last
