"""The 版头 (§7.2): 份号, 密级, 紧急程度 flush left; the red 发文机关标志 35 mm below the top of the
版心; the 发文字号 (with 签发人 for documents sent upward) two lines below it; the red rule 4 mm
under the 发文字号; the title two lines below the rule."""

from __future__ import annotations

import math

from govfmt.header import Header
from govfmt.layout.items import Paragraph, Rule, Run
from govfmt.layout.metrics import width_in_chars
from govfmt.style import Style

_MM_PER_PT = 25.4 / 72


def mark_text(header: Header) -> str:
    if header.issuer_mark:
        return header.issuer_mark
    suffix = {"file": "文件", "letter": "", "order": "命令", "minutes": "纪要"}[header.format]
    names = "".join(header.issuers)
    return names if names.endswith(suffix) else names + suffix


def mark_size(text: str, style: Style) -> float:
    """The mark's type size: the style's size, shrunk until the mark fits its share of the 版心."""
    element = style.element("issuer_mark")
    fits = element.max_line_fill * style.page.type_width_pt / max(width_in_chars(text), 1)
    return round(min(element.size_pt, fits) * 2) / 2


def masthead(header: Header, style: Style) -> list[Paragraph]:
    """Paragraphs of the 版头, ending with the blank lines that put the title in its place."""
    pitch_mm = style.page.line_pitch_pt * _MM_PER_PT
    rules = style.masthead
    items = [Paragraph(kind, (Run(value, kind),)) for kind, value in (
        ("copy_number", header.copy_number), ("classification", header.classification),
        ("urgency", header.urgency)) if value]
    if not header.has_masthead:
        return items
    text = mark_text(header)
    size = mark_size(text, style)
    line_pt = size * rules.mark_line_ratio
    # An off-grid spacer brings the mark's line to 35 mm below the top of the 版心; the lines after
    # the mark snap back onto the grid.
    above_mm = len(items) * pitch_mm
    spacer_mm = rules.mark_top_mm - above_mm
    if spacer_mm > 0:
        items.append(Paragraph("body", line_twips=round(spacer_mm / _MM_PER_PT * 20), off_grid=True))
    items.append(Paragraph("issuer_mark", (Run(text, "issuer_mark", size_pt=size),),
                           line_twips=round(line_pt * 20), off_grid=True))
    # After off-grid lines LibreOffice and Word continue the pitch from where they end: one spacer
    # makes the gap between the inks exactly the two lines of §7.2.5.
    gap_mm = rules.doc_number_gap_lines * pitch_mm - rules.ink_offsets_mm
    items.append(Paragraph("body", line_twips=round(gap_mm / _MM_PER_PT * 20), off_grid=True))
    red_rule = Rule(style.colors["red"], round(rules.rule_thickness_pt * 8),
                    max(0, round((rules.rule_gap_mm - rules.glyph_descent_mm) / _MM_PER_PT)))
    items.extend(_number_lines(header, style, red_rule))
    items.extend(Paragraph("body") for _ in range(rules.title_gap_lines))
    return items


def _number_lines(header: Header, style: Style, red_rule: Rule) -> list[Paragraph]:
    number = header.doc_number
    if not header.signers:
        return [Paragraph("doc_number", (Run(number, "doc_number"),) if number else (), border_bottom=red_rule)]
    # 上行文 (§7.2.5, §7.2.6): 发文字号 左空一字 on the line of the last 签发人; names two to a line.
    side = round(style.masthead.signer_side_chars * style.element("signer").char_twips)
    tab = round(style.page.type_width_pt * 20) - side
    groups = [header.signers[i:i + 2] for i in range(0, len(header.signers), 2)]
    lines = []
    for index, group in enumerate(groups):
        last = index == len(groups) - 1
        runs = []
        if last and number:
            runs.append(Run(number, "doc_number"))
        runs.append(Run("\t签发人：" if index == 0 else "\t", "signer"))
        runs.append(Run("　".join(group), "signer_name"))
        lines.append(Paragraph("doc_number", tuple(runs), align="left", left_twips=side, first_line_twips=0,
                               right_tab_twips=tab, border_bottom=red_rule if last else None))
    return lines
