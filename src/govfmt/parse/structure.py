"""Give every non-blank line its role, reading the draft top to bottom like a clerk would.

A draft is one or more sections: the document itself, then attachments (each after an `附件N` line)
or forwarded texts (after the 成文日期). Every section starts with a head (份号 … title, 发文字号,
主送机关 or salutation), then body (headings, paragraphs, tables, 附件说明), then a tail (署名,
成文日期, 附注, 抄送, 印发).
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import NamedTuple

from govfmt.model import Line
from govfmt.parse import patterns as p
from govfmt.parse.budget import UNLIMITED, Budget
from govfmt.parse.chrome import file_list_headings, is_chrome, listed_titles, running_heads
from govfmt.parse.head import find_head, joint_mark_lines
from govfmt.parse.tables import space_table_rows
from govfmt.parse.lines import (
    compact,
    ends_with_doc_type,
    ends_with_terminal,
    heading_level,
    is_date,
    doc_number_and_signer,
    is_doc_number,
    is_clause,
    is_short_phrase,
    is_subtitle,
    is_table_row,
    is_organ_name,
    is_recipient_list,
    is_title_like,
    toc_key,
)

MAX_TITLE_LINES = 4
MAX_SIGNATURE_LINES = 4
MAX_SIGNATURE_CHARS = 30
MAX_CHROME_CHARS = 80


class Labeled(NamedTuple):
    """A line with the kind the classifier gave it (immutable; a named tuple: one is made for every line)."""

    line: Line
    kind: str
    level: int | None = None
    section: int = 0  # 0 = the document itself; 1.. = attachments and forwarded texts


# Labeled made by tuple.__new__ itself, as every line of every draft gets one (a named tuple's __new__ is a
# Python function)
_labeled = partial(tuple.__new__, Labeled)


def classify(lines: list[Line], budget: Budget = UNLIMITED) -> list[Labeled]:
    decimal_outline = sum(1 for ln in lines if ln.text[:1].isdigit() and p.DECIMAL_SUB.match(ln.text)) >= 2
    chrome = {index for index, line in enumerate(lines) if is_chrome(line.text)}
    chrome |= listed_titles(lines, chrome)
    chrome |= file_list_headings(lines, chrome)
    chrome |= running_heads(lines, chrome)
    head = find_head(lines, chrome, decimal_outline)
    classifier = _Classifier(lines, decimal_outline, chrome | head.web, head.start)
    classifier.space_rows = space_table_rows(lines)
    classifier.budget = budget
    classifier.contents = _contents_without_heading(lines, decimal_outline)
    return classifier.run()


class _Classifier:
    def __init__(self, lines: list[Line], decimal_outline: bool, web: set[int], start: int = 0):
        self.lines = lines
        self.decimal_outline = decimal_outline
        self.web = web
        self.start = start
        self.out: list[Labeled] = []
        self.section = 0
        self.contents: set[int] = set()  # lines of a table of contents that has no 目录 line
        self.space_rows: set[int] = set()  # rows of a table lined up with spaces
        self.budget = UNLIMITED

    # -- driver -----------------------------------------------------------------------------------
    def run(self) -> list[Labeled]:
        index = 0
        state = "head"
        head = _HeadState()
        toc_first: str | None = None
        while index < len(self.lines):
            line = self.lines[index]
            text = line.text
            self.budget.tick(line.number)
            if index in self.web or index < self.start or (index in self.contents and state != "toc"):
                self._emit(line, "web" if index in self.web else "other")
                index += 1
                continue
            if state == "toc":
                if toc_first is None:
                    toc_first = toc_key(text)
                    self._emit(line, "other")
                    index += 1
                    continue
                if toc_key(text) == toc_first or not is_short_phrase(toc_key(text), 40):
                    state = "body"
                    continue
                self._emit(line, "other")
                index += 1
                continue
            if state == "head":
                consumed = self._head_line(index, head)
                if consumed:
                    index += consumed
                    continue
                state = "body"
                continue
            if len(text) <= MAX_CHROME_CHARS and p.CHROME.search(compact(text)):
                self._emit(line, "web")
                index += 1
                continue
            if state == "tail":
                kind = self._tail_kind(index) or self._tail_continuation(line)
                if kind:
                    self._emit(line, kind)
                    index += 1
                    if kind == "attachment_mark":
                        state, head = self._new_section()
                    continue
                state, head = self._new_section()
                continue
            # body
            if "目" in text and p.TOC_HEAD.match(compact(text)):  # a one-character find spares most lines it
                self._emit(line, "other")
                state, toc_first = "toc", None
                index += 1
                continue
            if is_date(text):
                self._emit(line, "date")
                self._relabel_signature()
                state = "tail"
                index += 1
                continue
            if "附" in text:  # the 附件 patterns: a one-character find spares the other lines them
                if p.ATTACHMENT_MARK.match(compact(text)) and not p.ATTACHMENT_NOTE.match(text.rstrip()):
                    self._signature_without_date()
                    self._emit(line, "attachment_mark")
                    state, head = self._new_section()
                    index += 1
                    continue
                if p.ATTACHMENT_MARK.match(compact(text)):
                    # "附件：" alone on its line, items below
                    index = self._attachment_note(index)
                    continue
                if p.ATTACHMENT_NOTE.match(text):
                    index = self._attachment_note(index)
                    continue
            tail_kind = self._tail_kind(index, in_body=True)
            if tail_kind:
                self._signature_without_date()
                self._emit(line, tail_kind)
                state = "tail"
                index += 1
                continue
            if is_table_row(text) or index in self.space_rows:
                index = self._table(index)
                continue
            self._emit(line, *self._body_kind(text, head))
            index += 1
        if state == "body":
            self._signature_without_date()
        return self.out

    # -- head -------------------------------------------------------------------------------------
    def _head_line(self, index: int, head: _HeadState) -> int:
        """Label the line at index if it belongs to the head; return how many lines were used."""
        line = self.lines[index]
        text = line.text
        flat = compact(text)
        if len(text) <= MAX_CHROME_CHARS and p.CHROME.search(flat):
            self._emit(line, "web")
            return 1
        if p.WEB_BULLET.match(text) or (p.LISTING.match(flat) and not doc_number_and_signer(text)):
            self._emit(line, "other")
            return 1
        if not head.title:
            for kind, pattern in (("copy_number", p.COPY_NUMBER), ("classification", p.CLASSIFICATION),
                                  ("urgency", p.URGENCY)):
                if pattern.match(flat):
                    self._emit(line, kind)
                    return 1
            if p.ISSUER_MARK.match(flat) and not ends_with_doc_type(flat[:-2]) and "关于" not in flat:
                self._emit(line, "issuer_mark")
                return 1
            if self._joint_mark_line(index):
                self._emit(line, "issuer_mark")
                return 1
            if flat.endswith("令") and self._order_mark(index):
                self._emit(line, "issuer_mark")
                self._emit(self.lines[index + 1], "doc_number")
                return 2
        if p.SIGNER.match(flat):
            self._emit(line, "signer")
            return 1
        if is_doc_number(text):
            self._emit(line, "doc_number")
            return 1
        if head.title and not head.addressee and self._is_speech_date(index):
            head.title_closed = True
            self._emit(line, "date")
            return 1
        if heading_level(text, self.decimal_outline) or is_table_row(text) or index in self.space_rows \
                or is_date(text):
            return 0
        if p.ATTACHMENT_NOTE.match(text) or p.CHAPTER.match(flat) or p.TOC_HEAD.match(flat):
            return 0
        if head.title and not head.addressee and (is_subtitle(flat) or p.SPEAKER.match(text)):
            head.title_closed = True
            self._emit(line, "subtitle")
            return 1
        if not head.title_closed and is_title_like(text) and len(head.title) < MAX_TITLE_LINES \
                and not p.SALUTATION.match(flat):
            self._emit(line, "title")
            head.title.append(flat)
            joined = "".join(head.title)
            if joined.count("《") <= joined.count("》") and (
                    ends_with_doc_type(flat) or (flat.startswith("《") and flat.endswith("》"))):
                head.title_closed = True  # a 《 still open goes on in the next line
            return 1
        if not head.addressee and flat.endswith(("：", ":")) and is_recipient_list(flat):
            head.title_closed = True
            head.addressee = True
            self._emit(line, "salutation" if p.SALUTATION.match(flat) else "addressee")
            return 1
        if not head.addressee and _continues_addressee(index, self.lines):
            head.title_closed = True
            head.addressee = True
            used = 0
            while index + used < len(self.lines):
                self._emit(self.lines[index + used], "addressee")
                used += 1
                if compact(self.lines[index + used - 1].text).endswith(("：", ":")):
                    break
            return used
        return 0

    def _joint_mark_line(self, index: int) -> bool:
        """An organ's name (or 文件 alone) in the stacked 发文机关标志 of a joint document (§7.2.4): beside
        another line of it, next to a `…文件` line or a `文件` of its own."""
        return index in joint_mark_lines(self.lines, index)

    def _order_mark(self, index: int) -> bool:
        """The line is the mark of a 命令（令） with its 令号 right below (§10.2)."""
        flat = compact(self.lines[index].text)
        return index + 1 < len(self.lines) and "关于" not in flat and p.ORDER_MARK.match(flat) is not None \
            and p.ORDER_NUMBER.match(compact(self.lines[index + 1].text)) is not None

    def _is_speech_date(self, index: int) -> bool:
        """The date of a speech, under its title and above the salutation (成文日期 of a 讲话稿)."""
        if not is_date(self.lines[index].text):
            return False
        for probe in range(index + 1, min(index + 3, len(self.lines))):
            flat = compact(self.lines[probe].text)
            if p.SALUTATION.match(flat) or p.SPEAKER.match(self.lines[probe].text):
                return True
            if not is_subtitle(flat):
                return False
        return False

    # -- body -------------------------------------------------------------------------------------
    def _body_kind(self, text: str, head: _HeadState) -> tuple[str, int | None]:
        flat = compact(text)
        level = heading_level(text, self.decimal_outline)
        if level and not (_is_rules_title("".join(head.title)) and is_clause(text)):
            return "heading", level
        if p.CHAPTER.match(flat):
            return "chapter", None
        return "body", None

    def _attachment_note(self, index: int) -> int:
        self._emit(self.lines[index], "attachment_note")
        index += 1
        while index < len(self.lines):
            text = self.lines[index].text
            if p.ATTACHMENT_ITEM.match(text) and not is_date(text) and self._looks_like_item(text):
                self._emit(self.lines[index], "attachment_note")
                index += 1
                continue
            if self._continues_attachment_name(index):
                self._emit(self.lines[index], "attachment_note")
                index += 1
                continue
            break
        return index

    @staticmethod
    def _looks_like_item(text: str) -> bool:
        # An attachment name is a title: no sentence inside it.
        return "。" not in text.rstrip("。") and len(compact(text)) <= 80

    def _continues_attachment_name(self, index: int) -> bool:
        """A long attachment name wrapped onto the next line, aligned under the name (so indented)."""
        line, above = self.lines[index], self.lines[index - 1]
        if line.number != above.number + 1 or ends_with_terminal(above.text):
            return False
        if is_date(line.text) or p.ATTACHMENT_ITEM.match(line.text) or not is_short_phrase(line.text, 30):
            return False
        below = self.lines[index + 1].text if index + 1 < len(self.lines) else ""
        if p.ATTACHMENT_ITEM.match(below):
            return True
        return line.indented and not self._is_signature_above_date(index)

    def _is_signature_above_date(self, index: int) -> bool:
        """An organ name with the 成文日期 in the next line or two."""
        if not p.ORGAN.search(compact(self.lines[index].text)):
            return False
        return any(is_date(self.lines[probe].text) for probe in range(index + 1, min(index + 3, len(self.lines))))

    def _table(self, index: int) -> int:
        last = index
        for probe in range(index, min(len(self.lines), index + 400)):
            if is_table_row(self.lines[probe].text) or probe in self.space_rows:
                last = probe
            elif probe - last > 3:
                break
        for probe in range(index, last + 1):
            self._emit(self.lines[probe], "table")
        return last + 1

    # -- tail -------------------------------------------------------------------------------------
    def _tail_kind(self, index: int, in_body: bool = False) -> str | None:
        text = self.lines[index].text
        flat = compact(text)
        opens_tail_line = flat[:1] in _TAIL_LINE_FIRST
        if opens_tail_line and (p.CC.match(flat) or p.MOVED_ADDRESSEE.match(flat)):
            return "cc"
        if p.PRINTED_BY.match(flat):
            return "printed_by"  # even in the middle of a repost: the forwarded text follows
        if opens_tail_line and p.IMPRINT_EXTRA.match(flat):
            return "other"  # 主题词 and 印数 of an old 版记: kept as they are
        if in_body:
            return None
        if p.ATTACHMENT_MARK.match(flat):
            return "attachment_mark"
        if is_date(text):
            return "date"
        after_date = bool(self.out) and self.out[-1].kind in ("date", "note")
        if p.NOTE.match(flat) and len(flat) <= 60 and after_date:
            return "note"
        if p.NOTE_OPEN.match(flat) and len(flat) <= 60 and after_date:
            return "note"
        if flat[:1] == "附" and p.NUMBERED_ATTACHMENT.match(flat) and len(flat) <= 80 and self.out and \
                self.out[-1].kind in ("date", "note", "attachment_note") and self._only_attachments_follow(index):
            return "attachment_note"  # the attachments listed after the date (附件1：…, 附件2：…)
        return None

    def _only_attachments_follow(self, index: int) -> bool:
        """The lines after index are more 附件N： names, chrome, or nothing: a list, not an attachment's text."""
        for later in range(index + 1, len(self.lines)):
            if later in self.web:  # the page's chrome, found before the lines were classified
                continue
            flat = compact(self.lines[later].text)
            return p.NUMBERED_ATTACHMENT.match(flat) is not None and len(flat) <= 80
        return True

    def _tail_continuation(self, line: Line) -> str | None:
        """A 抄送 list or 附注 wrapped onto the next line."""
        if not self.out:
            return None
        last = self.out[-1]
        if last.kind == "cc" and line.number - last.line.number <= 2 and not ends_with_terminal(last.line.text) \
                and last.line.text.rstrip()[-1:] not in "：:" and len(compact(line.text)) <= 60:
            return "cc"  # a 抄送 list wrapped onto the next line (a blank line between in double-spaced pastes)
        if last.line.number != line.number - 1 or last.kind not in ("cc", "note"):
            return None
        if last.kind == "note" and last.line.text.count("（") + last.line.text.count("(") > \
                last.line.text.count("）") + last.line.text.count(")"):
            return "note"
        return None

    def _relabel_signature(self) -> None:
        """The short lines right above a 成文日期 are the 署名."""
        date = self.out.pop()
        self._as_signature(self._body_lines_at_end(_may_be_signature))
        self.out.append(date)

    def _signature_without_date(self) -> None:
        """An organ's name on its own after the last sentence of the text, with no 成文日期 under it, is the
        署名 (a date left to be filled in, or forgotten)."""
        names = self._body_lines_at_end(partial(is_organ_name, longest=MAX_SIGNATURE_CHARS))
        position = names[-1] - 1 if names else -1
        if position < 0:
            return
        above = self.out[position]
        if above.section != self.section or above.kind not in ("body", "heading") \
                or not ends_with_terminal(compact(above.line.text)):
            return  # the name must follow the text's last sentence
        self._as_signature(names)

    def _body_lines_at_end(self, accept) -> list[int]:
        """Positions in the output of the body lines of this section that end it and that accept takes
        (by their text without spaces), the last first; at most MAX_SIGNATURE_LINES."""
        found: list[int] = []
        position = len(self.out) - 1
        while position >= 0 and len(found) < MAX_SIGNATURE_LINES:
            item = self.out[position]
            if item.kind != "body" or item.section != self.section or not accept(compact(item.line.text)):
                break
            found.append(position)
            position -= 1
        return found

    def _as_signature(self, positions: list[int]) -> None:
        for at in positions:
            item = self.out[at]
            self.out[at] = Labeled(item.line, "signature", None, item.section)

    # -- helpers ----------------------------------------------------------------------------------
    def _new_section(self) -> tuple[str, _HeadState]:
        self.section += 1
        return "head", _HeadState()

    def _emit(self, line: Line, kind: str, level: int | None = None) -> None:
        self.out.append(_labeled((line, kind, level, self.section)))


