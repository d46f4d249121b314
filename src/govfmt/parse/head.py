"""Where the document begins: its head found by what is certain, whatever a web page put above it.

A 公文's head reads, top to bottom: 版头 lines (份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人),
the title (one to four lines), lines that belong to the title (subtitle, speaker, date, 发文字号), then the
主送机关 or salutation, then the body. The head is found from below: the first line of body text is
certain, the 主送 line above it is certain, and the head is read upwards from there through the
grammar above. What stands above the head's first line is the page the document was pasted from:
a site heading, a repeated title, breadcrumbs and metadata. Those lines are chrome only when the head
found is certain (a title with a 发文字号, a 主送 line or a `关于…的通知` form); otherwise they are left
to the line-by-line reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from govfmt.model import Line
from govfmt import regex_cache
from govfmt.parse import patterns as p
from govfmt.parse.chrome import is_metadata
from govfmt.parse.lines import (
    compact,
    ends_with_doc_type,
    ends_with_terminal,
    heading_level,
    is_date,
    is_doc_number,
    is_recipient_list,
    is_subtitle,
    is_table_row,
    is_banner,
    is_organ_name,
    is_title_like,
    mark_organ,
)

_LABELLED = regex_cache.compile(r"^[\u4e00-\u9fff]{1,4}[：:]\S")  # 时间：2024年3月12日, 主持：区长　孙某
MIN_WRAPPED_SENTENCE = 30  # a line this long with a comma in it is text, not a title (titles rarely have one)
HEAD_WINDOW = 60  # the head is looked for in the first lines of the draft
MAX_TITLE_LINES = 4
MAX_SITE_LINE_CHARS = 60  # a site heading or navigation line above the head is short


@dataclass(frozen=True)
class Head:
    """Where the document's head begins, and which lines above it are web-page chrome."""

    start: int  # index of the head's first line (0 when nothing stands above it)
    web: frozenset[int]  # indices above the head that are the page's chrome
    certain: bool


def find_head(lines: list[Line], chrome: set[int], decimal_outline: bool) -> Head:
    body = _first_body_line(lines, chrome, decimal_outline)
    if body is None:
        body = min(len(lines), HEAD_WINDOW)  # no running text in the first lines: a list, a table
    anchor = _addressee_above(lines, chrome, body)
    start, title, number = _read_upwards(lines, chrome, anchor if anchor is not None else body)
    title_text = "".join(compact(lines[i].text) for i in sorted(title))
    if not title or not ends_with_doc_type(title_text):
        below_number = _title_below_number(lines, chrome, body)
        if below_number is not None:
            number, (start, title) = True, below_number
    title_text = "".join(compact(lines[i].text) for i in sorted(title))
    anchor_is_sure = anchor is not None and number and ends_with_doc_type(title_text)
    if anchor is None and not number:  # the first sentence has no head above it: a news item's own text?
        lower = _whole_head_below(lines, chrome, body)
        if lower is not None:
            anchor, (start, title) = lower[0], lower[1:]
            number = anchor_is_sure = True
            title_text = "".join(compact(lines[i].text) for i in sorted(title))
    if not title:
        return Head(0, frozenset(), False)
    certain = anchor is not None or number or ("关于" in title_text and ends_with_doc_type(title_text))
    above = [i for i in range(start) if i not in chrome]
    if not certain and above and _repeats_title(lines, above, title_text):
        certain = True  # the page printed the title once more above the document: the head is below it
    if not certain or not above:
        return Head(0 if above else start, frozenset(), certain)
    web = frozenset(i for i in above if _is_site_line(lines[i].text, title_text))
    if len(web) < len(above) and not anchor_is_sure:
        # Something above the head is neither chrome nor a site heading: read it as the document's own.
        return Head(0, frozenset(), certain)
    # Sentences above a head that has its 主送 and its 发文字号 are the page's own text (a news item
    # introducing the document: 近日，…印发《…》，全文如下。): kept as they are, the head stays the head.
    return Head(start, web, certain)


MAX_JOINT_ISSUERS = 6


