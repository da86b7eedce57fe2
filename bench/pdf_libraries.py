"""Compare PDF text libraries on one PDF: ``python bench/pdf_libraries.py FILE.pdf``.

Each measurement runs in a fresh process (so "first page" includes importing the library):
the first page's text, the whole file's text, and where the library gives them, every
character's box. Libraries that are not installed are skipped; poppler's pdftotext is the anchor.
Run it with an interpreter that has the candidates installed (pdfminer.six, pdfplumber, pypdf).
"""

from __future__ import annotations

import subprocess
import sys
import time

SNIPPETS = {
    "pypdfium2 (text only)": (
        "import pypdfium2 as p\nd=p.PdfDocument(F)\n"
        "for i in range(N):\n pg=d[i]; t=pg.get_textpage(); t.get_text_range(); t.close(); pg.close()\n"
    ),
    "pypdfium2 (char boxes, font per text object)": (
        "import ctypes, pypdfium2 as p, pypdfium2.raw as R\nd=p.PdfDocument(F)\nr=R.FS_RECTF()\nfonts={}\n"
        "f=ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(ctypes.cast(R.FPDFText_GetTextObject, ctypes.c_void_p).value)\n"
        "for i in range(N):\n pg=d[i]; t=pg.get_textpage(); n=R.FPDFText_CountChars(t.raw); s=t.get_text_range()\n"
        " for k in range(n):\n  R.FPDFText_GetLooseCharBox(t.raw,k,r); o=f(t.raw,k)\n"
        "  if o not in fonts: fonts[o]=R.FPDFText_GetFontWeight(t.raw,k)\n t.close(); pg.close()\n"
    ),
    "pdfminer.six (char boxes)": (
        "from pdfminer.high_level import extract_pages\n"
        "for k,page in enumerate(extract_pages(F, maxpages=N)): pass\n"
    ),
    "pdfplumber (char boxes)": (
        "import pdfplumber\nwith pdfplumber.open(F) as pdf:\n for pg in pdf.pages[:N]: pg.chars; pg.extract_text()\n"
    ),
    "pypdf (text only)": "from pypdf import PdfReader\nr=PdfReader(F)\nfor pg in r.pages[:N]: pg.extract_text()\n",
}


def timed(code: str, path: str, pages: int) -> float | None:
    """Wall time of ``code`` in a fresh interpreter (None when its library is missing)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", f"F={path!r}\nN={pages}\n" + code], capture_output=True, text=True
    )
    if result.returncode != 0:
        return None
    return time.perf_counter() - start


def main() -> None:
    """Print a table: library, first page, whole file."""
    path = sys.argv[1]
    from pypdfium2 import PdfDocument

    total = len(PdfDocument(path))
    print(f"| library | first page, fresh process | whole file ({total} pages) |")
    print("|---|---|---|")
    start = time.perf_counter()
    subprocess.run(["pdftotext", "-f", "1", "-l", "1", path, "/dev/null"], check=True)
    first = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(["pdftotext", "-bbox-layout", path, "/dev/null"], check=True)
    print(f"| poppler pdftotext -bbox-layout (C++) | {first:.2f} s | {time.perf_counter() - start:.2f} s |")
    for name, code in SNIPPETS.items():
        one = timed(code, path, 1)
        if one is None:
            print(f"| {name} | not installed | |")
            continue
        whole = timed(code, path, total)
        print(f"| {name} | {one:.2f} s | {whole:.2f} s |")


if __name__ == "__main__":
    main()
