"""H1xx: heading markers and their hierarchy (GB/T 9704-2012 §7.3.3; GB/T 15834-2011 B.3)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from govfmt.lint.chars import chinese_to_int, int_to_chinese, lazy
from govfmt.lint.context import LintContext
from govfmt.lint.diagnostic import WARNING, Finding, Fix
from govfmt.lint.registry import rule
from govfmt.model import Block
from govfmt.parse import patterns
from govfmt.i18n import _

_CN = "一二三四五六七八九十"
_SP = r"[ \t\u3000]*"
# Each marker family with the shapes drafters type for it; group "n" is the ordinal.
_LEVEL_1 = lazy(rf"(?P<n>[{_CN}]{{1,3}}){_SP}(?P<p>[、.．，,]){_SP}")
_LEVEL_2 = lazy(rf"(?P<o>[（(]){_SP}(?P<n>[{_CN}]{{1,3}}){_SP}(?P<c>[）)]){_SP}(?P<p>[、.．，,]?){_SP}")
# 1.1 is a decimal outline, but 1．2010年 (a full-width point before a year) is an item number.
_LEVEL_3 = lazy(rf"(?P<n>\d{{1,3}}){_SP}(?:(?P<p>[.．、，,])(?![\d.．])|(?P<fp>．)(?=\d{{4}}[年届级]))"
                      rf"{_SP}")
_LEVEL_4 = lazy(rf"(?:(?P<o>[（(]){_SP}(?P<n>\d{{1,2}}){_SP}(?P<c>[）)])|(?P<circled>[⑴-⒇])){_SP}"
                      rf"(?P<p>[、.．，,]?){_SP}")


class Marker(NamedTuple):
    """A heading's ordinal marker (immutable; a named tuple, as every heading of every draft has one)."""

    rank: int  # 1 一、  2 （一）  3 1.  4 （1）
    value: int
    line: int
    start: int  # span of the marker as typed, trailing spaces included
    end: int
    typed: str
    canonical: str
    soft: bool = False  # an item number at the start of a body paragraph: counted, never corrected


def _marker(block: Block, ctx: LintContext) -> Marker | None:
    """The ordinal marker that opens a heading block, in one of the four standard families."""
    info = ctx.line(block.line_start)
    text, begin = info.text, info.content_start
    rest = text[begin:]
    first = rest[:1]
    tried = _BY_FIRST.get(first)
    if tried is None and first.isdigit():  # \d is a digit for str.isdigit too (so is ⑴, which is no \d)
        if patterns.DECIMAL_SUB.match(rest) or (patterns.DECIMAL_TOP.match(rest) and not _LEVEL_3.match(rest)):
            return None  # decimal outlines (1.1, 4.2.3) of 预案 and rules have their own numbering
        tried = _BY_DIGIT
    elif tried is None:
        tried = ()
    for rank, pattern in tried:
        match = pattern.match(rest)
        if not match:
            continue
        if rank == 4 and match.group("circled"):
            value = ord(match.group("circled")) - ord("⑴") + 1
        elif rank in (1, 2):
            value = chinese_to_int(match.group("n"))
        else:
            value = int(match.group("n"))
        if value is None:
            return None
        point = match.group("p") or (match.group("fp") if rank == 3 else None)
        canonical = _canonical(rank, value, point)
        return Marker(rank, value, block.line_start, begin, begin + match.end(), match.group(), canonical)
    return None


# The marker patterns, in the order they are tried, that a line starting with a given character may match
# (each family's first character: a Chinese numeral, a bracket, a circled number, a digit).
_BY_FIRST = {**dict.fromkeys(_CN, ((1, _LEVEL_1),)), **dict.fromkeys("（(", ((2, _LEVEL_2), (4, _LEVEL_4))),
             **dict.fromkeys(map(chr, range(ord("⑴"), ord("⒇") + 1)), ((4, _LEVEL_4),))}
_BY_DIGIT = ((3, _LEVEL_3),)


def _canonical(rank: int, value: int, typed_point: str) -> str:
    if rank == 1:
        return f"{int_to_chinese(value)}、"
    if rank == 2:
        return f"（{int_to_chinese(value)}）"
    if rank == 3:
        return f"{value}{'．' if typed_point == '．' else '.'}"  # both widths of the 下脚点 are accepted
    return f"（{value}）"


@dataclass(frozen=True)
class Reset:
    """Numbering starts afresh: a new section (attachment, chapter), or a decimal-outline heading."""

    depth: int  # the rank the following headings count as nested under (0 = top of a section)


def _markers(ctx: LintContext) -> list[Marker | Reset]:
    return ctx.memo("heading-markers", lambda c: list(_scan_markers(c)))