def joint_mark_lines(lines: list[Line], index: int) -> set[int]:
    """The lines of a joint 发文机关标志 (§7.2.4) around the line at index, pasted one a line: organs' names
    stacked, with `文件` after the last (or first) name or on a line of its own; empty when the line is in
    none. One organ's `…文件` alone is a banner, not a joint mark."""
    def part(i: int) -> bool:
        flat = compact(lines[i].text)
        return flat == "文件" or is_organ_name(flat) or (is_banner(lines[i].text) and flat.endswith("文件"))

    if not 0 <= index < len(lines) or not part(index):
        return set()
    first = last = index
    while first > 0 and index - first < MAX_JOINT_ISSUERS and part(first - 1):
        first -= 1
    while last + 1 < len(lines) and last - index < MAX_JOINT_ISSUERS and part(last + 1):
        last += 1
    if not compact(lines[last].text).endswith("文件") and last + 1 < len(lines) and compact(lines[last + 1].text).startswith("关于"):
        last -= 1  # an organ's name right above 关于…: the first line of the title
    run = range(first, last + 1)
    flats = [compact(lines[i].text) for i in run]
    names = [mark_organ(f) for f in flats if f != "文件"]
    files = [f for f in flats if f.endswith("文件")]
    if len(set(names)) < 2 or len(names) != len(set(names)) or len(files) != 1 \
            or not (flats[0].endswith("文件") or flats[-1].endswith("文件")):
        return set()  # one organ's banner (its name again below it is the title's first line)
    return set(run) if index in run else set()


def _repeats_title(lines: list[Line], above: list[int], title: str) -> bool:
    """A line above the head that is the title again (as the page shows it), every other one a site line."""
    flats = [compact(lines[i].text) for i in above]
    return any(flat == title or _is_page_title(flat, title) for flat in flats) and \
        all(_is_site_line(lines[i].text, title) for i in above)


def _whole_head_below(lines: list[Line], chrome: set[int], body: int) -> tuple[int, int, set[int]] | None:
    """A whole head (title ending in its kind of document, 发文字号, 主送) further down than the first
    sentence, which is then the page's own text above the document; its 主送, first line and title lines."""
    for index in range(body + 1, min(len(lines), HEAD_WINDOW)):
        flat = compact(lines[index].text)
        if index in chrome or not flat.endswith(("：", ":")) or not is_recipient_list(flat) \
                or is_metadata(lines[index].text):
            continue
        start, title, number = _read_upwards(lines, chrome, index)
        title_text = "".join(compact(lines[i].text) for i in sorted(title))
        if title and number and ends_with_doc_type(title_text):
            return index, start, title
        return None
    return None


def _title_below_number(lines: list[Line], chrome: set[int], body: int) -> tuple[int, set[int]] | None:
    """A 发文字号 with a whole title (ending in its kind of document) right below it."""
    ordered = [i for i in range(min(body + 1, len(lines))) if i not in chrome]
    for position, index in enumerate(ordered):
        if not is_doc_number(lines[index].text):
            continue
        title: list[int] = []
        for below in ordered[position + 1: position + 1 + MAX_TITLE_LINES]:
            if not _continues_title(lines[below].text, []):
                break
            title.append(below)
            if ends_with_doc_type(compact(lines[below].text)):
                start = position
                while start > 0 and _is_masthead_line(lines[ordered[start - 1]].text):
                    start -= 1
                return ordered[start], set(title)
        return None
    return None


def _is_masthead_line(text: str) -> bool:
    flat = compact(text)
    return is_banner(text) or bool(p.COPY_NUMBER.match(flat) or p.CLASSIFICATION.match(flat)
                                   or p.URGENCY.match(flat) or p.SIGNER.match(flat))


