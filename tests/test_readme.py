"""The README is the newcomer's door: its commands and key table stay true."""

from __future__ import annotations

import re

from reader.tui.keys import KEYS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def _plain(text: str) -> str:
    return re.sub(r"[`*]", "", text)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line and not line.startswith("#"))
    assert command.strip() in README


def test_every_key_is_in_the_readme_table():
    table = _plain(README)
    for key, what in KEYS:
        assert _plain(what)[:24] in table, what
        assert key.split(" ")[0].strip("()") in table, key


def test_readme_names_every_command():
    for command in ("reader reflow", "reader outline", "reader figures", "reader quote", "reader cite", "python -m bench"):
        assert command in README
