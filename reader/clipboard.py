"""Copying text: the system clipboard through pyperclip, else OSC 52 through the terminal (and tmux)."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class CopyResult:
    """How a copy went: ``ok``, the way used, and an error message when it failed."""

    ok: bool
    way: str
    error: str = ""


def safe_text(text: str) -> str:
    """Remove control characters and bidi overrides so nothing raw reaches the clipboard."""
    return _UNSAFE_RE.sub("", text)


def osc52(text: str) -> str:
    """The OSC 52 sequence that asks the terminal to set its clipboard."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"


def tmux_passthrough(sequence: str) -> str:
    """Wrap an escape sequence for tmux's ``allow-passthrough``."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def _system_clipboard_usable() -> bool:
    """pyperclip can only reach a local clipboard: not over SSH, not without a display on Linux."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return False
    if os.name == "posix" and not os.uname().sysname == "Darwin":
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def copy_text(text: str, write_terminal: Callable[[str], None] | None, in_tmux: bool | None = None) -> CopyResult:
    """Copy ``text``: pyperclip where it works, then OSC 52 (plus tmux passthrough inside tmux)."""
    text = safe_text(text)
    if _system_clipboard_usable():
        try:
            import pyperclip

            pyperclip.copy(text)
            return CopyResult(True, "the system clipboard")
        except Exception as exc:  # pyperclip raises its own and OS errors; none may crash the app
            if write_terminal is None:
                return CopyResult(False, "pyperclip", str(exc) or type(exc).__name__)
    if write_terminal is None:
        return CopyResult(False, "none", "no clipboard: no X/Wayland clipboard and no terminal")
    tmux = bool(os.environ.get("TMUX")) if in_tmux is None else in_tmux
    try:
        sequence = osc52(text)
        write_terminal(sequence)
        if tmux:
            write_terminal(tmux_passthrough(sequence))
    except Exception as exc:
        return CopyResult(False, "OSC 52", str(exc) or type(exc).__name__)
    return CopyResult(True, "the terminal (OSC 52" + (", also tmux passthrough)" if tmux else ")"))
