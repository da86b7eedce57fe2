"""The installed reader in a real terminal (tmux): joined text, go to 2.3, copy through OSC 52, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

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
        self.socket = f"reader-test-{uuid.uuid4().hex[:8]}"
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


def _text_pane_lines(screen: str) -> list[str]:
    """The text pane's rows: what stands between the outline's border and the figures pane."""
    rows = []
    for line in screen.splitlines():
        if "│" in line:
            rows.append(line.split("│", 1)[1].lstrip(" ").split("▊")[0].split("│")[0])
    return rows


@pytest.fixture
def document() -> Path:
    return CORPUS_TXT if CORPUS_TXT.exists() else SAMPLE


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
        heading = "(三)坚持统筹协调" if corpus else "(三)聚焦民生福祉"
        tmux.keys(":")
        tmux.wait_for("Go to section")
        tmux.keys("2.3", "Enter")
        screen = tmux.wait_for(heading)
        rows = _text_pane_lines(screen)
        assert any(row.startswith(heading) for row in rows[:3]), rows[:3]
        for row in rows:
            assert not row or row[0] not in CLOSING, row
        tmux.keys("j")
        time.sleep(0.3)
        tmux.keys("y")
        tmux.wait_for("Quote copied")
        buffer = tmux.run("show-buffer")
        assert ("(三)" in buffer or "2.3" in buffer) and buffer.startswith("“")
        tmux.keys("q")
        screen = tmux.wait_for("READER-EXIT=")
        assert "READER-EXIT=0" in screen and "Traceback" not in screen
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
    binary = tmp_path / "x.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2048))
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


@pytest.mark.parametrize(("helper", "limit"), [("helper", 1.0), ("no-helper", 2.5)])
def test_quitting_while_a_long_document_is_indexed_is_prompt_and_leaves_no_process(tmp_path, helper, limit):
    """q during the full build: out at once, not when the build ends (without the helper: at the
    build's next step), the helper gone, nothing cached half-way."""
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
        started = time.monotonic()
        tmux.keys("q")
        screen = tmux.wait_for("READER-EXIT=")
        assert time.monotonic() - started < limit
        assert "READER-EXIT=0" in screen and "Traceback" not in screen
        processes = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
        left = [p for p in processes if str(big) in p and "READER-EXIT" not in p]  # not the pane's shell
        assert left == []
        assert not list((tmp_path / "cache").glob("*.model"))
    finally:
        tmux.close()
