"""What a laid-out document must hold, built from the raw draft text (not from what the parser made of it).

Every non-blank character of the draft reaches the output in the order the author wrote it. GB/T 9704
allows two moves: the 版头 fields (份号, 密级, 紧急程度, 发文机关标志, 签发人, 发文字号; §7.2) go to the top
of page 1 and the 抄送/印发 lines go to the 版记 at the end (§7.4). Only the parser's block kinds and line
spans (the `inspect --format json` contract) decide which lines may move; the characters always come from
the draft itself, so a line the parser drops or shortens shows up as lost. Lines named as left out (linter
directives, web-page chrome) and the front matter's setting keys are not expected in the output; the
layout may add labels of its own (`签发人：`, `抄送：`, `文件` after the organ's name, `印发`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

HEAD_KINDS = frozenset({"copy_number", "classification", "urgency", "issuer_mark", "signer", "doc_number"})
TAIL_KINDS = frozenset({"cc", "printed_by"})
LEFT_OUT_KINDS = frozenset({"directive", "web"})
# Words the layout writes itself around the draft's text (§7.2.4 文件, §7.2.6 签发人, §7.4 抄送/印发).
ADDED_WORDS = ("签发人：", "抄送：", "文件", "印发", "令", "纪要", "：")

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_TABLE_RULE = re.compile(r"^[\s|:\-—+=]*$")  # a markdown rule row |---|:--| is the table's grid, not text


def ink(text: str) -> str:
    """What a reader sees: no white space, no zero-width or control characters (XML cannot hold them);
    compatibility forms folded (a PDF may give ﬁ for fi)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _INVISIBLE
                   and not (ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or ch in "\ufffe\uffff"
                            or unicodedata.category(ch) in ("Cc", "Cs")))


_ADDED = tuple(ink(word) for word in ADDED_WORDS)


def physical_lines(raw: str) -> list[str]:
    """The draft's physical lines, numbered as `inspect` numbers them (any line end counts)."""
    text = raw[1:] if raw.startswith("\ufeff") else raw
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def front_matter_end(lines: list[str]) -> int:
    """Number of lines taken by a leading `---` block (0 when there is none)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    for i in range(first + 1, len(lines)):
        if lines[i].strip() == "---":
            return i + 1
    return 0


def _front_matter_value(line: str) -> str:
    match = re.match(r"^\s*[^:：#]+?\s*[:：]\s*(.*?)\s*(?:#.*)?$", line)
    return match.group(1) if match else ""


@dataclass(frozen=True)
class Expectation:
    lines: tuple[tuple[str, str], ...]  # (ink, "fixed" | "head" | "tail") of each line, in draft order
    left_out: tuple[int, ...]  # physical lines named as left out (directives, web-page chrome)
    web: tuple[int, ...] = ()  # of those, the web-page chrome, which a run names to the user

    @property
    def head(self) -> tuple[str, ...]:
        return tuple(text for text, role in self.lines if role == "head")

    @property
    def tail(self) -> tuple[str, ...]:
        return tuple(text for text, role in self.lines if role == "tail")


def expectation(raw: str, blocks: list[dict]) -> Expectation:
    """What the output must hold, from the raw draft and the block spans of `inspect --format json`."""
    lines = physical_lines(raw)
    matter = front_matter_end(lines)
    kind_of: dict[int, str] = {}
    for block in blocks:
        for number in range(block["line_start"], block["line_end"] + 1):
            kind_of[number] = block["kind"]
    found, left_out, web = [], [], []
    for number, line in enumerate(lines, 1):
        kind = kind_of.get(number, "")
        if number <= matter:
            if kind in ("", "other"):
                continue  # the --- fences and setting keys (格式, 印章): settings, not text
            line = _front_matter_value(line)
        if not ink(line):
            continue
        if kind in LEFT_OUT_KINDS:
            left_out.append(number)
            if kind == "web":
                web.append(number)
        elif kind in HEAD_KINDS:
            found.append((ink(line), "head"))
        elif kind in TAIL_KINDS:
            found.append((ink(line), "tail"))
        elif kind == "table":
            if not _TABLE_RULE.match(line):  # a rule row may be dropped or kept: both keep the text
                found.append((ink(line if "\t" in line else line.replace("|", "")), "fixed"))
        else:
            found.append((ink(line), "fixed"))
    return Expectation(tuple(found), tuple(left_out), tuple(web))


def losses(expected: Expectation, output: str) -> list[str]:
    """Draft text missing from the output ink (empty when nothing was lost), each with some context.

    版头 lines may open the output and 版记 lines close it, in any order among themselves; a line of those
    kinds that is not found there must be in its place like any other line."""
    attempts = []
    for move_head in (True, False):
        for move_tail in (True, False):
            moved: set[int] = set()
            rest = _strip(output, expected, "head", moved, from_end=False) if move_head else output
            rest = _strip(rest, expected, "tail", moved, from_end=True) if move_tail else rest
            found = _differences("".join(text for i, (text, _) in enumerate(expected.lines) if i not in moved), rest)
            if not found:
                return []
            attempts.append(found)
    return min(attempts, key=len)


def _differences(fixed: str, rest: str) -> list[str]:
    found = []
    matcher = difflib.SequenceMatcher(None, fixed, rest, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "insert" and (_only_added_words(rest[j1:j2]) or _TABLE_RULE.match(rest[j1:j2]))):
            continue
        before = fixed[max(0, i1 - 12):i1]
        found.append(f"{op}: draft {fixed[i1:i2]!r} became {rest[j1:j2]!r} after …{before!r}")
    return found


def _strip(text: str, expected: Expectation, role: str, moved: set[int], from_end: bool) -> str:
    """Take lines of one role off the start (or end) of text while one of them is there."""
    candidates = [i for i, (_, r) in enumerate(expected.lines) if r == role]
    if from_end:
        candidates.reverse()
    while True:
        for index in candidates:
            piece = expected.lines[index][0]
            for edge in [piece] + [w + piece for w in _ADDED] + [piece + w for w in _ADDED]:
                if (text.endswith(edge) if from_end else text.startswith(edge)):
                    text = text[:-len(edge)] if from_end else text[len(edge):]
                    break
            else:
                continue
            moved.add(index)
            candidates.remove(index)
            break
        else:
            return text


def _only_added_words(text: str) -> bool:
    for word in _ADDED:
        text = text.replace(word, "")
    return not text
