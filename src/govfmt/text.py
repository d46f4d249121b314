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
    if text.isascii():  # no ASCII character is wide or combining
        return len(text)
    return sum(map(_COLUMNS.__getitem__, text))


class _Columns(dict):
    """Columns of each character, looked up once per character (a report measures the same few hundred)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 0 if unicodedata.combining(ch) else 2 if is_wide(ch) else 1
        return width


_COLUMNS = _Columns()


def is_fullwidth_punctuation(ch: str) -> bool:
    return is_wide(ch) and unicodedata.category(ch).startswith("P")
