"""Telling PDF bytes from others, without loading PDFium."""

from __future__ import annotations

PDF_MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    """True for PDF bytes: ``%PDF-`` within the first kilobyte (where PDF readers accept it)."""
    return PDF_MAGIC in data[:1024]
