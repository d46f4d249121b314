"""P1xx: punctuation marks of Chinese text (GB/T 15834-2011, required by 条例 art. 11)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govfmt.lint.chars import (
    lazy,
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
from govfmt.i18n import N_, _

_MARK_NAMES = {",": N_("comma"), ";": N_("semicolon"), ":": N_("colon"), "?": N_("question mark"),
               "!": N_("exclamation mark"), ".": N_("full stop"), "(": N_("parenthesis"), ")": N_("parenthesis")}


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
    summary=_("Half-width , . ; : ? ! in Chinese text, where the full-width ，。；：？！ belong."),
    why=_("条例 art. 11 requires punctuation to follow GB/T 15834-2011, which gives Chinese text full-width marks "
           "(§4). Decimals (3.5), times (8:30), ratios, URLs, e-mail addresses, Latin-only runs and the 1. heading "
           "marker keep their half-width marks."),
    bad="经研究,现批复如下:", good="经研究，现批复如下：", fix="safe",
)
def halfwidth_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        if not info.has_any(_HALF_MARKS):
            continue
        text = info.text
        spans = None
        for index in _marks_near_chinese(text):
            if spans is None:
                spans = protected_spans(text)
            if inside(index, spans) or not _halfwidth_mark_is_chinese(text, index):
                continue
            ch = text[index]
            full = HALF_TO_FULL[ch]
            yield Finding(info.number, index, index + 1,
                          _("half-width {MARK_NAMES} beside Chinese text; use {full}")
                           .format(MARK_NAMES=_(_MARK_NAMES[ch]), full=full), Fix(full))


_HALF_MARKS = ",;:?!."
_HALF_MARK = lazy(f"[{re.escape(_HALF_MARKS)}]")


def _marks_near_chinese(text: str) -> list[int]:
    """The half-width marks with Chinese text (is_chinese_context) as their nearest visible neighbour on
    either side: each mark found by a scan for the marks alone, then its two neighbours looked at."""
    return [match.start() for match in _HALF_MARK.finditer(text)
            if is_chinese_context(prev_visible(text, match.start()))
            or is_chinese_context(next_visible(text, match.start()))]


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
    summary=_("Half-width ( ) around or beside Chinese text, where （ ） belong."),
    why=_("GB/T 15834-2011 §4.9 gives Chinese text the full-width parentheses （）; zhlint's half-width default "
           "comes from technical writing, not from 公文. Parentheses around Latin-only text inside Latin text are "
           "left alone."),
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
            yield Finding(info.number, index, index + 1, _("half-width parenthesis in Chinese text; use {full}")
                                                          .format(full=full),
                          Fix(full))


@rule(
    code="P103", name="halfwidth-quotes",
    summary=_("Straight quotes \" in Chinese text, where “ ” belong."),
    why=_("GB/T 15834-2011 §4.8 gives Chinese text the curly double quotes “ ”. The fix pairs the straight quotes "
           "of a line in order, and is offered only when their number is even."),
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
                          _("straight quote \" in Chinese text; use {value}")
                           .format(value="“ ”" if not even else full),
                          Fix(full) if even else None)


_CORNER = {"「": "“", "」": "”", "『": "‘", "』": "’"}


@rule(
    code="P104", name="corner-quotes", severity=WARNING,
    summary=_("Corner quotes 「」『』, which simplified-Chinese 公文 write as “”‘’."),
    why=_("GB/T 15834-2011 §4.8 uses “ ” and ‘ ’ for simplified Chinese; 「」 belong to traditional-script and "
           "vertical text."),
    bad="「放管服」改革", good="“放管服”改革", fix="safe",
)
def corner_quotes(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_CORNER_MARK, needs="「」『』"):  # a line-safe pattern (see LintContext)
        for match in _CORNER_MARK.finditer(info.text):
            ch = match.group()
            yield Finding(info.number, match.start(), match.end(), _("corner quote {ch}; use {CORNER}")
                                                                    .format(ch=ch, CORNER=_CORNER[ch]),
                          Fix(_CORNER[ch]))


_CORNER_MARK = lazy("[「」『』]")


_BAD_ELLIPSIS = lazy(r"\.{3,}|．{3,}|。{3,}|…{3,}|(?<!…)…(?!…)|·{3,}")
_ELLIPSIS_CANDIDATE = lazy(r"…|\.\.\.|．．．|。。。|···")
# table-of-contents leaders: 总则……………1 (tried only where a run of dots starts, so a long run is
# scanned once)
_DOT_LEADER = lazy(r"(?<![.．·…])[.．·…]{4,}[ \t]*\d+[ \t]*$")


@rule(
    code="P105", name="ellipsis-form",
    summary=_("An ellipsis written ... 。。。 or a single …, instead of …… (two U+2026)."),
    why=_("GB/T 15834-2011 §4.11.2: the ellipsis is six dots in two character cells, ……."),
    bad="包括土地、房产...", good="包括土地、房产……", fix="safe",
)
def ellipsis_form(ctx: LintContext) -> Iterator[Finding]:
    # the lines where a match of _BAD_ELLIPSIS is possible (a … or a run of three dots), by one search of
    # the joined prose (a line-safe pattern, see LintContext)
    for info in ctx.prose_lines_matching(_ELLIPSIS_CANDIDATE, needs="….．。·"):
        text = info.text
        leader = _DOT_LEADER.search(text)
        spans = protected_spans(text)
        for match in _BAD_ELLIPSIS.finditer(text):
            if (leader and match.start() >= leader.start()) or inside(match.start(), spans):
                continue
            if match.group().startswith("…") and len(match.group()) in (4, 6):
                continue  # a doubled ellipsis (…………) marks omitted paragraphs
            yield Finding(info.number, match.start(), match.end(),
                          _("ellipsis written {value}; use ……").format(value=match.group()), Fix("……"))


_ELLIPSIS_ETC = lazy(r"……(等等?)")


@rule(
    code="P106", name="ellipsis-with-etc", severity=WARNING,
    summary=_("An ellipsis followed by 等 or 等等, which says the same thing twice."),
    why=_("GB/T 15834-2011 §A.9.2 (usage notes): …… and 等 both mark an omission; use one of them."),
    bad="土地、房产……等", good="土地、房产等", fix="none",
)
def ellipsis_with_etc(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_ELLIPSIS_ETC, needs="…"):  # a line-safe pattern (see LintContext)
        for match in _ELLIPSIS_ETC.finditer(info.text):
            yield Finding(info.number, match.start(), match.end(),
                          _("…… followed by {value}; keep only one of them").format(value=match.group(1)))


# A dash that is no mark of GB/T 15834 at all: two hyphens, two full-width hyphen-minus, or one U+2015.
_DOUBLE_HYPHEN = lazy(r"(?<![\-－])(?:--|－－)(?![\-－])")
_LONE_DASH = lazy(r"(?<![—―])[—―](?![—―])")
# Words that make the text before a lone — a clause rather than the first of two joined names.
_CLAUSE_WORDS = lazy(r"[的是了就即要在把被将对和与及为]")


def _clause_before(text: str, index: int) -> str:
    """The text from the previous punctuation mark (or the line start) up to index."""
    start = index
    while start > 0 and is_cjk(text[start - 1]):
        start -= 1
    return text[start:index]


_DOUBLE_BAR = lazy(r"―{2}")  # GBK's 破折号 decoded as two U+2015


@rule(
    code="P107", name="dash-form",
    summary=_("A dash typed -- or －－ between Chinese characters, a 破折号 that opens a line written with one dash "
               "(—在……会议上的讲话), or one written with U+2015."),
    why=_("GB/T 15834-2011 §4.10.2: the 破折号 is —— (two U+2014); §4.13 gives the 连接号 the forms -, — and ～. -- is "
           "neither, and a dash that opens a subtitle or an explanation on its own line is a 破折号. One — between two "
           "names (北京—上海, 云—端融合) is the 连接号 of §4.13 and is not reported."),
    bad="我们的目标--全面小康\n—在全市工作会议上的讲话", good="我们的目标——全面小康\n——在全市工作会议上的讲话",
    fix="unsafe",
)
def dash_form(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        if not info.has_any("-－—―"):
            continue
        for match in _DOUBLE_HYPHEN.finditer(text):
            before = text[match.start() - 1] if match.start() else ""
            after = text[match.end()] if match.end() < len(text) else ""
            if is_cjk(before) and is_cjk(after):
                yield Finding(info.number, match.start(), match.end(),
                              _("{value} between Chinese characters is no Chinese mark; write —— (破折号) or — (连接号)")
                               .format(value=match.group()), Fix("——", safe=False))
        begin = info.content_start
        if text[begin:begin + 1] in ("—", "―") and text[begin + 1:begin + 2] not in ("—", "―") \
                and is_cjk(text[begin + 1:begin + 2] or " "):
            yield Finding(info.number, begin, begin + 1, _("a 破折号 opening a line is —— (two dashes)"),
                          Fix("——", safe=False))
        for match in _DOUBLE_BAR.finditer(text):
            yield Finding(info.number, match.start(), match.end(),
                          _("破折号 written with U+2015; use —— (U+2014)"), Fix("——"))


@rule(
    code="P112", name="single-dash-before-explanation", severity=WARNING,
    summary=_("One — after a clause (我们的目标—全面小康), where a 破折号 —— is probably meant."),
    why=_("GB/T 15834-2011 §4.10: a 破折号 introducing an explanation is ——. One — between two names is the 连接号 of "
           "§4.13 (北京—上海, 中国—欧盟), so only a dash after words that make a clause (的, 是, 要, …) is reported, as a "
           "warning: the mark's role depends on meaning."),
    bad="我们的目标—全面建成小康社会", good="我们的目标——全面建成小康社会", fix="unsafe",
)
def single_dash_before_explanation(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        text = info.text
        if "—" not in text and "―" not in text:
            continue
        for match in _LONE_DASH.finditer(text):
            index = match.start()
            if index <= info.content_start or not is_cjk(text[index - 1]):
                continue
            after = text[index + 1:index + 2]
            if not is_cjk(after):
                continue
            clause = _clause_before(text, index)
            if len(clause) >= 3 and _CLAUSE_WORDS.search(clause):
                yield Finding(info.number, index, index + 1,
                              _("one — after a clause; a 破折号 is —— (one — joins two names)"),
                              Fix("——", safe=False))


_RANGE = lazy(r"(?<![A-Za-z0-9_.\-/:])(\d+(?:\.\d+)?)\s*[-－~](\s*)(\d+(?:\.\d+)?)(?=[%％]?[\u4e00-\u9fff])")


@rule(
    code="P108", name="range-connector", severity=WARNING,
    summary=_("A numeric range joined with a hyphen - or ~ (2011-2015年, 10-20米)."),
    why=_("GB/T 15834-2011 §4.13.3: ranges take the 一字线 — (years, 2011—2015年) or the wave ～ (quantities, 10～20米); "
           "the hyphen joins codes and compounds."),
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
            before = prev_visible(text, match.start())
            if before and (before.isascii() and before.isalpha()):
                continue  # codes such as GB/T 9704-2012, GB/T9704-2012
            years = len(match.group(1)) == 4 and len(match.group(3)) == 4
            connector = "—" if years else "～"
            yield Finding(info.number, start, start + 1,
                          f"range written with {text[start]}; use {connector}"
                          + (" (years)" if years else " (quantities)"),
                          Fix(connector, safe=False))


_REPEATED = lazy(r"([，、；：！？])\1+|(?<!。)。。(?!。)")
_DOUBLED = lazy(r"([，、；：！？。])\1")


@rule(
    code="P109", name="repeated-punctuation",
    summary=_("The same mark typed twice: ，， 。。 、、 ；； ：： ！！ ？？."),
    why=_("GB/T 15834-2011 §4 gives each mark once; repeated marks are typing slips (the chinese-copywriting "
           "guidelines: 不重复使用标点符号)."),
    bad="经研究，，同意", good="经研究，同意", fix="unsafe",
)
def repeated_punctuation(ctx: LintContext) -> Iterator[Finding]:
    # a line-safe pattern (see LintContext); each of its matches holds a match of the simpler _DOUBLED
    for info in ctx.prose_lines_matching(_REPEATED, needs=_DOUBLED.search):
        for match in _REPEATED.finditer(info.text):
            mark = match.group()[0]
            yield Finding(info.number, match.start() + 1, match.end(), _("{mark} repeated; write it once")
                                                                        .format(mark=mark),
                          Fix("", safe=False))


_PAUSE_AT_END = lazy(r"、(?=等|[。？！；，])")


@rule(
    code="P110", name="pause-before-etc",
    summary=_("A 顿号 right before 等 or before the end of a sentence (A、B、等, A、B、。)."),
    why=_("GB/T 15834-2011 §4.5 and B.1.2: the 顿号 separates items; none follows the last item."),
    bad="土地、房产、等", good="土地、房产等", fix="unsafe",
)
def pause_before_etc(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_PAUSE_AT_END, needs="、"):  # a line-safe pattern (see LintContext)
        for match in _PAUSE_AT_END.finditer(info.text):
            yield Finding(info.number, match.start(), match.end(),
                          _("顿号 after the last item; remove it"), Fix("", safe=False))


_TRACKED_CLOSERS = "）》”〕】"
_TRACKED_OPENERS = "（《“〔【"


_LIST_MARKER = lazy(r"[（(]?(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[）)]")


def _strip_marker(text: str, start: int) -> int:
    """Skip a list marker such as 1） a) ⑴ （1） at the start, whose bracket may stand alone."""
    match = _LIST_MARKER.match(text, start)
    return match.end() if match else start


@rule(
    code="P111", name="unpaired-brackets",
    summary=_("An opening （ 《 “ 〔 【 without its closing partner, or a closing one without an opening one."),
    why=_("GB/T 15834-2011 §4.8, §4.9 and §4.15: quotation marks, brackets and title marks come in pairs. A mark "
           "may close in the next paragraph or line (a 《title》 broken over two title lines, a quotation running "
           "on); list markers such as 1） and （1） are not counted."),
    bad="根据《中华人民共和国预算法的规定", good="根据《中华人民共和国预算法》的规定",
)
def unpaired_brackets(ctx: LintContext) -> Iterator[Finding]:
    return _capped(_unpaired(ctx))


def _unpaired(ctx: LintContext) -> Iterator:
    """Findings for stray closers, and (opener, line, index) for openers never closed."""
    carried: list[tuple[str, int, int]] = []  # openers left open by the previous block
    paired = [block for block in ctx.document.blocks if block.kind not in _NOT_PAIRED]
    closed = dict(zip(map(id, paired), _closed_in_order([block.text for block in paired])))
    lone = _lone_closer_lines(ctx) if closed else set()
    for block in ctx.document.blocks:
        if block.kind in _NOT_PAIRED:
            yield from carried
            carried = []
            continue
        if not carried and ((closed[id(block)] and not _has_line_in(block, lone)) or _balanced(ctx, block)):
            continue  # every mark closed in order: nothing to report, nothing left open
        # the stack holds the inherited openers at its bottom; `inherited` counts those still open
        stack: list[tuple[str, int, int]] = carried  # (opener, line, index)
        inherited = len(carried)
        open_count = dict.fromkeys(_TRACKED_OPENERS, 0)
        for entry in stack:
            open_count[entry[0]] += 1
        for info in ctx.block_lines(block):
            text = info.text
            if not _TRACKED_MARK.search(text):
                continue
            begin = _strip_marker(text, info.content_start)
            for run in _TRACKED_MARK.finditer(text, begin):  # the marks of the line, as _marks_in gives them
                for index, ch in enumerate(run.group(), run.start()):
                    ch = _AS_FULL.get(ch, ch)
                    if ch in open_count:
                        stack.append((ch, info.number, index))
                        open_count[ch] += 1
                    elif ch in CLOSING and ch in _TRACKED_CLOSERS:
                        opener = CLOSING[ch]
                        if open_count[opener]:
                            while stack[-1][0] != opener:
                                entry = stack.pop()
                                open_count[entry[0]] -= 1
                                yield entry
                            stack.pop()
                            open_count[opener] -= 1
                            inherited = min(inherited, len(stack))
                        else:
                            yield Finding(info.number, index, index + 1,
                                          _("closing {text} without a matching {opener}")
                                           .format(text=text[index], opener=opener))
        # openers of the previous block had one more block to close; this block's go on to the next
        yield from stack[:inherited]
        carried = stack[inherited:]
    yield from carried


_AS_FULL = {"(": "（", ")": "）"}


def _as_full(marks: str) -> str:
    """Half-width parentheses as the full-width ones they pair with (two replaces: str.translate with a
    table looks every character up)."""
    return marks.replace("(", "（").replace(")", "）")

_PAIRS = tuple(opener + OPENING[opener] for opener in _TRACKED_OPENERS)


def _balanced(ctx: LintContext, block) -> bool:
    """Whether the block's marks (as _unpaired reads them) close in order, each closer the partner of the
    last opener still open: removing adjacent pairs, as often as any is left, removes every mark."""
    marks = "".join("".join(_TRACKED_MARK.findall(info.text, _strip_marker(info.text, info.content_start)))
                    for info in ctx.block_lines(block) if _TRACKED_MARK.search(info.text))
    return not _without_pairs(_as_full(marks))


def _closed_in_order(texts: list[str]) -> list[bool]:
    """For each text, whether its marks close in order (as _balanced tells of a block's lines, before list
    markers are taken off): the marks of all texts found by one scan, NUL between the texts' marks, and
    the adjacent pairs removed from all of them at once. A text holding a NUL is told False (not known)."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [False] * len(texts)
    remains = _without_pairs(_as_full("".join(_TRACKED_MARK_OR_NUL.findall(joined))))
    return [not rest for rest in remains.split("\x00")]