# The first characters of the lines CC, MOVED_ADDRESSEE and IMPRINT_EXTRA match: other lines skip them.
_TAIL_LINE_FIRST = frozenset("抄报送主（(共印")


class _HeadState:
    def __init__(self) -> None:
        self.title: list[str] = []
        self.title_closed = False
        self.addressee = False


MIN_CONTENTS_ENTRIES = 4


def _contents_without_heading(lines: list[Line], decimal_outline: bool) -> set[int]:
    """A run of heading lines with no text between them whose entries come again later, in order:
    a table of contents (`1 总则`, `1.1编制目的`, …) above the outline it lists."""
    out: set[int] = set()
    # a contents needs MIN_CONTENTS_ENTRIES heading lines in a row: without such a run nothing is looked up
    run = "h" * MIN_CONTENTS_ENTRIES
    if run not in "".join("h" if heading_level(line.text, decimal_outline) else " " for line in lines):
        return out
    index = 0
    keys: list[str | None] = [None] * len(lines)  # toc_key of each line, worked out when first asked

    def key(position: int) -> str:
        found = keys[position]
        if found is None:
            found = keys[position] = toc_key(lines[position].text)
        return found

    while index < len(lines):
        end, seen = index, set()
        while end < len(lines) and heading_level(lines[end].text, decimal_outline) \
                and is_short_phrase(key(end), 40) and key(end) not in seen:
            seen.add(key(end))
            end += 1
        if end - index >= MIN_CONTENTS_ENTRIES:
            later = {key(position) for position in range(end, len(lines))}
            listed = [i for i in range(index, end) if key(i) in later]
            if len(listed) >= MIN_CONTENTS_ENTRIES // 2 and listed[0] == index:
                out.update(range(index, listed[-1] + 1))
        index = max(end, index + 1)
    return out


