"""The document model: plain immutable data, free of any UI code."""

from reader.model.document import Block, Document, Figure, Heading, Metadata, Section, SourceSpan

__all__ = ["Block", "Document", "Figure", "Heading", "Metadata", "Section", "SourceSpan"]