def _without_pairs(marks: str) -> str:
    """The marks with adjacent pairs removed, as often as any is left: empty when they close in order."""
    while marks:
        reduced = marks
        for pair in _PAIRS:
            reduced = reduced.replace(pair, "")
        if reduced == marks:
            break
        marks = reduced
    return marks


def _lone_closer_lines(ctx: LintContext) -> set[int]:
    """Prose lines that start with a list marker closed by a bracket it does not open (1） a) 一）): taking
    the marker off leaves an opener without its closer, so their block's text does not tell its balance."""
    found = set()
    for info in ctx.prose_lines:
        start = info.content_start
        head = info.text[start:start + 4]  # the closer of such a marker is among its first four characters
        if ("）" in head or ")" in head) and head[:1] not in "（(" and _LIST_MARKER.match(info.text, start):
            found.add(info.number)
    return found


def _has_line_in(block, numbers: set[int]) -> bool:
    return bool(numbers) and any(block.line_start <= number <= block.line_end for number in numbers)


_NOT_PAIRED = ("table", "other", "web", "directive")
_TRACKED_MARK_OR_NUL = lazy(f"[{_TRACKED_OPENERS}{_TRACKED_CLOSERS}()\x00]+")
_TRACKED_MARK = lazy(f"[{_TRACKED_OPENERS}{_TRACKED_CLOSERS}()]+")  # the loop visits these characters only


