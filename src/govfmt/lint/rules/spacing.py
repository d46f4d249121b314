"""S1xx: spaces. 公文 put no space between Chinese text and digits or Latin letters (59号, 2024年3月1日),
the opposite of the web-copywriting convention that autocorrect applies by default."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from govfmt.lint.chars import lazy
from govfmt.lint.context import LintContext, LineInfo
from govfmt.lint.diagnostic import WARNING, Finding, Fix
from govfmt.lint.registry import rule
from govfmt.i18n import _
from govfmt.parse.patterns import SPEAKER

_HAN = "\u4e00-\u9fff\u3400-\u4dbf〇"
_SPACE = "[ \t\u3000\u00a0]"
# Every gap pattern starts only where a run of spaces starts, so a long run is scanned once.
_GAP = f"(?<!{_SPACE}){_SPACE}+"
# One space only: a wider gap between a number and text is column alignment (a schedule, the 版记's
# 印发机关 and 印发日期), not a typed word space.
_CJK_ALNUM_GAP = lazy(rf"(?<=[{_HAN}]){_SPACE}(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]){_SPACE}(?=[{_HAN}])")
_FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】"
_PUNCT_GAP = lazy(rf"(?<=[{_FULLWIDTH_PUNCT}]){_GAP}|{_GAP}(?=[{_FULLWIDTH_PUNCT}])")
_CJK_GAP = lazy(rf"(?<=[{_HAN}]){_GAP}(?=[{_HAN}])")
# The same gaps found from their first space: a search of the whole draft skips to the spaces in C instead
# of trying a look-behind at every character. Each matches where the pattern above it does (and they are
# line-safe in the sense of LintContext.prose_lines_matching), so they choose the lines to look at.
_CJK_ALNUM_GAP_START = lazy(rf"{_SPACE}(?:(?<=[{_HAN}]{_SPACE})(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]{_SPACE})(?=[{_HAN}]))")
_PUNCT_GAP_START = lazy(rf"{_SPACE}(?<!{_SPACE}{_SPACE})(?:(?<=[{_FULLWIDTH_PUNCT}]{_SPACE})|(?={_SPACE}*[{_FULLWIDTH_PUNCT}]))")
_CJK_GAP_START = lazy(rf"{_SPACE}(?<=[{_HAN}]{_SPACE})(?={_SPACE}*[{_HAN}])")
# A separator space after a line-initial number or article label is layout, not a stray space:
# "1　总则", "4.2　国家级", "第一章　总则", "第三条　为了……".
_OUTLINE_LABEL = lazy(r"^(?:\d{1,2}(?:[.．]\d{1,2}){0,3}[.．]?|第[一二三四五六七八九十百零〇\d]+[章节条款编])$")


def _gaps(info: LineInfo, pattern: re.Pattern) -> Iterator[tuple[int, int]]:
    text = info.text
    if not info.has_any(" \t\u3000\u00a0"):
        return
    body_start = info.content_start
    body_end = len(text.rstrip(" \t\u3000\u00a0"))
    for match in pattern.finditer(text):
        start, end = match.span()
        if start < body_start or end > body_end:
            continue  # indentation and trailing space are other rules' business
        if start - body_start <= 24 and _OUTLINE_LABEL.match(text[body_start:start]):  # labels are short
            continue
        yield start, end


_PRINT_DATE_YEAR = lazy(r"\d{4}[ \t\u3000]*年")


@rule(
    code="S101", name="space-between-chinese-and-alnum",
    summary=_("A space between Chinese text and a digit or Latin letter (2024 年, 59 号, 使用 GDP)."),
    why=_("公文 set numbers and Latin abbreviations solid with Chinese text: GB/T 9704-2012 writes its own examples "
           "as 国发〔2012〕10号 and 2012年7月1日 (§7.2.5, §7.3.5). This is the opposite of the space-word default of web "
           "copywriting tools."),
    bad="2024 年 3 月 1 日印发", good="2024年3月1日印发", fix="safe",
)
def space_between_chinese_and_alnum(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_CJK_ALNUM_GAP_START):  # a line-safe pattern (see LintContext)
        for start, end in _gaps(info, _CJK_ALNUM_GAP):
            if info.kind == "printed_by" and _PRINT_DATE_YEAR.match(info.text, end):
                continue  # 印发机关 and 印发日期 share the line, a space apart (GB/T 9704-2012 §7.4.3)
            yield Finding(info.number, start, end, _("space between Chinese text and a number or Latin letter; "
                                                      "remove it"), Fix(""))


@rule(
    code="S102", name="space-around-fullwidth-punctuation",
    summary=_("A space before or after a full-width punctuation mark (测试 ，  附件： 1.)."),
    why=_("Full-width marks already fill a whole character cell (GB/T 15834-2011 §5.1); an extra space shows up as "
           "a gap in the laid-out document."),
    bad="经研究 ，现批复如下： ", good="经研究，现批复如下：", fix="safe",
)
def space_around_fullwidth_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_PUNCT_GAP_START):  # a line-safe pattern (see LintContext)
        for start, end in _gaps(info, _PUNCT_GAP):
            yield Finding(info.number, start, end, _("space next to a full-width punctuation mark; remove it"),
                          Fix(""))


# Organ names that end where a joint 署名 or a joint title separates them with a space:
# 国务院　中央军委, 鹤岗市人民政府 鹤岗市中级人民法院, 《建设部 国家语言文字工作委员会关于……》.
_ORGAN_END = "院部委厅局办会府署室处行军社团组所站队馆校司"
# A label padded to the width of its neighbours (主  任：, 组    长：, 附  件：) or a two-character
# personal name padded to three (李 震, 冯 镭) in a list of members.
_PADDED_LABEL = lazy(rf"^(?:[{_HAN}]{_SPACE}+)+[{_HAN}][：:]")
_PADDED_NAME = lazy(rf"(?:^|(?<=[：:、，,（(])|(?<={_SPACE}))[{_HAN}]{_SPACE}{{1,3}}[{_HAN}]"
                          rf"(?=$|[（(、，,；;。]|{_SPACE})")
# Four or more characters each a space apart: letter-spaced text, never a padded name.
_LETTER_SPACED = lazy(rf"[{_HAN}](?:{_SPACE}{{1,4}}[{_HAN}]){{3}}")
# Kinds whose spaces are layout by the standard: joint 署名 and 发文机关标志, the 版记 lines; the 主题词 of
# GB/T 9704-1999 separate their words with spaces.
# The members of a 纪要 (出席：李某某  王某某  张某某) and the units under a label like it, listed a space apart.
_ROSTER_LABELS = ("出席", "列席", "请假", "缺席", "参加", "出席人员", "列席人员", "参加人员", "参会人员", "与会人员",
                  "参会单位", "列席单位", "主持", "主持人", "记录")
_ROSTER = lazy("^(?:" + "|".join(f"{_SPACE}*".join(label) for label in sorted(_ROSTER_LABELS, key=len, reverse=True))
               + rf"){_SPACE}*[：:]")
# A 发文字号 with its 签发人 on the same line, the two a space apart (GB/T 9704-2012 §7.2.6).
_SIGNER_BESIDE = lazy(rf"号{_SPACE}+签{_SPACE}*发{_SPACE}*人")
_SPACED_KINDS = ("signature", "issuer_mark", "cc", "printed_by")
_KEYWORDS = lazy(r"^主[ \t\u3000]*题[ \t\u3000]*词")


def _in_spans(position: int, starts: list[int], ends: list[int]) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < ends[index]


def _layout_gaps(info: LineInfo):
    """A test for whether a gap (start index) on this line is layout by convention; the line's own
    patterns are matched once, not once per gap."""
    text = info.text
    body = text[info.content_start:]
    if _LETTER_SPACED.search(body):
        return lambda start: False
    label = _PADDED_LABEL.match(body)
    label_end = info.content_start + label.end() if label else -1
    # the padded names as sorted, non-overlapping spans: a gap is looked up by bisection (a long line
    # of them has thousands)
    name_starts, name_ends = [], []
    for m in _PADDED_NAME.finditer(body):
        name_starts.append(info.content_start + m.start())
        name_ends.append(info.content_start + m.end())
    roster = _ROSTER.match(body)
    roster_start = info.content_start + roster.end() if roster else len(text)
    signer = _SIGNER_BESIDE.search(body)
    signer_gap = info.content_start + signer.start() + 1 if signer else -1

    def layout(start: int) -> bool:
        return text[start - 1] in _ORGAN_END or start < label_end or start >= roster_start or \
            start == signer_gap or _in_spans(start, name_starts, name_ends)

    return layout


@rule(
    code="S103", name="space-between-chinese", severity=WARNING,
    summary=_("A space between two Chinese characters (国 家 粮 食, 指  导  意  见)."),
    why=_("Letter-spacing is the layout's job (GB/T 9704-2012 §5.2 fixes the grid); spaces typed into the text "
           "survive into the DOCX as gaps. Spaces that are layout by convention are not reported: between the "
           "organs of a joint 署名 or title (国务院　中央军委, §7.3.5.2), in padded labels and two-character names of member "
           "lists (主  任：, 李 震), between the names a 纪要 lists after 出席： or 列席：, between a 发文字号 and the "
           "签发人 beside it (§7.2.6), between a speaker's post and name under a speech's title (市长　王某某), in the "
           "版记 and in 主题词. Removing a space may change what the author meant to align, "
           "so the fix is unsafe."),
    bad="指  导  意  见", good="指导意见", fix="unsafe",
)
def space_between_chinese(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_CJK_GAP_START):  # a line-safe pattern (see LintContext)
        if info.kind in _SPACED_KINDS or _KEYWORDS.match(info.text, info.content_start) or (
                info.kind == "subtitle" and SPEAKER.match(info.text[info.content_start:].rstrip())):
            continue
        layout = None
        run: list[tuple[int, int]] = []  # gaps one character apart: letter-spaced text, reported once
        for start, end in _gaps(info, _CJK_GAP):
            if layout is None:
                layout = _layout_gaps(info)
            if layout(start):
                continue
            if run and start - run[-1][1] == 1:
                run.append((start, end))
                continue
            if run:
                yield _spaced(info, run)
            run = [(start, end)]
        if run:
            yield _spaced(info, run)


def _spaced(info: LineInfo, run: list[tuple[int, int]]) -> Finding:
    start, end = run[0][0], run[-1][1]
    if len(run) == 1:
        return Finding(info.number, start, end, _("space between Chinese characters"), Fix("", safe=False))
    typed = info.text[start:end]
    solid = "".join(ch for ch in typed if ch not in " \t\u3000\u00a0")
    return Finding(info.number, start, end, _("letter-spaced text ({count_run} spaces between Chinese characters)")
                                             .format(count_run=len(run)),
                   Fix(solid, safe=False))


@rule(
    code="S104", name="trailing-whitespace", severity=WARNING,
    summary=_("Spaces, tabs or full-width spaces at the end of a line."),
    why=_("Invisible trailing space is carried into the DOCX and can push a line to wrap; it is never meaningful "
           "in a draft."),
    bad="国务院办公厅　　", good="国务院办公厅", fix="safe",
)
def trailing_whitespace(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.lines:
        if info.number < ctx.source.body_start:
            continue  # front matter is metadata, not text
        stripped = info.text.rstrip(" \t\u3000\u00a0")
        if len(stripped) < len(info.text):
            yield Finding(info.number, len(stripped), len(info.text), _("trailing whitespace; remove it"), Fix(""))


# Characters that print nothing but travel with text copied from web pages, chats and word processors:
# zero-width space, non-joiner and joiner, word joiner, BOM, soft hyphen, the direction marks, embeddings and
# isolates, and the object replacement character left where a picture was.
_INVISIBLE = lazy("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffc]+")


@rule(
    code="S105", name="invisible-character",
    summary=_("A character that prints nothing (zero-width space, soft hyphen, direction mark, BOM) inside the text."),
    why=_("Copied with text from web pages and chats, these characters are invisible in Word and WPS but stay in the "
           "file: they split words for search and comparison, and change where lines may break."),
    bad="一、\u200b总体要求", good="一、总体要求", fix="safe",
)
def invisible_character(ctx: LintContext) -> Iterator[Finding]:
    if not _INVISIBLE.search(ctx.source.text):
        return
    for info in ctx.lines:
        if info.number < ctx.source.body_start:
            continue  # front matter is metadata, not text
        for match in _INVISIBLE.finditer(info.text):
            codes = " ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(match.group()))
            yield Finding(info.number, match.start(), match.end(),
                          _("invisible character {codes} copied with the text; remove it").format(codes=codes), Fix(""))
