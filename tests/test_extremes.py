"""Bad and odd input, table-driven, through the CLI and the TUI: read right or refuse in one line."""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.opening import quick_document
from reader.source import read_input
from reader.sources import ocr_engine
from reader.state import StateStore
from reader.tui.app import ReaderApp
from tests import pdf_samples as samples
from tests.test_input import run_reader

TEXT = "建设示范城市,增长 10%以上。\n\n二、做好2024年 工作\n\n全年新增就业4.5万人。\n"
JOINED = "建设示范城市，增长10%以上。"  # (joined, and the OCR's , repaired)


def _write(data: bytes) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / "doc"
        path.write_bytes(data)
        return path

    return make


def _write_named(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(directory: Path) -> Path:
        path = directory / name
        path.write_bytes(data())
        return path

    return make


# a page image or a scanned PDF: read by OCR where the extra is installed, else refused naming it
if ocr_engine.available():
    _PNG_ERROR = "is a damaged image (it cannot be decoded)"
    _SCAN_ERROR = "has no text layer (scanned pages) and OCR found no text on them"  # (the scan is blank)
else:
    _PNG_ERROR = _SCAN_ERROR = "reading it needs OCR, an optional extra: pip install 'ocr-reader-tui[ocr]'"

CASES: list[tuple[str, Callable[[Path], Path], str | None, str | None]] = [
    # (name, make the input, text the reading must contain, or the one-line error it must print)
    ("empty", _write(b""), "", None),
    ("utf-8", _write(TEXT.encode()), JOINED, None),
    ("utf-8 bom", _write(codecs.BOM_UTF8 + TEXT.encode()), JOINED, None),
    ("utf-16", _write(TEXT.encode("utf-16")), JOINED, None),
    ("gb18030", _write(TEXT.encode("gb18030")), JOINED, None),
    ("big5", _write("建設示範城市,增長 10%以上。\n".encode("big5")), "建設示範城市，增長10%以上。", None),
    ("invalid utf-8", _write(TEXT.encode() + b"\xff\xfe tail"), JOINED, None),
    ("nul bytes", _write(TEXT.encode().replace("城市".encode(), "城\x00市".encode())), JOINED, None),
    (
        "escapes and markup",
        _write("[bold red]标\x1b[31m题\x1b]0;x\x07[/bold red] 正文\u202e。\n".encode()),
        "[bold red]标题[/bold red]",
        None,
    ),
    (
        "one long line",
        _write(("建设示范城市全国海绵城市建设 示范城市增长10%以上" * 60_000).encode()),
        "示范城市增长10%以上建设示范城市",
        None,
    ),
    (
        "20,000 headings",
        _write("".join(f"{n}. 标题{n}\n\n正文{n}。\n\n" for n in range(1, 20_001)).encode()),
        "正文20000。",
        None,
    ),
    ("a 1 MB paragraph", _write(("这是一个很长的段落，" * 35_000).encode()), "这是一个很长的段落，这是", None),
    ("png", _write(b"\x89PNG\r\n\x1a\n" + os.urandom(512)), None, _PNG_ERROR),
    ("random bytes", _write(os.urandom(4096)), None, "is not a text document"),
    ("pdf", _write_named("doc.pdf", samples.english_paper), "On Reading Printed Pages", None),
    ("scanned pdf", _write_named("scan.pdf", lambda: samples.scanned(["scan"])), None, _SCAN_ERROR),
    ("encrypted pdf", _write_named("locked.pdf", samples.encrypted), None, "is encrypted: it needs a password"),
    ("damaged pdf", _write_named("cut.pdf", lambda: samples.english_paper()[:3000]), None, "is a damaged PDF"),
    ("not a pdf", _write_named("fake.pdf", lambda: TEXT.encode()), None, "is not a PDF"),
    ("missing", lambda d: d / "missing.txt", None, "no such file"),
    ("directory", lambda d: d, None, "is a directory"),
    ("/dev/zero", lambda _d: Path("/dev/zero"), None, "/dev/zero: is a device, not a document"),
    ("/dev/urandom", lambda _d: Path("/dev/urandom"), None, "/dev/urandom: is a device, not a document"),
    ("/dev/null", lambda _d: Path("/dev/null"), "", None),
    ("over the input limit", _write(TEXT.encode() * 2000), None, "KB; the limit is 100 KB, READER_MAX_BYTES or --max-bytes raises it"),
]
IDS = [c[0] for c in CASES]
LIMITS = {"over the input limit": "100k"}  # READER_MAX_BYTES for a case


@pytest.fixture(autouse=True)
def _limit(request, monkeypatch):
    """Set the input limit a case asks for (the CLI run inherits it)."""
    callspec = getattr(request.node, "callspec", None)
    name = callspec.params.get("name") if callspec else None
    if name in LIMITS:
        monkeypatch.setenv("READER_MAX_BYTES", LIMITS[name])
    if name and name.startswith("/dev/") and not Path(name).exists():
        pytest.skip(f"no {name} here")


@pytest.mark.parametrize(("name", "make", "expect", "error"), CASES, ids=IDS)
def test_cli(tmp_path, name, make, expect, error):
    path = make(tmp_path)
    result = run_reader("reflow", str(path), timeout=120)
    assert b"\x1b" not in result.stdout and b"Traceback" not in result.stderr
    if error:
        assert result.returncode == 2
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and error in lines[0]
    else:
        assert result.returncode == 0, result.stderr
        assert expect in result.stdout.decode()


@pytest.mark.parametrize(("name", "make", "expect", "error"), CASES, ids=IDS)
async def test_tui(tmp_path, name, make, expect, error):
    path = make(tmp_path)
    if name == "scanned pdf" and ocr_engine.available():  # OCR reads it in the background: placeholders first
        error, expect = None, "[page 1: its text is being recognised (OCR)]"
    if error:
        with pytest.raises(ReaderError) as caught:
            quick_document(read_input(str(path)))
        assert error in str(caught.value)
        return
    app = ReaderApp(read_input(str(path)), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = "".join("".join(s.text for s in app.reader.text.render_line(y)) for y in range(28)).replace(" ", "")
        assert "\x1b" not in rows
        if expect:
            prefix = expect.replace(" ", "")[:6]
            assert prefix in rows or name in ("20,000 headings",)
        await pilot.press("j", "pagedown", "right_square_bracket", "k")
        await app.workers.wait_for_complete()
        await pilot.press("q")
    assert app.return_code == 0


def _endless_pipe() -> subprocess.Popen[bytes]:
    """``yes``: a pipe that never ends."""
    return subprocess.Popen(
        [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('y\\n' * 4096)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def test_an_endless_pipe_stops_at_the_limit_with_one_warning():
    endless = _endless_pipe()
    try:
        env = {**os.environ, "READER_MAX_BYTES": "64k", "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(
            [sys.executable, "-m", "reader", "reflow", "-"],
            stdin=endless.stdout,
            capture_output=True,
            timeout=120,
            env=env,
        )
    finally:
        endless.kill()
        endless.wait()
    assert result.returncode == 0, result.stderr
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "input stopped at the 64 KB limit" in lines[0] and "READER_MAX_BYTES" in lines[0]
    assert 0 < result.stdout.decode().count("y") <= 32 * 1024


def test_the_tui_opens_an_endless_pipe_cut_at_the_limit_and_says_so(monkeypatch):
    endless = _endless_pipe()
    try:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless.stdout))
        source = read_input("-", limit=32 * 1024)
    finally:
        endless.kill()
        endless.wait()
    assert len(source.data) <= 32 * 1024 and source.data.endswith(b"y\n")
    doc, _ = quick_document(source)
    assert any("input stopped at the 32 KB limit" in w for w in doc.metadata.warnings)  # shown on the first screen
