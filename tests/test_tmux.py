"""The installed reader in a real terminal (tmux): joined text, go to 2.3, copy through OSC 52, quit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.wrap import CLOSING
from tests.conftest import CORPUS_TXT, SAMPLE

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
READER = Path(sys.executable).with_name("reader")


class Tmux:
    """A private tmux server running one command."""

    def __init__(self, width: int, height: int, command: str, env: dict[str, str]) -> None:
        self.width = width
        self.socket = f"reader-test-{uuid.uuid4().hex[:8]}"
        # (a COLUMNS or LINES left in the environment would size the app's console, not the pane)
        env = {"COLUMNS": str(width), "LINES": str(height), **env}
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        self.run(
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            str(width),
            "-y",
            str(height),
            f"env {exports} {command}; echo READER-EXIT=$?; sleep 30",
        )
        self.run("set-option", "-g", "set-clipboard", "on")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20).stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "t")

    def wait_for_top(self, prefix: str, timeout: float = 30) -> list[str]:
        """Wait until the text pane's first row with text starts with ``prefix``; return its rows."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = _text_pane_lines(self.screen(), self.width)
            if next((row for row in rows if row), "").startswith(prefix):
                return rows
            time.sleep(0.2)
        raise AssertionError(f"{prefix!r} never came to the top:\n{self.screen()}")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never showed:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


def _text_pane_lines(screen: str, width: int) -> list[str]:
    """The text pane's rows: the cells between the outline (32 cells wide from 110 columns, 24 from
    76, else hidden) and the figures pane (34 cells, from 110 columns), the header and the status
    line and footer left out."""
    left = 32 if width >= 110 else 24 if width >= 76 else 0
    right = width - (34 if width >= 110 else 0) - 1  # (the scrollbar)
    rows = []
    for line in screen.splitlines()[1:-2]:
        cells, kept = 0, []
        for ch in line:
            if left < cells < right:
                kept.append(ch)
            cells += cell_len(ch)
        rows.append("".join(kept).strip())
    return rows


@pytest.fixture(params=["sample", "corpus"])
def document(request) -> Path:
    """The bundled sample always; the corpus page too where ../shared has it."""
    if request.param == "corpus" and not CORPUS_TXT.exists():
        pytest.skip("the shared corpus is not beside this checkout")
    return CORPUS_TXT if request.param == "corpus" else SAMPLE


def _continuation_rows(rows: list[str]) -> list[str]:
    """The rows that continue a block wrapped onto more than one row (a blank row ends a block)."""
    return [row for before, row in pairwise(rows) if before.strip() and row.strip()]


