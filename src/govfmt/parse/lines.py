"""Facts about one line, independent of its neighbours."""

from __future__ import annotations

import re
from functools import lru_cache

from govfmt import regex_cache
from govfmt.parse import patterns as p

_SPACES = regex_cache.compile(r"[\s\u3000]+")
MAX_RECIPIENT_CHARS = 30  # one recipient such as 国家发展改革委、财政部 is a few words


@lru_cache(maxsize=4096)  # every test of a line asks for it; a long line costs once
def compact(text: str) -> str:
    """The line without any spaces (titles written as 国 家 粮 食 应 急 预 案)."""
    return _SPACES.sub("", text)


_NARROW = regex_cache.compile("[\x00-\u2e7f]+")


@lru_cache(maxsize=4096)  # the wrap-width, widest-line and joining tests each ask for every line's width
def display_width(text: str) -> int:
    """Width in half-width cells: CJK and full-width characters (from U+2E80 on) count 2."""
    return len(text) + len(_NARROW.sub("", text))  # what is left after removing the narrow ones is wide


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# The characters a heading marker can start with (a digit aside): a line starting otherwise needs no pattern.
_MARKER_FIRST = frozenset(p.CN_DIGITS + "（(" + "".join(chr(c) for c in range(ord("⑴"), ord("⒇") + 1)))


def _may_start_marker(text: str) -> bool:
    first = text[:1]
    return first in _MARKER_FIRST or first.isdigit()  # isdigit holds for every \d


@lru_cache(maxsize=4096)  # the table-of-contents test, the body and the head ask for the same lines
def heading_level(text: str, decimal_outline: bool) -> int | None:
    """Heading level by its ordinal marker; None for text that is not a heading."""
    if not _may_start_marker(text):
        return None
    if p.HEADING_1.match(text):
        return 1
    if p.HEADING_2.match(text):
        return 2
    if p.HEADING_4.match(text):
        return 4
    if decimal_outline:
        sub = p.DECIMAL_SUB.match(text)
        if sub:
            return min(4, sub.group(0).strip().count(".") + sub.group(0).count("．") + 1)
        top = p.DECIMAL_TOP.match(text)
        if top and is_short_phrase(text[top.end():]):
            return 1
    if p.HEADING_3.match(text):
        return 3
    return None


def marker_length(text: str) -> int:
    """Length of the ordinal marker at the start of a heading line (0 if none)."""
    first = text[:1]
    tried = _MARKERS_BY_FIRST.get(first)
    if tried is None:
        tried = _DIGIT_MARKERS if first.isdigit() else ()
    for pattern in tried:
        match = pattern.match(text)
        if match:
            return match.end()
    return 0


# The marker patterns marker_length tries, in its order, for a line's first character: each pattern can
# match only lines that start with a Chinese numeral (一、), a bracket (（一） （1）), a circled number or
# a digit (\d is a digit for str.isdigit too; so is ⑴, which is no \d).
_MARKERS_BY_FIRST = {**dict.fromkeys(p.CN_DIGITS, (p.HEADING_1,)), **dict.fromkeys("（(", (p.HEADING_2, p.HEADING_4)),
                     **dict.fromkeys(map(chr, range(ord("⑴"), ord("⒇") + 1)), (p.HEADING_4,))}
_DIGIT_MARKERS = (p.DECIMAL_SUB, p.HEADING_3, p.DECIMAL_TOP)


_RUN_IN_MARK = regex_cache.compile("[" + re.escape(p.OPENERS + p.CLOSERS + "。！？!?：:.") + "]")


def run_in_split(text: str) -> int | None:
    """Index just past the heading phrase when body text follows it on the same line, else None.

    The phrase ends at the first sentence end (。！？, or a half-width full stop typed after Chinese text)
    outside brackets and quotes, or at an early colon (一、元旦：……).
    """
    depth = 0
    start = marker_length(text)
    for mark in _RUN_IN_MARK.finditer(text, start):  # the loop acts on these characters only
        index = mark.start()
        ch = text[index]
        if ch in p.OPENERS:
            depth += 1
        elif ch in p.CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in "。！？!?" or (ch in "：:" and index - start <= 24) or (ch == "." and _cjk_full_stop(text, index))):
            end = index + 1
            while end < len(text) and text[end] in "”’）)":
                end += 1
            rest = text[end:].strip()
            return end if rest else None
    return None


