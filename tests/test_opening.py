"""Opening a document: the forked first-screen helper, its fallbacks, and text on the very first frame."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.source import read_input
from reader.state import StateStore
from reader.tui.app import ReaderApp
from tests.conftest import SAMPLE

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")

# Run in a fresh interpreter: forking a pytest worker (which has threads) is not what users do.
SCRIPT = textwrap.dedent(
    """
    import os, sys
    from reader.errors import ReaderError
    from reader.opening import Indexer, quick_document
    from reader.pipeline.build import build_document
    from reader.source import read_input

    source = read_input(sys.argv[1])
    mode = sys.argv[2]
    if mode == "failing-helper":
        pid = os.fork()
        if pid == 0:
            os._exit(3)
        read_end, write_end = os.pipe()
        os.close(write_end)
        indexer = Indexer(source, None, pid, read_end)
    else:
        indexer = Indexer.start(source)
    print("helper" if indexer.pid else "no helper")
    try:
        doc, complete = indexer.first_screen()
    except ReaderError as exc:
        print("error:", exc)
        sys.exit(0)
    here, here_complete = quick_document(source)
    same = [b.text for b in doc.blocks] == [b.text for b in here.blocks] and complete == here_complete
    print("same" if same else "different", len(doc.blocks), doc.metadata.content_hash == here.metadata.content_hash)
    if mode == "full":
        stages = []
        full = indexer.full_model(lambda stage, share: stages.append(stage))
        if full is None:
            print("no full model")
        else:
            built = build_document(source.data, source.name, dictionary=True)
            print("full", [b.text for b in full.blocks] == [b.text for b in built.blocks],
                  [f.label for f in full.figures] == [f.label for f in built.figures],
                  sorted(set(stages)))
    indexer.close()
    try:
        os.waitpid(-1, os.WNOHANG)
        print("a child is left")
    except ChildProcessError:
        pass
    """
)


def run_opening(path: Path, mode: str = "normal", **env: str) -> list[str]:
    """Run the opening script on ``path``; return its output lines."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), mode],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


@needs_fork
def test_the_helper_builds_the_model_the_parent_would_have_built(tmp_path):
    lines = run_opening(SAMPLE)
    assert lines[0] == "helper"
    assert lines[1].startswith("same ") and lines[1].endswith(" True")
    assert int(lines[1].split()[1]) > 10


@needs_fork
def test_a_large_document_gets_the_same_opening_part_and_the_whole_files_key(tmp_path):
    page = SAMPLE.read_bytes()
    big = tmp_path / "big.txt"
    big.write_bytes((page + b"\n\n") * (200_000 // len(page) + 1))
    lines = run_opening(big)
    assert lines[0] == "helper" and lines[1].startswith("same ") and lines[1].endswith(" True")


def test_without_fork_or_when_told_not_to_the_parent_builds_it(tmp_path):
    lines = run_opening(SAMPLE, READER_NO_HELPER="1")
    assert lines[0] == "no helper" and lines[1].startswith("same ")


@needs_fork
def test_the_helper_then_sends_the_full_model_and_caches_it(tmp_path):
    cache = tmp_path / "cache"
    lines = run_opening(SAMPLE, "full", READER_CACHE_DIR=str(cache))
    assert lines[0] == "helper" and lines[1].startswith("same ")
    assert lines[2] == "full True True ['building', 'reading']"
    assert len(lines) == 3  # and no child left behind
    assert len(list(cache.glob("*.model"))) == 1
    # the next open of this (small) document gets the full model first, from the cache
    again = run_opening(SAMPLE, "full", READER_CACHE_DIR=str(cache))
    assert again[1].startswith("same ") and again[2].startswith("no full model")


@needs_fork
def test_a_large_documents_full_model_comes_from_the_cache_when_reopened(tmp_path):
    page = SAMPLE.read_bytes()
    big = tmp_path / "big.txt"
    big.write_bytes((page + b"\n\n") * (120_000 // len(page) + 1))
    cache = tmp_path / "cache"
    first = run_opening(big, "full", READER_CACHE_DIR=str(cache))
    assert first[2] == "full True True ['building', 'reading']"
    again = run_opening(big, "full", READER_CACHE_DIR=str(cache))
    assert again[2] == "full True True ['reading']"  # nothing built: read from the cache


@needs_fork
def test_a_helper_that_dies_without_a_model_is_replaced_by_a_build_here(tmp_path):
    lines = run_opening(SAMPLE, "failing-helper")
    assert lines[1].startswith("same ")


@needs_fork
def test_input_that_is_not_text_fails_in_the_parent_with_the_usual_message(tmp_path):
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    lines = run_opening(png)
    assert lines[0] == "helper" and len(lines) == 2
    assert lines[1].startswith("error: ") and lines[1].endswith("picture.txt is not a text document")


@pytest.mark.parametrize("size", [(140, 40), (100, 30), (70, 24)], ids=["wide", "no-figures", "text-only"])
async def test_the_first_frame_shows_text_already_wrapped_at_its_final_width(tmp_path, size):
    """No blank first frame, and no re-wrap when the header, footer and side panes arrive."""
    app = ReaderApp(read_input(str(SAMPLE)), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    frames: list[tuple[int | None, str, bool]] = []
    original = app._display

    def display(screen: object, renderable: object) -> None:
        if renderable is not None and app.reader.text.wrapped is not None:
            rows = "".join("".join(s.text for s in app.reader.text.render_line(y)) for y in range(5))
            frames.append((app.reader.text.wrapped.width, rows.strip(), bool(app.reader.panes.sides)))
        elif renderable is not None:
            frames.append((None, "", bool(app.reader.panes.sides)))
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        final_width = app.reader.text.wrapped.width
        final_rows = "".join("".join(s.text for s in app.reader.text.render_line(y)) for y in range(5)).strip()
    width, rows, panes_there = frames[0]
    assert not panes_there  # the side panes come after the first frame...
    assert rows and width == final_width  # ...yet that frame has the text, at the width it keeps
    assert rows == final_rows
