"""Character classes and small text helpers shared by the rules."""

from __future__ import annotations

import re

CN_NUMERALS = "〇一二三四五六七八九十"
# Full-width punctuation of Chinese text (GB/T 15834).
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉〔〕【】「」『』…—～·"
OPENING = {"（": "）", "《": "》", "“": "”", "‘": "’", "〔": "〕", "【": "】", "〈": "〉", "「": "」", "『": "』"}
CLOSING = {close: open_ for open_, close in OPENING.items()}
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}
SPACES = " \t\u3000\u00a0"

# Each alternative may only start where its first character class begins a run (the look-behinds), so
# that a long run of letters, dots or hyphens is scanned once, not once per position.
URL_OR_EMAIL = re.compile(
    r"(?:https?|ftp)://[^\s\u4e00-\u9fff，。；）)」』”]+"
    r"|(?<![A-Za-z0-9.\-])www\.[A-Za-z0-9.\-]+(?:/[^\s\u4e00-\u9fff，。；）)」』”]*)?"
    r"|(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"
    r"|(?<![A-Za-z0-9.\-])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:cn|com|net|org|gov|edu)(?![A-Za-z0-9\-])"
    r"(?:/[^\s\u4e00-\u9fff，。]*)?"
)


def is_cjk(ch: str) -> bool:
    """A Han character (the unified ideographs and extension A, plus 〇)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "〇"


def is_chinese_context(ch: str) -> bool:
    """Han characters and full-width Chinese punctuation: text where half-width marks do not belong."""
    return is_cjk(ch) or (ch in FULLWIDTH_PUNCT and ch not in "…—～·")


def is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Ranges of a line that are URLs or e-mail addresses, where half-width marks are correct."""
    return [match.span() for match in URL_OR_EMAIL.finditer(text)]


def inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= index < end for start, end in spans)


def prev_visible(text: str, index: int) -> str:
    """The nearest character before index that is not a space ('' at the start)."""
    index -= 1
    while index >= 0 and text[index] in SPACES:
        index -= 1
    return text[index] if index >= 0 else ""


def next_visible(text: str, index: int) -> str:
    """The nearest character after index that is not a space ('' at the end)."""
    index += 1
    while index < len(text) and text[index] in SPACES:
        index += 1
    return text[index] if index < len(text) else ""


_CN_DIGIT_VALUE = {ch: value for value, ch in enumerate("零一二三四五六七八九")}
_CN_DIGIT_VALUE.update({"〇": 0, "两": 2})


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral up to 九十九 (一, 十, 十二, 二十, 二十三); None if not one."""
    if not text or any(ch not in _CN_DIGIT_VALUE and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGIT_VALUE[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return None
    value = (_CN_DIGIT_VALUE[tens] if tens else 1) * 10
    return value + (_CN_DIGIT_VALUE[units] if units else 0)


def int_to_chinese(value: int) -> str:
    """一 … 九十九, as used in heading markers."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


class LazyPattern:
    """A regular expression compiled on first use. Python compiles a class of Han characters by filling a
    65,536-entry table in Python code, so the rules' patterns are compiled only when a draft needs them:
    `govfmt check` on one draft starts faster, and a rule whose cheap pre-check fails never pays."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, source: str, flags: int = 0):
        self._source = source
        self._flags = flags
        self._compiled = None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return getattr(compiled, name)


def lazy(source: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(source, flags)
