"""Sending escape sequences (OSC 52 for the clipboard) to the terminal through Textual's driver.

Textual's public way to reach the terminal's clipboard is ``App.copy_to_clipboard``, which sends
only the plain OSC 52 sequence; the tmux passthrough form needs the raw write that a driver
offers (``Driver.write``). ``App.get_driver_class`` is the documented hook for choosing the
driver, so the reader wraps the platform's driver in a subclass that tells a ``TerminalLink``
where it is. Headless runs (tests) never build this driver and pass a writer of their own.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.driver import Driver

from reader.errors import ReaderError


class TerminalLink:
    """Writes escape sequences through the driver Textual built for the app, once there is one."""

    def __init__(self) -> None:
        self.driver: Driver | None = None

    def __call__(self, sequence: str) -> None:
        """Write ``sequence`` to the terminal (ReaderError when there is none)."""
        driver = self.driver
        if driver is None:
            raise ReaderError("no terminal")
        driver.write(sequence)
        driver.flush()


def linked_driver(base: type[Driver], link: TerminalLink) -> type[Driver]:
    """The platform's driver class ``base``, which also registers itself with ``link``."""

    class LinkedDriver(base):  # type: ignore[valid-type,misc]  # a class chosen at run time
        """``base``, telling the link where the terminal is."""

        def __init__(
            self,
            app: App[Any],
            *,
            debug: bool = False,
            mouse: bool = True,
            size: tuple[int, int] | None = None,
        ) -> None:
            super().__init__(app, debug=debug, mouse=mouse, size=size)
            link.driver = self

    return LinkedDriver
