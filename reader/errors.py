"""Errors that the user sees as one line and an exit status of 2."""


class ReaderError(Exception):
    """A failure with a message fit to show the user as it is (no traceback)."""


class NotTextError(ReaderError):
    """The input is binary, not a text document."""