def _first_body_line(lines: list[Line], chrome: set[int], decimal_outline: bool) -> int | None:
    for index, line in enumerate(lines[:HEAD_WINDOW]):
        if index in chrome or is_metadata(line.text):
            continue
        flat = compact(line.text)
        if heading_level(line.text, decimal_outline) or p.CHAPTER.match(flat) or p.TOC_HEAD.match(flat):
            return index
        if is_table_row(line.text) or p.ATTACHMENT_NOTE.match(flat):
            return index
        if len(flat) > 50 or "。" in flat or ends_with_terminal(flat):
            return index
        if len(flat) >= MIN_WRAPPED_SENTENCE and flat.count("，") >= 1 and not flat.endswith(("：", ":")):
            return index  # a line of a hard-wrapped sentence (今天召开…大会，主要是动员…提振精)
        if flat.endswith(("：", ":")) and ("，" in flat or p.INTRODUCING_COLON.search(flat)) \
                and not is_recipient_list(flat):
            return index  # the sentence that opens the text (…，现就有关事项通知如下：, 经县政府研究决定：)
    return None


def _addressee_above(lines: list[Line], chrome: set[int], body: int) -> int | None:
    for index in range(body - 1, -1, -1):
        if index in chrome:
            continue
        flat = compact(lines[index].text)
        if flat.endswith(("：", ":")) and is_recipient_list(flat) and not is_metadata(lines[index].text):
            first = index
            while first > 0 and index - first < 2 and first - 1 not in chrome:
                above = compact(lines[first - 1].text)
                if not above.endswith(("，", "、", ",")) or "。" in above:
                    break
                first -= 1
            return first
        if not (is_date(flat) or is_subtitle(flat) or p.SPEAKER.match(lines[index].text)):
            return None  # the 主送 stands right above the body, or there is none
    return None


def _read_upwards(lines: list[Line], chrome: set[int], below: int) -> tuple[int, set[int], bool]:
    """Read the head upwards from the line above `below`; its first line, title lines, a 发文字号 seen."""
    start = below
    title: set[int] = set()
    number = False
    phase = "under_title"
    for index in range(below - 1, -1, -1):
        if index in chrome:
            continue
        text = lines[index].text
        flat = compact(text)
        if phase == "under_title":
            if is_doc_number(text):
                number = True
                start = index
                continue
            if is_date(flat) or is_subtitle(flat) or p.SPEAKER.match(text) or p.SIGNER.match(flat) \
                    or _LABELLED.match(flat):  # a 纪要's 时间：… 地点：… 主持：… under its title
                start = index
                continue
            phase = "title"
        if phase == "title":
            if _continues_title(text, [lines[i].text for i in sorted(title)]):
                title.add(index)
                start = index
                continue
            if not title:
                break
            phase = "above_title"
        if is_doc_number(text):
            number = True
        elif not (is_banner(text) or p.COPY_NUMBER.match(flat) or p.CLASSIFICATION.match(flat)
                  or p.URGENCY.match(flat) or p.SIGNER.match(flat) or index in joint_mark_lines(lines, index)):
            break
        start = index
    return start, title, number


def _continues_title(text: str, below: list[str]) -> bool:
    """The line can be the first line of a title whose other lines are `below`."""
    flat = compact(text)
    if len(below) >= MAX_TITLE_LINES or is_banner(text) or p.SALUTATION.match(flat):
        return False
    if not is_title_like(text) or is_metadata(text) or is_table_row(text) or _LABELLED.match(flat):
        return False  # (a 纪要's 时间：… 地点：… 主持：… lines are no title)
    if below and ends_with_doc_type(flat) and not flat.endswith("》") and flat.count("《") <= flat.count("》"):
        return False  # a whole title of its own: the site's heading above the document's title
        # (a line that leaves a 《 open goes on in the line below, whatever word it ends with)
    if below:
        title = "".join(compact(b) for b in below)
        if flat == title or _is_page_title(flat, title):
            return False
    return True


def _is_page_title(flat: str, title: str) -> bool:
    """The browser's page title above the document's: the same title, then the site (`…的讲话-某市人民政府网`)."""
    return len(flat) > len(title) and flat.startswith(title) and flat[len(title)] in _PAGE_TITLE_SEPARATORS


_PAGE_TITLE_SEPARATORS = "-－—_｜|·•"


def _is_site_line(text: str, title: str) -> bool:  # noqa: ARG001 (title kept for the reading)
    """A line above a certain head that is the page's: its heading, a repeated title, navigation."""
    flat = compact(text)
    if is_metadata(text):
        return True
    return len(flat) <= MAX_SITE_LINE_CHARS and not ends_with_terminal(flat)
