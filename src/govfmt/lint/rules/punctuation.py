"""P1xx: punctuation marks of Chinese text (GB/T 15834-2011, required by 条例 art. 11)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govfmt.lint.chars import (
    CLOSING,
    HALF_TO_FULL,
    OPENING,
    inside,
    is_ascii_alnum,
    is_chinese_context,
    is_cjk,
    next_visible,
    prev_visible,
    protected_spans,
)
from govfmt.lint.context import LintContext
from govfmt.lint.diagnostic import WARNING, Finding, Fix
from govfmt.lint.registry import rule

_MARK_NAMES = {",": "comma", ";": "semicolon", ":": "colon", "?": "question mark", "!": "exclamation mark",
               ".": "full stop", "(": "parenthesis", ")": "parenthesis"}


def _halfwidth_mark_is_chinese(text: str, index: int) -> bool:
    """Whether the half-width mark at index sits in Chinese text (and so should be full-width)."""
    ch = text[index]
    before, after = prev_visible(text, index), next_visible(text, index)
    if ch == ".":
        if index + 1 < len(text) and text[index + 1] == ".":
            return False  # a run of dots is an ellipsis (P105)
        if index > 0 and text[index - 1] == ".":
            return False
        return is_chinese_context(before) and not is_ascii_alnum(after)
    if before.isdigit() and after.isdigit():
        return False  # 1,000  8:30  1:500
    return is_chinese_context(before) or is_chinese_context(after)


@rule(
    code="P101", name="halfwidth-punctuation",
    summary="Half-width , . ; : ? ! in Chinese text, where the full-width ，。；：？！ belong.",
    why="条例 art. 11 requires punctuation to follow GB/T 15834-2011, which gives Chinese text full-width "
        "marks (§4). Decimals (3.5), times (8:30), ratios, URLs, e-mail addresses, Latin-only runs and "
        "the 1. heading marker keep their half-width marks.",
    bad="经研究,现批复如下:", good="经研究，现批复如下：", fix="safe",
)
def halfwidth_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        spans = None
        for index, ch in enumerate(text):
            if ch not in ",;:?!.":
                continue
            if spans is None:
                spans = protected_spans(text)
            if inside(index, spans) or not _halfwidth_mark_is_chinese(text, index):
                continue
            full = HALF_TO_FULL[ch]
            yield Finding(info.number, index, index + 1,
                          f"half-width {_MARK_NAMES[ch]} beside Chinese text; use {full}", Fix(full))


def _paren_pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched ( ) index pairs (full-width partners count as partners too) and the unmatched ones."""
    stack: list[int] = []
    pairs, lonely = [], []
    for index, ch in enumerate(text):
        if ch in "(（":
            stack.append(index)
        elif ch in ")）":
            if stack:
                pairs.append((stack.pop(), index))
            else:
                lonely.append(index)
    return pairs, lonely + stack


