"""Character classes and display width of Chinese text, in one place (the standard library only, so
that `govfmt check` can use it without loading anything heavy)."""

from __future__ import annotations

import unicodedata

# CJK ideographs: the unified block, Extension A, the compatibility block, Extensions B–H.
_IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


def is_ideograph(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _IDEOGRAPHS)


def is_wide(ch: str) -> bool:
    """Takes two columns in a terminal and one 字 on the page: East Asian Wide or Fullwidth."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def display_width(text: str) -> int:
    """Columns text takes in a terminal: wide characters two, combining marks none, others one."""
    return sum(0 if unicodedata.combining(ch) else 2 if is_wide(ch) else 1 for ch in text)


def is_fullwidth_punctuation(ch: str) -> bool:
    return is_wide(ch) and unicodedata.category(ch).startswith("P")