def _marks_in(runs, text: str, begin: int) -> Iterator[tuple[int, str]]:
    """(index, character) of each character of the runs the pattern finds from begin: the marks of a line
    without a step for every other character, and a line made only of marks without a step per match."""
    for run in runs.finditer(text, begin):
        yield from enumerate(run.group(), run.start())


def _capped(findings: Iterator, limit: int = 20) -> Iterator[Finding]:
    """At most `limit` reports, then one that counts the rest: a line of a thousand （ needs one look, not
    a thousand messages."""
    rest = 0
    last = None
    for count, finding in enumerate(findings):
        if count < limit:
            yield finding if isinstance(finding, Finding) else _unclosed(finding)
        else:
            rest += 1
            last = finding
    if rest and last is not None:
        last = last if isinstance(last, Finding) else _unclosed(last)
        yield Finding(last.line, last.start, last.end, _("{rest} more unpaired marks like the ones above")
                                                        .format(rest=rest))


def _unclosed(entry: tuple[str, int, int]) -> Finding:
    opener, line, index = entry
    return Finding(line, index, index + 1, _("{opener} is never closed; add {OPENING}")
                                            .format(opener=opener, OPENING=OPENING[opener]))


_NEST_PAIRS = {"（": "）", "“": "”", "《": "》", "〔": "〕", "【": "】"}
_NEST_CLOSERS = {close: open_ for open_, close in _NEST_PAIRS.items()}
_NEST_OPENERS = "".join(_NEST_PAIRS)
_NEST_MARK = lazy(f"[{''.join(_NEST_PAIRS)}{''.join(_NEST_CLOSERS)}]+")
# An opener, and the same opener again before a closer of its kind on the line: wherever a mark opens inside
# one of its kind, two such openers have no closer between them (the last opener before it, or one of an
# earlier pair when that one was closed).
_OPENER_TWICE = lazy("|".join(f"{opener}[^{closer}\\n]*{opener}" for opener, closer in _NEST_PAIRS.items()))
_INNER_FORM = {"（": "〔 〕 or [ ] inside （ ）", "“": "‘ ’ inside “ ”", "《": "〈 〉 inside 《 》",
               "〔": "（ ） inside 〔 〕", "【": "（ ） inside 【 】"}