@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["160x45", "80x24"])
def test_reader_in_a_real_terminal(tmp_path, document, size):
    env = {
        "READER_STATE_DIR": str(tmp_path / "state"),
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env[name] = ""
    tmux = Tmux(*size, f"{READER} {document}", env)
    try:
        corpus = document == CORPUS_TXT
        joined = "建设示范城市" if corpus else "经济运行稳中向好"
        screen = tmux.wait_for(joined)
        number = "2.3" if corpus else "2.1"  # (the sample's 2.3 is too near its end to come to the top)
        heading = "（三）坚持统筹协调" if corpus else "（一）聚焦实体经济"  # (the file's (三): OCR's brackets)
        tmux.keys(":")
        tmux.wait_for("Go to section")
        tmux.keys(number, "Enter")
        rows = tmux.wait_for_top(heading)
        for row in _continuation_rows(rows):  # (a block may open with a bullet; no wrapped row starts so)
            assert row[0] not in CLOSING, row
        _the_print_toggle_brings_the_files_punctuation_back(tmux, rows, heading)
        tmux.keys("j")
        time.sleep(0.3)
        tmux.keys("y")
        tmux.wait_for("Quote copied")
        buffer = tmux.run("show-buffer")
        assert heading[1] in buffer and buffer.startswith("“")
        _a_half_sentence_is_quoted_alone(tmux, document, number)
        tmux.keys("q")
        screen = tmux.wait_for("READER-EXIT=")
        assert "READER-EXIT=0" in screen and "Traceback" not in screen
    finally:
        tmux.close()


def _the_print_toggle_brings_the_files_punctuation_back(tmux: Tmux, rows: list[str], heading: str) -> None:
    """The text pane shows ， where the file has , between Chinese characters; p shows the file's
    , and (…) again, and p once more the repaired text."""
    half_width = re.compile(r"[\u4e00-\u9fff][,(][\u4e00-\u9fff]")
    assert any("，" in row for row in rows) and not any(half_width.search(row) for row in rows)
    printed = heading.replace("（", "(").replace("）", ")")
    tmux.keys("p")
    printed_rows = tmux.wait_for_top(printed)
    assert any(half_width.search(row) for row in printed_rows) and not any("，" in row for row in printed_rows)
    assert "as printed" in tmux.screen()
    tmux.keys("p")
    assert tmux.wait_for_top(heading)


def _a_half_sentence_is_quoted_alone(tmux: Tmux, document: Path, number: str) -> None:
    """From the first paragraph of a section: v v v (its first word), two words more, y: the
    buffer holds that half-sentence and its citation, nothing else of the paragraph."""
    from reader.pipeline.build import build_document
    from reader.segments import sentence_spans

    doc = build_document(document.read_bytes(), document.name)
    section = doc.section(number)
    paragraph = doc.paragraphs_of(section)[0].text
    sentence = paragraph[slice(*sentence_spans(paragraph)[0])]
    tmux.run("delete-buffer")
    tmux.keys("v", "v", "v")
    time.sleep(3)  # jieba's dictionary loads off the UI path; words are single characters until then
    tmux.keys("j", "j")
    time.sleep(0.3)
    tmux.keys("y")
    deadline = time.monotonic() + 20
    while "——" not in (buffer := tmux.run("show-buffer")) and time.monotonic() < deadline:
        time.sleep(0.2)
    body, _, citation = buffer.partition("”——")
    body = body.removeprefix("“")
    assert paragraph.startswith(body) and 2 <= len(body) < len(sentence), (body, sentence)
    assert f"{section.label} 第1段" in citation and paragraph[len(body) :] not in buffer


@pytest.mark.parametrize("size", [(160, 45), (80, 24)], ids=["160x45", "80x24"])
def test_the_outline_shows_the_documents_labels_and_go_to_takes_them(tmp_path, document, size):
    """The outline shows 二、 and (一)…; : (三) Enter and : 2.3 Enter land on the same heading."""
    from reader.pipeline.build import build_document

    doc = build_document(document.read_bytes(), document.name)
    chapter = doc.section("2")
    labels = [chapter.label] + [child.label for child in doc.children(chapter)]
    env = {"READER_STATE_DIR": str(tmp_path / "state"), "READER_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color"}
    tmux = Tmux(*size, f"{READER} {document}", env)
    try:
        screen = tmux.wait_for(labels[-1] or "?")
        outline = "\n".join(line.split("│", 1)[0] for line in screen.splitlines())
        assert all(label and label in outline for label in labels), (labels, outline)
        heading = doc.section("2.3")
        tmux.keys(":")
        tmux.wait_for("Go to section")
        tmux.keys("(三)", "Enter")
        by_label = _text_pane_lines(tmux.wait_for("§ 2.3 "), size[0])
        shown = doc.blocks[heading.first_block].text  # (its label with the OCR's brackets repaired)
        assert any(row.startswith(shown[:7]) for row in by_label)
        tmux.keys("g")
        tmux.wait_for("§ 1 ")
        tmux.keys(":")
        tmux.wait_for("Go to section")
        tmux.keys("2.3", "Enter")
        assert _text_pane_lines(tmux.wait_for("§ 2.3 "), size[0]) == by_label
        tmux.keys("q")
        assert "READER-EXIT=0" in tmux.wait_for("READER-EXIT=")
    finally:
        tmux.close()


def test_reading_a_pipe_takes_keys_from_the_terminal(tmp_path):
    env = {
        "READER_STATE_DIR": str(tmp_path / "state"),
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    tmux = Tmux(120, 30, f"cat {SAMPLE} | {READER}", env)
    try:
        tmux.wait_for("经济运行稳中向好")
        tmux.keys("q")
        assert "READER-EXIT=0" in tmux.wait_for("READER-EXIT=")
    finally:
        tmux.close()


def test_a_binary_file_is_refused_in_one_line(tmp_path):
    binary = tmp_path / "x.bin"  # (not PNG: a page image goes to OCR)
    binary.write_bytes(b"\x7fELF" + os.urandom(2048))
    result = subprocess.run([str(READER), str(binary)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.strip() == f"reader: {binary} is not a text document"


def test_an_unexpected_error_in_the_tui_is_one_line(tmp_path):
    """A crash inside the app leaves the terminal with one line and status 2, no traceback."""
    hook = tmp_path / "sitecustomize.py"
    hook.write_text(
        "import reader.tui.screen as a\ndef boom(self):\n    raise RuntimeError('kaput')\na.ReaderScreen.action_help = boom\n"
    )
    env = {
        "READER_STATE_DIR": str(tmp_path / "state"),
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "PYTHONPATH": str(tmp_path),
    }
    tmux = Tmux(100, 30, f"{READER} {SAMPLE}", env)
    try:
        tmux.wait_for("经济运行稳中向好")
        tmux.keys("?")
        screen = tmux.wait_for("READER-EXIT=")
        assert "READER-EXIT=2" in screen and "Traceback" not in screen
        lines = [line for line in screen.splitlines() if line.strip() and "READER-EXIT" not in line]
        assert lines == ["reader: unexpected error: RuntimeError: kaput (rerun with --debug for the trace)"]
    finally:
        tmux.close()


@pytest.mark.parametrize("helper", ["helper", "no-helper"])
def test_quitting_while_a_long_document_is_indexed_leaves_no_process_and_keeps_the_place(tmp_path, helper):
    """q during the full build: the reader leaves without waiting for the build (which would cache
    its model at the end: nothing is cached), no process is left, and the place is saved. The bound
    on the wait is generous for a loaded machine; the time itself is the benchmark's to measure."""
    big = tmp_path / "long.txt"
    big.write_bytes((SAMPLE.read_bytes() + b"\n\n") * 3000)  # ~9 MB: a build of seconds
    env = {
        "READER_STATE_DIR": str(tmp_path / "state"),
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    if helper == "no-helper":
        env["READER_NO_HELPER"] = "1"
    tmux = Tmux(120, 30, f"{READER} {big}", env)
    try:
        tmux.wait_for("indexing")
        tmux.keys("q")
        screen = tmux.wait_for("READER-EXIT=", timeout=60)
        assert "READER-EXIT=0" in screen and "Traceback" not in screen
        processes = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
        left = [p for p in processes if str(big) in p and "READER-EXIT" not in p]  # not the pane's shell
        assert left == []
        assert not list((tmp_path / "cache").glob("*.model"))
        assert list((tmp_path / "state").glob("*.json"))
    finally:
        tmux.close()
