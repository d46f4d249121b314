"""Document + Style → a flat list of paragraphs and tables with every indent resolved (pure).

This is where GB/T 9704's placement rules become numbers: blank lines between parts, title line
breaks, the 署名/成文日期 arithmetic of §7.3.5, the 附件说明 hanging indents of §7.3.4.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from govfmt.layout.metrics import text_width_pt
from govfmt.header import FORMAT_STYLES, Header, head_blocks, header_of, mark_blocks
from govfmt.layout.colophon import colophon
from govfmt.layout.composition import CARRY_STEP, Composition
from govfmt.errors import InputError
from govfmt.layout.items import Paragraph, Plan, Run, Seal, Table
from govfmt.layout.masthead import masthead
from govfmt.layout.title import split_title
from govfmt.model import Block, Document
from govfmt.parse.blocks import rejoined
from govfmt.style import ElementStyle, Style
from govfmt.i18n import _

_ATTENDANCE = re.compile(r"^(出席|请假|列席|缺席|记录)(人员|单位|领导)?\s*[：:]")
_ITEM_NUMBER = re.compile(r"^\d{1,2}\s*[.．、]\s*")
_LABEL = re.compile(r"^附\s*件\s*[：:]\s*")
# Parts after which a following title begins a new document on a new page.
_TAIL_KINDS = {"date", "note", "cc", "printed_by", "signature"}




# Kinds that never reach the page: linter directives, and web-page chrome (named as left out instead).
UNLAID_KINDS = frozenset({"directive", "web"})


def plan_document(document: Document, style: Style, composition: Composition = Composition()) -> Plan:
    """The layout of a document; composition carries what a measured rendering showed."""
    return _Planner(document, style, composition).run()


def choose_style(document: Document, requested: str | None, default: Style) -> Style:
    """The style a document is laid out with: --style when given, else the one its 格式 asks for."""
    if requested:
        return default
    wanted = FORMAT_STYLES.get(header_of(document).format, "gbt9704")
    if wanted == default.name:
        return default
    return _format_style(wanted)


_FORMAT_STYLE_CACHE: dict[str, Style] = {}


def _format_style(name: str) -> Style:
    if name not in _FORMAT_STYLE_CACHE:
        from govfmt.style import load_style

        _FORMAT_STYLE_CACHE[name] = load_style(name)
    return _FORMAT_STYLE_CACHE[name]


def consumed_by_masthead(document: Document, header: Header) -> set[int]:
    """ids of the head blocks the 版头 lays out itself; the others stay where the draft has them."""
    head = head_blocks(document)
    kinds = {"copy_number", "classification", "urgency"}
    consumed = set()
    if header.has_masthead:
        kinds |= {"issuer_mark", "signer", "doc_number"}
        consumed = {id(block) for block in mark_blocks(document)}  # a joint mark: a line an organ
    return consumed | {id(block) for kind, block in head.items() if kind in kinds}


class _Planner:
    def __init__(self, document: Document, style: Style, composition: Composition = Composition()):
        self.document = document
        self.style = style
        self.composition = composition
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
        header = header_of(self.document)
        self.header = header
        self.items.extend(masthead(header, self.style))
        blocks = rejoined([b for b in self.document.blocks
                           if b.line_start >= self.document.body_start and b.kind not in UNLAID_KINDS])
        colophon_blocks = [b for b in blocks if b.kind in ("cc", "printed_by")]
        consumed = consumed_by_masthead(self.document, header)
        in_text = {b.kind for b in blocks} | head_blocks(self.document).keys()  # one line may give two fields
        # Without a 版头, a 发文字号 or 签发人 given only as a field goes under the title.
        self.pending_number = not header.has_masthead and (
            (header.doc_number and "doc_number" not in in_text) or (header.signers and "signer" not in in_text))
        flow = [b for b in blocks if b.kind not in ("cc", "printed_by") and id(b) not in consumed]
        previous: Block | None = None
        for index, block in enumerate(flow):
            handler = getattr(self, f"_{block.kind}", self._other)
            handler(block, previous, flow[index + 1] if index + 1 < len(flow) else None)
            previous = block
        if self.composition.carry_lines:
            self._carry_into_signature()
        back = colophon(header, colophon_blocks, self.style, self.document.source)
        if back is not None:
            self.items.append(dataclasses.replace(back, placement=self.composition.colophon))
        return Plan(tuple(self.items), tuple(self.notes))

    def _carry_into_signature(self) -> None:
        """§7.3.5.5: the 署名 stood alone on a page; the text before it goes along, the blank lines
        between them and the last lines of the paragraph above (widow control lets its end move)."""
        start = next((i for i, item in enumerate(self.items) if isinstance(item, Paragraph)
                      and item.element in ("signature", "date") and item.source is not None), None)
        if start is None:
            return
        index = start - 1
        while index >= 0 and isinstance(self.items[index], Paragraph) and not self.items[index].runs:
            index -= 1
        if not _carries(self.items[index] if index >= 0 else None):
            # Nothing can go along (a table ends the page above): the 署名 opens its page, on the first
            # line, without the blank lines that part it from text above it on the same page.
            del self.items[index + 1:start]
            self.items[index + 1] = dataclasses.replace(self.items[index + 1], page_break_before=True)
            return
        index = start - 1
        tied = 0
        # Each further carry (a rendering showed it was not enough) ties one more paragraph.
        wanted = max(1, self.composition.carry_lines // CARRY_STEP)
        while index >= 0 and isinstance(self.items[index], Paragraph) and tied < wanted:
            item = self.items[index]
            if item.runs:
                item = dataclasses.replace(item, keep_next=True, widow_control=True)
                tied += 1
            else:
                item = dataclasses.replace(item, keep_next=True)
            self.items[index] = item
            index -= 1

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
        if previous is None and self.header.has_masthead:
            blank = 0  # the 版头 already ends with the title's blank lines
        self.add(Paragraph(element, runs, page_break_before=new_document, source=_span(block)), blank)
        if self.pending_number:
            self.pending_number = False
            from govfmt.layout.masthead import number_lines

            for line in number_lines(self.header, self.header.doc_number, self.style, None):
                self.add(line)

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
            self.add(Paragraph(element, (Run(block.text, element),), keep_next=_heading_keeps(block, following),
                               source=_span(block)))

    def _attendance(self, block, previous, following) -> None:
        """纪要 (§10.3): 出席/请假/列席 label in 黑体, names in 仿宋, wraps aligned after the colon."""
        label = _ATTENDANCE.match(block.text)
        indent = self.chars("attendance_label", self.style.element("attendance_label").first_line_indent_chars)
        width = self.twips("attendance_label", label.group(0))
        first = not (previous is not None and _ATTENDANCE.match(previous.text))
        blank = self.style.element("attendance_label").blank_lines_before if first else 0
        more = following is not None and following.kind == "body" and bool(_ATTENDANCE.match(following.text))
        self.add(Paragraph("body", (Run(label.group(0), "attendance_label"), Run(block.text[label.end():], "body")),
                           left_twips=indent + width, first_line_twips=-width, keep_next=True if more else None,
                           source=_span(block)), blank)
        if first:
            self._tie_last_text(len(self.items) - 1)  # 出席/列席 never open a page alone

    def _tie_last_text(self, before: int) -> None:
        """The paragraph of text before items[before] goes to the next page with it (at least its last
        two lines, by widow control), and so do the blank lines between them."""
        for index in range(before - 1, -1, -1):
            item = self.items[index]
            if not isinstance(item, Paragraph):
                return
            if item.runs:
                self.items[index] = dataclasses.replace(item, keep_next=True, widow_control=True)
                return
            self.items[index] = dataclasses.replace(item, keep_next=True)

    def _body(self, block, previous, following):
        if _ATTENDANCE.match(block.text):
            return self._attendance(block, previous, following)
        # The 署名 never stands alone on a page (§7.3.5.5): a short last paragraph keeps company with
        # it. A long one is not tied to it, since the layout engines then move it whole and leave half
        # a page empty.
        last = following is not None and following.kind == "signature" \
            and len(block.text) <= 3 * self.style.page.chars_per_line
        self.add(Paragraph("body", (Run(block.text, "body"),), keep_next=True if last else None,
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

    @property
    def sealed(self) -> bool:
        return self.header.sealed or self.style.signature.sealed

    def _signature(self, block, previous, following):
        blank = self.blank_lines("signature", previous, block)
        if self.sealed and previous is not None:
            blank = self.style.signature.sealed_blank_lines
        lines = block.lines or (block.text,)
        date = following.text if following is not None and following.kind == "date" else None
        signature_right, date_right = self._signature_and_date_right(lines, date)
        seal = self._seal(date, date_right) if self.sealed and self.header.seal_image else None
        for number, line in enumerate(lines):
            self.add(Paragraph("signature", (Run(line, "signature"),), right_twips=signature_right,
                               keep_next=True, seal=seal if number == 0 else None, source=_span(block)),
                     blank if number == 0 else 0)
            if number == 0:
                self._tie_blank_lines(len(self.items) - 1)

    def _tie_blank_lines(self, before: int) -> None:
        """The blank lines before items[before] stay on its page (a page never ends on them alone)."""
        index = before - 1
        while index >= 0 and isinstance(self.items[index], Paragraph) and not self.items[index].runs:
            self.items[index] = dataclasses.replace(self.items[index], keep_next=True)
            index -= 1

    def _seal(self, date: str | None, date_right: int) -> Seal:
        """§7.3.5.1: the seal centred on the 成文日期, pressing on the 署名 and the date, which sit below
        its centre; its top within one line of the text above (the 署名 stands two lines lower)."""
        rules = self.style.signature
        image = Path(self.header.seal_image)
        if not image.is_absolute():
            image = Path(self.document.source).parent / image
        if not image.is_file():
            raise InputError(_("印章图片 {seal_image!r} does not exist; give the path of a PNG or JPEG image of the "
                                "seal, relative to the draft").format(seal_image=self.header.seal_image), path=self.document.source)
        width = self.style.page.type_width_twips
        date_width = self.twips("date", date) if date else 0
        centre = width - date_right - date_width // 2
        diameter = round(rules.seal_diameter_mm * 1440 / 25.4)
        return Seal(str(image), diameter_twips=diameter, left_twips=centre - diameter // 2,
                    top_twips=-round(diameter * rules.seal_centre_above_ratio))

    def _date(self, block, previous, following):
        lines: tuple[str, ...] = ()
        if previous is not None and previous.kind == "signature":
            lines = previous.lines or (previous.text,)
        _, date_right = self._signature_and_date_right(lines, block.text)
        blank = 0 if lines else self.blank_lines("signature", previous, block)
        # §7.3.6: the 附注 stands on the line after the date, on the same page
        keep = True if following is not None and following.kind == "note" else None
        self.add(Paragraph("date", (Run(block.text, "date"),), right_twips=date_right, keep_next=keep,
                           source=_span(block)), blank)

    def _signature_and_date_right(self, signature_lines, date: str | None) -> tuple[int, int]:
        """Right indents (twips) of the 署名 and the 成文日期 by §7.3.5.1 / §7.3.5.2."""
        rules = self.style.signature
        char = self.style.element("signature").char_twips
        w_sig = max((self.twips("signature", line) for line in signature_lines), default=0)
        w_date = self.twips("date", date) if date else 0
        if self.sealed:
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

    def _table(self, block, previous, following):
        """§8: inside the 版心, columns as wide as their text asks; a table that cannot fit goes on a
        landscape page, whose writing width is the 版心's height."""
        rows = block.cells or tuple((row,) for row in block.text.split("\n"))
        columns = max(len(row) for row in rows)
        el = self.style.element("table")
        char = el.char_twips
        natural = [0.0] * columns
        for row in rows:
            if len(row) == 1 and columns > 1:
                continue  # a section row spans the table
            for index, cell in enumerate(row):
                natural[index] = max(natural[index], min(text_width_pt(cell, el.size_pt) * 20,
                                                         self.style.table.max_column_chars * char))
        natural = [max(width + char, 2 * char) for width in natural]  # a little air around the text
        portrait = self.style.page.type_width_twips
        rules = self.style.table
        landscape = sum(natural) > rules.landscape_ratio * portrait and columns >= rules.landscape_min_columns
        available = self.style.page.type_height_twips if landscape else portrait
        total = sum(natural)
        widths = [round(width * available / total) for width in natural[:-1]]
        widths = tuple(widths + [available - sum(widths)])  # the last column takes the rounding
        self.add(Table(rows, source=_span(block), landscape=landscape, column_twips=widths))

    def _other(self, block, previous, following):
        self.add(Paragraph("other", (Run(block.text, "other"),), source=_span(block)))