@rule(
    code="P113", name="same-marks-nested", severity=WARNING,
    summary=_("Brackets, quotes or title marks nested inside the same kind: （…（…）…）, “…“…”…”, 《…《…》…》."),
    why=_("GB/T 15834-2011 §4.8.3.4 (quotes inside quotes are ‘ ’), §4.9.3.6 (brackets inside brackets take "
           "another form) and §4.15.3.5 (titles inside titles are 〈 〉). Laws that cite 第（二）项 inside brackets are "
           "common, so this is a warning."),
    bad="（详见《通知》（国发〔2012〕1号））", good="（详见《通知》，国发〔2012〕1号）",
)
def same_marks_nested(ctx: LintContext) -> Iterator[Finding]:
    # a nested mark is the second of its kind on the line: the lines with one, by one search of the joined
    # prose (a line-safe pattern, see LintContext)
    for info in ctx.prose_lines_matching(_OPENER_TWICE, needs=_NEST_OPENERS):
        text = info.text
        begin = _strip_marker(text, info.content_start)
        depth = dict.fromkeys(_NEST_PAIRS, 0)
        closers = _NEST_CLOSERS
        for index, ch in _marks_in(_NEST_MARK, text, begin):
            if ch in _NEST_PAIRS:
                if depth[ch] == 1 and not _is_list_marker(text, index):
                    yield Finding(info.number, index, index + 1,
                                  _("{ch} inside another {ch}{NEST_PAIRS}; use {INNER_FORM}")
                                   .format(ch=ch, NEST_PAIRS=_NEST_PAIRS[ch], INNER_FORM=_INNER_FORM[ch]))
                depth[ch] += 1
            elif ch in closers and depth[closers[ch]]:
                depth[closers[ch]] -= 1


