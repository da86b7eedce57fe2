"""Bad input, hostile text and encodings: through the CLI, each reads right or fails in one line."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.pipeline.text import read_text
from reader.sources import ocr_engine

CHINESE = "建设示范城市,增长 10%以上。\n\n二、做好2024年 工作\n\n全年新增就业4.5万人。\n"
JOINED = "建设示范城市，增长10%以上。"  # (joined, and the OCR's , repaired)
TRADITIONAL = "建設示範城市,增長 10%以上。\n\n二、做好2024年 工作\n\n全年新增就業4.5萬人。\n"


def run_reader(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """Run the installed CLI (python -m reader) and capture its output."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], input=stdin, capture_output=True, timeout=timeout, env=env
    )


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (CHINESE.encode("utf-8"), JOINED),
        (codecs.BOM_UTF8 + CHINESE.encode("utf-8"), JOINED),
        (CHINESE.encode("utf-16"), JOINED),
        (CHINESE.encode("gb18030"), JOINED),
        (TRADITIONAL.encode("big5"), "建設示範城市，增長10%以上。"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "gb18030", "big5"],
)
def test_encodings_decode_and_the_bom_never_reaches_the_text(tmp_path, encoded, expected):
    path = tmp_path / "doc.txt"
    path.write_bytes(encoded)
    result = run_reader("reflow", str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "\ufeff" not in out
    assert expected in out


def test_invalid_utf8_becomes_replacement_characters_with_one_warning(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(CHINESE.encode("utf-8") + b"\xff\xfe\xfa tail\n")
    result = run_reader("reflow", str(path))
    assert result.returncode == 0
    assert "\ufffd" in result.stdout.decode()
    warnings = [line for line in result.stderr.decode().splitlines() if "undecodable" in line]
    assert len(warnings) == 1 and "3" in warnings[0]


def test_nul_bytes_are_dropped_with_a_warning(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(CHINESE.encode("utf-8").replace("城市".encode(), "城\x00市".encode()))
    result = run_reader("reflow", str(path))
    assert result.returncode == 0 and JOINED in result.stdout.decode()
    assert "NUL" in result.stderr.decode()


def test_escape_sequences_and_bidi_overrides_never_reach_the_output(tmp_path):
    path = tmp_path / "esc.txt"
    path.write_text("标题\x1b[2J\x1b]0;pwned\x07正文\u202e反转\x9b31m。[bold red]照原样[/bold red]\n", "utf-8")
    result = run_reader("reflow", str(path))
    assert result.returncode == 0
    assert b"\x1b" not in result.stdout and "\u202e".encode() not in result.stdout
    assert "[bold red]照原样[/bold red]" in result.stdout.decode()


# PNG bytes are a page image: a damaged one is said to be so, or the OCR extra is named as missing
DAMAGED_PNG = "is a damaged image (it cannot be decoded)" if ocr_engine.available() else "reading it needs OCR"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "x.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), DAMAGED_PNG),
        (lambda d: _write(d / "x.elf", b"\x7fELF" + bytes(range(256)) * 8), "is not a text document"),
        (lambda d: _write(d / "x.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4), "is a damaged PDF"),
        (lambda d: _write(d / "random.bin", os.urandom(4096)), "is not a text document"),
    ],
    ids=["missing", "directory", "png", "elf", "pdf", "random"],
)
def test_bad_paths_fail_in_one_line_with_status_2(tmp_path, make, message):
    path = make(tmp_path)
    result = run_reader("reflow", str(path))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert message in err and str(path) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert result.stdout == b""


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = _write(tmp_path / "secret.txt", b"text")
    path.chmod(0)
    result = run_reader("reflow", str(path))
    assert result.returncode == 2 and "permission denied" in result.stderr.decode()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_empty_file_reads_as_an_empty_document(tmp_path):
    path = _write(tmp_path / "empty.txt", b"")
    result = run_reader("reflow", "--json", str(path))
    assert result.returncode == 0
    assert json.loads(result.stdout)["blocks"] == []


def test_standard_input(tmp_path):
    result = run_reader("reflow", "-", stdin=CHINESE.encode("gb18030"))
    assert result.returncode == 0 and JOINED in result.stdout.decode()


def test_one_huge_line_and_many_headings_do_not_hang(tmp_path):
    line = ("建设示范城市" * 6 + " ") * 30_000  # ~1.2 MB in one line, no newline
    big = _write(tmp_path / "line.txt", line.encode())
    result = run_reader("reflow", str(big), timeout=120)
    assert result.returncode == 0 and "建设示范城市建设示范城市" in result.stdout.decode()
    heads = "".join(f"{n}. 第{n}节标题\n\n正文第{n}段。\n\n" for n in range(1, 5001))
    many = _write(tmp_path / "heads.txt", heads.encode())
    result = run_reader("outline", "--json", str(many), timeout=120)
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["sections"]) == 5000


def test_unexpected_errors_print_one_line_and_a_hint(monkeypatch, capsys):
    from reader import cli

    def boom(*_args, **_kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(cli, "load", boom)
    assert cli.main(["reflow", "whatever.txt"]) == 2
    err = capsys.readouterr().err
    assert "kaput" in err and "--debug" in err and "Traceback" not in err


def test_utf16_without_bom_is_recognised():
    text = read_text(CHINESE.encode("utf-16-le")).text
    assert "建设示范" in text


def test_the_input_limit_is_set_by_option_or_environment_and_a_bad_size_is_one_line(tmp_path):
    path = _write(tmp_path / "doc.txt", CHINESE.encode() * 100)
    refused = run_reader("reflow", "--max-bytes", "2k", str(path))
    assert refused.returncode == 2 and "too large" in refused.stderr.decode() and "2 KB" in refused.stderr.decode()
    assert run_reader("reflow", "--max-bytes", "1M", str(path)).returncode == 0
    for args in (("--max-bytes", "lots"), ("--max-bytes", "-5")):
        bad = run_reader("reflow", *args, str(path))
        lines = bad.stderr.decode().strip().splitlines()
        assert bad.returncode == 2 and len(lines) == 1 and "not a size" in lines[0]