def _cjk_full_stop(text: str, index: int) -> bool:
    """The `.` at index ends a Chinese sentence (工作总结.主要包括), not a number, file or address (1.5, 附件.docx)."""
    after = text[index + 1:index + 2]
    return index > 0 and is_cjk(text[index - 1]) and not (after.isascii() and after.isalnum())


def ends_with_terminal(text: str) -> bool:
    stripped = text.rstrip("”’）)」』 ")
    if not stripped:
        return False
    if stripped[-1] == "." and len(stripped) > 1:
        return is_cjk(stripped[-2])  # a half-width full stop after Chinese text
    return stripped[-1] in p.TERMINAL


def toc_key(text: str) -> str:
    """A table-of-contents entry without its leader dots and page number, spaces removed."""
    text = text.rstrip()
    number = text.rstrip("0123456789")
    if 1 <= len(text) - len(number) <= 3:
        before = number.rstrip(" \t\u3000")
        leaders = number.rstrip(p.TOC_LEADERS)
        if len(number) - len(before) >= 2 or len(before.rstrip(p.TOC_LEADERS[:-3])) <= len(before) - 2:
            text = leaders
    else:
        dots = text.rstrip(".．…·")
        if len(text) - len(dots) >= 3:
            text = dots
    return compact(text)


def is_short_phrase(text: str, limit: int = 26) -> bool:
    """A heading- or title-like phrase: short and without closing punctuation."""
    text = text.strip()
    return 0 < len(compact(text)) <= limit and not text.endswith(tuple(p.CLAUSE_END))


@lru_cache(maxsize=4096)  # asked of a line by the body, the head, the tail and the attachment tests
def is_date(text: str) -> bool:
    flat = compact(text)
    if p.DATE_ARABIC.match(flat) or p.DATE_CHINESE.match(flat) or p.DATE_DIGITS.match(flat):
        return True
    return len(text) <= 30 and bool(p.DATE_SPACED.match(text.strip()))


def is_doc_number(text: str) -> bool:
    """A 发文字号 line, alone or with the 签发人 beside it."""
    return bool(p.DOC_NUMBER.match(compact(text))) or doc_number_and_signer(text) is not None


def doc_number_and_signer(text: str) -> tuple[str, str] | None:
    """A 上行文's 发文字号 line with its 签发人 (`某政发〔2024〕5号　　签发人：张三`, §7.2.6), as its two parts."""
    label = p.SIGNER_LABEL.search(text) if "签" in text else None
    if label is None or label.start() == 0 or not p.DOC_NUMBER.match(compact(text[:label.start()])):
        return None
    return text[:label.start()].strip(" \t\u3000"), text[label.start():].strip(" \t\u3000")


def is_table_row(text: str) -> bool:
    if "\t" in text:
        return len([c for c in text.split("\t") if c.strip()]) >= 2
    stripped = text.strip()
    return stripped.startswith("|") and stripped.count("|") >= 3


def ends_with_doc_type(text: str) -> bool:
    flat = compact(text).rstrip("》）)")
    return flat.endswith(p.DOC_TYPES)


def is_title_like(text: str) -> bool:
    flat = compact(text)
    if not flat or len(flat) > 48:
        return False
    if flat[-1] in p.CLAUSE_END or flat[-1] in "；;":
        return False
    return not (is_date(flat) or is_doc_number(flat))


# Words that open a clause of a sentence, never a recipient's name.
_CLAUSE_OPENERS = ("为了", "为进一步", "为切实", "为深入", "为加快", "为做好", "为确保", "为全面", "根据", "按照", "依据",
                   "结合", "经研究", "经市政府同意", "经县政府同意", "现将", "现就", "特制定", "特此", "请", "对于", "关于",
                   "围绕", "针对", "通过", "我们")


