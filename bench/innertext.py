"""A saved web page as a browser copies it: ``python -m bench.innertext PAGE.html > PAGE.txt``.

Collects the ``web-en``/``web-zh`` corpus documents: headless Chromium (Debian's ``chromium``) lays
the page out and ``document.body.innerText`` gives its text as a browser's "select all, copy" does
(block elements on their own lines, a blank line around ``<p>``, table cells separated by tabs and
rows by newlines, ``display: none`` left out). The page's own scripts and frames are removed first
(nothing is fetched); style sheets that the saved page links to are not there, so only its inline
styles apply.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)
_FRAME = re.compile(r"<iframe\b.*?</iframe\s*>", re.S | re.I)
_DUMP = """<script>
window.addEventListener("load", () => {
  const text = document.body.innerText;
  document.body.innerHTML = "";
  const pre = document.createElement("pre");
  pre.id = "innertext";
  pre.textContent = text;
  document.body.appendChild(pre);
});
</script>"""
_PRE = re.compile(r'<pre id="innertext">(.*?)</pre>', re.S)


def inner_text(page: str, chromium: str = "chromium") -> str:
    """The body's innerText of an HTML page, laid out by headless Chromium."""
    page = _FRAME.sub("", _SCRIPT.sub("", page))
    closing = page.lower().rfind("</body>")
    page = page + _DUMP if closing < 0 else page[:closing] + _DUMP + page[closing:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(page, encoding="utf-8")
        dom = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--virtual-time-budget=5000",
                f"--user-data-dir={tmp}/profile",
                "--dump-dom",
                path.as_uri(),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    found = _PRE.search(dom)
    if found is None:
        raise RuntimeError("Chromium gave no innerText")
    return html.unescape(found.group(1))


if __name__ == "__main__":
    sys.stdout.write(inner_text(Path(sys.argv[1]).read_text(encoding="utf-8", errors="replace")))
