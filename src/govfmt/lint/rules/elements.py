"""E1xx: the elements of a 公文 (GB/T 9704-2012 §7.3 and §7.4; 条例 arts. 8–9)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govfmt.lint.chars import lazy
from govfmt.lint.context import LintContext, LineInfo
from govfmt.lint.diagnostic import WARNING, Finding, Fix
from govfmt.lint.registry import rule
from govfmt.model import Block
from govfmt.parse.lines import compact
from govfmt.i18n import _

_LABEL_COLON = lazy(r"^(?:主送|抄送|抄报|附件|签发人|附\s*件|抄\s*送)[ \t\u3000]*(:)")


def _colon_findings(info: LineInfo) -> Iterator[Finding]:
    if ":" not in info.text:
        return
    begin = info.content_start
    match = _LABEL_COLON.match(info.text[begin:])
    if match:
        index = begin + match.start(1)
        label = compact(info.text[begin:index])
        yield Finding(info.number, index, index + 1, _("half-width colon after {label}; use ：").format(label=label), Fix("："))


@rule(
    code="E101", name="element-colon",
    summary=_("A half-width colon after 主送, 抄送, 附件 or 签发人, or at the end of the 主送机关 or of a salutation (同志们:)."),
    why=_("GB/T 9704-2012 §7.3.2 (主送机关 ends with a full-width colon), §7.3.4 (附件：), §7.2.6 (签发人：) and §7.4.2 "
           "(抄送：); a salutation is Chinese text, where GB/T 15834-2011 §4.7 gives the colon as ：."),
    bad="各省、自治区、直辖市人民政府:", good="各省、自治区、直辖市人民政府：", fix="safe", shadows=("P101",),
)
def element_colon(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines:
        if ":" in info.text:  # what _colon_findings looks for first, without a generator per line
            yield from _colon_findings(info)
    for block in ctx.blocks("addressee", "salutation"):
        lines = ctx.block_lines(block)
        if not lines:
            continue
        last = lines[-1]
        body = last.text.rstrip(" \t\u3000\u00a0")
        if body.endswith(":"):
            what = "主送机关" if block.kind == "addressee" else "salutation"
            yield Finding(last.number, len(body) - 1, len(body), _("{what} ends with a half-width colon; use ：")
                                                                  .format(what=what),
                          Fix("："))


_ITEM = lazy(r"(?P<n>\d{1,2})[ \t\u3000]*(?P<p>[.．、，,]|[)）])[ \t\u3000]*")
_NOTE_HEAD = lazy(r"附[ \t\u3000]*件[ \t\u3000]*[：:][ \t\u3000]*")


def _attachment_items(ctx: LintContext, block) -> list[tuple[LineInfo, int, re.Match | None]]:
    """(line, index where the item starts, its number marker or None) for each 附件说明 item."""
    items = []
    for info in ctx.block_lines(block):
        start = info.content_start
        head = _NOTE_HEAD.match(info.text, start)
        if head:
            start = head.end()
            if start >= len(info.text.rstrip()):
                continue  # "附件：" alone on its line; the items follow
        items.append((info, start, _ITEM.match(info.text, start)))
    return items


_NAME_END = "。；，、：.;,:"


@rule(
    code="E102", name="attachment-name-punctuation",
    summary=_("An attachment name in the 附件说明 that ends with a punctuation mark."),
    why=_("GB/T 9704-2012 §7.3.4: no punctuation follows an attachment name."),
    bad="附件：1.工作方案。", good="附件：1.工作方案", fix="unsafe",
)
def attachment_name_punctuation(ctx: LintContext) -> Iterator[Finding]:
    for block in ctx.blocks("attachment_note"):
        items = _attachment_items(ctx, block)
        for position, (info, _start, _marker) in enumerate(items):
            following = items[position + 1] if position + 1 < len(items) else None
            if following and following[0].number == info.number + 1 and following[2] is None:
                continue  # the name wraps onto the next line
            body = info.text.rstrip(" \t\u3000\u00a0")
            if body and body[-1] in _NAME_END:
                yield Finding(info.number, len(body) - 1, len(body),
                              _("attachment name ends with {body}; remove it").format(body=body[-1]), Fix("", safe=False))


@rule(
    code="E103", name="attachment-numbering",
    summary=_("附件说明 items numbered 1、 or (1), numbered out of order, or some numbered and some not."),
    why=_("GB/T 9704-2012 §7.3.4: several attachments are numbered with Arabic numerals and a point (附件：1.XXXX), "
           "one per line."),
    bad="附件：1、工作方案\n      2、责任清单", good="附件：1.工作方案\n      2.责任清单", fix="safe",
    shadows=("P101", "P102", "S102"),
)
def attachment_numbering(ctx: LintContext) -> Iterator[Finding]:
    for block in ctx.blocks("attachment_note"):
        items = _attachment_items(ctx, block)
        numbered = [item for item in items if item[2]]
        if len(items) < 2 or not numbered:
            continue
        expected = 1
        for info, start, marker in items:
            if marker is None:
                if info.number == items[0][0].number:
                    yield Finding(info.number, start, start + 1, _("attachment has no number while the others do; "
                                                                    "write 1. before it"))
                continue
            value = int(marker.group("n"))
            if value != expected:
                yield Finding(info.number, marker.start(), marker.end("n"),
                              _("attachment number {value} where {expected} is expected")
                               .format(value=value, expected=expected))
            point = marker.group("p")
            typed = info.text[marker.start():marker.end()]
            wanted = f"{value}{'．' if point == '．' else '.'}"
            if typed != wanted:
                yield Finding(info.number, marker.start(), marker.end(),
                              _("attachment number written {value!r}; write {wanted}")
                               .format(value=typed.strip(), wanted=wanted), Fix(wanted))
            expected = value + 1


@rule(
    code="E104", name="cc-end-punctuation",
    summary=_("A 抄送 (or 主送 in the 版记) list that does not end with 。."),
    why=_("GB/T 9704-2012 §7.4.2: the last organ of the 抄送 list is followed by a full stop."),
    bad="抄送：市委办公室，市人大常委会办公室", good="抄送：市委办公室，市人大常委会办公室。", fix="unsafe",
)
def cc_end_punctuation(ctx: LintContext) -> Iterator[Finding]:
    blocks = ctx.blocks()
    for position, block in enumerate(blocks):
        if block.kind != "cc":
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        if following is not None and following.kind in ("body", "other") and _continues_list(following.text):
            continue  # the list wraps onto a line of its own (…各县（市、区）/ 语委办。)
        lines = ctx.block_lines(block)
        if not lines:
            continue
        last = lines[-1]
        body = last.text.rstrip(" \t\u3000\u00a0")
        if body.endswith("。") or body.endswith(("：", ":")):
            continue
        if body[-1] in "，、；.,;":
            yield Finding(last.number, len(body) - 1, len(body), _("抄送 list ends with {body}; end it with 。")
                                                                  .format(body=body[-1]),
                          Fix("。", safe=False))
        else:
            yield Finding(last.number, len(body), len(body), _("抄送 list does not end with 。"), Fix("。", safe=False))


def _continues_list(text: str) -> bool:
    return len(text) <= 30 and text.endswith("。") and "，" not in text[:-1] and "：" not in text


DOC_TYPES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
             "议案", "函", "纪要")
SPEECH_TYPES = ("讲话", "讲话稿", "致辞", "发言", "讲稿", "主持词")
_TITLE_SUFFIX = lazy(r"(?:[（(][^（）()]{1,12}[）)])+$")  # （试行） （草案） （代拟稿）


def _first_title(ctx: LintContext):
    titles = ctx.blocks("title")
    return titles[0] if titles and titles[0].line_start <= (ctx.blocks()[0].line_end + 8) else None


@rule(
    code="E105", name="title-document-type", severity=WARNING,
    summary=_("A document title that does not end with one of the 15 文种 (通知, 意见, 报告, 请示, 函, …)."),
    why=_("条例 art. 8 lists the document types (决议 决定 命令（令） 公报 公告 通告 意见 通知 通报 报告 请示 批复 议案 函 纪要) and art. 9 makes "
           "the title 发文机关 + 事由 + 文种. Stand-alone rules are not 公文, so this is a warning; a speech (a salutation "
           "such as 同志们： under its head, or a title ending in 讲话, 致辞 or 发言) is not reported."),
    bad="关于做好2024年防汛工作的安排", good="关于做好2024年防汛工作的通知",
)
def title_document_type(ctx: LintContext) -> Iterator[Finding]:
    title = _first_title(ctx)
    if title is None or ctx.blocks("salutation") or _is_speech_subtitled(ctx, title):
        return
    flat = _TITLE_SUFFIX.sub("", title.text).rstrip("》”")
    if flat and not flat.endswith(DOC_TYPES + SPEECH_TYPES):
        lines = ctx.block_lines(title)
        if not lines:
            return
        last = lines[-1]
        end = len(last.text.rstrip())
        yield Finding(last.number, last.content_start, end, _("title does not end with a document type (通知, 意见, "
                                                               "报告, 请示, 函, …)"))


def _is_speech_subtitled(ctx: LintContext, title: Block) -> bool:
    """A title over a subtitle that names the speech (坚定信心　真抓实干 / ——在县委经济工作会议上的讲话)."""
    return any(block.line_start <= title.line_end + 2 and block.text.rstrip().endswith(SPEECH_TYPES)
               for block in ctx.blocks("subtitle") if block.line_start > title.line_end)


_TITLE_MARKS = lazy(r"[，。；：？！,.;:?!]")


@rule(
    code="E106", name="title-punctuation", severity=WARNING,
    summary=_("Punctuation in the document title other than 《》 “” 、 and brackets."),
    why=_("GB/T 9704-2012 §7.3.1 and GB/T 15834-2011 B.4: a title carries no sentence punctuation; 《》 around the "
           "names of laws, “” and 、 are kept where needed."),
    bad="关于加强安全生产工作，切实防范事故的通知", good="关于加强安全生产工作切实防范事故的通知",
)
def title_punctuation(ctx: LintContext) -> Iterator[Finding]:
    title = _first_title(ctx)
    if title is None:
        return
    for info in ctx.block_lines(title):
        for match in _TITLE_MARKS.finditer(info.text):
            if match.group() in ".." and 0 < match.start() < len(info.text) - 1 \
                    and info.text[match.start() - 1].isdigit() and info.text[match.start() + 1].isdigit():
                continue  # a decimal, as in 2.0版
            yield Finding(info.number, match.start(), match.end(), _("{value} in the title")
                                                                    .format(value=match.group()))


# A tag a chat or a site writes before a title: 【通知】, [转发], 【紧急】.
_TITLE_TAG = lazy(r"^[ \t\u3000]*(?:【[^】]{1,6}】|\[[^\]]{1,6}\]|〖[^〗]{1,6}〗)[ \t\u3000]*(?=\S)")


@rule(
    code="E114", name="title-tag",
    summary=_("A tag in brackets before the title (【通知】关于…, [转发]关于…), as a chat or a web page writes it."),
    why=_("GB/T 9704-2012 §7.3.1: the title is 发文机关 + 事由 + 文种 and nothing else; a tag such as 【通知】 or 【紧急】 "
           "says again the type or the urgency, which have their own places (the title's 文种, §7.2.3 紧急程度)."),
    bad="【通知】关于做好2024年防汛工作的通知", good="关于做好2024年防汛工作的通知", fix="unsafe",
)
def title_tag(ctx: LintContext) -> Iterator[Finding]:
    title = _first_title(ctx)
    if title is None:
        return
    info = ctx.line(title.line_start)
    match = _TITLE_TAG.match(info.text)
    if match:
        start = info.content_start
        yield Finding(info.number, start, match.end(), _("{value} before the title; remove it")
                      .format(value=info.text[start:match.end()].strip()), Fix("", safe=False))


@rule(
    code="E107", name="no-text-page-note", severity=WARNING,
    summary=_("The note “此页无正文” (this page has no text)."),
    why=_("GB/T 9704-1999 forbade it outright; GB/T 9704-2012 §7.3.5.5 asks instead to adjust line and letter "
           "spacing so that the signature and date stay on a page with body text."),
    bad="（此页无正文）", good="(no note; tighten the spacing so that the 署名 and 成文日期 share a page with the body)",
)
def no_text_page_note(ctx: LintContext) -> Iterator[Finding]:
    for info in ctx.prose_lines_matching(_NO_TEXT, needs="此"):  # a line-safe pattern (see LintContext)
        match = _NO_TEXT.search(info.text)
        if match:
            yield Finding(info.number, match.start(), match.end(), _("“此页无正文” is not used; adjust the spacing so "
                                                                      "the signature and date share a page with the "
                                                                      "body"))


_NO_TEXT = lazy(r"此[ \t\u3000]*页[ \t\u3000]*无[ \t\u3000]*正[ \t\u3000]*文")


def _attachment_pages(ctx: LintContext) -> list[tuple[Block, Block | None, str]]:
    """(附件N line, the title under it, that title with the subtitles right under it: `（征求意见稿）`) for
    every attachment in the draft."""
    blocks = list(ctx.document.blocks)
    pages = []
    for index, block in enumerate(blocks):
        if block.kind == "attachment_mark":
            title = blocks[index + 1] if index + 1 < len(blocks) and blocks[index + 1].kind == "title" else None
            whole = compact(title.text) if title is not None else ""
            for below in blocks[index + 2:]:
                if title is None or below.kind != "subtitle":
                    break
                whole += compact(below.text)
            pages.append((block, title, whole))
    return pages


def _item_name(info: LineInfo, start: int, marker) -> str:
    return compact(info.text[marker.end() if marker else start:]).rstrip(_NAME_END)


@rule(
    code="E108", name="attachment-mismatch", severity=WARNING,
    summary=_("The 附件说明 and the attachments that follow it disagree: count, numbers or titles."),
    why=_("GB/T 9704-2012 §7.3.7: each attachment's 附件 number and title agree with the 附件说明 (§7.3.4)."),
    bad="附件：1.工作方案\n…\n附件1\n工作实施方案", good="附件：1.工作方案\n…\n附件1\n工作方案",
)
def attachment_mismatch(ctx: LintContext) -> Iterator[Finding]:
    notes = ctx.blocks("attachment_note")
    pages = _attachment_pages(ctx)
    if not notes or not pages:
        return  # attachments not bound with the text, or no 附件说明: nothing to compare
    items: list[list] = []  # [first line, name] per attachment; unnumbered lines continue a name
    for info, start, marker in _attachment_items(ctx, notes[0]):
        if marker is not None or not items:
            items.append([info, _item_name(info, start, marker)])
        else:
            items[-1][1] += _item_name(info, start, None)
    if len(items) != len(pages):
        mark = pages[0][0]
        yield Finding(mark.line_start, 0, len(ctx.line(mark.line_start).text.rstrip()),
                      _("the 附件说明 lists {count_items} attachment(s) but {count_pages} follow the text")
                       .format(count_items=len(items), count_pages=len(pages)))
        return
    for position, ((info, name), (mark, title, whole)) in enumerate(zip(items, pages), 1):
        label = compact(mark.text)
        number = label.removeprefix("附件").rstrip("：:")
        if len(pages) > 1 and number != str(position):
            yield Finding(mark.line_start, 0, len(ctx.line(mark.line_start).text.rstrip()),
                          _("attachment {position} is labelled {label!r}; write 附件{position}")
                           .format(position=position, label=label))
        if title is not None and name not in (compact(title.text), whole):
            yield Finding(title.line_start, 0, len(ctx.line(title.line_start).text.rstrip()),
                          _("attachment title differs from the 附件说明 item {name!r}").format(name=name))


_DOC_YEAR = lazy(r"〔(?P<year>\d{4})〕")
_DATE_YEAR = lazy(r"(?P<year>\d{4})[ \t\u3000]*年")


@rule(
    code="E109", name="doc-number-year-mismatch", severity=WARNING,
    summary=_("A 发文字号 whose year differs from the year of the 成文日期 (国发〔2023〕5号 … 2024年1月8日)."),
    why=_("GB/T 9704-2012 §7.2.4: the year in the 发文字号 is the year the document is issued, and §7.3.5.4: the 成文日期 "
           "is the date it is signed; they agree except for a document signed at the turn of a year, so a "
           "difference is usually a number or a date copied from an older document. A warning."),
    bad="国发〔2023〕5号\n…\n2024年1月8日", good="国发〔2024〕5号\n…\n2024年1月8日",
)
def doc_number_year_mismatch(ctx: LintContext) -> Iterator[Finding]:
    numbers = [b for b in ctx.blocks("doc_number") if b.line_start >= ctx.document.body_start]
    dates = [b for b in ctx.blocks("date") if b.line_start >= ctx.document.body_start]
    if not numbers or not dates:
        return
    number, date = numbers[0], dates[0]
    year_match = _DOC_YEAR.search(ctx.line(number.line_start).text)
    date_match = _DATE_YEAR.search(ctx.line(date.line_start).text)
    if year_match and date_match and year_match.group("year") != date_match.group("year"):
        yield Finding(number.line_start, year_match.start("year"), year_match.end("year"),
                      _("the 发文字号 says {value} but the 成文日期 (line {line_start}) says {value2}")
                       .format(value=year_match.group('year'), line_start=date.line_start, value2=date_match.group('year')))


@rule(
    code="E113", name="signature-without-date", severity=WARNING,
    summary=_("A 署名 with no 成文日期 under it."),
    why=_("GB/T 9704-2012 §7.3.5.1–§7.3.5.3 set the 成文日期 under the 发文机关署名 in every form of 署名, and the "
           "党政机关公文处理工作条例 (Art. 9) makes it a part of every 公文: the date its leader signs it. A draft may leave "
           "it to be filled in, so this is a warning."),
    bad="恳请县政府给予支持。\n\n某县教育局", good="恳请县政府给予支持。\n\n某县教育局\n2024年3月6日",
)
def signature_without_date(ctx: LintContext) -> Iterator[Finding]:
    blocks = [b for b in ctx.document.blocks if b.line_start >= ctx.document.body_start]
    for position, block in enumerate(blocks):
        if block.kind != "signature":
            continue
        for after in blocks[position + 1:]:
            if after.kind == "date":
                return
            if after.kind not in ("signature", "web", "directive", "other"):
                break
        line = ctx.line(block.line_end)
        yield Finding(block.line_end, line.content_start, len(line.text.rstrip()),
                      _("署名 with no 成文日期 under it; add the date the document is signed"))
        return


_DOUBLED_TYPE = lazy(rf"(?P<first>的(?P<type>{'|'.join(sorted(DOC_TYPES, key=len, reverse=True))}))(?P<second>的(?P=type))$")


def _title_lines(ctx: LintContext) -> list[LineInfo]:
    title = _first_title(ctx)
    return ctx.block_lines(title) if title is not None else []


def _outside_title_marks(text: str) -> str:
    """The title with every 《…》 blanked (same length), so a cited 通知 inside 《》 is not its type."""
    out, depth = [], 0
    for ch in text:
        if ch == "《":
            depth += 1
        out.append(ch if depth == 0 else "　")
        if ch == "》" and depth:
            depth -= 1
    return "".join(out)


@rule(
    code="E110", name="title-type-repeated",
    summary=_("A title that ends with its document type twice (……的通知的通知)."),
    why=_("条例 art. 9 and GB/T 9704-2012 §7.3.1: the title is 发文机关 + 事由 + 文种, with one 文种. A 转发 or 印发 title keeps "
           "one 的通知 (关于转发……的通知), or names the forwarded document in 《》."),
    bad="关于转发省政府防汛工作的通知的通知", good="关于转发省政府防汛工作的通知", fix="unsafe",
)
def title_type_repeated(ctx: LintContext) -> Iterator[Finding]:
    lines = _title_lines(ctx)
    if not lines:
        return
    last = lines[-1]
    body = last.text.rstrip(" \t\u3000\u00a0")
    suffix = _TITLE_SUFFIX.search(body)
    core = body[:suffix.start()] if suffix else body
    match = _DOUBLED_TYPE.search(_outside_title_marks(core))
    if match:
        yield Finding(last.number, match.start("second"), match.end("second"),
                      _("the title ends with 的{value} twice; keep one").format(value=match.group('type')), Fix("", safe=False))


# Titles that are a name of their own, with no 事由 to introduce: 国务院令, 公告, 公报, 纪要 and the like.
_NAME_TITLE_TYPES = ("令", "公告", "公报", "通告", "纪要", "议案", "决议")
# 国务院办公厅转发……的通知, ……印发……的通知: forwarding titles put the verb where 关于 would stand.
_FORWARDING = lazy(r"转发|印发|批转|颁布|公布|发布")


@rule(
    code="E111", name="title-without-guanyu", severity=WARNING,
    summary=_("A title of the form 发文机关 + 事由 + 的 + 文种 with no 关于 before the 事由."),
    why=_("条例 art. 9 makes the title 发文机关 + 事由 + 文种, and GB/T 9704-2012 §7.3.1's model titles introduce the 事由 "
           "with 关于 (国务院关于……的通知). Forwarding titles (……办公室转发……的通知) put the verb in its place, and titles such as "
           "国务院令 or a 公告 are names; both are left alone. A warning: the standard shows the form rather than "
           "requiring the word."),
    bad="某某市人民政府做好防汛工作的通知", good="某某市人民政府关于做好防汛工作的通知",
)
def title_without_guanyu(ctx: LintContext) -> Iterator[Finding]:
    lines = _title_lines(ctx)
    if not lines:
        return
    title = "".join(compact(info.text) for info in lines)
    suffix = _TITLE_SUFFIX.search(title)
    core = _outside_title_marks(title[:suffix.start()] if suffix else title)
    if "关于" in core or core.endswith(_NAME_TITLE_TYPES) or _FORWARDING.search(core):
        return
    if any(core.endswith("的" + kind) for kind in DOC_TYPES) and len(core) > 6:
        first = lines[0]
        yield Finding(first.number, first.content_start, len(first.text.rstrip()),
                      "the title has no 关于 before its 事由 (……关于……的" + next(
                          kind for kind in DOC_TYPES if core.endswith("的" + kind)) + ")")


@rule(
    code="E112", name="header-field-conflict",
    summary="A 版头 field given twice with different values: in the draft's head and in its front matter.",
    why="GB/T 9704-2012 §7.2: each element of the 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人) "
        "appears once; when the front matter and the head of the draft disagree, `convert` refuses the "
        "draft, so `check` reports it at the line first.",
    bad="---\n发文字号: 国发〔2024〕1号\n---\n国发〔2024〕2号\n关于……的通知", good="---\n发文字号: 国发〔2024〕2号\n---\n"
    "国发〔2024〕2号\n关于……的通知",
)
def header_field_conflict(ctx: LintContext) -> Iterator[Finding]:
    from govfmt.header import header_problems

    for problem in header_problems(ctx.document):
        line = problem.line or ctx.document.body_start
        if not 1 <= line <= len(ctx.lines):
            continue
        info = ctx.line(line)
        yield Finding(line, info.content_start, max(len(info.text.rstrip()), info.content_start + 1),
                      problem.message)
