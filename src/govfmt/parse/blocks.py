"""Group labelled lines into blocks: multi-line titles, hard-wrapped paragraphs, lists, tables.

A paragraph broken over lines is one block again when the break cannot end it: the line before the
break ends no sentence, and the next line starts none of the parts a 公文 puts on a line of its own
(headings, list items, labels such as 联系人：, the closing formula). Hard-wrapped lines are known by
their width (the width the draft was wrapped at, or with too few lines to tell it, the width of the
widest lines); lines broken by a web link by their marks (a 《 still open, a line ending in an opening
mark or starting with a closing one, a link alone on its line). A paragraph broken by left-out lines
(a PDF page number between its halves, a link marker) keeps its halves in two blocks, the second
marked `continues`, which the layout sets as one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from govfmt import regex_cache
from govfmt.model import Block, Line
from govfmt.parse import patterns as p
from govfmt.parse.chrome import is_link_marker
from govfmt.parse.lines import compact, display_width, ends_with_terminal, is_cjk, run_in_split
from govfmt.parse.structure import Labeled
from govfmt.parse.tables import table_block

# Kinds whose consecutive lines form one block, keeping the author's line breaks.
_GROUPED = {"title", "signature", "attachment_note", "addressee", "table"}
_CONTINUED_TAIL = {"cc", "note"}  # a 抄送 list or 附注 wrapped onto the next line
INDENT_WIDTH = 4  # two full-width spaces
INDENTED_SHARE = 0.2
WRAP_SLACK = 6
MIN_WRAP_WIDTH = 30  # narrower lines are headings, names and dates, never wrapped text
# Wider lines are paragraphs typed on one line: a page (28 字) or an editor's window wraps narrower.
MAX_GUESSED_WRAP_WIDTH = 100
WRAPPED_SHARE = 0.5  # of the longer lines, how many must end near the wrap width
# Kinds that can be continued by a hard-wrapped body line.
_NOT_WRAPPED = {"web", "other"}
_WRAPPABLE = {"body", "heading", "addressee", "note", "cc"}
# Marks after which a line cannot end a paragraph, and before which none can start one (避头尾).
_OPENING = tuple("《“‘（(【〔「『［[<〈")
_NO_LINE_START = tuple("，。、；：！？）》”’】〕」』］…,;:!?)%％·．.")
# Lines that start a part of their own: list items (一是 ——, ①, •) and the labels of a 公文's lines
# (联系人：, 出席：, 地点：).
_LABELS = ("联系人", "联系电话", "电话", "手机", "传真", "邮箱", "电子邮箱", "地址", "通讯地址", "邮编", "邮政编码",
           "网址", "时间", "地点", "主持", "主持人", "出席", "列席", "请假", "缺席", "记录", "参加", "参加人员",
           "参会人员", "参会单位", "议题", "签发", "签发人", "附件", "抄送", "户名", "开户行", "开户银行", "账号")
_OWN_LINE = regex_cache.compile(r"^(?:[一二三四五六七八九十]是|——|－－|[①-⑳⑴-⒇•●■◆▲]|[-*]\s|"
                       rf"(?:{'|'.join(sorted(_LABELS, key=len, reverse=True))})[\s\u3000]{{0,2}}[：:])")
OPEN_MARK_LINES = 8  # a name in 《》 or a bracket spans a few lines at most: only these are read back
_LINK = regex_cache.compile(r"^(?:https?://|www\.)[^\s\u3000]+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Wrapping:
    """How the draft's lines were broken: the wrap width and whether paragraphs are indented."""

    width: int | None  # the width the draft was hard-wrapped at, None if it was not
    indents_paragraphs: bool  # the author indented the first line of each paragraph
    widest: int = 0  # the widest text lines (what a wrapped line reaches when no wrap width is known)
    # every paragraph that visibly ends (a short last line) is followed by an indented one: an
    # unindented line after a full one goes on with it, even after a full stop
    always_indents: bool = False


