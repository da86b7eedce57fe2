"""OCR benchmark: a 12-page scanned PDF opened in the TUI, beside the engine's own time for one page.

``python -m bench.ocr`` (needs the ``ocr`` extra) renders twelve English pages in two columns,
wraps them as an image-only PDF (a scan: no text layer) and measures, in one run:

- the engine alone: loading it, and reading page 1 (rendered at the source's resolution);
- the reader opening the file cold (empty caches), as ``reader scan.pdf`` does: the first screen
  (placeholders while OCR reads), the moment page 1's text is on screen, the moment all twelve
  pages are read and the full model is in, with the ``OCR page k/12`` notes seen on the way;
- key-to-redraw times (``j``, ``k``, PageDown) while the helper reads the other pages;
- reopening the file: everything from the caches.

``--dpi`` lists accuracy and time of page 1 at several resolutions (how ``SCAN_DPI`` was chosen).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.keys import watch_display


def scanned_pdf(pages: int = 12) -> tuple[bytes, list[list[str]]]:
    """An image-only PDF of ``pages`` English pages at 150 dpi, and each page's block texts."""
    from tests.page_images import english_blocks, english_page, image_pdf

    blocks = english_blocks()
    images = []
    texts = []
    for k in range(pages):
        chosen = [blocks[0], *blocks[1 + (k % 3) * 3 : 1 + (k % 3) * 3 + 6]]
        page = english_page(chosen, columns=2, body=22, ems=24)
        images.append(page.image)
        texts.append([b.text for b in chosen])
    return image_pdf(images, dpi=150), texts


def engine_page_time(data: bytes) -> tuple[float, float]:
    """Seconds to load the engine, and to render and read page 1 (warm)."""
    from reader.sources import ocr_engine
    from reader.sources.image import render_pdf_page

    start = time.perf_counter()
    ocr_engine.engine()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    ocr_engine.recognise(render_pdf_page(data, "scan.pdf", 0))
    return loaded, time.perf_counter() - start


async def open_in_tui(path: Path) -> dict[str, object]:
    """Open the file as ``reader FILE`` does (helper forked first), record when page 1's text and
    the full model arrive, and key times meanwhile."""
    from reader.opening import Indexer
    from reader.source import read_input
    from reader.state import StateStore
    from reader.tui.app import ReaderApp

    started = time.perf_counter()
    source = read_input(str(path))
    store = StateStore(Path(os.environ["READER_STATE_DIR"]))
    indexer = Indexer.start(source, store)
    quick, complete = indexer.first_screen()
    first_screen = time.perf_counter() - started
    app = ReaderApp(source, store, quick, complete, terminal_writer=lambda _s: None, indexer=indexer)
    stamps = watch_display(app)
    notes: list[str] = []
    readable = full = None
    keys: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while time.perf_counter() - started < 600:
            await pilot.pause(0.05)
            screen = app.reader
            doc = screen.document
            if doc is None:
                continue
            if screen.activity and (not notes or notes[-1] != screen.activity):
                notes.append(screen.activity)
            text = " ".join(b.text for b in doc.blocks[:6])
            if readable is None and "Chapter I" in text:
                readable = time.perf_counter() - started
            if readable is not None and screen.indexing and len(keys) < 30:
                for key in ("j", "k", "pagedown"):
                    stamps.clear()
                    pressed = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    if stamps:
                        keys.append((stamps[0] - pressed) * 1000)
            if screen.indexing == 0 and readable is not None and not any("recognised (OCR)" in b.text for b in doc.blocks):
                full = time.perf_counter() - started
                break
        await pilot.press("q")
    return {"first_screen": first_screen, "readable": readable, "full": full, "notes": notes, "keys": keys}


def _ms(values: list[float]) -> str:
    """Median and worst of key times."""
    if not values:
        return "no key measured"
    ordered = sorted(values)
    return f"median {statistics.median(ordered):.0f} ms, 95th {ordered[int(0.95 * (len(ordered) - 1))]:.0f} ms, worst {ordered[-1]:.0f} ms ({len(ordered)} keys)"


def dpi_table(data: bytes, texts: list[str]) -> None:
    """Accuracy and time of page 1 read at several resolutions."""
    from reader.sources import ocr_engine
    from reader.sources.image import render_pdf_page
    from tests.ocr_scoring import char_accuracy, folded

    gold = folded("".join(texts))
    print("dpi   seconds  accuracy")
    for dpi in (100, 150, 200, 300):
        start = time.perf_counter()
        page = ocr_engine.recognise(render_pdf_page(data, "scan.pdf", 0, dpi))
        took = time.perf_counter() - start
        read = folded("".join(ln.text for ln in page.lines))
        print(f"{dpi:<5} {took:7.2f}  {char_accuracy(gold, read):.4f}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12, help="pages of the scanned PDF")
    parser.add_argument("--dpi", action="store_true", help="also compare rendering resolutions on page 1")
    args = parser.parse_args(argv)
    from reader.sources import ocr_engine

    if not ocr_engine.available():
        print(f"bench.ocr needs the OCR extra: {ocr_engine.EXTRA}", file=sys.stderr)
        return 2
    data, texts = scanned_pdf(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READER_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["READER_STATE_DIR"] = str(Path(tmp) / "state")
        path = Path(tmp) / "scan.pdf"
        path.write_bytes(data)
        loaded, one_page = engine_page_time(data)
        os.environ["READER_NO_OCR_CACHE"] = ""
        cold = asyncio.run(open_in_tui(path))
        warm = asyncio.run(open_in_tui(path))
        if args.dpi:
            dpi_table(data, texts[0])
    print(f"scanned PDF: {args.pages} pages, {len(data) // 1024} KB, cpus {os.cpu_count()}")
    print(f"engine: load {loaded:.2f} s; page 1 (render + read) {one_page:.2f} s   <- the baseline")
    print(f"open cold: first screen {cold['first_screen']:.2f} s; page 1 readable {cold['readable'] or float('nan'):.2f} s; all pages {cold['full'] or float('nan'):.1f} s")
    print(f"  status notes seen: {', '.join(cold['notes'][:3])} … {cold['notes'][-1] if cold['notes'] else ''}")
    print(f"  keys while OCR reads: {_ms(cold['keys'])}")
    print(f"reopen: first screen {warm['first_screen']:.2f} s; readable {warm['readable'] or float('nan'):.2f} s; full {warm['full'] or float('nan'):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
