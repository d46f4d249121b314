"""Character classes and small text helpers shared by the rules."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from govfmt import regex_cache

CN_NUMERALS = "〇一二三四五六七八九十"
# Full-width punctuation of Chinese text (GB/T 15834).
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉〔〕【】「」『』…—～·"
OPENING = {"（": "）", "《": "》", "“": "”", "‘": "’", "〔": "〕", "【": "】", "〈": "〉", "「": "」", "『": "』"}
CLOSING = {close: open_ for open_, close in OPENING.items()}
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}
SPACES = " \t\u3000\u00a0"

# Each alternative may only start where its first character class begins a run (the look-behinds), so
# that a long run of letters, dots or hyphens is scanned once, not once per position.
URL_OR_EMAIL = regex_cache.compile(
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


@lru_cache(maxsize=256)  # several rules ask for the same line
def protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Ranges of a line that are URLs or e-mail addresses, where half-width marks are correct."""
    if not any(map(text.__contains__, _URL_PARTS)):
        return ()  # every URL and address has one of them: the pattern is tried on few lines
    return tuple(match.span() for match in URL_OR_EMAIL.finditer(text))


# What each alternative of URL_OR_EMAIL cannot match without: ://, www., the @ of an address, a dot and
# the top-level domain.
_URL_PARTS = ("://", "www.", "@", ".cn", ".com", ".net", ".org", ".gov", ".edu")


def inside(index: int, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether index falls in one of the spans (sorted and apart, as protected_spans gives them): a binary
    search, so a line of ten thousand addresses costs no more per mark than a line of one."""
    found = bisect_right(spans, index, key=_span_start) - 1
    return found >= 0 and spans[found][0] <= index < spans[found][1]


def _span_start(span: tuple[int, int]) -> int:
    return span[0]


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
    """A regular expression compiled on first use (through govfmt.regex_cache): a rule whose cheap pre-check
    fails never pays for its patterns. After the first use the compiled pattern's methods sit on the instance,
    so a call costs what a call of the compiled pattern does."""

    _METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, source: str, flags: int = 0):
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str):
        compiled = regex_cache.compile(self._source, self._flags)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        self.pattern, self.flags, self.groups, self.groupindex = (compiled.pattern, compiled.flags,
                                                                  compiled.groups, compiled.groupindex)
        return getattr(compiled, name)


_CREATED: list[LazyPattern] = []


def lazy(source: str, flags: int = 0) -> LazyPattern:
    pattern = LazyPattern(source, flags)
    _CREATED.append(pattern)
    return pattern


def compile_lazy_patterns() -> None:
    """Compile every lazy pattern now (before worker processes fork, so that they share the programs)."""
    for pattern in _CREATED:
        pattern.match  # noqa: B018  (the first attribute access compiles it)