def assemble(labeled: list[Labeled]) -> tuple[Block, ...]:
    # web-page chrome was never wrapped with the document: its lines say nothing of the wrap width
    lines = [item.line for item in labeled if item.kind not in _NOT_WRAPPED]
    text_lines = [item.line for item in labeled if item.kind in ("body", "heading")]
    width = _wrap_width(lines)
    wrapping = _Wrapping(width, _indents_paragraphs(labeled), _widest(text_lines), _always_indents(labeled, width))
    groups: list[list[Labeled]] = []
    for item in labeled:
        if groups and _joins(groups[-1], item, wrapping):
            groups[-1].append(item)
        else:
            groups.append([item])
    return _continuations(groups, [_block(group) for group in groups], wrapping)


def _joins(group: list[Labeled], item: Labeled, wrapping: _Wrapping) -> bool:
    head, last = group[0], group[-1]
    if item.section != head.section:
        return False
    adjacent = item.line.number == last.line.number + 1
    if item.kind == head.kind and head.kind in _GROUPED:
        if head.kind == "title":
            return True  # title lines may be separated by blank lines
        return adjacent or head.kind in ("signature", "table")
    if item.kind == head.kind == "cc":
        near = item.line.number - last.line.number <= 2
        return near and not ends_with_terminal(last.line.text) and not p.CC.match(compact(item.line.text))
    if item.kind == head.kind and head.kind in _CONTINUED_TAIL:
        return adjacent and not ends_with_terminal(last.line.text) and not last.line.text.endswith(("）", ")"))
    if item.kind != "body" or head.kind not in _WRAPPABLE:
        return False
    if not adjacent or item.line.indented:
        return False
    if head.kind == "body" and _broken_by_link(group, item):
        return True
    if wrapping.width is None:
        return head.kind == "body" and _wrapped_at_widest(last.line, item.line, wrapping)
    if _line_width(last.line) < wrapping.width - _slack(wrapping.width):
        return False
    # A full line ending a sentence ends the paragraph only when paragraphs are marked by indentation;
    # otherwise the sentence most likely goes on (a paragraph has several sentences, one end).
    return not ends_with_terminal(last.line.text) or not wrapping.indents_paragraphs or wrapping.always_indents


def _ends_sentence(text: str) -> bool:
    """The line ends a sentence or introduces what follows (`如下：`): a paragraph may end there."""
    stripped = text.rstrip()
    if ends_with_terminal(stripped) or stripped.endswith(("：", ":")):
        return True
    # a half-width full stop after a figure in Chinese text: `达到100%.`
    return stripped.endswith(".") and any(is_cjk(ch) for ch in stripped[-12:])


def _starts_own_line(text: str) -> bool:
    flat = compact(text)
    return bool(_OWN_LINE.match(text.lstrip()) or p.CLOSING.match(flat))


def _wrapped_at_widest(last: Line, line: Line, wrapping: _Wrapping) -> bool:
    """With too few wrapped lines to find the wrap width: a line as wide as the widest text lines that
    ends no sentence goes on in the next line, unless that line starts a part of its own."""
    width = _line_width(last)
    if not MIN_WRAP_WIDTH <= width <= MAX_GUESSED_WRAP_WIDTH or width < wrapping.widest - WRAP_SLACK:
        return False
    # a labelled line (时间：…, 参加人员：…) says all it has to say on its line
    return not _ends_sentence(last.text) and not _starts_own_line(last.text) and not _starts_own_line(line.text)


def _broken_by_link(group: list[Labeled], item: Labeled) -> bool:
    """A sentence broken where a web page had a link: the break falls inside 《》 or a bracket, or
    next to a mark no line ends or starts with, or around a link on a line of its own."""
    last, text = group[-1].line.text.rstrip(), item.line.text.strip()
    if _ends_sentence(last) and not text.startswith(_NO_LINE_START):
        return False
    if last.endswith(_OPENING) or text.startswith(_NO_LINE_START):
        return True
    so_far = "".join(member.line.text for member in group[-OPEN_MARK_LINES:])
    if ("《" in so_far or "（" in so_far) and (
            so_far.count("《") > so_far.count("》") or so_far.count("（") > so_far.count("）")):
        return not _starts_own_line(text)
    if _LINK.match(text):
        return True  # `详见` / `http://…`: the link is a word of the sentence
    return bool(_LINK.match(last)) and len(group) > 1 and not _starts_own_line(text)


