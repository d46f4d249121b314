"""Breaking a title into centred lines: balanced, never inside a bracketed name, a number or a
Latin word, never leaving the document type (的通知) alone on the last line (GB/T 9704 §7.3.1)."""

from __future__ import annotations

from functools import lru_cache

from govfmt.layout.metrics import width_in_chars
from govfmt.parse.patterns import DOC_TYPES

_PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "(": ")", "〔": "〕", "【": "】", "〈": "〉"}
# Places where a title reads well when broken (before the subject, after the issuing organ, …).
_GOOD_BEFORE = ("关于", "印发", "转发", "批转", "开展", "进一步", "加强", "做好", "推进", "深化", "全面",
                "建立", "完善", "支持", "实施", "落实", "推动", "促进", "《", "管理办法", "管理规定", "工作方案",
                "实施方案", "实施意见", "实施细则", "行动方案", "暂行办法")
_GOOD_AFTER = ("关于", "、", "，", "和", "与", "及", "》", "的", "印发", "转发", "批转", "人民政府", "办公厅", "办公室",
               "委员会", "人民法院", "人民检察院")
# A break at no such place (between two words of one name, 国家|综合性) costs as much as a much less
# even set of lines: the title takes one more line rather than split a name.
_PLAIN_BREAK_COST = 30.0
_MAX_LINES = 5
# The second half of an organ's name: never the start of a line (舟山市 / 人民政府).
_ORGAN_TAILS = ("人民政府", "人民法院", "人民检察院", "人民代表大会", "政府", "办公厅", "办公室", "委员会", "常委会")


def split_title(author_lines: tuple[str, ...], max_chars: float) -> list[str]:
    """Title lines for a title the author wrote as author_lines, each at most max_chars 字 wide."""
    lines = [line for line in author_lines if line]
    if lines and all(width_in_chars(line) <= max_chars for line in lines) and not _last_line_orphaned(lines):
        return lines
    text = "".join(lines)
    if width_in_chars(text) <= max_chars:
        return [text]
    return _balanced(text, max_chars)


