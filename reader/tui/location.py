"""The one current location of the reading screen, which every pane follows."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model.document import Document


@dataclass(frozen=True, slots=True)
class Location:
    """A block of a document (``doc`` None: nothing shown yet). Two locations are equal when they
    name the same block of the same document object: a model swapped in is a new location."""

    doc: Document | None = None
    block: int = 0
