"""Telling page images from other bytes, without loading PIL."""

from __future__ import annotations


def image_kind(data: bytes) -> str | None:
    """The image format of ``data`` by its first bytes (``png``, ``jpeg``, ``tiff``, ``webp``), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None
