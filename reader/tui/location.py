"""The one current location of the reading screen, which every pane follows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from reader.model.document import Document


@dataclass(frozen=True, slots=True)
class Location:
    """A block of a document (``doc`` None: nothing shown yet). Two locations are equal when they
    name the same block of the same document object: a model swapped in is a new location."""

    doc: Document | None = None
    block: int = 0


class FollowingPane(Protocol):
    """A side pane that shows one document and follows the screen's location."""

    doc: Document | None
    location: Location

    def call_after_refresh(self, callback: Callable[..., object], *args: Any) -> bool:
        """Textual's: call ``callback`` after the next refresh."""
        ...

    def set_document(self, doc: Document) -> None:
        """Show ``doc``."""
        ...

    def show_location(self, location: Location) -> None:
        """Show what belongs to the location's block (its section, its figures)."""
        ...


def follow_location(pane: FollowingPane, location: Location) -> None:
    """A side pane's answer to a new location: a new document is taken a frame after the text
    pane's (which comes first; the very first document at once), then the location is shown."""
    doc = location.doc
    if doc is None:
        return
    if doc is not pane.doc:
        if pane.doc is None:
            _take(pane, doc)
        else:
            pane.call_after_refresh(_take, pane, doc)
        return
    pane.show_location(location)


def _take(pane: FollowingPane, doc: Document) -> None:
    """Show ``doc`` in ``pane`` (unless another document came meanwhile) at the current location."""
    if doc is not pane.location.doc or doc is pane.doc:
        return
    pane.set_document(doc)
    pane.show_location(pane.location)
