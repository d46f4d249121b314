"""Raw OOXML for what python-docx has no API for: East-Asian fonts, tracking, the line grid, PAGE
fields, outline levels, table header rows. The only module that builds XML elements by hand."""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Child order inside w:rPr and w:pPr that Word insists on (ECMA-376 §17.3.2.28 / §17.3.1.26).
_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
              "w:pPrChange")


_LATER: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}


def _set_child(parent, tag: str, order: tuple[str, ...], **attrs: str):
    """Replace parent's child `tag` with a new one carrying attrs, keeping schema order."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = parent.makeelement(qn(tag))  # as OxmlElement, without building and parsing a string
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), str(value))
    later = _LATER.get((tag, order))
    if later is None:
        later = _LATER[(tag, order)] = frozenset(qn(t) for t in order[order.index(tag) + 1:])
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def block_before(anchor, tag: str):
    """A new empty block element (w:p) inserted just before anchor (the body's w:sectPr)."""
    block = OxmlElement(tag)
    anchor.addprevious(block)
    return block


def table_before(anchor, rows: int, cols: int, width):
    """A new rows × cols table of the given width, inserted just before anchor."""
    from docx.oxml.table import CT_Tbl

    table = CT_Tbl.new_tbl(rows, cols, width)
    anchor.addprevious(table)
    return table


def run_properties(rpr, *, latin: str, east_asian: str, size_pt: float, tracking_twips: int | None = None,
                   bold: bool = False, color: str | None = None) -> None:
    """Fonts for every script, size, tracking, weight and colour on a w:rPr element."""
    _set_child(rpr, "w:rFonts", _RPR_ORDER, ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin,
               hint="eastAsia")
    if bold:
        _set_child(rpr, "w:b", _RPR_ORDER)
        _set_child(rpr, "w:bCs", _RPR_ORDER)
    else:
        _set_child(rpr, "w:b", _RPR_ORDER, val="0")
        _set_child(rpr, "w:bCs", _RPR_ORDER, val="0")
    if color:
        _set_child(rpr, "w:color", _RPR_ORDER, val=color)
    if tracking_twips is not None:
        _set_child(rpr, "w:spacing", _RPR_ORDER, val=tracking_twips)
    half_points = round(size_pt * 2)
    _set_child(rpr, "w:sz", _RPR_ORDER, val=half_points)
    _set_child(rpr, "w:szCs", _RPR_ORDER, val=half_points)
    _set_child(rpr, "w:lang", _RPR_ORDER, val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def paragraph_properties(ppr, *, align: str, first_line: int = 0, left: int = 0, right: int = 0,
                         line_twips: int | None = None, keep_next: bool = False, page_break_before: bool = False,
                         outline_level: int | None = None, widow_control: bool = False,
                         snap_to_grid: bool = True) -> None:
    """Alignment, indents (twips; negative first_line = hanging), exact line pitch and flow flags."""
    if keep_next:
        _set_child(ppr, "w:keepNext", _PPR_ORDER)
    else:  # explicit, so a paragraph can turn off what its style asks (a run-in heading is body text)
        _set_child(ppr, "w:keepNext", _PPR_ORDER, val="0")
    if page_break_before:
        _set_child(ppr, "w:pageBreakBefore", _PPR_ORDER)
    _set_child(ppr, "w:widowControl", _PPR_ORDER, val="1" if widow_control else "0")
    if not snap_to_grid:
        _set_child(ppr, "w:snapToGrid", _PPR_ORDER, val="0")
    if line_twips is not None:
        _set_child(ppr, "w:spacing", _PPR_ORDER, before=0, after=0, line=line_twips, lineRule="exact")
    indent = {"left": left, "right": right}
    if first_line >= 0:
        indent["firstLine"] = first_line
    else:
        indent["hanging"] = -first_line
    _set_child(ppr, "w:ind", _PPR_ORDER, **indent)
    _set_child(ppr, "w:jc", _PPR_ORDER, val=align)
    if outline_level is not None:
        _set_child(ppr, "w:outlineLvl", _PPR_ORDER, val=outline_level - 1)


def get_or_add_rpr(element):
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.insert(0, rpr) if element.tag != qn("w:pPr") else element.append(rpr)
    return rpr


def strip_theme_fonts(root) -> None:
    """Theme font attributes override explicit font names in Word; remove them everywhere."""
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            if qn(attr) in rfonts.attrib:
                del rfonts.attrib[qn(attr)]


def document_defaults(styles_root, *, latin: str, east_asian: str, size_pt: float, tracking_twips: int,
                      line_twips: int, libreoffice: bool = False) -> None:
    """w:docDefaults: the body font, size, tracking and exact line pitch for everything."""
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_root.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    rpr_default = OxmlElement("w:rPrDefault")
    rpr = OxmlElement("w:rPr")
    rpr_default.append(rpr)
    run_properties(rpr, latin=latin, east_asian=east_asian, size_pt=size_pt, tracking_twips=tracking_twips)
    ppr_default = OxmlElement("w:pPrDefault")
    ppr = OxmlElement("w:pPr")
    ppr_default.append(ppr)
    east_asian_typography(ppr, libreoffice=libreoffice)
    _set_child(ppr, "w:spacing", _PPR_ORDER, before=0, after=0, line=line_twips, lineRule="exact")
    defaults.append(rpr_default)
    defaults.append(ppr_default)


def east_asian_typography(ppr, *, libreoffice: bool = False) -> None:
    """No mark hung into the margin (LibreOffice drops a hanging mark from the PDF; Word and WPS hang
    it 1.7 mm past the 版心), and no automatic space between Chinese and digits or Latin letters
    (a quarter em at every joint of 2024年3月1日 otherwise).

    LibreOffice (7.4 and the versions before and after it) reads w:overflowPunct the wrong way round
    (w:val="0" turns hanging on), so a DOCX written only for it to render says val 1 to mean off."""
    _set_child(ppr, "w:overflowPunct", _PPR_ORDER, val=1 if libreoffice else 0)
    _set_child(ppr, "w:autoSpaceDE", _PPR_ORDER, val=0)
    _set_child(ppr, "w:autoSpaceDN", _PPR_ORDER, val=0)


def line_grid(sect_pr, pitch_twips: int) -> None:
    """Section line grid equal to the exact line pitch (LibreOffice snaps to the grid)."""
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch_twips))
    sect_pr.append(grid)


