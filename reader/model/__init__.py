"""The document model: plain immutable data, free of any UI code."""

from reader.model.document import (
    BLOCK_KINDS,
    Block,
    BlockKind,
    Document,
    Figure,
    Heading,
    Metadata,
    Section,
    SourceSpan,
)

__all__ = [
    "BLOCK_KINDS",
    "Block",
    "BlockKind",
    "Document",
    "Figure",
    "Heading",
    "Metadata",
    "Section",
    "SourceSpan",
]