_CITED_ITEM = lazy(r"（(?:\d{1,2}|[一二三四五六七八九十]{1,3})）")


def _is_list_marker(text: str, index: int) -> bool:
    """（一） or （2） inside brackets: a cited item number, written the way the cited text numbers it."""
    return bool(_CITED_ITEM.match(text[index:index + 5]))


_WRONG_DOTS = "•・∙‧⋅"
_WRONG_DOT = lazy(f"[{_WRONG_DOTS}]")
# A month-day event or day name: 5·12汶川地震, “9·11”事件, 3·15消费者权益日. With . or - between the
# numbers the same shape is a decimal (2.5级地震) or an outline number (1.6事件分级), so those forms count
# only inside quotes (“5.12”) or before the name of a disaster or a historical event.
_EVENT = lazy(r"(?<![\dA-Za-z.．])(?P<open>“?)(?P<m>1[0-2]|0?[1-9])(?P<dot>[.．·•・∙‧⋅\-－])(?P<d>3[01]|[12]\d|0?[1-9])"
                    r"(?P<close>”?)(?![\d.．级倍度米%％万亿元个])(?P<name>[\u4e00-\u9fff]{0,6}?(?:事件|事变|运动|地震|惨案|事故|爆炸|"
                    r"纪念日|权益日|讲话|重要讲话|批示|工程))")