def page_field(paragraph_element, rpr_template) -> None:
    """Append a PAGE field (begin / instruction / separate / cached 1 / end) to a paragraph."""
    import copy

    def run_with(child):
        run = OxmlElement("w:r")
        run.append(copy.deepcopy(rpr_template))
        run.append(child)
        paragraph_element.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    cached = OxmlElement("w:t")
    cached.text = "1"
    run_with(cached)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def repeat_header_row(row_element) -> None:
    trpr = row_element.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def cant_split_row(row_element) -> None:
    trpr = row_element.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def line_break(run_element) -> None:
    run_element.append(OxmlElement("w:br"))


def single_spacing(ppr) -> None:
    """Single line spacing (the page-number footer: an exact body pitch would not fit under the 版心)."""
    _set_child(ppr, "w:spacing", _PPR_ORDER, before=0, after=0, line=240, lineRule="auto")


def off_grid(ppr) -> None:
    _set_child(ppr, "w:snapToGrid", _PPR_ORDER, val="0")


def exact_line(ppr, line_twips: int) -> None:
    _set_child(ppr, "w:spacing", _PPR_ORDER, before=0, after=0, line=line_twips, lineRule="exact")


def paragraph_rules(ppr, *, top=None, bottom=None) -> None:
    """Paragraph borders as rules across the paragraph's width (rule: color, eighths_pt, space_pt)."""
    borders = _set_child(ppr, "w:pBdr", _PPR_ORDER)
    for side, rule in (("top", top), ("bottom", bottom)):
        if rule is None:
            continue
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), {"single": "single", "thickThin": "thickThinSmallGap",
                               "thinThick": "thinThickSmallGap"}[rule.kind])
        line.set(qn("w:sz"), str(rule.eighths_pt))
        line.set(qn("w:space"), str(rule.space_pt))
        line.set(qn("w:color"), rule.color)
        borders.append(line)