def _widest(lines: list[Line]) -> int:
    """The width the widest text lines reach, a single overlong line (a pasted link, a paragraph
    typed on one line) aside."""
    widths = sorted(map(_line_width, lines), reverse=True)
    if len(widths) >= 2 and widths[0] > widths[1] + 2 * WRAP_SLACK:
        return widths[1]
    return widths[0] if widths else 0


ALWAYS_INDENTED_SHARE = 0.9
MIN_PARAGRAPH_ENDS = 3


def _always_indents(labeled: list[Labeled], width: int | None) -> bool:
    """Whether the author indents every paragraph: each body line that surely starts one (after a
    heading, or after a sentence end short of the wrap width) is indented."""
    if width is None:
        return False
    followers = [item.line.indented for before, item in zip(labeled, labeled[1:])
                 if item.kind == "body" and (before.kind == "heading" or (
                     before.kind == "body" and ends_with_terminal(before.line.text)
                     and _line_width(before.line) < width - _slack(width)))]
    return len(followers) >= MIN_PARAGRAPH_ENDS and sum(followers) >= ALWAYS_INDENTED_SHARE * len(followers)


def _indents_paragraphs(labeled: list[Labeled]) -> bool:
    paragraphs = [item for item in labeled if item.kind in ("body", "heading")]
    indented = sum(1 for item in paragraphs if item.line.indented)
    return bool(paragraphs) and indented >= INDENTED_SHARE * len(paragraphs)


def _line_width(line: Line) -> int:
    # Indentation was stripped; a paragraph's first line was indented by about two characters.
    return display_width(line.text) + (INDENT_WIDTH if line.indented else 0)


def _slack(wrap: int) -> int:
    # Wrapping never breaks before a closing mark such as ，。” so a line may end one character short
    # or long; a Latin word kept whole costs a few more cells.
    return WRAP_SLACK


MIN_NEAR_WRAPPED = 3  # lines ending at one width that show the draft was wrapped there
MIN_NEAR_BESIDE_PROSE = 5  # the same when a much wider line of text says otherwise


