"""Chinese and Roman numerals → integers."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def chinese_to_int(text: str) -> int | None:
    """Parse a Chinese numeral such as 二十三 or 一百零五; None when it is not one."""
    if not text or any(c not in DIGITS and c not in UNITS for c in text):
        return None
    total = section = number = 0
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        else:
            unit = UNITS[ch]
            if unit >= 10_000:
                section = (section + number) * unit
                total += section
                section = 0
            else:
                section += (number or 1) * unit
            number = 0
    return total + section + number


def roman_to_int(text: str) -> int | None:
    """Parse an upper- or lower-case Roman numeral; None when it is not one."""
    text = text.upper()
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def to_int(text: str) -> int | None:
    """Parse an Arabic, Chinese or Roman numeral."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return chinese_to_int(text) if text[:1] in CHINESE_NUMERAL_CHARS else roman_to_int(text)