def size_override(rpr, size_pt: float) -> None:
    half_points = round(size_pt * 2)
    _set_child(rpr, "w:sz", _RPR_ORDER, val=half_points)
    _set_child(rpr, "w:szCs", _RPR_ORDER, val=half_points)


def float_table_at_bottom(tbl, width_twips: int, left_twips: int) -> None:
    """Anchor a full-width table, without side borders, at the bottom of the type area (the 版记: its
    last rule then lies on the bottom edge, however many lines its rows take)."""
    _float_table(tbl, width_twips, left_twips, (("tblpY", 0), ("tblpYSpec", "bottom")))


def float_table_on_page(tbl, width_twips: int, left_twips: int, top_twips: int) -> None:
    """Anchor a table left_twips from the page's left edge and top_twips below the top margin
    (LibreOffice ignores a vertical position measured from the page edge)."""
    _float_table(tbl, width_twips, left_twips, (("tblpY", top_twips),))


def _float_table(tbl, width_twips: int, left_twips: int, vertical) -> None:
    tbl_pr = tbl.tblPr
    position = OxmlElement("w:tblpPr")
    for name, value in (("leftFromText", 0), ("rightFromText", 0), ("topFromText", 0), ("bottomFromText", 0),
                        # LibreOffice floats a full-width table only when placed against the page edge.
                        ("vertAnchor", "margin"), ("horzAnchor", "page"), ("tblpX", left_twips)) + vertical:
        position.set(qn(f"w:{name}"), str(value))
    style = tbl_pr.find(qn("w:tblStyle"))
    tbl_pr.insert(1 if style is not None else 0, position)
    fixed_table(tbl, width_twips, side_margins=False)


def cell_rules(tc, *, top=None, bottom=None) -> None:
    """Top/bottom borders of one table cell; left and right stay empty."""
    tc_pr = tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side, rule in (("top", top), ("left", None), ("bottom", bottom), ("right", None)):
        edge = OxmlElement(f"w:{side}")
        if rule is None:
            edge.set(qn("w:val"), "nil")
        else:
            edge.set(qn("w:val"), {"single": "single", "thickThin": "thickThinSmallGap",
                                   "thinThick": "thinThickSmallGap"}[rule.kind])
            edge.set(qn("w:sz"), str(rule.eighths_pt))
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), rule.color)
        borders.append(edge)
    tc_pr.append(borders)