def _wrap_width(lines: list[Line]) -> int | None:
    """The width at which a hard-wrapped draft was wrapped, or None if it was not.

    A draft is hard-wrapped when most of its longer lines end close to one common width and hardly
    any line is wider; a stray overlong line (a URL, a table row) does not hide that width.
    """
    measured = sorted(((w, line) for line in lines if (w := _line_width(line)) >= MIN_WRAP_WIDTH),
                      key=lambda pair: pair[0], reverse=True)
    widths = [w for w, _ in measured]
    allowed_wider = max(1, len(widths) // 20)
    for wider, top in enumerate(widths[: allowed_wider + 1]):
        if wider and top == widths[wider - 1]:
            continue
        near = sum(1 for w in widths if top - _slack(top) <= w <= top)
        # A sentence of Chinese text much wider than the width was never wrapped at it: three lines of about
        # one length beside it are a coincidence of a short draft (a chat message), not a wrap width.
        needed = MIN_NEAR_WRAPPED if not any(_is_prose(line) for w, line in measured[:wider]
                                              if w > 1.5 * top) else MIN_NEAR_BESIDE_PROSE
        if near >= needed and near >= WRAPPED_SHARE * sum(1 for w in widths if w >= top / 2):
            return top
    return None


def _is_prose(line: Line) -> bool:
    text = line.text
    return sum(1 for ch in text if is_cjk(ch)) >= len(text.strip()) / 2


def join_wrapped(parts) -> str:
    """Hard-wrapped lines as one paragraph: a space only between two Latin letters or digits."""
    out: list[str] = []
    previous = ""
    for part in parts:
        if previous and previous[-1].isascii() and previous[-1].isalnum() and part[:1].isascii() \
                and part[:1].isalnum():
            out.append(" ")
        out.append(part)
        if part:
            previous = part
    return "".join(out)


def rejoined(blocks: list[Block]) -> list[Block]:
    """Each block that `continues` the paragraph above it (broken by a page number or a link marker
    left out between them) set as one paragraph with it."""
    out: list[Block] = []
    for block in blocks:
        above = out[-1] if out else None
        if not block.continues or above is None or above.kind not in ("body", "heading"):
            out.append(block)
            continue
        text = join_wrapped((above.text, block.text))
        lines = (above.lines or (above.text,)) + (block.lines or (block.text,))
        if above.kind == "heading" and not above.run_in:
            split = run_in_split(text)
            above = replace(above, run_in=split is not None,
                            heading_text=text[:split] if split is not None else None)
        out[-1] = replace(above, line_end=block.line_end, text=text, continues=False,
                          lines=lines if above.kind == "body" else above.lines)
    return out


def _continuations(groups: list[list[Labeled]], blocks: list[Block], wrapping: _Wrapping) -> tuple[Block, ...]:
    """Mark each body block that goes on with the paragraph above it across left-out lines (a page
    number, a link marker) or after a run-in heading's hard-wrapped first line."""
    out = list(blocks)
    for index, (group, block) in enumerate(zip(groups, blocks)):
        if block.kind != "body" or group[0].line.indented:
            continue
        before = index - 1
        while before >= 0 and blocks[before].kind == "web":
            before -= 1
        if before < 0 or groups[before][0].section != group[0].section:
            continue
        if _continues(blocks[before], groups[before][-1], group[0], blocks[before + 1:index], wrapping):
            out[index] = replace(block, continues=True)
    return tuple(out)


def _continues(above: Block, last: Labeled, first: Labeled, between: list[Block], wrapping: _Wrapping) -> bool:
    if above.kind == "heading" and not above.run_in:
        return False  # a heading phrase is whole on its line
    if above.kind not in ("body", "heading") or _starts_own_line(first.line.text):
        return False
    end, start = last.line.text.rstrip(), first.line.text.lstrip()
    if not between:
        # a run-in heading's paragraph hard-wrapped (a body line joins the body block already)
        if above.kind != "heading" or first.line.number != last.line.number + 1:
            return False
        if wrapping.width:
            wide = _line_width(last.line) >= wrapping.width - _slack(wrapping.width)
        else:
            wide = wrapping.widest - WRAP_SLACK <= _line_width(last.line) <= MAX_GUESSED_WRAP_WIDTH
        return wide and _line_width(last.line) >= MIN_WRAP_WIDTH and not _ends_sentence(end)
    if start.startswith(_NO_LINE_START) or end.endswith(_OPENING):
        return True
    if wrapping.always_indents and _line_width(last.line) >= wrapping.width - _slack(wrapping.width):
        return True  # a full line, and the line after the page number is not indented: the text goes on
    if _ends_sentence(end):
        return False
    # a link's marker left out: the words around it are one sentence, however short the line before
    return all(is_link_marker(b.text) for b in between) or _line_width(last.line) >= MIN_WRAP_WIDTH


def _block(group: list[Labeled]) -> Block:
    head = group[0]
    start, end = head.line.number, group[-1].line.number
    texts = [item.line.text for item in group]
    kind = head.kind
    if kind == "title":
        lines = tuple(compact(t) for t in texts)
        return Block(kind, start, end, "".join(lines), lines=lines)
    if kind in ("signature", "attachment_note"):
        return Block(kind, start, end, "\n".join(texts), lines=tuple(texts))
    if kind == "table":
        return table_block([item.line for item in group])
    text = join_wrapped(texts)
    if kind == "heading":
        split = run_in_split(text)
        if split is not None:
            return Block(kind, start, end, text, level=head.level, run_in=True, heading_text=text[:split])
        return Block(kind, start, end, text, level=head.level)
    return Block(kind, start, end, text, lines=tuple(texts) if len(texts) > 1 else ())
