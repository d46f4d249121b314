"""S1xx: spaces. 公文 put no space between Chinese text and digits or Latin letters (59号, 2024年3月1日),
the opposite of the web-copywriting convention that autocorrect applies by default."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govfmt.lint.context import LintContext, LineInfo
from govfmt.lint.diagnostic import WARNING, Finding, Fix
from govfmt.lint.registry import rule

_HAN = "\u4e00-\u9fff\u3400-\u4dbf〇"
_GAP = "[ \t\u3000\u00a0]+"
_CJK_ALNUM_GAP = re.compile(rf"(?<=[{_HAN}]){_GAP}(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])({_GAP})(?=[{_HAN}])")
_FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】"
_PUNCT_GAP = re.compile(rf"(?<=[{_FULLWIDTH_PUNCT}]){_GAP}|{_GAP}(?=[{_FULLWIDTH_PUNCT}])")
_CJK_GAP = re.compile(rf"(?<=[{_HAN}]){_GAP}(?=[{_HAN}])")
# A separator space after a line-initial number or article label is layout, not a stray space:
# "1　总则", "4.2　国家级", "第一章　总则", "第三条　为了……".
_OUTLINE_LABEL = re.compile(r"^(?:\d{1,2}(?:[.．]\d{1,2}){0,3}[.．]?|第[一二三四五六七八九十百零〇\d]+[章节条款编])$")


def _gaps(info: LineInfo, pattern: re.Pattern) -> Iterator[tuple[int, int]]:
    text = info.text
    body_start = info.content_start
    body_end = len(text.rstrip(" \t\u3000\u00a0"))
    for match in pattern.finditer(text):
        start, end = match.span()
        if start < body_start or end > body_end:
            continue  # indentation and trailing space are other rules' business
        if _OUTLINE_LABEL.match(text[body_start:start]):
            continue
        yield start, end


@rule(
    code="S101", name="space-between-chinese-and-alnum",
    summary="A space between Chinese text and a digit or Latin letter (2024 年, 59 号, 使用 GDP).",
    why="公文 set numbers and Latin abbreviations solid with Chinese text: GB/T 9704-2012 writes its own "
        "examples as 国发〔2012〕10号 and 2012年7月1日 (§7.2.5, §7.3.5). This is the opposite of the "
        "space-word default of web copywriting tools.",
    bad="2024 年 3 月 1 日印发", good="2024年3月1日印发", fix="safe",
)
def space_between_chinese_and_alnum(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        for start, end in _gaps(info, _CJK_ALNUM_GAP):
            yield Finding(info.number, start, end, "space between Chinese text and a number or Latin letter; "
                          "remove it", Fix(""))


@rule(
    code="S102", name="space-around-fullwidth-punctuation",
    summary="A space before or after a full-width punctuation mark (测试 ，  附件： 1.).",
    why="Full-width marks already fill a whole character cell (GB/T 15834-2011 §5.1); an extra space "
        "shows up as a gap in the laid-out document.",
    bad="经研究 ，现批复如下： ", good="经研究，现批复如下：", fix="safe",
)
def space_around_fullwidth_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        for start, end in _gaps(info, _PUNCT_GAP):
            yield Finding(info.number, start, end, "space next to a full-width punctuation mark; remove it",
                          Fix(""))


@rule(
    code="S103", name="space-between-chinese", severity=WARNING,
    summary="A space between two Chinese characters (国 家 粮 食, 附  件, padded names).",
    why="Letter-spacing and alignment are the layout's job (GB/T 9704-2012 §5.2 fixes the grid); spaces "
        "typed into the text survive into the DOCX as gaps. Removing them may change what the author "
        "meant to align, so the fix is unsafe.",
    bad="指  导  意  见", good="指导意见", fix="unsafe",
)
def space_between_chinese(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        for start, end in _gaps(info, _CJK_GAP):
            yield Finding(info.number, start, end, "space between Chinese characters", Fix("", safe=False))


@rule(
    code="S104", name="trailing-whitespace", severity=WARNING,
    summary="Spaces, tabs or full-width spaces at the end of a line.",
    why="Invisible trailing space is carried into the DOCX and can push a line to wrap; it is never "
        "meaningful in a draft.",
    bad="国务院办公厅　　", good="国务院办公厅", fix="safe",
)
def trailing_whitespace(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.lines:
        if info.number < ctx.source.body_start:
            continue  # front matter is metadata, not text
        stripped = info.text.rstrip(" \t\u3000\u00a0")
        if len(stripped) < len(info.text):
            yield Finding(info.number, len(stripped), len(info.text), "trailing whitespace; remove it", Fix(""))
