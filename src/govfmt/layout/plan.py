"""Document + Style → a flat list of paragraphs and tables with every indent resolved (pure).

This is where GB/T 9704's placement rules become numbers: blank lines between parts, title line
breaks, the 署名/成文日期 arithmetic of §7.3.5, the 附件说明 hanging indents of §7.3.4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govfmt.layout.metrics import text_width_pt
from govfmt.layout.title import split_title
from govfmt.model import Block, Document
from govfmt.style import ElementStyle, Style

_ITEM_NUMBER = re.compile(r"^\d{1,2}\s*[.．、]\s*")
_LABEL = re.compile(r"^附\s*件\s*[：:]\s*")
_CC_LABEL = re.compile(r"^[^：:]{1,6}[：:]")
# Parts after which a following title begins a new document on a new page.
_TAIL_KINDS = {"date", "note", "cc", "printed_by", "signature"}


@dataclass(frozen=True)
class Run:
    text: str
    element: str  # whose font, size and weight the run takes
    break_after: bool = False  # a line break inside the paragraph (multi-line titles)


@dataclass(frozen=True)
class Paragraph:
    element: str  # the paragraph style
    runs: tuple[Run, ...] = ()
    first_line_twips: int | None = None  # None: from the style; negative: hanging
    left_twips: int | None = None
    right_twips: int | None = None
    align: str | None = None
    keep_next: bool | None = None
    page_break_before: bool = False
    right_tab_twips: int | None = None  # a right-aligned tab stop (印发机关 … 印发日期)
    source: tuple[int, int] | None = None  # first and last line of the draft

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    element: str = "table"
    source: tuple[int, int] | None = None


@dataclass(frozen=True)
class Plan:
    items: tuple[Paragraph | Table, ...]
    notes: tuple[str, ...] = field(default=())  # things the layout could not do as asked


def plan_document(document: Document, style: Style) -> Plan:
    return _Planner(document, style).run()


class _Planner:
    def __init__(self, document: Document, style: Style):
        self.document = document
        self.style = style
        self.items: list[Paragraph | Table] = []
        self.notes: list[str] = []
        self.tracking = style.page.char_tracking_pt
        self.body_size = style.element("body").size_pt

    # -- helpers ------------------------------------------------------------------------------------
    def twips(self, element: str, text: str) -> int:
        """Printed width of text in an element, tracking included."""
        el = self.style.element(element)
        return round(text_width_pt(text, el.size_pt, self.tracking_for(el)) * 20)

    def tracking_for(self, element: ElementStyle) -> float:
        return self.tracking if element.size_pt == self.body_size else 0.0

    def chars(self, element: str, count: float) -> int:
        return round(count * self.style.element(element).char_twips)

    def add(self, item: Paragraph | Table, blank_before: int = 0) -> None:
        if self.items and blank_before:
            for _ in range(blank_before):
                self.items.append(Paragraph("body", source=None))
        self.items.append(item)

    def blank_lines(self, element: str, previous: Block | None, block: Block) -> int:
        if previous is None or previous.kind == block.kind:
            return 0
        return self.style.element(element).blank_lines_before

    # -- driver -------------------------------------------------------------------------------------
    def run(self) -> Plan:
        blocks = self.document.blocks
        previous: Block | None = None
        for index, block in enumerate(blocks):
            handler = getattr(self, f"_{block.kind}", self._other)
            handler(block, previous, blocks[index + 1] if index + 1 < len(blocks) else None)
            previous = block
        return Plan(tuple(self.items), tuple(self.notes))

    # -- parts --------------------------------------------------------------------------------------
    def _title(self, block: Block, previous: Block | None, following: Block | None) -> None:
        attachment = previous is not None and previous.kind == "attachment_mark"
        element = "attachment_title" if attachment else "title"
        el = self.style.element(element)
        max_chars = el.max_line_fill * self.style.page.type_width_pt / el.size_pt
        lines = split_title(block.lines or (block.text,), max_chars)
        runs = tuple(Run(line, element, break_after=i < len(lines) - 1) for i, line in enumerate(lines))
        new_document = previous is not None and previous.kind in _TAIL_KINDS
        blank = 0 if (new_document or previous is None) else self.blank_lines(element, previous, block)
        self.add(Paragraph(element, runs, page_break_before=new_document, source=_span(block)), blank)

    def _subtitle(self, block, previous, following):
        self.add(Paragraph("subtitle", (Run(block.text, "subtitle"),), source=_span(block)))

    def _doc_number(self, block, previous, following):
        self.add(Paragraph("doc_number", (Run(block.text, "doc_number"),), source=_span(block)))

    def _addressee(self, block, previous, following):
        blank = self.blank_lines("addressee", previous, block) if previous and previous.kind in (
            "title", "subtitle", "doc_number") else 0
        self.add(Paragraph("addressee", (Run(block.text, "addressee"),), source=_span(block)), blank)

    def _salutation(self, block, previous, following):
        blank = self.blank_lines("salutation", previous, block) if previous and previous.kind in (
            "title", "subtitle", "doc_number") else 0
        self.add(Paragraph("salutation", (Run(block.text, "salutation"),), source=_span(block)), blank)

    def _heading(self, block, previous, following):
        element = f"heading{min(max(block.level or 1, 1), 4)}"
        if block.run_in and block.heading_text:
            # A run-in heading is a body paragraph: it need not stay with the next one.
            runs = (Run(block.heading_text, element), Run(block.rest_text, "body"))
            self.add(Paragraph(element, runs, keep_next=False, source=_span(block)))
        else:
            self.add(Paragraph(element, (Run(block.text, element),), source=_span(block)))

    def _body(self, block, previous, following):
        keep = following is not None and following.kind == "signature"
        self.add(Paragraph("body", (Run(block.text, "body"),), keep_next=True if keep else None,
                           source=_span(block)))

    def _chapter(self, block, previous, following):
        self.add(Paragraph("chapter", (Run(block.text, "chapter"),), source=_span(block)))

    def _note(self, block, previous, following):
        self.add(Paragraph("note", (Run(block.text, "note"),), source=_span(block)))

    def _attachment_mark(self, block, previous, following):
        self.add(Paragraph("attachment_mark", (Run(block.text, "attachment_mark"),),
                           page_break_before=True, source=_span(block)))

    def _attachment_note(self, block, previous, following):
        """§7.3.4: 附件：1.名称 — wrapped lines align with the first character of the name."""
        indent = self.chars("attachment_note", self.style.element("attachment_note").first_line_indent_chars)
        label_width = 0
        blank = self.blank_lines("attachment_note", previous, block)
        for number, line in enumerate(block.lines or (block.text,)):
            label = _LABEL.match(line) if number == 0 else None
            if label:
                label_width = self.twips("attachment_note", label.group(0))
            item = _ITEM_NUMBER.match(line[label.end():] if label else line)
            item_width = self.twips("attachment_note", item.group(0)) if item else 0
            left = indent + label_width + item_width
            first = -(label_width + item_width) if label else -item_width
            self.add(Paragraph("attachment_note", (Run(line, "attachment_note"),), first_line_twips=first,
                               left_twips=left, source=(block.line_start, block.line_end)),
                     blank if number == 0 else 0)

    def _signature(self, block, previous, following):
        blank = self.blank_lines("signature", previous, block)
        lines = block.lines or (block.text,)
        date = following.text if following is not None and following.kind == "date" else None
        signature_right, _ = self._signature_and_date_right(lines, date)
        for number, line in enumerate(lines):
            self.add(Paragraph("signature", (Run(line, "signature"),), right_twips=signature_right,
                               keep_next=True, source=_span(block)), blank if number == 0 else 0)

    def _date(self, block, previous, following):
        lines: tuple[str, ...] = ()
        if previous is not None and previous.kind == "signature":
            lines = previous.lines or (previous.text,)
        _, date_right = self._signature_and_date_right(lines, block.text)
        blank = 0 if lines else self.blank_lines("signature", previous, block)
        self.add(Paragraph("date", (Run(block.text, "date"),), right_twips=date_right, source=_span(block)), blank)

    def _signature_and_date_right(self, signature_lines, date: str | None) -> tuple[int, int]:
        """Right indents (twips) of the 署名 and the 成文日期 by §7.3.5.1 / §7.3.5.2."""
        rules = self.style.signature
        char = self.style.element("signature").char_twips
        w_sig = max((self.twips("signature", line) for line in signature_lines), default=0)
        w_date = self.twips("date", date) if date else 0
        if rules.sealed:
            date_right = round(rules.sealed_date_right_chars * char)
            signature_right = max(0, date_right + (w_date - w_sig) // 2)
            return signature_right, date_right
        signature_right = round(rules.unsealed_right_chars * char)
        if not signature_lines:
            return signature_right, signature_right
        signature_start = signature_right + w_sig  # distance of the first character from the right edge
        date_right = signature_start - round(rules.date_offset_chars * char) - w_date
        minimum = round(rules.date_min_right_chars * char)
        if date_right < minimum:
            date_right = minimum
            signature_start = date_right + w_date + round(rules.date_offset_chars * char)
            signature_right = signature_start - w_sig
        return signature_right, date_right

    def _cc(self, block, previous, following):
        """§7.4.2: 抄送：names — wraps align with the first name after the colon."""
        el = self.style.element("cc")
        left = self.chars("cc", el.left_indent_chars)
        label = _CC_LABEL.match(block.text)
        hang = self.twips("cc", label.group(0)) if label else 0
        self.add(Paragraph("cc", (Run(block.text, "cc"),), left_twips=left + hang, first_line_twips=-hang,
                           source=_span(block)))

    def _printed_by(self, block, previous, following):
        """§7.4.3: office 左空一字 and date 右空一字 on one line, the date at a right tab."""
        from govfmt.parse.patterns import PRINTED_BY

        match = PRINTED_BY.match(block.text.replace(" ", "").replace("\u3000", ""))
        el = self.style.element("printed_by")
        width = round(self.style.page.type_width_pt * 20)
        right = self.chars("printed_by", el.right_indent_chars)
        if match:
            runs = (Run(match.group("office"), "printed_by"), Run("\t" + match.group("date") + "印发", "printed_by"))
        else:
            runs = (Run(block.text, "printed_by"),)
        self.add(Paragraph("printed_by", runs, right_tab_twips=width - right, source=_span(block)))

    def _table(self, block, previous, following):
        self.add(Table(block.cells or tuple((row,) for row in block.text.split("\n")), source=_span(block)))

    def _other(self, block, previous, following):
        self.add(Paragraph("other", (Run(block.text, "other"),), source=_span(block)))


def _span(block: Block) -> tuple[int, int]:
    return (block.line_start, block.line_end)
