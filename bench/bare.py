"""The benchmark's baseline: a bare Textual app that shows the first 4,000 characters of a file."""

from __future__ import annotations

import sys

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    """Shows the head of a file in one Static; ``q`` quits."""

    BINDINGS = [("q", "quit", "Quit"), ("j", "next", "Next")]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        """One Static with the first 4,000 characters."""
        with open(self.path, "rb") as fh:
            self.head = fh.read(16_000).decode("utf-8", "replace")
        self.start = 0
        yield Static(Text(self.head[:4000]))

    def action_next(self) -> None:
        """Show the text one line further on (a key that redraws: the benchmark's floor)."""
        self.start = self.head.find("\n", self.start + 1) + 1
        self.query_one(Static).update(Text(self.head[self.start : self.start + 4000]))


if __name__ == "__main__":
    BareApp(sys.argv[1]).run()
