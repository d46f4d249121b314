"""N1xx: numbers and dates (GB/T 9704-2012 §7.2.5, §7.3.5, §7.4.3; GB/T 15835-2011)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govfmt.lint.chars import chinese_to_int, lazy
from govfmt.lint.context import LintContext, LineInfo
from govfmt.lint.diagnostic import WARNING, Finding, Fix
from govfmt.lint.registry import rule
from govfmt.i18n import _

_SP = r"[ \t\u3000]*"
_DATE_KINDS = ("date", "printed_by")
_ZEROS = "〇○零OoＯ0０"
_YEAR_DIGITS = {ch: "0" for ch in _ZEROS}
_YEAR_DIGITS.update({ch: str(i) for i, ch in enumerate("〇一二三四五六七八九") if i})
_CN_DATE = lazy(
    rf"(?P<y>[{_ZEROS}一二三四五六七八九]{{2,4}}){_SP}年{_SP}(?P<m>[一二三四五六七八九十]{{1,3}}){_SP}月"
    rf"{_SP}(?P<d>[一二三四五六七八九十〇]{{1,3}}){_SP}日"
)
_ARABIC_DATE = lazy(rf"(?<![\d.])(?P<y>\d{{2,4}}){_SP}年{_SP}(?P<m>\d{{1,2}}){_SP}月(?:{_SP}(?P<d>\d{{1,2}}){_SP}日)?")
_ZERO_PADDED = lazy(rf"0\d{_SP}[月日]")  # a month or day with a leading zero, as N101 reports it
_SEPARATED_DATE = lazy(r"^(?P<y>(?:19|20)\d{2})[ \t]*(?P<sep>[.\-/．－／])[ \t]*(?P<m>\d{1,2})[ \t]*(?P=sep)"
                             r"[ \t]*(?P<d>\d{1,2})$")
_COMPACT_DATE = lazy(r"^(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])$")


def _date_lines(ctx: LintContext) -> Iterator[LineInfo]:
    """Lines holding the 成文日期 or the 印发日期."""
    for block in ctx.blocks(*_DATE_KINDS):
        yield from ctx.block_lines(block)


@rule(
    code="N101", name="date-leading-zero",
    summary=_("A month or day written with a leading zero (2012年07月01日)."),
    why=_("GB/T 9704-2012 §7.3.5 (成文日期) and §7.4.3 (印发日期): year, month and day in Arabic numerals, month and day "
           "without a leading zero; body text follows the same GB/T 15835-2011 form."),
    bad="2012年07月01日", good="2012年7月1日", fix="safe",
)
def date_leading_zero(ctx: LintContext) -> Iterator[Finding]:
    # a line-safe pattern (see LintContext): each finding is a zero-padded month or day, which it matches
    for info in ctx.prose_lines_matching(_ZERO_PADDED, needs="年"):
        if "年" not in info.text:
            continue
        for match in _ARABIC_DATE.finditer(info.text):
            if len(match.group("y")) != 4 and info.kind not in _DATE_KINDS:
                continue  # 12年03月 in running text may be a duration; a 成文日期 never is
            for part in ("m", "d"):
                value = match.group(part)
                if value and len(value) == 2 and value[0] == "0" and value != "00":
                    start = match.start(part)
                    yield Finding(info.number, start, start + 1,
                                  _("{value} {value2} has a leading zero; write {value3}")
                                   .format(value=_("month") if part == 'm' else _("day"), value2=value, value3=value[1]), Fix(""))


@rule(
    code="N102", name="date-form",
    summary=_("A date line written 2012.7.1, 2012-07-01, 2012/7/1 or 20120701, or with an impossible month or day."),
    why=_("GB/T 9704-2012 §7.3.5 and §7.4.3: the date is written with 年 月 日 in Arabic numerals (2012年7月1日)."),
    bad="2012.7.1", good="2012年7月1日", fix="unsafe",
)
def date_form(ctx: LintContext) -> Iterator[Finding]:
    after_signature = _lines_after_signature(ctx)
    for info in ctx.prose_lines:
        start = info.content_start
        if not info.text[start:start + 1].isdigit():  # the first character of body below
            continue
        body = info.text[start:].rstrip()
        compact_allowed = info.kind in _DATE_KINDS or info.number in after_signature
        match = _SEPARATED_DATE.match(body) or (_COMPACT_DATE.match(body) if compact_allowed else None)
        if match:
            month, day = int(match.group("m")), int(match.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                yield Finding(info.number, start, start + len(body), _("date written {body}; write "
                                                                        "{value}年{month}月{day}日")
                                                                      .format(body=body, value=match.group('y'), month=month, day=day),
                              Fix(f"{match.group('y')}年{month}月{day}日", safe=False))
    for info in _date_lines(ctx):
        for match in _ARABIC_DATE.finditer(info.text):
            month, day = int(match.group("m")), int(match.group("d") or 1)
            if not (1 <= month <= 12 and 1 <= day <= 31):
                yield Finding(info.number, match.start(), match.end(), _("no such date: {value}")
                                                                        .format(value=match.group()))


def _lines_after_signature(ctx: LintContext) -> set[int]:
    """Where the 成文日期 stands: the block after a 署名, and the last block of the main text (before any
    附件 or 版记). 20171116 there is a date, not a number."""
    blocks = ctx.blocks()
    lines = {following.line_start for block, following in zip(blocks, blocks[1:]) if block.kind == "signature"}
    main = []
    for block in blocks:
        if block.kind in ("attachment_mark", "cc", "printed_by"):
            break
        if block.kind not in ("directive", "web", "other"):
            main.append(block)
    if main:
        lines.add(main[-1].line_start)
    return lines


def _arabic_date(match: re.Match) -> str | None:
    year = "".join(_YEAR_DIGITS.get(ch, "") for ch in match.group("y"))
    month, day = chinese_to_int(match.group("m").replace("〇", "零")), chinese_to_int(match.group("d"))
    if len(year) != len(match.group("y")) or month is None or day is None:
        return None
    return f"{year}年{month}月{day}日"


@rule(
    code="N103", name="chinese-numeral-date",
    summary=_("A 成文日期 or 印发日期 written in Chinese numerals (二〇一二年七月一日), the GB/T 9704-1999 style."),
    why=_("GB/T 9704-2012 §7.3.5 changed the 成文日期 to Arabic numerals (2012年7月1日); the 1999 standard's 二〇一二年七月一日 is "
           "out of date. The fix rewrites the numerals, so it is unsafe."),
    bad="二〇一二年七月一日", good="2012年7月1日", fix="unsafe",
)
def chinese_numeral_date(ctx: LintContext) -> Iterator[Finding]:
    for info in _date_lines(ctx):
        for match in _CN_DATE.finditer(info.text):
            arabic = _arabic_date(match)
            yield Finding(info.number, match.start(), match.end(),
                          _("date in Chinese numerals (GB/T 9704-1999 style); write {value}")
                           .format(value=arabic or 'Arabic numerals'),
                          Fix(arabic, safe=False) if arabic else None)


@rule(
    code="N104", name="year-abbreviated",
    summary=_("A year shortened to two digits in a date (12年6月1日)."),
    why=_("GB/T 15835-2011 §5.1 and GB/T 9704-2012 §7.3.5: years are written in full; 12年 is ambiguous."),
    bad="12年6月1日", good="2012年6月1日",
)
def year_abbreviated(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        if "年" not in info.text:
            continue
        for match in _ARABIC_DATE.finditer(info.text):
            if len(match.group("y")) == 2 and (match.group("d") or info.kind in _DATE_KINDS):
                yield Finding(info.number, match.start("y"), match.end("y"),
                              _("year {value} is abbreviated; write all four digits").format(value=match.group('y')))


_YEAR_RUN = lazy(rf"[{_ZEROS}一二三四五六七八九]{{2,4}}(?={_SP}年)")
# A 年 right after a year digit or a space: every _YEAR_RUN match has one. It starts with a literal, so a
# search of the joined prose skips from 年 to 年 instead of trying the class at every character.
_YEAR_RUN_END = lazy(rf"年(?<=[{_ZEROS}一二三四五六七八九 \t\u3000]年)")


@rule(
    code="N105", name="chinese-zero",
    summary=_("The letter O, the circle ○, the digit 0 or 零 used as the zero of a Chinese-numeral year (二OO六年)."),
    why=_("GB/T 15835-2011 §5.2: the zero of a Chinese numeral in a year is 〇 (U+3007); O, ○ (U+25CB) and 0 are "
           "different characters that only look alike."),
    bad="二○○六年", good="二〇〇六年", fix="safe",
)
def chinese_zero(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_YEAR_RUN_END, needs="年"):  # a line-safe pattern (see LintContext)
        for match in _YEAR_RUN.finditer(info.text):
            run = match.group()
            if not any(ch in "一二三四五六七八九" for ch in run):
                continue
            for offset, ch in enumerate(run):
                if ch in _ZEROS and ch != "〇":
                    index = match.start() + offset
                    yield Finding(info.number, index, index + 1,
                                  _("{ch} (U+{ord_ch:04X}) used as a Chinese zero; write 〇")
                                   .format(ch=ch, ord_ch=ord(ch)), Fix("〇"))


@rule(
    code="N106", name="fullwidth-alnum",
    summary=_("Full-width digits or Latin letters (２０２４年, ＧＤＰ)."),
    why=_("GB/T 15835-2011 §5.1 and GB/T 9704-2012 §7.5: Arabic numerals and Latin letters are half-width."),
    bad="２０２４年第１季度", good="2024年第1季度", fix="safe",
)
def fullwidth_alnum(ctx: LintContext) -> Iterator[Finding]:
    # a line-safe pattern (see LintContext); its own search of the joined prose is the cheap first test (one
    # scan instead of one per character of the class)
    for info in ctx.prose_lines_matching(_FULLWIDTH_ALNUM, needs=_FULLWIDTH_ALNUM.search):
        for match in _FULLWIDTH_ALNUM.finditer(info.text):
            ch, index = match.group(), match.start()
            half = chr(ord(ch) - 0xFEE0)
            yield Finding(info.number, index, index + 1, _("full-width {ch}; write {half}").format(ch=ch, half=half), Fix(half))


_FULLWIDTH_ALNUM = lazy("[０-９Ａ-Ｚａ-ｚ]")

# A 发文字号 anywhere (its own line, or cited in the text): agency code, year in brackets, number, 号.
_DOC_NUMBER = lazy(
    r"(?<=[\u4e00-\u9fff])(?P<open>[〔\[【（(［{｛〈<])[ \t\u3000]*(?P<year>\d{2,4})[ \t\u3000]*"
    r"(?P<close>[〕\]】）)］}｝〉>])[ \t\u3000]*(?P<di>第)?[ \t\u3000]*(?P<num>\d{1,5})[ \t\u3000]*号"
)


def _doc_numbers(ctx: LintContext) -> list[tuple[LineInfo, re.Match]]:
    """Every 发文字号 of the draft, found once for the three rules that look at them."""
    return ctx.memo("doc-numbers", lambda c: [(info, match) for info in c.prose_lines if "号" in info.text
                                             for match in _DOC_NUMBER.finditer(info.text)])


@rule(
    code="N107", name="doc-number-brackets",
    summary=_("The year of a 发文字号 in [ ] 【 】 （ ） ( ) or other brackets instead of the 六角括号 〔 〕."),
    why=_("GB/T 9704-2012 §7.2.5: the year of the 发文字号 is enclosed in 六角括号 〔〕; this applies wherever the number is "
           "written, including citations in the body."),
    bad="临政办函[2013]89号", good="临政办函〔2013〕89号", fix="safe", shadows=("P101", "P102", "P111", "S101", "S102"),
)
def doc_number_brackets(ctx: LintContext) -> Iterator[Finding]:
    for info, match in _doc_numbers(ctx):
        typed = info.text[match.start("open"):match.end("close")]
        wanted = f"〔{match.group('year')}〕"
        if typed != wanted and (match.group("open"), match.group("close")) != ("〔", "〕"):
            yield Finding(info.number, match.start("open"), match.end("close"),
                          _("发文字号 year in {value}{value2}; write {wanted}")
                           .format(value=match.group('open'), value2=match.group('close'), wanted=wanted),
                          Fix(wanted))


@rule(
    code="N108", name="doc-number-year",
    summary=_("A 发文字号 whose year is not written in full (国发〔12〕10号)."),
    why=_("GB/T 9704-2012 §7.2.5: the year of the 发文字号 is written in full."),
    bad="国发〔12〕10号", good="国发〔2012〕10号",
)
def doc_number_year(ctx: LintContext) -> Iterator[Finding]:
    for info, match in _doc_numbers(ctx):
        if len(match.group("year")) != 4:
            yield Finding(info.number, match.start("year"), match.end("year"),
                          _("发文字号 year {value} is abbreviated; write all four digits")
                           .format(value=match.group('year')))


@rule(
    code="N109", name="doc-number-serial",
    summary=_("A 发文字号 serial number with 第 or with leading zeros (国发〔2012〕第10号, 国发〔2012〕010号)."),
    why=_("GB/T 9704-2012 §7.2.5: the serial number takes no 第 and no padding zeros (1, not 01)."),
    bad="国发〔2012〕第010号", good="国发〔2012〕10号", fix="safe", shadows=("S101", "S102"),
)
def doc_number_serial(ctx: LintContext) -> Iterator[Finding]:
    for info, match in _doc_numbers(ctx):
        if match.group("di"):
            yield Finding(info.number, match.start("di"), match.end("di"),
                          _("发文字号 serial number with 第; remove it"), Fix(""))
        number = match.group("num")
        zeros = len(number) - len(number.lstrip("0"))
        if zeros and number != "0" * len(number):
            start = match.start("num")
            yield Finding(info.number, start, start + zeros,
                          _("发文字号 serial number {number} has leading zeros; write {value}")
                           .format(number=number, value=number.lstrip('0')), Fix(""))


_DOT_BEFORE_DIGIT = lazy(r"(?<=[\u4e00-\u9fff，、（：])\.(?=\d)")
_DOT_DIGIT = lazy(r"\.\d")


@rule(
    code="N110", name="decimal-leading-zero", severity=WARNING,
    summary=_("A decimal fraction without its leading 0 (.46)."),
    why=_("GB/T 15835-2011 §5.1: a pure decimal keeps the 0 before the point (0.46)."),
    bad="增长.5个百分点", good="增长0.5个百分点", fix="unsafe",
)
def decimal_leading_zero(ctx: LintContext) -> Iterator[Finding]:
    # a line-safe pattern (see LintContext); each of its matches is a match of the simpler _DOT_DIGIT
    for info in ctx.prose_lines_matching(_DOT_BEFORE_DIGIT, needs=_DOT_DIGIT.search):
        for match in _DOT_BEFORE_DIGIT.finditer(info.text):
            yield Finding(info.number, match.start(), match.end(), _("decimal without its leading 0; write 0."),
                          Fix("0.", safe=False))


_HAO_DATE = lazy(r"(?<![\d.])(?P<y>\d{4}[ \t\u3000]*年[ \t\u3000]*)?(?P<m>1[0-2]|0?[1-9])[ \t\u3000]*月"
                       r"[ \t\u3000]*(?P<d>3[01]|[12]\d|0?[1-9])[ \t\u3000]*(?P<hao>号)(?![楼院线门文令码床位室库])")


# The part every _HAO_DATE match contains, starting with a literal (a quick search of the whole draft).
_HAO_DATE_CORE = lazy(r"月[ \t\u3000]*(?:3[01]|[12]\d|0?[1-9])[ \t\u3000]*号")


@rule(
    code="N111", name="date-hao-for-ri",
    summary=_("A date whose day is written with 号 instead of 日 (2018年1月1号)."),
    why=_("GB/T 9704-2012 §7.3.5.4 and §7.4.3 write dates with 年 月 日, and GB/T 15835-2011 §4.1.1's calendar dates "
           "use 日; 号 is spoken usage. The fix replaces only that 号, so it is safe. 号 followed by 楼, 院, 文, 令 and the "
           "like is a number, not a day, and is left alone."),
    bad="2018年1月1号起施行", good="2018年1月1日起施行", fix="safe",
)
def date_hao_for_ri(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_HAO_DATE_CORE, needs="号"):  # a line-safe pattern (see LintContext)
        if "号" not in info.text or "月" not in info.text:
            continue
        for match in _HAO_DATE.finditer(info.text):
            yield Finding(info.number, match.start("hao"), match.end("hao"), _("day of a date written with 号; write 日"),
                          Fix("日"))


# Arabic digits with 十 百 千 as multipliers (4千, 3百万); 万 and 亿 may follow digits (3000万, 1.5亿).
# 千 and 百 that begin a unit (千米, 千克, 千瓦, 百分点, 百分之) are not numerals.
_MIXED = lazy(r"(?<![\d.．A-Za-z])\d+(?:\.\d+)?(?P<unit>[十百千])(?![米克瓦伏帕焦赫卡兆分位])")
_MIXED_VALUE = {"十": 10, "百": 100, "千": 1000}


def _digit_before_unit(text: str) -> bool:
    """Whether a 十 百 or 千 follows a digit somewhere (every _MIXED match has one; isdigit takes in all of \\d)."""
    for unit in "十百千":
        index = text.find(unit)
        while index != -1:
            if index and text[index - 1].isdigit():
                return True
            index = text.find(unit, index + 1)
    return False


@rule(
    code="N112", name="mixed-numerals",
    summary=_("Arabic digits mixed with 十, 百 or 千 in one number (4千, 3百万); 万 and 亿 after digits are fine."),
    why=_("GB/T 15835-2011 §5.3 (≈): one number is written either in Arabic numerals or in Chinese numerals; only "
           "万 and 亿 may stand as units after Arabic digits (3000万, 10亿零817万). The fix writes the value in digits "
           "(4千 → 4000), which changes its form, so it is unsafe."),
    bad="投资4千万元，建成3百个站点", good="投资4000万元，建成300个站点", fix="unsafe",
)
def mixed_numerals(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_MIXED, needs=_digit_before_unit):  # a line-safe pattern (see LintContext)
        text = info.text
        if not info.has_any("十百千"):
            continue
        for match in _MIXED.finditer(text):
            number, unit = match.group()[:-1], match.group("unit")
            whole, _point, fraction = number.partition(".")
            zeros = len(str(_MIXED_VALUE[unit])) - 1
            fix = None
            if len(fraction) <= zeros:
                digits = (whole + fraction + "0" * (zeros - len(fraction))).lstrip("0") or "0"
                fix = Fix(digits, safe=False)
            yield Finding(info.number, match.start(), match.end(),
                          _("{value} mixes Arabic and Chinese numerals; write {value2}")
                           .format(value=match.group(), value2=fix.replacement if fix else _('the number in digits')), fix)
