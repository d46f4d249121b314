"""Approximate advance widths, enough to align indents and balance title lines.

CJK and full-width characters are one em wide in every 公文 font; Latin letters and digits come from
the Latin font (Times New Roman or a metric clone), whose advances are about these fractions of an em.
"""

from __future__ import annotations

_NARROW = {".": 0.25, ",": 0.25, ":": 0.28, ";": 0.28, " ": 0.25, "-": 0.33, "(": 0.33, ")": 0.33,
           "/": 0.28, "%": 0.83, "·": 0.25, "'": 0.18, '"': 0.41}


def advance_em(ch: str) -> float:
    if ord(ch) >= 0x2E80 or ch in "—…“”‘’":
        return 1.0
    if ch.isdigit():
        return 0.5
    if ch in _NARROW:
        return _NARROW[ch]
    if ch.isupper():
        return 0.68
    return 0.47


def text_width_pt(text: str, size_pt: float, tracking_pt: float = 0.0) -> float:
    return sum(advance_em(ch) * size_pt + tracking_pt for ch in text)


def width_in_chars(text: str) -> float:
    """Width in 字 (one character of the element's own size), as GB/T 9704 counts spaces."""
    return sum(advance_em(ch) for ch in text)