# Documents whose numbered items are 条文 (clauses), not headings: rules, replies, and the kinds that
# announce or enact (通告 and 公告 list what they announce, 决定 and 令 what they enact, item by item).
_RULES_TYPES = ("规则", "办法", "规定", "细则", "条例", "章程", "守则", "准则", "批复", "公约", "通告", "公告", "决定",
                "决议", "令")


@lru_cache(maxsize=256)  # every heading of a section asks it of the section's title
def _is_rules_title(title: str) -> bool:
    flat = title.rstrip("》）)")
    for note in ("（试行）", "(试行)", "（暂行）", "（草案）"):
        flat = flat.removesuffix(note)
    return flat.rstrip("》）)").endswith(_RULES_TYPES)


def _may_be_signature(flat: str) -> bool:
    """A short line with no sentence end, no colon (联系人：…) and no closing formula: an organ's name."""
    return not (len(flat) > MAX_SIGNATURE_CHARS or ends_with_terminal(flat) or flat.endswith(("，", "、"))
                or "：" in flat or ":" in flat or p.CLOSING.match(flat))


def _continues_addressee(index: int, lines: list[Line]) -> bool:
    """A recipients list hard-wrapped over two or three lines, the last ending in a colon."""
    first = compact(lines[index].text)
    if not first.endswith(("，", "、", ",")) or "。" in first:
        return False
    for probe in range(index + 1, min(index + 3, len(lines))):
        flat = compact(lines[probe].text)
        if "。" in flat:
            return False
        if flat.endswith(("：", ":")):
            return True
    return False