# The name every _EVENT match ends with: the lines to look at
_EVENT_NAME = lazy("事件|事变|运动|地震|惨案|事故|爆炸|纪念日|权益日|讲话|批示|工程")
_STRONG_EVENT = ("地震", "惨案", "事变", "运动", "爆炸", "事故")
_MONTH_DOT_DAY = lazy(r"\d[.．·•・∙‧⋅\-－]\d")  # in every _EVENT match: a digit, its dot, a digit


def _is_event(match: re.Match) -> bool:
    if match.group("dot") in "·•・∙‧⋅" or (match.group("open") and match.group("close")):
        return True
    name = match.group("name")
    return len(name) > 2 and name.endswith(_STRONG_EVENT)


@rule(
    code="P114", name="interpunct-form",
    summary=_("A month-day event name written with . - • or ・ instead of the 间隔号 · (5.12汶川地震), or a foreign name "
               "joined with • or ・ (卡尔•马克思)."),
    why=_("GB/T 15834-2011 §4.14.3.1 and §4.14.3.5: the 间隔号 · separates the parts of a foreign name and the month "
           "and day of an event named by its date (“5·12”汶川地震, “9·11”事件); the Arabic-numeral form also takes "
           "quotation marks (GB/T 15835-2011 §5.1.6). The mark is replaced safely; missing quotes are reported "
           "without a fix."),
    bad="5.12汶川地震，卡尔•马克思", good="“5·12”汶川地震，卡尔·马克思", fix="safe", shadows=("P101", "P108"),
)
def interpunct_form(ctx: LintContext) -> Iterator[Finding]:
    # line-safe patterns (see LintContext): the lines either may match in; an event's month and day are
    # two digits with a mark between them
    dotted = {info.number: info for info in ctx.prose_lines_matching(_WRONG_DOT, needs=_WRONG_DOTS)}
    dated = {info.number: info for info in ctx.prose_lines_matching(_EVENT_NAME, needs="0123456789")
             if _MONTH_DOT_DAY.search(info.text)}
    found = {**dotted, **dated}
    for number in sorted(found):
        info = found[number]
        text = info.text
        for dot in _WRONG_DOT.finditer(text) if info.number in dotted else ():
            index, ch = dot.start(), dot.group()
            if 0 < index < len(text) - 1 and not text[index - 1].isdigit() \
                    and (is_cjk(text[index - 1]) or text[index - 1].isalpha()) and is_cjk(text[index + 1]):
                yield Finding(info.number, index, index + 1, _("{ch} (U+{ord_ch:04X}) between names; the 间隔号 is · "
                                                                "(U+00B7)").format(ch=ch, ord_ch=ord(ch)), Fix("·"))
        if info.number not in dated:
            continue
        spans = protected_spans(text)
        for match in _EVENT.finditer(text):
            if inside(match.start(), spans) or not _is_event(match):
                continue
            dot = match.group("dot")
            if dot != "·":
                yield Finding(info.number, match.start("dot"), match.end("dot"),
                              _("month and day of an event joined with {dot}; write · (“{value}·{value2}”)")
                               .format(dot=dot, value=match.group('m'), value2=match.group('d')), Fix("·"))
            if not (match.group("open") and match.group("close")):
                yield Finding(info.number, match.start("m"), match.end("d"),
                              _("an event named by month and day takes quotation marks: “{value}·{value2}”")
                               .format(value=match.group('m'), value2=match.group('d')))
