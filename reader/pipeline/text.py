"""Step 1, bytes → text: detect the encoding, decode, sanitise, normalise."""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from reader.errors import NotTextError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\x7fELF",
    b"%PDF",
    b"PK\x03\x04",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"MZ",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"SQLite format",
    b"OggS",
    b"RIFF",
    b"\x00\x00\x01\x00",
)
_SAMPLE = 1 << 16
# Escape sequences (CSI, OSC, DCS/PM/APC strings, two-byte escapes), C0/C1 controls
# except tab and newline, bidi embeddings/overrides/isolates, stray BOMs.
_STRIP_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -~]?"
    r"|\r(?=\n)"
    r"|[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]"
)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the cleaned text back to offsets in the decoded source."""

    clean_at: tuple[int, ...] = ()
    removed_before: tuple[int, ...] = ()

    def to_source(self, offset: int) -> int:
        """Return the source offset of the clean-text ``offset``."""
        i = bisect.bisect_right(self.clean_at, offset)
        return offset + (self.removed_before[i - 1] if i else 0)

    def to_clean(self, source: int, length: int) -> int:
        """Return the clean-text offset (of a text ``length`` long) shown at or before ``source``."""
        lo, hi = 0, length
        while lo < hi:  # the last offset whose source is not past ``source``
            mid = (lo + hi + 1) // 2
            if self.to_source(mid) <= source:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def then(self, later: OffsetMap, length: int) -> OffsetMap:
        """The map of a text made from this map's clean text by ``later``'s edits (``length``: the
        new text's length): new offsets back to this map's source."""
        if not later.clean_at:
            return self
        if not self.clean_at:
            return later
        points = set(later.clean_at)
        points.update(later.to_clean(p, length) for p in self.clean_at)
        clean_at: list[int] = []
        shifts: list[int] = []
        for point in sorted(points):
            shift = self.to_source(later.to_source(point)) - point
            if (shifts[-1] if shifts else 0) != shift:
                clean_at.append(point)
                shifts.append(shift)
        return OffsetMap(tuple(clean_at), tuple(shifts))

    def shifted(self, start: int) -> OffsetMap:
        """The map of the clean text from ``start`` on: its offset 0 is this text's ``start``."""
        i = bisect.bisect_right(self.clean_at, start)
        clean_at = [0] + [c - start for c in self.clean_at[i:]]
        removed = [start + (self.removed_before[i - 1] if i else 0)]
        removed += [start + r for r in self.removed_before[i:]]
        return OffsetMap(tuple(clean_at), tuple(removed))


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text ready for layout, with how it was decoded and what was repaired."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap)


def rewrite(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Apply ``edits`` (sorted, non-overlapping ``(start, end, replacement)``) to ``text``; return
    the new text and the map from its offsets back to ``text``'s."""
    if not edits:
        return text, OffsetMap()
    pieces: list[str] = []
    clean_at: list[int] = []
    shifts: list[int] = []
    pos = length = shift = 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        length += start - pos
        pieces.append(replacement)
        length += len(replacement)
        shift += (end - start) - len(replacement)
        clean_at.append(length)
        shifts.append(shift)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), OffsetMap(tuple(clean_at), tuple(shifts))


def looks_binary(data: bytes) -> bool:
    """Return True when ``data`` looks like a binary file rather than text."""
    head = data[:_SAMPLE]
    if any(head.startswith(m) for m in _MAGIC):
        return True
    if not head:
        return False
    nul = head.count(0)
    if nul and _utf16_guess(head) is None and nul > max(8, len(head) // 100):
        return True
    ctrl = sum(head.count(b) for b in (*range(1, 7), *range(14, 27), *range(28, 32)))
    return ctrl > max(4, len(head) * 0.05)


def _utf16_guess(head: bytes) -> str | None:
    """Guess BOM-less UTF-16: NUL bytes present and one byte order decodes to plausible text."""
    if len(head) < 4 or 0 not in head:
        return None
    sample = head[: len(head) // 2 * 2]
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        plausible = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        common = len(_COMMON_RE.findall(text))
        if plausible >= len(text) * 0.97 and common >= len(text) * 0.8:
            return name
    return None


_COMMON_RE = re.compile(r"[\s!-~\u00a0-\u024f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _guess_legacy(sample: bytes) -> str:
    """Pick the most plausible legacy encoding for bytes that are not UTF-8."""
    from charset_normalizer import from_bytes

    guess = _utf16_guess(sample)
    if guess:
        return guess
    result = from_bytes(sample, cp_isolation=["gb18030", "big5", "shift_jis", "euc_kr", "cp1252"]).best()
    if result is None:
        return "gb18030"
    name = result.encoding
    return "gb18030" if name in ("gbk", "gb2312", "hz") else name


def _mostly_utf8(data: bytes) -> bool:
    """Return True when UTF-8 decoding fails on only a few stray bytes."""
    decoded = data[: _SAMPLE * 4].decode("utf-8", "replace")
    bad = decoded.count("\ufffd")
    good = len(decoded) - len(decoded.encode("ascii", "ignore")) - bad
    return good > 0 and bad <= good


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode ``data`` to a string; return (text, encoding, warnings)."""
    warnings: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(name, "replace")
            break
    else:
        magic = any(data.startswith(m) for m in _MAGIC)
        guess = None if magic else _utf16_guess(data[:_SAMPLE])
        if magic or (guess is None and looks_binary(data)):
            raise NotTextError("not a text document")
        if guess is not None:
            text = data[: len(data) // 2 * 2].decode(guess, "replace")
            return _finish(text, guess, warnings)
        try:
            return data.decode("utf-8"), "utf-8", warnings
        except UnicodeDecodeError:
            pass
        name = "utf-8" if _mostly_utf8(data) else _guess_legacy(data[:_SAMPLE])
        text = data.decode(name, "replace")
    return _finish(text, name, warnings)


def _finish(text: str, name: str, warnings: list[str]) -> tuple[str, str, list[str]]:
    """Count replacement characters into one warning."""
    bad = text.count("\ufffd")
    if bad:
        warnings.append(f"{bad} undecodable byte sequence(s) shown as \ufffd ({name})")
    return text, name, warnings


def sanitise(text: str) -> tuple[str, OffsetMap, list[str]]:
    """Strip escapes, controls and bidi overrides; normalise newlines; NFC."""
    warnings: list[str] = []
    clean_at: list[int] = []
    removed_before: list[int] = []
    pieces: list[str] = []
    removed = nul = escapes = 0
    last = 0
    for m in _STRIP_RE.finditer(text):
        s, e = m.span()
        pieces.append(text[last:s])
        chunk = m.group()
        if chunk == "\r":
            pass
        elif chunk == "\x00":
            nul += 1
        else:
            escapes += 1
        removed += e - s
        clean_at.append(s - (removed - (e - s)))
        removed_before.append(removed)
        last = e
    pieces.append(text[last:])
    clean = "".join(pieces) if clean_at else text
    if "\r" in clean:
        clean = clean.replace("\r", "\n")
    if nul:
        warnings.append(f"{nul} NUL byte(s) dropped")
    if escapes:
        warnings.append(f"{escapes} control or escape sequence(s) removed")
    if not unicodedata.is_normalized("NFC", clean):
        clean = unicodedata.normalize("NFC", clean)
    return clean, OffsetMap(tuple(clean_at), tuple(removed_before)), warnings


def read_text(data: bytes) -> DecodedText:
    """Turn raw bytes into clean text (the first pipeline step)."""
    text, encoding, warnings = decode_bytes(data)
    clean, offsets, more = sanitise(text)
    return DecodedText(clean, encoding, tuple(warnings + more), offsets)