def is_recipient_list(flat: str) -> bool:
    """Names of organs or people separated by 、，; not a sentence (`现将有关情况报告如下：`)."""
    if len(flat) > 200 or "。" in flat or p.INTRODUCING_COLON.search(flat):
        return False
    if "." in flat and any(ch == "." and i > 0 and is_cjk(flat[i - 1]) for i, ch in enumerate(flat)):
        return False
    parts = [part for part in p.LIST_SEPARATOR.split(flat.rstrip("：:")) if part]
    if len(parts) > 1 and any(part.startswith(_CLAUSE_OPENERS) or "如下" in part for part in parts):
        return False  # clauses of a sentence (为…，根据…，特制定如下措施：), not names
    return bool(parts) and max(len(part) for part in parts) <= MAX_RECIPIENT_CHARS


_SPACED_NAME = regex_cache.compile(r"^(?:[\u4e00-\u9fff][ \u3000]{1,3}){2,}[\u4e00-\u9fff]$")


# The number of a meeting's 纪要 or of an issue under its title: `〔2024〕第5次`, `2024年第3期`, `第12次`.
_SESSION_NUMBER = regex_cache.compile(r"^(?:[〔\[［]\d{4}[〕\]］]|\d{4}年)?第[0-9一二三四五六七八九十百〇零]{1,5}[次期]$")


def is_session_number(flat: str) -> bool:
    return _SESSION_NUMBER.match(flat) is not None


def is_subtitle(flat: str) -> bool:
    """A line under a title that belongs to it: `——在…会议上的讲话`, `（试行）`, `（2022年3月11日通过）`."""
    if flat.startswith(("——", "—", "－－", "--")) and len(flat) <= 60:
        return True
    if is_session_number(flat):
        return True
    return bool(p.NOTE.match(flat)) and len(flat) <= 50 and not flat.endswith(("。）", "。)"))


def is_banner(text: str) -> bool:
    """A 发文机关标志: `…文件`, or an organ's name with its characters spaced out (`浙 江 省 教 育 厅`)."""
    flat = compact(text)
    if p.ISSUER_MARK.match(flat) and not ends_with_doc_type(flat[:-2]) and "关于" not in flat:
        return bool(p.ORGAN.search(flat[:-2]))
    return len(flat) <= 20 and bool(_SPACED_NAME.match(text.strip())) and bool(p.ORGAN.search(flat))


# The last characters of an organ's name: 某县人民政府, 某某局, 某某办公室, 某某中心, 某某指挥部.
_ORGAN_ENDINGS = tuple("院部委厅局办会府署室处行军社团组所站队馆校司") + ("中心", "公司", "集团")


def is_organ_name(flat: str, longest: int = 30) -> bool:
    """The line (without spaces) is an organ's name alone: 中共某县委办公室, 某县人民政府办公室."""
    return 2 < len(flat) <= longest and flat.endswith(_ORGAN_ENDINGS) and not ends_with_terminal(flat) \
        and not any(mark in flat for mark in "，、：:；;（(") and not p.CLOSING.match(flat)


def mark_organ(flat: str) -> str:
    """The organ's name in a line of a stacked 发文机关标志 (without spaces): the line without its 文件."""
    return flat[:-2] if flat.endswith("文件") else flat


def is_clause(text: str) -> bool:
    """A numbered line that is one whole sentence (`一、根据…，制定本规则。`): a 条文, not a heading."""
    stripped = text.rstrip()
    if not stripped.endswith("。") or not (p.HEADING_1.match(stripped) or p.HEADING_3.match(stripped)):
        return False
    depth = 0
    for ch in stripped[marker_length(stripped):-1]:
        if ch in p.OPENERS:
            depth += 1
        elif ch in p.CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "。！？!?":
            return False  # a heading phrase with body text after it (a run-in heading)
    return True