@rule(
    code="P102", name="halfwidth-parentheses",
    summary="Half-width ( ) around or beside Chinese text, where （ ） belong.",
    why="GB/T 15834-2011 §4.9 gives Chinese text the full-width parentheses （）; zhlint's half-width default "
        "comes from technical writing, not from 公文. Parentheses around Latin-only text inside Latin text are "
        "left alone.",
    bad="协同平台(以下简称平台)", good="协同平台（以下简称平台）", fix="safe",
)
def halfwidth_parentheses(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        if "(" not in text and ")" not in text:
            continue
        pairs, lonely = _paren_pairs(text)
        flagged: set[int] = set()
        for open_, close in pairs:
            chinese = (any(is_cjk(ch) for ch in text[open_ + 1:close])
                       or is_chinese_context(prev_visible(text, open_))
                       or is_chinese_context(next_visible(text, close)))
            if chinese:
                flagged.update(i for i in (open_, close) if text[i] in "()")
        for index in lonely:
            if text[index] in "()" and (is_chinese_context(prev_visible(text, index))
                                        or is_chinese_context(next_visible(text, index))):
                flagged.add(index)
        spans = protected_spans(text)
        for index in sorted(flagged):
            if inside(index, spans):
                continue
            full = HALF_TO_FULL[text[index]]
            yield Finding(info.number, index, index + 1, f"half-width parenthesis in Chinese text; use {full}",
                          Fix(full))


@rule(
    code="P103", name="halfwidth-quotes",
    summary='Straight quotes " in Chinese text, where “ ” belong.',
    why="GB/T 15834-2011 §4.8 gives Chinese text the curly double quotes “ ”. The fix pairs the straight "
        "quotes of a line in order, and is offered only when their number is even.",
    bad='坚持"房住不炒"定位', good="坚持“房住不炒”定位", fix="safe",
)
def halfwidth_quotes(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        if '"' not in text:
            continue
        spans = protected_spans(text)
        quotes = [i for i, ch in enumerate(text) if ch == '"' and not inside(i, spans)]
        if not any(is_chinese_context(prev_visible(text, i)) or is_chinese_context(next_visible(text, i))
                   for i in quotes):
            continue
        even = len(quotes) % 2 == 0
        for order, index in enumerate(quotes):
            full = "“" if order % 2 == 0 else "”"
            yield Finding(info.number, index, index + 1,
                          f'straight quote " in Chinese text; use {"“ ”" if not even else full}',
                          Fix(full) if even else None)


_CORNER = {"「": "“", "」": "”", "『": "‘", "』": "’"}


@rule(
    code="P104", name="corner-quotes", severity=WARNING,
    summary="Corner quotes 「」『』, which simplified-Chinese 公文 write as “”‘’.",
    why="GB/T 15834-2011 §4.8 uses “ ” and ‘ ’ for simplified Chinese; 「」 belong to traditional-script and "
        "vertical text.",
    bad="「放管服」改革", good="“放管服”改革", fix="safe",
)
def corner_quotes(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        for index, ch in enumerate(info.text):
            if ch in _CORNER:
                yield Finding(info.number, index, index + 1, f"corner quote {ch}; use {_CORNER[ch]}",
                              Fix(_CORNER[ch]))


_BAD_ELLIPSIS = re.compile(r"\.{3,}|．{3,}|。{3,}|…{3,}|(?<!…)…(?!…)|·{3,}")
_DOT_LEADER = re.compile(r"[.．·…]{4,}\s*\d+\s*$")  # table-of-contents leaders: 总则……………1


@rule(
    code="P105", name="ellipsis-form",
    summary="An ellipsis written ... 。。。 or a single …, instead of …… (two U+2026).",
    why="GB/T 15834-2011 §4.11.2: the ellipsis is six dots in two character cells, …….",
    bad="包括土地、房产...", good="包括土地、房产……", fix="safe",
)
def ellipsis_form(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        if not any(ch in text for ch in ".．。…·"):
            continue
        leader = _DOT_LEADER.search(text)
        spans = protected_spans(text)
        for match in _BAD_ELLIPSIS.finditer(text):
            if (leader and match.start() >= leader.start()) or inside(match.start(), spans):
                continue
            if match.group().startswith("…") and len(match.group()) in (4, 6):
                continue  # a doubled ellipsis (…………) marks omitted paragraphs
            yield Finding(info.number, match.start(), match.end(),
                          f"ellipsis written {match.group()}; use ……", Fix("……"))


@rule(
    code="P106", name="ellipsis-with-etc", severity=WARNING,
    summary="An ellipsis followed by 等 or 等等, which says the same thing twice.",
    why="GB/T 15834-2011 §A.9.2 (usage notes): …… and 等 both mark an omission; use one of them.",
    bad="土地、房产……等", good="土地、房产等", fix="none",
)
def ellipsis_with_etc(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        for match in re.finditer(r"……(等等?)", info.text):
            yield Finding(info.number, match.start(), match.end(),
                          f"…… followed by {match.group(1)}; keep only one of them")


_SINGLE_DASH = re.compile(r"(?<![—―\-－])(?:—|―|--|－－?)(?![—―\-－])")


@rule(
    code="P107", name="dash-form",
    summary="A 破折号 written as one dash or as --, instead of —— (two U+2014).",
    why="GB/T 15834-2011 §4.10.2: the 破折号 is two character cells long, ——. One — between numbers is a "
        "连接号 (a range) and is left alone; only a dash between Chinese characters is reported.",
    bad="我们的目标—全面小康", good="我们的目标——全面小康", fix="unsafe",
)
def dash_form(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        for match in _SINGLE_DASH.finditer(text):
            before = text[match.start() - 1] if match.start() else ""
            after = text[match.end()] if match.end() < len(text) else ""
            if is_cjk(before) and is_cjk(after):
                yield Finding(info.number, match.start(), match.end(),
                              f"dash {match.group()} between Chinese characters; a 破折号 is ——",
                              Fix("——", safe=False))
        for match in re.finditer(r"――", text):  # GBK's 破折号 decoded as two U+2015
            yield Finding(info.number, match.start(), match.end(),
                          "破折号 written with U+2015; use —— (U+2014)", Fix("——"))


_RANGE = re.compile(r"(?<![A-Za-z0-9_.\-/:])(\d+(?:\.\d+)?)\s*[-－~](\s*)(\d+(?:\.\d+)?)(?=[%％]?[\u4e00-\u9fff])")


@rule(
    code="P108", name="range-connector", severity=WARNING,
    summary="A numeric range joined with a hyphen - or ~ (2011-2015年, 10-20米).",
    why="GB/T 15834-2011 §4.13.3: ranges take the 一字线 — (years, 2011—2015年) or the wave ～ "
        "(quantities, 10～20米); the hyphen joins codes and compounds.",
    bad="2011-2015年，高程480-560米", good="2011—2015年，高程480～560米", fix="unsafe",
)
def range_connector(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        if "-" not in text and "－" not in text and "~" not in text:
            continue
        spans = protected_spans(text)
        for match in _RANGE.finditer(text):
            start = match.end(1)
            while text[start] == " ":
                start += 1
            if inside(start, spans):
                continue
            before = text[match.start() - 1] if match.start() else ""
            if before and (before.isascii() and before.isalpha()):
                continue  # codes such as GB/T 9704-2012
            years = len(match.group(1)) == 4 and len(match.group(3)) == 4
            connector = "—" if years else "～"
            yield Finding(info.number, start, start + 1,
                          f"range written with {text[start]}; use {connector}"
                          + (" (years)" if years else " (quantities)"),
                          Fix(connector, safe=False))


_REPEATED = re.compile(r"([，、；：！？])\1+|(?<!。)。。(?!。)")


@rule(
    code="P109", name="repeated-punctuation",
    summary="The same mark typed twice: ，， 。。 、、 ；； ：： ！！ ？？.",
    why="GB/T 15834-2011 §4 gives each mark once; repeated marks are typing slips (the chinese-copywriting "
        "guidelines: 不重复使用标点符号).",
    bad="经研究，，同意", good="经研究，同意", fix="unsafe",
)
def repeated_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        for match in _REPEATED.finditer(info.text):
            mark = match.group()[0]
            yield Finding(info.number, match.start() + 1, match.end(), f"{mark} repeated; write it once",
                          Fix("", safe=False))


@rule(
    code="P110", name="pause-before-etc",
    summary="A 顿号 right before 等 or before the end of a sentence (A、B、等, A、B、。).",
    why="GB/T 15834-2011 §4.5 and B.1.2: the 顿号 separates items; none follows the last item.",
    bad="土地、房产、等", good="土地、房产等", fix="unsafe",
)
def pause_before_etc(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        for match in re.finditer(r"、(?=等|[。？！；，])", info.text):
            yield Finding(info.number, match.start(), match.end(),
                          "顿号 after the last item; remove it", Fix("", safe=False))


_TRACKED_CLOSERS = "）》”〕】"
_TRACKED_OPENERS = "（《“〔【"


def _strip_marker(text: str, start: int) -> int:
    """Skip a list marker such as 1） a) ⑴ （1） at the start, whose bracket may stand alone."""
    match = re.match(r"[（(]?(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[）)]", text[start:])
    return start + match.end() if match else start


@rule(
    code="P111", name="unpaired-brackets",
    summary="An opening （ 《 “ 〔 【 without its closing partner in the paragraph, or a closing one without "
            "an opening one.",
    why="GB/T 15834-2011 §4.8, §4.9 and §4.15: quotation marks, brackets and title marks come in pairs. List "
        "markers such as 1） and （1） are not counted.",
    bad="根据《中华人民共和国预算法的规定", good="根据《中华人民共和国预算法》的规定",
)
def unpaired_brackets(ctx: LintContext) -> Iterator[Finding]:
    for block in ctx.document.blocks:
        if block.kind in ("table", "other", "web"):
            continue
        stack: list[tuple[str, int, int]] = []  # (opener, line, index)
        for info in ctx.block_lines(block):
            text = info.text
            begin = _strip_marker(text, info.content_start)
            for index in range(begin, len(text)):
                ch = text[index]
                if ch == "(":
                    ch = "（"
                elif ch == ")":
                    ch = "）"
                if ch in _TRACKED_OPENERS:
                    stack.append((ch, info.number, index))
                elif ch in _TRACKED_CLOSERS:
                    opener = CLOSING[ch]
                    if any(entry[0] == opener for entry in stack):
                        while stack and stack[-1][0] != opener:
                            yield _unclosed(stack.pop())
                        stack.pop()
                    else:
                        yield Finding(info.number, index, index + 1,
                                      f"closing {text[index]} without a matching {opener}")
        for entry in stack:
            yield _unclosed(entry)


def _unclosed(entry: tuple[str, int, int]) -> Finding:
    opener, line, index = entry
    return Finding(line, index, index + 1, f"{opener} is never closed; add {OPENING[opener]}")
