"""The benchmark's PDF rows: a generated 500-page PDF read whole and opened in the reader, beside
poppler's ``pdftotext -bbox-layout`` and the bare Textual app, measured in the same run.

The PDF is written with reportlab (the test extra); without it, or without poppler, the rows say
so instead of failing.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.table import Row

SENTENCE = "The committee reviewed the figures for the year and found that output rose by a modest margin. "
PAGES = 500


def long_report(pages: int) -> bytes:
    """A long report: numbered sections, a running head and a folio on every page, and every
    fifth page set in two columns."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    words_all = (SENTENCE * 8).split()

    def column(x: float, top: float, width: float) -> None:
        """Fill one column with lines of text."""
        words = list(words_all)
        y = top
        while y > 60:
            line = ""
            while pdfmetrics.stringWidth(line + " " + words[0], "Times-Roman", 10.5) < width:
                line = (line + " " + words.pop(0)).strip()
                if not words:
                    words = list(words_all)
            c.drawString(x, y, line)
            y -= 13

    for k in range(pages):
        c.setFont("Helvetica", 8)
        c.drawString(72, 760, "Annual Report of the Generated Committee")
        c.drawCentredString(306, 30, str(k + 1))
        top = 720
        if k % 3 == 0:
            c.setFont("Helvetica-Bold", 13)
            c.drawString(72, top, f"{k // 3 + 1}. Section on topic {k // 3 + 1}")
            top -= 24
        c.setFont("Times-Roman", 10.5)
        if k % 5 == 4:
            column(72, top, 220)
            column(320, top, 220)
        else:
            column(72, top, 460)
        c.showPage()
    c.save()
    return buf.getvalue()


def _timed(command: list[str]) -> float:
    """Run a command; return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def pdf_rows(runs: int = 3) -> list[Row]:
    """The whole model's time and memory, the first screen and keys while the rest is read."""
    try:
        data = long_report(PAGES)
    except ImportError:
        return [Row("PDF rows (reportlab not installed)", 0, None, "", "–", None)]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-pdf-") as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(data)
        text = Path(tmp) / "report.txt"
        if shutil.which("pdftotext") is None:
            return [Row("PDF rows (poppler's pdftotext not installed)", 0, None, "", "–", None)]
        subprocess.run(["pdftotext", "-layout", str(path), str(text)], check=True)
        poppler = min(_timed(["pdftotext", "-bbox-layout", str(path), str(Path(tmp) / "b.html")]) for _ in range(runs))
        ours = min(_timed([sys.executable, "-m", "reader", "outline", "--json", str(path)]) for _ in range(runs))
        rows.append(
            Row(f"PDF model, {PAGES} pages (outline --json)", ours, poppler, "s", "≤ 8× pdftotext -bbox-layout", ours <= 8 * poppler)
        )
        rows.append(_memory_row(path))
        rows += _screen_rows(path, text, runs)
    return rows


def _memory_row(path: Path) -> Row:
    """Memory the built model holds, beside the size of the text it was read from."""
    code = (
        "import gc, tracemalloc\n"
        "from reader.pipeline.build import build_document\n"
        "from reader.sources import read_source\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        "text = read_source(data, 'x.pdf')[0].text\n"
        "gc.collect(); tracemalloc.start()\n"
        "doc = build_document(data, 'x.pdf')\n"
        "gc.collect(); print(tracemalloc.get_traced_memory()[0], len(text.encode()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    held, size = (int(v) for v in out.split()[-2:])
    return Row("PDF model memory (held after build)", held / 1e6, size / 1e6, "MB", "≤ 20× the text", held <= 20 * size)


def _screen_rows(path: Path, text: Path, runs: int) -> list[Row]:
    """First screen (fresh cache) beside the bare app showing poppler's text of the same file, and
    keys pressed while the helper reads the rest."""
    from bench.tmux import BARE_APP, Terminal

    if shutil.which("tmux") is None:
        return [Row("PDF first screen (no tmux here)", 0, None, "s", "–", None)]
    from reader.pipeline.build import build_document

    first = next(b.text for b in build_document(path.read_bytes(), "x.pdf", dictionary=False, pages=1).blocks if b.kind == "paragraph")
    ours_marker = first[:12]
    bare_marker = "Annual"
    term = Terminal()
    state = Path(tempfile.mkdtemp(prefix="reader-bench-state-"))
    env = f"env READER_STATE_DIR={state} READER_CACHE_DIR={state}/cache TERM=xterm-256color"
    try:
        bare, ours = [], []
        for _ in range(runs):
            bare.append(term.first_screen(f"{env} {sys.executable} {BARE_APP} {text}", bare_marker))
            shutil.rmtree(state / "cache", ignore_errors=True)
            ours.append(term.first_screen(f"{env} {sys.executable} -m reader {path}", ours_marker))
        b, o = statistics.median(bare), statistics.median(ours)
        rows = [Row(f"PDF first screen, {PAGES} pages, first open (median of {runs})", o, b, "s", "≤ 1.3× bare app", o <= 1.3 * b)]
        shutil.rmtree(state / "cache", ignore_errors=True)
        keys = term.key_latencies(f"{env} {sys.executable} -m reader {path}", ours_marker, 40, 0.1)
        bare_keys = term.key_latencies(f"{env} {sys.executable} {BARE_APP} {text}", bare_marker, 40, 0.1)
        rows.append(Row("PDF: key j while the rest is read (median of 40)", statistics.median(keys), statistics.median(bare_keys), "ms", "≤ 50 ms", statistics.median(keys) <= 50))
        rows.append(Row("PDF: key j while the rest is read (slowest of 40)", max(keys), max(bare_keys), "ms", "≤ 50 ms", max(keys) <= 50))
    finally:
        term.close()
        shutil.rmtree(state, ignore_errors=True)
    return rows


if __name__ == "__main__":  # ``python -m bench.pdf [RUNS]``: the PDF rows alone
    from bench.table import table_lines

    print("\n".join(table_lines(pdf_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 3))))
