"""The 版记 (§7.4): 主送 (moved down), 抄送, then 印发机关 and 印发日期, between rules, at the bottom of
the type area of the last page."""

from __future__ import annotations

import re

from govfmt.errors import InputError
from govfmt.header import Header
from govfmt.layout.items import Colophon, Paragraph, Rule, Run
from govfmt.layout.metrics import text_width_pt
from govfmt.model import Block
from govfmt.parse.patterns import PRINTED_BY
from govfmt.style import Style
from govfmt.i18n import _

_LABEL = re.compile(r"^[^：:]{1,6}[：:]")


def colophon(header: Header, text_blocks: list[Block], style: Style, source: str = "<input>") -> Colophon | None:
    """The 版记 from header fields and the 抄送/印发 lines of the draft; None when there is none."""
    addressee = [f"主送：{header.moved_addressee}"] if header.moved_addressee else []
    cc = [f"抄送：{header.cc}"] if header.cc else []
    printed: list[Paragraph] = []
    for block in text_blocks:
        if block.kind == "cc":
            (addressee if block.text.startswith("主送") else cc).append(block.text)
        elif block.kind == "printed_by":
            printed.append(_printed_line(block.text, style, (block.line_start, block.line_end)))
    if header.printed_by or header.printed_date:
        if printed:
            line = printed[0].source[0] if printed[0].source else None
            raise InputError(_("the draft has an 印发 line and the front matter or --set gives 印发机关/印发日期; keep one "
                                "of them"), path=source, line=line)
        date = f"{header.printed_date}印发" if header.printed_date else ""
        printed = [_printed_row(header.printed_by, date, style, None)]
    rows = [_names_line(text, style) for text in addressee + cc]
    separated = [False] * max(0, len(rows) - 1)
    if printed:
        if rows:
            separated.append(True)  # a thin rule between the other elements and the 印发 line
        rows.extend(printed)
        separated.extend([False] * (len(printed) - 1))
    if not rows:
        return None
    rules = style.colophon
    return Colophon(tuple(rows), outer_rule=Rule("000000", round(rules.outer_rule_pt * 8)),
                    inner_rule=Rule("000000", round(rules.inner_rule_pt * 8)), separated=tuple(separated))


def _twips(style: Style, element: str, text: str) -> int:
    el = style.element(element)
    return round(text_width_pt(text, el.size_pt) * 20)


def _names_line(text: str, style: Style) -> Paragraph:
    """主送/抄送：names — 1 字 each side, wraps aligned with the first name after the colon (§7.4.2)."""
    el = style.element("cc")
    left = round(el.left_indent_chars * el.char_twips)
    label = _LABEL.match(text)
    hang = _twips(style, "cc", label.group(0)) if label else 0
    return Paragraph("cc", (Run(text, "cc"),), left_twips=left + hang, first_line_twips=-hang)


def _printed_line(text: str, style: Style, source) -> Paragraph:
    match = PRINTED_BY.match(text.replace(" ", "").replace("\u3000", ""))
    if not match:
        return Paragraph("printed_by", (Run(text, "printed_by"),), source=source)
    return _printed_row(match.group("office"), match.group("date") + "印发", style, source)


def _printed_row(office: str, date: str, style: Style, source) -> Paragraph:
    """印发机关 左空一字 and 印发日期 右空一字 on one line, the date at a right tab (§7.4.3)."""
    el = style.element("printed_by")
    right = round(el.right_indent_chars * el.char_twips)
    width = style.page.type_width_twips
    runs = [Run(office, "printed_by")]
    if date:
        runs.append(Run("\t" + date, "printed_by"))
    return Paragraph("printed_by", tuple(runs), right_tab_twips=width - right, source=source)
