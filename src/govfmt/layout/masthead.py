"""The 版头 (§7.2): 份号, 密级, 紧急程度 flush left; the red 发文机关标志 35 mm below the top of the
版心; the 发文字号 (with 签发人 for documents sent upward) two lines below it; the red rule 4 mm
under the 发文字号; the title two lines below the rule."""

from __future__ import annotations

from govfmt.header import Header
from govfmt.layout.items import JointMark, PageRule, Paragraph, Rule, Run
from govfmt.layout.metrics import width_in_chars
from govfmt.style import Style

_MM_PER_PT = 25.4 / 72


def mark_text(header: Header, style: Style) -> str:
    if header.issuer_mark:
        return header.issuer_mark
    suffix = style.masthead.mark_suffix
    # 信函 of several organs show the lead organ's mark only (§10.1).
    names = "".join(header.issuers) if suffix else (header.issuers[0] if header.issuers else "")
    return names if not suffix or names.endswith(suffix) else names + suffix


def mark_size(text: str, style: Style) -> float:
    """The mark's type size: the style's size, shrunk until the mark fits its share of the 版心."""
    element = style.element("issuer_mark")
    fits = element.max_line_fill * style.page.type_width_pt / max(width_in_chars(text), 1)
    return round(min(element.size_pt, fits) * 2) / 2


def masthead(header: Header, style: Style) -> list[Paragraph | PageRule]:
    """Paragraphs of the 版头, ending with the blank lines that put the title in its place."""
    if style.masthead.rule == "double":
        return _letter_masthead(header, style)
    pitch_mm = style.page.line_pitch_pt * _MM_PER_PT
    rules = style.masthead
    items = _flush_left_fields(header)
    if not header.has_masthead:
        return items
    # An off-grid spacer brings the mark's line to its place below the top of the 版心 (§7.2.4: 35 mm).
    spacer_mm = rules.mark_top_mm - len(items) * pitch_mm
    if spacer_mm > 0:
        items.append(_spacer(spacer_mm))
    items.append(_joint_mark(header, style) if _is_joint(header, style) else _mark(header, style))
    # After off-grid lines LibreOffice and Word continue the pitch from where they end: one spacer
    # makes the gap between the inks exactly the two lines of §7.2.5.
    items.append(_spacer(rules.doc_number_gap_lines * pitch_mm - rules.ink_offsets_mm))
    rule = None
    if rules.rule == "single":
        rule = Rule(style.colors["red"], round(rules.rule_thickness_pt * 8),
                    max(0, round((rules.rule_gap_mm - rules.glyph_descent_mm) / _MM_PER_PT)))
    number = header.order_number or header.doc_number if rules.mark_suffix.endswith("令") else header.doc_number
    items.extend(number_lines(header, number, style, rule))
    items.extend(Paragraph("body") for _ in range(rules.title_gap_lines + rules.body_gap_lines))
    return items


def _flush_left_fields(header: Header) -> list[Paragraph]:
    """份号, 密级和保密期限, 紧急程度: flush left, one a line, in this order (§7.2.1–§7.2.3)."""
    return [Paragraph(kind, (Run(value, kind),)) for kind, value in (
        ("copy_number", header.copy_number), ("classification", header.classification),
        ("urgency", header.urgency)) if value]


def _spacer(height_mm: float) -> Paragraph:
    return Paragraph("body", line_twips=max(20, round(height_mm / _MM_PER_PT * 20)), off_grid=True)


def _mark(header: Header, style: Style, **extra) -> Paragraph:
    text = mark_text(header, style)
    size = mark_size(text, style)
    return Paragraph("issuer_mark", (Run(text, "issuer_mark", size_pt=size),),
                     line_twips=round(size * style.masthead.mark_line_ratio * 20), off_grid=True, **extra)


def _is_joint(header: Header, style: Style) -> bool:
    return len(header.issuers) > 1 and not header.issuer_mark and bool(style.masthead.mark_suffix)


def _joint_mark(header: Header, style: Style) -> JointMark:
    """联合行文 (§7.2.4): the organs' names stacked, the lead one first, with 文件 to their right,
    centred on the block of names; one size for all, the largest that fits."""
    suffix = style.masthead.mark_suffix
    widest = max(width_in_chars(name) for name in header.issuers) + width_in_chars(suffix) + 1.5
    element = style.element("issuer_mark")
    fits = element.max_line_fill * style.page.type_width_pt / widest
    size = round(min(element.size_pt, fits) * 2) / 2
    return JointMark(header.issuers, suffix, size, round(size * style.masthead.mark_line_ratio * 20))


def _letter_masthead(header: Header, style: Style) -> list[Paragraph | PageRule]:
    """信函 (§10.1): the mark on the first line; a red double rule 4 mm under it, 170 mm long and centred
    on the page; 份号, 密级, 紧急程度 flush left and the 发文字号 flush right 14 pt under the rule; the
    title two lines under the last of them."""
    rules = style.masthead
    page = style.page
    items: list[Paragraph] = []
    if header.has_masthead:
        overhang = (rules.rule_width_mm - (page.width_mm - page.margin_left_mm - page.margin_right_mm)) / 2
        centre_shift = (page.margin_left_mm - page.margin_right_mm) / 2  # centred on the page
        left = -round((overhang + centre_shift) / 25.4 * 1440)
        right = -round((overhang - centre_shift) / 25.4 * 1440)
        double = Rule(style.colors["red"], round(rules.rule_thickness_pt * 8),
                      max(0, round((rules.rule_gap_mm - rules.glyph_descent_mm) / _MM_PER_PT)), kind="thickThin")
        items.append(_mark(header, style, border_bottom=double, left_twips=left, right_twips=right,
                           first_line_twips=0))
        items.append(_spacer(rules.number_gap_pt * _MM_PER_PT - rules.text_ink_offset_mm))
    fields = _flush_left_fields(header)
    number = header.doc_number
    tab = page.type_width_twips
    if number:
        first = fields[0] if fields else Paragraph("copy_number")
        fields = [Paragraph(first.element, first.runs + (Run("\t" + number, "doc_number"),), right_tab_twips=tab),
                  *fields[1:]]
    items.extend(fields)
    items.extend(Paragraph("body") for _ in range(rules.title_gap_lines))
    if header.has_masthead and rules.bottom_rule_mm > 0:
        # §10.1 上细下粗, as the bottom border of an empty cell: LibreOffice draws a cell border's first
        # line outermost (measured: thickThin there gives the thin line above the thick one), while for
        # paragraph borders (the upper rule) the first line is the upper one.
        thin_thick = Rule(style.colors["red"], round(rules.rule_thickness_pt * 8), 0, kind="thickThin")
        items.insert(len(items) - rules.title_gap_lines, PageRule(top_mm=page.height_mm - rules.bottom_rule_mm, left_mm=(page.width_mm - rules.rule_width_mm) / 2,
                                 width_mm=rules.rule_width_mm, rule=thin_thick))
    return items


def number_lines(header: Header, number: str, style: Style, red_rule: Rule | None) -> list[Paragraph]:
    if not header.signers:
        return [Paragraph("doc_number", (Run(number, "doc_number"),) if number else (), border_bottom=red_rule)]
    # 上行文 (§7.2.5, §7.2.6): 发文字号 左空一字 on the line of the last 签发人; names two to a line.
    side = round(style.masthead.signer_side_chars * style.element("signer").char_twips)
    tab = style.page.type_width_twips - side
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