def _scan_markers(ctx: LintContext) -> Iterator[Marker | Reset]:
    seen_heading = False
    for block in ctx.document.blocks:
        if block.kind in ("attachment_mark", "chapter") or (block.kind == "title" and seen_heading):
            seen_heading = False
            yield Reset(0)
        elif block.kind == "body" and seen_heading and _SOFT_ITEM.match(_first_text(block, ctx)):
            # 2.2010届…: an item the parser kept as body text because a number follows the point
            info = ctx.line(block.line_start)
            match = _SOFT_ITEM.match(info.text, info.content_start)
            if match:
                value = int(match.group("n"))
                yield Marker(3, value, block.line_start, match.start(), match.end(), match.group(),
                             f"{value}.", soft=True)
        elif block.kind == "heading":
            marker = _marker(block, ctx)
            seen_heading = True
            if marker:
                yield marker
            elif _is_decimal_outline(block, ctx):
                yield Reset(3)  # under a decimal-outline heading (4.2 国家级) any of the four ordinals may follow


_SOFT_ITEM = lazy(r"(?P<n>\d{1,2})[.．](?=\d{4}[年届级])")


def _first_text(block: Block, ctx: LintContext) -> str:
    info = ctx.line(block.line_start)
    return info.text[info.content_start:]


def _is_decimal_outline(block: Block, ctx: LintContext) -> bool:
    info = ctx.line(block.line_start)
    rest = info.text[info.content_start:]
    return bool(patterns.DECIMAL_SUB.match(rest) or patterns.DECIMAL_TOP.match(rest))


_FORMS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def _marker_rule(rank: int):
    def check(ctx: LintContext) -> Iterator[Finding]:
        for marker in _markers(ctx):
            if isinstance(marker, Marker) and marker.rank == rank and not marker.soft \
                    and marker.typed != marker.canonical:
                yield Finding(marker.line, marker.start, marker.end,
                              _("level-{rank} heading marker {value!r}; write {canonical}")
                               .format(rank=rank, value=marker.typed.strip(), canonical=marker.canonical),
                              Fix(marker.canonical))
    return check


for _rank, _code, _name, _bad, _good in (
    (1, "H101", "heading-marker-level-1", "一.总体要求", "一、总体要求"),
    (2, "H102", "heading-marker-level-2", "(一)、工作目标", "（一）工作目标"),
    (3, "H103", "heading-marker-level-3", "1、加强组织领导", "1.加强组织领导"),
    (4, "H104", "heading-marker-level-4", "(1)明确责任", "（1）明确责任"),
):
    rule(
        code=_code, name=_name,
        summary=_("A level-{rank} heading whose ordinal is not written {FORMS} (wrong point, half-width brackets, "
                   "a point after brackets, or a space).").format(rank=_rank, FORMS=_FORMS[_rank]),
        why=_("GB/T 9704-2012 §7.3.3 gives the heading ordinals 一、 （一） 1. （1）; GB/T 15834-2011 B.3.2–B.3.4: "
               "unbracketed Chinese numerals take 、, unbracketed Arabic numerals take the point, bracketed ordinals "
               "take no point, and the brackets are full-width."),
        bad=_bad, good=_good, fix="safe", shadows=("P101", "P102", "S101", "S102"),
    )(_marker_rule(_rank))


def _hierarchy(ctx: LintContext) -> list[tuple[str, Marker, str]]:
    return ctx.memo("heading-hierarchy", lambda c: list(_scan_hierarchy(c)))


def _scan_hierarchy(ctx: LintContext) -> Iterator[tuple[str, Marker, str]]:
    """(kind, marker, message) for skipped levels, gaps, duplicates and numbering conventions mixed."""
    last: dict[int, int] = {}
    carried: dict[int, int] = {}
    convention: dict[int, tuple[str, Marker]] = {}  # rank -> how the first new parent numbered it
    current_rank = 0
    for marker in _markers(ctx):
        if isinstance(marker, Reset):
            last, carried, current_rank = {}, {}, marker.depth
            continue
        rank, value = marker.rank, marker.value
        for deeper in range(rank + 1, 5):
            if deeper in last:
                carried[deeper] = last.pop(deeper)
        if rank > current_rank + 1 and rank not in last:
            above = _FORMS[current_rank] if current_rank else "the start"
            yield "skip", marker, (f"{_FORMS[rank]} heading directly under {above}; "
                                   f"the level {_FORMS[rank - 1]} is skipped")
        previous = last.get(rank)
        expected = 1 if previous is None else previous + 1
        shown = _canonical(rank, expected, ".")
        before = carried.get(rank)
        if previous is not None and value == previous:
            yield "duplicate", marker, f"heading number {marker.canonical} repeats the previous one"
        elif previous is None and before is not None and value in (1, before + 1):
            # the first sub-heading under a new parent: restarting and running on are both conventions
            # (国务院 方案 number 1. on through the whole text); mixing them in one document is the mistake
            style = "restarts" if value == 1 else "continues"
            first = convention.setdefault(rank, (style, marker))
            if first[0] != style:
                where = f"line {first[1].line}"
                yield "mixed", marker, (
                    f"numbering {style} under a new parent here, but {'restarts' if style == 'continues' else 'runs on'}"
                    f" at {where}; number every section the same way")
        elif value != expected:
            yield "gap", marker, f"heading number {marker.canonical} where {shown} is expected"
        last[rank] = value
        carried.pop(rank, None)
        current_rank = rank