def _last_line_orphaned(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    last = lines[-1]
    return len(last) <= 4 and last.lstrip("的") in DOC_TYPES


def _forbidden_breaks(text: str, max_chars: float | None = None) -> set[int]:
    """Positions i (break before text[i]) that would split a bracketed name, a number or a word. A
    bracketed name wider than a line (max_chars) must break somewhere: between its words then."""
    forbidden = set()
    stack: list[tuple[str, int]] = []
    inside: list[int] = []
    for index, ch in enumerate(text):
        if stack and index > 0:
            inside.append(index)
        if ch in _PAIRS:
            stack.append((_PAIRS[ch], index))
        elif stack and ch == stack[-1][0]:
            _, opened = stack.pop()
            if max_chars is None or width_in_chars(text[opened:index + 1]) <= max_chars:
                forbidden.update(i for i in inside if opened < i <= index)
            inside = [i for i in inside if i <= opened] if stack else []
    if stack and (max_chars is None or width_in_chars(text[stack[0][1]:]) <= max_chars):
        forbidden.update(inside)  # an unclosed bracket: its rest stays whole where it fits a line
    for index in range(1, len(text)):
        before, after = text[index - 1], text[index]
        if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            forbidden.add(index)
        if before.isdigit() and after in "年月日号届次期批项个%":
            forbidden.add(index)
        if after in "，、。：；》）”’〕】":
            forbidden.add(index)
        if before in "《（“‘〔【":
            forbidden.add(index)
        if text.startswith(_ORGAN_TAILS, index) and before not in "，、；：》）”’":
            forbidden.add(index)
    tail = _doc_type_tail(text)
    for index in range(len(text) - tail + 1, len(text)):
        forbidden.add(index)
    return forbidden


def _doc_type_tail(text: str) -> int:
    """Characters at the end that must stay with what precedes them: 的 + 文种, at least 4."""
    for kind in sorted(DOC_TYPES, key=len, reverse=True):
        if text.endswith(kind):
            size = len(kind) + (1 if text[: -len(kind)].endswith("的") else 0)
            return max(size + 2, 4)
    return 4


def _break_bonus(text: str, index: int) -> float:
    bonus = 0.0
    if text[index:].startswith(_GOOD_BEFORE):
        bonus += 1.5
    if text[:index].endswith(_GOOD_AFTER):
        bonus += 1.0
    return bonus


_segmenters: dict[int, object] = {}  # per process: a forked worker opens the word list's file again


def _segmenter():
    """jieba's tokenizer, reading its word list from the cached file (or loading it whole without one)."""
    import os

    pid = os.getpid()
    found = _segmenters.get(pid)
    if found is None:
        import logging

        from govfmt.layout.word_list import import_jieba, stored_tokenizer

        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        found = stored_tokenizer()
        if found is None:
            jieba.initialize()
            found = jieba.dt
        _segmenters.clear()
        _segmenters[pid] = found
    return found


def break_allowed(text: str, index: int, max_chars: float | None = None) -> bool:
    """Whether a title may break before text[index]: not inside a bracketed name (unless the name is
    wider than a line of max_chars), a number or a word."""
    return 0 < index < len(text) and index not in _forbidden_breaks(text, max_chars) \
        and index in _word_boundaries(text)


def _word_boundaries(text: str) -> set[int]:
    """Positions between words, from jieba's dictionary segmentation (loaded only when a title
    must be re-broken)."""
    boundaries, position = set(), 0
    for word in _segmenter().cut(text, HMM=False):
        position += len(word)
        boundaries.add(position)
    return boundaries


def _balanced(text: str, max_chars: float) -> list[str]:
    within_words = set(range(1, len(text))) - _word_boundaries(text)
    strict = _forbidden_breaks(text, max_chars) | within_words
    result = _balanced_with(text, max_chars, strict)
    return result if result is not None else _balanced_with(text, max_chars, _forbidden_breaks(text, max_chars)) \
        or _greedy(text, max_chars)


def _balanced_with(text: str, max_chars: float, forbidden: set[int]) -> list[str] | None:
    widths = [width_in_chars(ch) for ch in text]
    total = sum(widths)
    best: tuple[float, list[int]] | None = None
    minimum = max(2, int(total // max_chars) + (1 if total % max_chars else 0))
    found_at = None
    for count in range(minimum, min(_MAX_LINES, len(text)) + 1):
        if found_at is not None and count > found_at + 1:
            break  # one line more than the fewest that fit is tried, for better places to break
        ideal = total / count
        result = _search(text, tuple(widths), frozenset(forbidden), count, ideal, max_chars)
        if result is not None and (best is None or result[0] < best[0]):
            best = result
        if result is not None and found_at is None:
            found_at = count
    if best is None:
        return None
    cuts = [0, *best[1], len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def _search(text, widths, forbidden, count, ideal, max_chars):
    n = len(text)
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    @lru_cache(maxsize=None)
    def solve(start: int, lines_left: int) -> tuple[float, tuple[int, ...]] | None:
        if lines_left == 1:
            width = prefix[n] - prefix[start]
            return ((width - ideal) ** 2, ()) if width <= max_chars else None
        best = None
        for cut in range(start + 1, n):
            width = prefix[cut] - prefix[start]
            if width > max_chars:
                break
            if cut in forbidden:
                continue
            rest = solve(cut, lines_left - 1)
            if rest is None:
                continue
            bonus = _break_bonus(text, cut)
            cost = (width - ideal) ** 2 - bonus + (0.0 if bonus else _PLAIN_BREAK_COST) + rest[0]
            if best is None or cost < best[0]:
                best = (cost, (cut, *rest[1]))
        return best

    result = solve(0, count)
    return None if result is None else (result[0], list(result[1]))


def _greedy(text: str, max_chars: float) -> list[str]:
    lines, current, width = [], "", 0.0
    for ch in text:
        w = width_in_chars(ch)
        if current and width + w > max_chars:
            lines.append(current)
            current, width = "", 0.0
        current += ch
        width += w
    if current:
        lines.append(current)
    return lines