def _carries(item) -> bool:
    """Whether the item above the 署名 can go along to its page: a paragraph of text, not a table."""
    return isinstance(item, Paragraph) and bool(item.runs)


def signature_can_carry(plan) -> bool:
    """Whether text stands above the plan's 署名 to be carried to its page (§7.3.5.5)."""
    items = plan.items
    start = next((i for i, item in enumerate(items) if isinstance(item, Paragraph)
                  and item.element in ("signature", "date") and item.source is not None), None)
    if start is None:
        return False
    index = start - 1
    while index >= 0 and isinstance(items[index], Paragraph) and not items[index].runs:
        index -= 1
    return index >= 0 and _carries(items[index])


def _heading_keeps(block: Block, following: Block | None) -> bool | None:
    """A heading stays with what it heads: text, or a heading one level down. Not with a sibling (a
    list of numbered items parsed as headings would move as one block, leaving a page nearly empty),
    and in a run of headings only the last keeps with the text, so a page never ends in 2–3 empty
    lines for a chain of them. None: as the style says."""
    if following is None:
        return False
    if following.kind == "heading" and not following.run_in:
        return False
    if following.kind == "heading" and (following.level or 1) <= (block.level or 1):
        return False
    return None


def _span(block: Block) -> tuple[int, int]:
    return (block.line_start, block.line_end)