def _hierarchy_rule(kind: str):
    def check(ctx: LintContext) -> Iterator[Finding]:
        for found, marker, message in _hierarchy(ctx):
            if found == kind:
                yield Finding(marker.line, marker.start, marker.start + len(marker.typed.rstrip()), message)
    return check


rule(
    code="H105", name="heading-level-skipped", severity=WARNING,
    summary=_("A heading level skipped, such as 一、 followed directly by 1. with no （一） between."),
    why=_("GB/T 9704-2012 §7.3.3 orders the levels 一、 → （一） → 1. → （1）. Norms differ on whether short documents "
           "may skip a level, so this is a warning."),
    bad="一、总体要求\n1.加强领导", good="一、总体要求\n（一）加强领导",
)(_hierarchy_rule("skip"))
rule(
    code="H106", name="heading-number-gap",
    summary=_("Heading numbers that skip or go back (一、 二、 四、), or that do not start at 一 / 1."),
    why=_("GB/T 9704-2012 §7.3.3: ordinals count up by one within their parent; a gap usually means a section was "
           "deleted or moved."),
    bad="一、……\n二、……\n四、……", good="一、……\n二、……\n三、……",
)(_hierarchy_rule("gap"))
rule(
    code="H107", name="heading-number-duplicate",
    summary=_("Two sibling headings with the same number (（二） then （二）)."),
    why=_("GB/T 9704-2012 §7.3.3: each ordinal is used once within its parent."),
    bad="（二）……\n（二）……", good="（二）……\n（三）……",
)(_hierarchy_rule("duplicate"))
rule(
    code="H108", name="heading-numbering-mixed",
    summary=_("Sub-heading numbers that restart under some parents and run on under others in one document."),
    why=_("GB/T 9704-2012 §7.3.3 fixes the ordinals but not whether 1. restarts under each （一）: State Council 方案 "
           "and 意见 number on through the whole text on purpose, other documents restart. Either is right; a "
           "document that does both has lost a section or been pasted together."),
    bad="一、……\n（一）……\n（二）……\n二、……\n（三）……\n三、……\n（一）……",
    good="一、……\n（一）……\n（二）……\n二、……\n（一）……\n三、……\n（一）……",
)(_hierarchy_rule("mixed"))


# Level-1 headings stand alone and take no end mark at all; lower levels are often written as one
# sentence ending in 。 or ； (a run-in heading whose body was moved to the next line), so only the
# marks that can never end a heading are reported there.
_END_MARKS = {1: "。；，：、.;,:", 2: "，、,", 3: "，、,", 4: "，、,"}


@rule(
    code="H109", name="heading-end-punctuation", severity=WARNING,
    summary=_("A stand-alone heading that ends with a punctuation mark (一、总体要求。, （二）工作目标，)."),
    why=_("GB/T 15834-2011 B.4: titles and headings take no end point except ？ and ！. A heading followed by body "
           "text in the same paragraph (run-in) ends with 。 at the boundary, which is correct; a level-2 to level-4 "
           "heading written as a full sentence may keep its 。."),
    bad="一、总体要求。", good="一、总体要求", fix="unsafe",
)
def heading_end_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for block in ctx.blocks("heading"):
        if block.run_in or block.level not in _END_MARKS:
            continue
        lines = ctx.block_lines(block)
        if not lines:
            continue
        last = lines[-1]
        body = last.text.rstrip(" \t\u3000\u00a0")
        phrase = body[last.content_start:]
        if not phrase or phrase[-1] not in _END_MARKS[block.level] or len(phrase) <= 4:
            continue
        if any(mark in phrase[:-1] for mark in "，；。,;"):
            continue  # a numbered sentence in a list, not a heading phrase
        yield Finding(last.number, len(body) - 1, len(body),
                      _("stand-alone heading ends with {body}; remove it").format(body=body[-1]), Fix("", safe=False))


_ENUMERATION = lazy(rf"(?:第[{_CN}]{{1,3}}|首先|其次|再次|最后|其一|其二|其三)、(?![{_CN}])")


@rule(
    code="H110", name="enumeration-punctuation",
    summary=_("第一、 首先、 其次、 with a 顿号, where the comma belongs (第一， 首先，)."),
    why=_("GB/T 15834-2011 B.3.1: ordinal words such as 第一 and 首先 that open a sentence are followed by a comma. "
           "第一、二季度 (an abbreviated series) is left alone."),
    bad="第一、加强领导", good="第一，加强领导", fix="unsafe", shadows=("P101",),
)
def enumeration_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_ENUMERATION, needs="、"):  # a line-safe pattern (see LintContext)
        for match in _ENUMERATION.finditer(info.text):
            yield Finding(info.number, match.end() - 1, match.end(),
                          _("{value} takes a comma, not a 顿号").format(value=match.group()[:-1]), Fix("，", safe=False))