# Control characters cannot be stored in XML 1.0; pasted text carries form feeds and the like.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_escape(text: str) -> str:
    """text as XML character data: &, < and > escaped (as xml.sax.saxutils.escape, which imports
    urllib.request and with it the ssl module)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attribute(value: str) -> str:
    """value quoted as an XML attribute value, exactly as xml.sax.saxutils.quoteattr quotes it."""
    value = xml_escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))


def xml_text(text: str) -> str:
    """text with the characters XML 1.0 cannot hold turned into spaces."""
    return _NOT_XML.sub(" ", text)


def new_run(paragraph_element, rpr, text: str):
    """Append a run with a copy of rpr and text (tabs become w:tab) to a paragraph; returns the run."""
    import copy

    text = _NOT_XML.sub(" ", text)
    run = paragraph_element.makeelement(_R)
    run.append(copy.deepcopy(rpr))
    for index, piece in enumerate(text.split("\t")):
        if index:
            run.append(run.makeelement(_TAB))
        if piece:
            t = run.makeelement(_T)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_SPACE, "preserve")
            run.append(t)
    paragraph_element.append(run)
    return run


_R, _T, _TAB, _SPACE = qn("w:r"), qn("w:t"), qn("w:tab"), qn("xml:space")


def paragraph_style(paragraph_element, style_id: str) -> None:
    ppr = paragraph_element.get_or_add_pPr()
    _set_child(ppr, "w:pStyle", _PPR_ORDER, val=style_id)


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def float_picture(run_element, *, left_emu: int, top_emu: int) -> None:
    """Turn the run's inline picture into one floated in front of the text: left_emu from the left
    margin, top_emu from the top of its paragraph (the seal over the 署名 and 成文日期)."""
    from lxml import etree

    inline = run_element.find(f".//{{{_WP}}}inline")
    anchor = etree.SubElement(inline.getparent(), f"{{{_WP}}}anchor")
    for name, value in (("distT", 0), ("distB", 0), ("distL", 0), ("distR", 0), ("simplePos", 0),
                        ("relativeHeight", 251659264), ("behindDoc", 0), ("locked", 0), ("layoutInCell", 1),
                        ("allowOverlap", 1)):
        anchor.set(name, str(value))
    simple = etree.SubElement(anchor, f"{{{_WP}}}simplePos")
    simple.set("x", "0")
    simple.set("y", "0")
    for axis, relative, offset in (("positionH", "margin", left_emu), ("positionV", "paragraph", top_emu)):
        position = etree.SubElement(anchor, f"{{{_WP}}}{axis}")
        position.set("relativeFrom", relative)
        etree.SubElement(position, f"{{{_WP}}}posOffset").text = str(offset)
    anchor.append(inline.find(f"{{{_WP}}}extent"))
    effect = etree.SubElement(anchor, f"{{{_WP}}}effectExtent")
    for side in ("l", "t", "r", "b"):
        effect.set(side, "0")
    etree.SubElement(anchor, f"{{{_WP}}}wrapNone")
    for name in ("docPr", "cNvGraphicFramePr"):
        child = inline.find(f"{{{_WP}}}{name}")
        if child is not None:
            anchor.append(child)
    anchor.append(inline.find("{http://schemas.openxmlformats.org/drawingml/2006/main}graphic"))
    inline.getparent().remove(inline)


def east_asian_everywhere(rpr):
    """A copy of rpr whose Latin font slots also name its East-Asian font."""
    import copy

    result = copy.deepcopy(rpr)
    fonts = result.find(qn("w:rFonts"))
    if fonts is not None:
        east = fonts.get(qn("w:eastAsia"))
        for slot in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(slot), east)
    return result


def centred_table(tbl, width_twips: int) -> None:
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    tbl.tblPr.append(jc)
    fixed_table(tbl, width_twips, side_margins=False)


def exact_row_height(tr, twips: int) -> None:
    tr_pr = tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(twips))
    height.set(qn("w:hRule"), "exact")
    tr_pr.append(height)


def vertical_merge(tc, *, restart: bool) -> None:
    merge = OxmlElement("w:vMerge")
    if restart:
        merge.set(qn("w:val"), "restart")
    tc.get_or_add_tcPr().append(merge)


def cell_vertical_centre(tc) -> None:
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), "center")
    tc.get_or_add_tcPr().append(align)


def fixed_table(tbl, width_twips: int, side_margins: bool = True) -> None:
    """A table of a fixed width whose columns keep the widths given (no autofit); without side
    margins its text starts at the table's edge."""
    tbl_pr = tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(width_twips))
    width.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    if side_margins:
        return
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)


def word_2013_settings(settings_root, *, east_asian_lang: str = "zh-CN") -> None:
    """compatibilityMode 15 (Word 2013 and later open the file without 兼容模式) and the theme's
    East-Asian language as the document's."""
    compat = settings_root.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings_root.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
            break
    else:
        setting = OxmlElement("w:compatSetting")
        for name, value in (("name", "compatibilityMode"), ("uri", "http://schemas.microsoft.com/office/word"),
                            ("val", "15")):
            setting.set(qn(f"w:{name}"), value)
        compat.append(setting)
    language = settings_root.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:val"), "en-US")
        language.set(qn("w:eastAsia"), east_asian_lang)


def extended_properties_xml(*, application: str, title: str, pages: int | None = None) -> bytes:
    """docProps/app.xml naming the program that wrote the file and the document's title."""
    escape = xml_escape
    pages_xml = f"<Pages>{pages}</Pages>" if pages else ""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>{escape(application)}</Application>{pages_xml}<DocSecurity>0</DocSecurity>"
            '<TitlesOfParts><vt:vector size="1" baseType="lpstr">'
            f"<vt:lpstr>{escape(title)}</vt:lpstr></vt:vector></TitlesOfParts>"
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode("utf-8")
