"""Plan → DOCX with python-docx; raw XML only through govfmt.docx.ooxml."""

from __future__ import annotations

import copy
import dataclasses
import io
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Twips

from govfmt import regex_cache
from govfmt.docx import ooxml
from govfmt.layout.items import Colophon, JointMark, PageRule, Paragraph, Plan, Run, Table
from govfmt.layout.composition import BLANK_PAGE_FIRST, COLOPHON_PLACEMENTS, NEXT_PAGE, SAME_PAGE, Composition
from govfmt.layout.plan import plan_document
from govfmt.model import Document
from govfmt.style import ElementStyle, Style
from govfmt.units import mm_to_twips, pt_to_twips
from govfmt.i18n import _

# Paragraph style names shown in Word's style list.
STYLE_NAMES = {
    "copy_number": "份号", "classification": "密级和保密期限", "urgency": "紧急程度", "issuer_mark": "发文机关标志",
    "signer": "签发人", "signer_name": "签发人姓名",
    "body": "公文正文", "title": "公文标题", "subtitle": "公文副标题", "doc_number": "发文字号",
    "addressee": "主送机关", "salutation": "称谓", "heading1": "公文一级标题", "heading2": "公文二级标题",
    "heading3": "公文三级标题", "heading4": "公文四级标题", "chapter": "章标题", "attachment_note": "附件说明",
    "signature": "发文机关署名", "date": "成文日期", "note": "附注", "attachment_mark": "附件标识",
    "attachment_title": "附件标题", "table": "表格文字", "cc": "抄送机关", "printed_by": "印发机关和日期",
    "attendance_label": "出席列席", "other": "其他文字",
}


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Per process: the page set-up and styles of each style, saved once (style object kept alive with it).
_templates: dict[tuple[int, str], "_Template"] = {}
# Who reads the DOCX: Word and WPS (and people), or LibreOffice only, to render a PDF from it.
WORD = "word"
LIBREOFFICE = "libreoffice"
RENDERERS = (WORD, LIBREOFFICE)
_KEPT_STYLE_IDS = {"Normal", "TableGrid", "TableNormal", "DefaultParagraphFont", "NoList"}


def _prune_unused_styles(doc, used: set[str]) -> None:
    """Drop the template's styles but those used: a smaller styles.xml, faster to write and to read back."""
    root = doc.styles.element
    for element in list(root.findall(f"{{{_W}}}style")):
        if element.get(f"{{{_W}}}styleId") not in used | _KEPT_STYLE_IDS:
            root.remove(element)
    latent = root.find(f"{{{_W}}}latentStyles")
    if latent is not None:
        root.remove(latent)


def _drop_unused_parts(doc) -> None:
    """The stock template carries a 400 KB stylesWithEffects part that Word rebuilds itself, a custom
    XML item, list definitions referring to styles it drops, and the thumbnail of someone else's page."""
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/webSettings", "/customXml", "/numbering")):
            part.drop_rel(rel_id)
            if rel_id in part.rels:
                del part.rels[rel_id]
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)


def _unchanging_parts(doc) -> dict[int, object]:
    """The template's parts no document changes, by id: all but the main document part, whose body is
    written, and the core and extended properties, which name each document."""
    changing = {doc.part, _related_part(doc, "/core-properties"), _related_part(doc, "/extended-properties")}
    return {id(part): part for part in doc.part.package.iter_parts() if part not in changing}


def _related_part(doc, suffix: str):
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(suffix):
            return rel.target_part
    for rel in doc.part.package.rels.values():
        if rel.reltype.endswith(suffix):
            return rel.target_part
    return None


# Characters Unicode shares between Chinese and Western text: Word picks the font by w:hint,
# LibreOffice by the neighbouring characters, so they get the Chinese font outright.
_SHARED_PUNCTUATION = frozenset("“”‘’—…·")


# LibreOffice ignores w:autoSpaceDE/DN and puts a fifth of an em between a Chinese character and a digit
# or Latin letter, but only where both neighbours are letters or digits: in a DOCX written for it to
# render, a zero-width space at the joint (a break opportunity there anyway, and not carried into the
# PDF's text) sets the text as Word and WPS do with automatic spacing off.
JOINT = "\u200b"


_JOINTS = regex_cache.compile(r"(?<=[^\W\x00-\u2e7f])(?=[^\W_\u2000-\U0010ffff])|(?<=[^\W_\u2000-\U0010ffff])(?=[^\W\x00-\u2e7f])")


def script_joints(text: str) -> str:
    """text with JOINT between a Chinese letter or digit and a Western one, in either order."""
    if text.isascii():
        return text
    return _JOINTS.sub(JOINT, text)


def _script_pieces(text: str) -> list[tuple[str, bool]]:
    if not _SHARED_PUNCTUATION.intersection(text):
        return [(text, False)] if text else []
    return [("".join(group), shared) for shared, group in groupby(text, _SHARED_PUNCTUATION.__contains__)]


@dataclass
class _Template:
    """A style's empty document, and what every document written from it shares (only ever copied
    from, never changed: run properties by element, paragraph properties by paragraph format)."""

    style: Style
    doc: object
    style_ids: dict[str, str]
    run_rpr: dict[str, object]
    unchanging: dict[int, object]  # the parts no document changes, by id (see _unchanging_parts)
    paragraph_properties: dict[Paragraph, object] = field(default_factory=dict)


class DocxWriter:
    def __init__(self, style: Style, renderer: str = WORD):
        if renderer not in RENDERERS:
            raise ValueError(f"renderer must be one of {RENDERERS}, not {renderer!r}")
        self.style = style
        self.libreoffice = renderer == LIBREOFFICE
        self.line_twips = pt_to_twips(style.page.line_pitch_pt)
        self.tracking_twips = pt_to_twips(style.page.char_tracking_pt)
        self.body = style.element("body")
        self._run_rpr: dict[str, object] = {}
        self._style_ids: dict[str, str] = {}
        key = (id(style), renderer)
        template = _templates.get(key)
        if template is None or template.style is not style:
            template = _templates[key] = self._template()
        # Only what a document changes is copied: its body, its properties and the package holding them.
        # Styles, settings, theme, font table and footers are the template's own part objects (a deep
        # copy memo that already names an object hands that object back instead of copying it).
        self.doc = copy.deepcopy(template.doc, dict(template.unchanging))
        self._style_ids = template.style_ids
        self._run_rpr = template.run_rpr
        self._paragraph_properties = template.paragraph_properties
        self._punctuation_rpr: dict[int, tuple] = {}
        # python-docx finds the body's w:sectPr by scanning the body before every insert; new blocks go
        # before this held reference instead, so writing stays linear in the document's length.
        self._sect_pr = self.doc.element.body.sectPr

    def _template(self) -> "_Template":
        """Page set-up and styles, the same for every document of a style: later documents start from a
        copy of this one."""
        self.doc = new_docx()
        # The stock template's 160 styles dropped first: python-docx looks at every one of them for each
        # style added or looked up by name.
        _prune_unused_styles(self.doc, {"Footer"})
        self._setup_defaults()
        self._setup_page()
        self._setup_styles()
        self._setup_page_numbers()
        self._setup_package()
        _drop_unused_parts(self.doc)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        parsed = new_docx(io.BytesIO(buffer.getvalue()))
        styles_root = parsed.styles.element
        run_rpr = {name: styles_root.find(f"{{{_W}}}style[@{{{_W}}}styleId='{style_id}']/{{{_W}}}rPr")
                   for name, style_id in self._style_ids.items()}
        return _Template(self.style, parsed, dict(self._style_ids), run_rpr, _unchanging_parts(parsed))

    # -- setup --------------------------------------------------------------------------------------
    def _tracking(self, element: ElementStyle) -> int:
        return self.tracking_twips if element.size_pt == self.body.size_pt else 0

    def _setup_defaults(self) -> None:
        styles_root = self.doc.styles.element
        ooxml.strip_theme_fonts(styles_root)
        ooxml.document_defaults(styles_root, latin=self.style.latin_font, east_asian=self.body.font,
                                size_pt=self.body.size_pt, tracking_twips=self.tracking_twips,
                                line_twips=self.line_twips, libreoffice=self.libreoffice)
        normal = self.doc.styles["Normal"]
        ooxml.paragraph_properties(normal.element.get_or_add_pPr(), align=self.body.align,
                                   line_twips=self.line_twips, widow_control=self.style.page.widow_control)
        ooxml.east_asian_typography(normal.element.get_or_add_pPr(), libreoffice=self.libreoffice)
        ooxml.run_properties(normal.element.get_or_add_rPr(), latin=self.style.latin_font,
                             east_asian=self.body.font, size_pt=self.body.size_pt,
                             tracking_twips=self.tracking_twips, color=self.style.colors["text"])

    def _setup_page(self) -> None:
        page = self.style.page
        section = self.doc.sections[0]
        section.page_width = Twips(mm_to_twips(page.width_mm))
        section.page_height = Twips(mm_to_twips(page.height_mm))
        section.top_margin = Twips(mm_to_twips(page.margin_top_mm))
        section.bottom_margin = Twips(mm_to_twips(page.margin_bottom_mm))
        section.left_margin = Twips(mm_to_twips(page.margin_left_mm))
        section.right_margin = Twips(mm_to_twips(page.margin_right_mm))
        section.header_distance = Twips(mm_to_twips(page.header_distance_mm))
        section.footer_distance = Twips(mm_to_twips(page.footer_distance_mm))
        section.gutter = Twips(0)
        ooxml.line_grid(section._sectPr, self.line_twips)

    def _setup_styles(self) -> None:
        for name, element in self.style.elements.items():
            paragraph_style = self.doc.styles.add_style(STYLE_NAMES[name], WD_STYLE_TYPE.PARAGRAPH)
            paragraph_style.element.styleId = "Gov" + "".join(part.title() for part in name.split("_"))
            paragraph_style.base_style = self.doc.styles["Normal"]
            paragraph_style.quick_style = name in ("body", "title", "heading1", "heading2", "heading3", "heading4")
            ooxml.paragraph_properties(
                paragraph_style.element.get_or_add_pPr(), align=element.align,
                first_line=round(element.first_line_indent_chars * element.char_twips),
                left=round(element.left_indent_chars * element.char_twips),
                right=round(element.right_indent_chars * element.char_twips),
                line_twips=pt_to_twips(element.line_pitch_pt or self.style.page.line_pitch_pt),
                keep_next=element.keep_with_next, page_break_before=element.page_break_before,
                outline_level=element.outline_level, widow_control=self.style.page.widow_control,
                snap_to_grid=element.size_pt <= self.body.size_pt and element.line_pitch_pt is None)
            rpr = paragraph_style.element.get_or_add_rPr()
            ooxml.run_properties(rpr, latin=self.style.latin_font, east_asian=element.font,
                                 size_pt=element.size_pt, tracking_twips=self._tracking(element),
                                 bold=element.bold, color=element.color or self.style.colors["text"])
            self._run_rpr[name] = copy.deepcopy(rpr)
            self._style_ids[name] = paragraph_style.style_id

    def _setup_page_numbers(self) -> None:
        number = self.style.page_number
        side = round(number.side_space_chars * number.size_pt * 20)
        section = self.doc.sections[0]
        self.doc.settings.odd_and_even_pages_header_footer = self.style.page.duplex
        footers = [(section.footer, "right", {"right": side})]
        if self.style.page.duplex:
            footers.append((section.even_page_footer, "left", {"left": side}))
        for footer, align, indent in footers:
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            ppr = paragraph._p.get_or_add_pPr()
            ooxml.paragraph_properties(ppr, align=align, snap_to_grid=False, **indent)
            ooxml.single_spacing(ppr)
            rpr = ooxml.get_or_add_rpr(paragraph.add_run()._r)
            paragraph._p.remove(rpr.getparent())
            ooxml.run_properties(rpr, latin=number.font, east_asian=number.font, size_pt=number.size_pt,
                                 tracking_twips=0, color=self.style.colors["text"])
            before, after = number.text.split("{page}", 1)
            self._text_run(paragraph, before, rpr)
            ooxml.page_field(paragraph._p, rpr)
            self._text_run(paragraph, after, rpr)
        if not number.first_page:
            self._first_page_footer(section)

    def _setup_package(self) -> None:
        """What Word and WPS read before the text: the fonts used, declared with their Windows names;
        Word 2013 compatibility; Chinese as the document's East-Asian language; a Footer style for the
        page-number paragraphs that refer to it."""
        from govfmt.docx.fonttable import font_table_xml

        fonts = [self.style.latin_font, self.body.font]
        fonts += [element.font for element in self.style.elements.values()]
        fonts.append(self.style.page_number.font)
        table = _related_part(self.doc, "/fontTable")
        if table is not None:
            table._blob = font_table_xml(fonts)
        ooxml.word_2013_settings(self.doc.settings.element)
        footer_style = self.doc.styles["Footer"]  # the template's, linked to a character style left out
        for stale in ("link", "pPr/tabs"):  # a missing character style; tab stops for US Letter
            found = footer_style.element.find("/".join(f"{{{_W}}}{part}" for part in stale.split("/")))
            if found is not None:
                found.getparent().remove(found)
        footer_style.base_style = self.doc.styles["Normal"]
        number = self.style.page_number
        ooxml.single_spacing(footer_style.element.get_or_add_pPr())
        ooxml.run_properties(footer_style.element.get_or_add_rPr(), latin=number.font, east_asian=number.font,
                             size_pt=number.size_pt, tracking_twips=0, color=self.style.colors["text"])

    def _first_page_footer(self, section) -> None:
        """No page number on page 1 (§10.1); the 信函's lower red double rule lives there instead."""
        section.different_first_page_header_footer = True
        footer = section.first_page_footer
        footer.is_linked_to_previous = False

    @staticmethod
    def _text_run(paragraph, text: str, rpr) -> None:
        if not text:
            return
        run = paragraph.add_run(text)
        run._r.insert(0, copy.deepcopy(rpr))

    # -- blocks at the end of the body ----------------------------------------------------------------
    def _add_paragraph(self):
        from docx.text.paragraph import Paragraph as DocxParagraph

        return DocxParagraph(ooxml.block_before(self._sect_pr, "w:p"), self.doc._body)

    def _add_table(self, rows: int, cols: int):
        from docx.table import Table as DocxTable

        section = self.doc.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        table = DocxTable(ooxml.table_before(self._sect_pr, rows, cols, width), self.doc._body)
        table.style = None
        return table

    def _add_section(self, start):
        section = self.doc.add_section(start)
        self._sect_pr = self.doc.element.body.sectPr
        return section

    # -- content ------------------------------------------------------------------------------------
    def render(self, plan: Plan) -> None:
        for item in plan.items:
            if isinstance(item, Table):
                self._table(item)
            elif isinstance(item, Colophon):
                self._colophon(item)
            elif isinstance(item, PageRule):
                self._page_rule(item)
            elif isinstance(item, JointMark):
                self._joint_mark(item)
            else:
                self._paragraph(item)

    def _paragraph(self, spec: Paragraph, container=None) -> None:
        paragraph = container.add_paragraph() if container is not None else self._add_paragraph()
        # Paragraphs of one format have the same w:pPr: built once a style, copied after that.
        form = dataclasses.replace(spec, runs=(), seal=None, source=None)
        properties = self._paragraph_properties.get(form)
        if properties is None:
            self._format(paragraph, spec)
            self._paragraph_properties[form] = copy.deepcopy(paragraph._p.pPr)
        else:
            paragraph._p.insert(0, copy.deepcopy(properties))
        if spec.seal is not None:
            self._seal(paragraph, spec.seal)
        for run_spec in spec.runs:
            rpr = self._run_rpr[run_spec.element]
            if run_spec.size_pt is not None:
                rpr = copy.deepcopy(rpr)
                ooxml.size_override(rpr, run_spec.size_pt)
            run = self._runs(paragraph._p, rpr, run_spec.text)
            if run_spec.break_after:
                ooxml.line_break(run)
        return paragraph

    def _format(self, paragraph, spec: Paragraph) -> None:
        """The paragraph's w:pPr: its style, what it changes of the style, tab stop, line, rules."""
        element = self.style.element(spec.element)
        ooxml.paragraph_style(paragraph._p, self._style_ids[spec.element])  # by id: name look-ups are slow
        overrides = (spec.first_line_twips, spec.left_twips, spec.right_twips, spec.align, spec.keep_next,
                     spec.widow_control)
        if any(value is not None for value in overrides) or spec.page_break_before:
            ooxml.paragraph_properties(
                paragraph._p.get_or_add_pPr(),
                align=spec.align or element.align,
                first_line=spec.first_line_twips if spec.first_line_twips is not None
                else round(element.first_line_indent_chars * element.char_twips),
                left=spec.left_twips if spec.left_twips is not None
                else round(element.left_indent_chars * element.char_twips),
                right=spec.right_twips if spec.right_twips is not None
                else round(element.right_indent_chars * element.char_twips),
                keep_next=spec.keep_next if spec.keep_next is not None else element.keep_with_next,
                page_break_before=spec.page_break_before or element.page_break_before,
                widow_control=spec.widow_control if spec.widow_control is not None else self.style.page.widow_control,
                snap_to_grid=element.size_pt <= self.body.size_pt and element.line_pitch_pt is None)
        if spec.right_tab_twips is not None:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(spec.right_tab_twips), WD_TAB_ALIGNMENT.RIGHT)
        ppr = paragraph._p.get_or_add_pPr()
        if spec.line_twips is not None:
            ooxml.exact_line(ppr, spec.line_twips)
        if spec.off_grid:
            ooxml.off_grid(ppr)
        if spec.border_bottom is not None or spec.border_top is not None:
            ooxml.paragraph_rules(ppr, top=spec.border_top, bottom=spec.border_bottom)

    def _table(self, spec: Table) -> None:
        columns = max(len(row) for row in spec.rows)
        if spec.landscape:
            self._turn_page(landscape=True)
        table = self._add_table(rows=0, cols=columns)
        table.style = self.doc.styles["Table Grid"]
        widths = spec.column_twips or (self.style.page.type_width_twips // columns,) * columns
        ooxml.fixed_table(table._tbl, sum(widths))
        for column, width in zip(table.columns, widths):
            column.width = Twips(width)
        for index, cells in enumerate(spec.rows):
            row = table.add_row()
            ooxml.cant_split_row(row._tr)  # §8 practice: rows are not split across pages
            if index < spec.header_rows:
                ooxml.repeat_header_row(row._tr)  # the header row again on every page
            if len(cells) == 1 and columns > 1:
                targets = [(row.cells[0].merge(row.cells[columns - 1]), cells[0], sum(widths))]
            else:
                padded = tuple(cells) + ("",) * (columns - len(cells))
                targets = [(cell, text, width) for cell, text, width in zip(row.cells, padded, widths)]
            for cell, text, width in targets:
                cell.width = Twips(width)
                paragraph = cell.paragraphs[0]
                ooxml.paragraph_style(paragraph._p, self._style_ids[spec.element])
                self._runs(paragraph._p, self._run_rpr[spec.element], text)
        if spec.landscape:
            self._turn_page(landscape=False)

    def _turn_page(self, *, landscape: bool) -> None:
        """Start a new section, landscape for a wide table or portrait again after it (§8). The
        landscape page keeps the margins of the portrait page, turned: its writing width is the
        版心's height. Page numbers stay in the footers of the turned page."""
        from docx.enum.section import WD_ORIENT

        page = self.style.page
        section = self._add_section(WD_SECTION.NEW_PAGE)
        portrait = (page.width_mm, page.height_mm, page.margin_top_mm, page.margin_bottom_mm,
                    page.margin_left_mm, page.margin_right_mm)
        width, height, top, bottom, left, right = portrait
        if landscape:
            # turned a quarter clockwise: the binding edge (订口) ends up on top
            width, height, top, bottom, left, right = height, width, left, right, top, bottom
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(mm_to_twips(width)), Twips(mm_to_twips(height))
        section.top_margin, section.bottom_margin = Twips(mm_to_twips(top)), Twips(mm_to_twips(bottom))
        section.left_margin, section.right_margin = Twips(mm_to_twips(left)), Twips(mm_to_twips(right))

    def _colophon(self, spec: Colophon) -> None:
        """One row a line, rules as cell borders, the table floated to the bottom of the type area, so
        that its last rule lies on the 版心's bottom edge (§7.4.1)."""
        if spec.placement == BLANK_PAGE_FIRST:
            # §7.5: a blank page before the 版记 page; neither carries a page number.
            # A new section with empty footers; its first page is the blank page (written out, since
            # PDF export drops the blank pages an even-page break would only imply).
            new_section = self._add_section(WD_SECTION.NEW_PAGE)
            for footer in (new_section.footer, new_section.even_page_footer):
                footer.is_linked_to_previous = True  # drop the references copied from the text's section
                footer.is_linked_to_previous = False  # and give this section footers of its own, empty
            self._paragraph(Paragraph("body"))  # the blank page
        width = self.style.page.type_width_twips
        table = self._add_table(rows=len(spec.rows), cols=1)
        # Bottom-aligned to the type area by the layout engine itself (tblpYSpec), whatever its rows take.
        ooxml.float_table_at_bottom(table._tbl, width, mm_to_twips(self.style.page.margin_left_mm))
        table.columns[0].width = Twips(width)
        last = len(spec.rows) - 1
        for index, row_spec in enumerate(spec.rows):
            row = table.rows[index]
            ooxml.cant_split_row(row._tr)
            cell = row.cells[0]
            cell.width = Twips(width)
            top = spec.outer_rule if index == 0 else (spec.inner_rule if spec.separated[index - 1] else None)
            bottom = spec.outer_rule if index == last else None
            ooxml.cell_rules(cell._tc, top=top, bottom=bottom)
            self._paragraph(row_spec, container=cell)
            cell._tc.remove(cell.paragraphs[0]._p)
        # The floating table is anchored to the paragraph after it: that paragraph decides its page.
        self._paragraph(Paragraph("body", page_break_before=spec.placement in (NEXT_PAGE, BLANK_PAGE_FIRST)))

    def _runs(self, paragraph_element, rpr, text: str):
        """Runs for text; quotes, dashes and ellipses get the Chinese font for every script, since
        LibreOffice ignores w:hint and would draw them half-width from the Latin font."""
        if self.libreoffice:
            text = script_joints(text)
        last = None
        for piece, shared in _script_pieces(text):
            last = ooxml.new_run(paragraph_element, self._cjk_punctuation_rpr(rpr) if shared else rpr, piece)
        return last if last is not None else ooxml.new_run(paragraph_element, rpr, "")

    def _cjk_punctuation_rpr(self, rpr):
        key = id(rpr)
        if key not in self._punctuation_rpr:
            self._punctuation_rpr[key] = (rpr, ooxml.east_asian_everywhere(rpr))
        return self._punctuation_rpr[key][1]

    def _seal(self, paragraph, seal) -> None:
        from govfmt.errors import InputError

        run = paragraph.add_run()
        try:
            run.add_picture(seal.image, width=Twips(seal.diameter_twips), height=Twips(seal.diameter_twips))
        except Exception as exc:  # python-docx names unreadable images by their class only
            raise InputError(_("印章图片 {image} is not a PNG, JPEG or GIF image it can read ({name})")
                              .format(image=seal.image, name=type(exc).__name__)) from None
        ooxml.float_picture(run._r, left_emu=seal.left_twips * 635, top_emu=seal.top_twips * 635)

    def _joint_mark(self, spec: JointMark) -> None:
        """A borderless table: names in the first column, spread to one width; the suffix in the second,
        spanning all rows and centred on them."""
        from govfmt.layout.metrics import text_width_pt

        # half a character of slack: a cell cut to the exact width wraps its last character
        names_width = round((max(text_width_pt(name, spec.size_pt) for name in spec.names) + spec.size_pt / 2) * 20)
        suffix_width = round(text_width_pt(spec.suffix, spec.size_pt) * 20) + round(spec.size_pt * 20)
        table = self._add_table(rows=len(spec.names), cols=2)
        ooxml.centred_table(table._tbl, names_width + suffix_width)
        table.columns[0].width = Twips(names_width)
        table.columns[1].width = Twips(suffix_width)
        for index, name in enumerate(spec.names):
            row = table.rows[index]
            ooxml.exact_row_height(row._tr, spec.line_twips)
            for column, (text, align) in enumerate(((name, "distribute"), (spec.suffix if index == 0 else "", "right"))):
                cell = row.cells[column]
                cell.width = Twips(names_width if column == 0 else suffix_width)
                ooxml.cell_rules(cell._tc)
                if column == 1:
                    ooxml.vertical_merge(cell._tc, restart=index == 0)
                    ooxml.cell_vertical_centre(cell._tc)
                self._paragraph(Paragraph("issuer_mark", (Run(text, "issuer_mark", size_pt=spec.size_pt),)
                                          if text else (), align=align, first_line_twips=0,
                                          line_twips=spec.line_twips, off_grid=True), container=cell)
                cell._tc.remove(cell.paragraphs[0]._p)

    def _page_rule(self, spec: PageRule) -> None:
        """A rule at a fixed place on the current page: an empty one-cell table floated there."""
        table = self._add_table(rows=1, cols=1)
        width = mm_to_twips(spec.width_mm)
        ooxml.float_table_on_page(table._tbl, width, mm_to_twips(spec.left_mm),
                                  mm_to_twips(spec.top_mm - self.style.page.margin_top_mm))
        table.columns[0].width = Twips(width)
        cell = table.rows[0].cells[0]
        cell.width = Twips(width)
        ooxml.cell_rules(cell._tc, bottom=spec.rule)
        ooxml.exact_line(cell.paragraphs[0]._p.get_or_add_pPr(), 20)
        ooxml.off_grid(cell.paragraphs[0]._p.get_or_add_pPr())

    def describe(self, title: str) -> None:
        """Document properties: govfmt as the program and author, the time of writing, the title."""
        import datetime

        from govfmt import __version__

        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
        properties = self.doc.core_properties
        properties.title = title
        properties.author = "govfmt"
        properties.last_modified_by = "govfmt"
        properties.comments = f"govfmt {__version__}"
        properties.created = now
        properties.modified = now
        properties.revision = 1
        app = _related_part(self.doc, "/extended-properties")
        if app is not None:
            app._blob = ooxml.extended_properties_xml(application=f"govfmt {__version__}", title=title)

    def save(self, path: str | Path) -> None:
        self.doc.save(str(path))


def write_plan(plan: Plan, style: Style, path: str | Path, stamp: str | None = None, *,
               renderer: str = WORD) -> None:
    """Write a laid-out plan as DOCX at path (no layout happens here). renderer="libreoffice" for a
    DOCX that is only rendered to PDF by LibreOffice: it undoes that program's misreading of
    w:overflowPunct (see ooxml.east_asian_typography); the page layout is the same."""
    writer = DocxWriter(style, renderer)
    writer.render(plan)
    writer.describe(plan_title(plan))
    if stamp:
        writer.doc.core_properties.identifier = stamp  # what it was made with, for incremental runs
    writer.save(path)


def plan_title(plan: Plan) -> str:
    """The document's title as one line (the first title of the plan), or "" without one."""
    for item in plan.items:
        if isinstance(item, Paragraph) and item.element == "title":
            return ooxml.xml_text("".join(run.text for run in item.runs)).strip()
    return ""


def write_docx(document: Document, style: Style, path: str | Path, colophon_placement: str = SAME_PAGE,
               stamp: str | None = None, composition: Composition | None = None, *,
               renderer: str = WORD) -> Plan:
    """Lay out a parsed document and write it as DOCX at path; returns the plan used (for callers that
    do not hold a plan; colophon_placement is the older way to give Composition(colophon=…))."""
    if composition is None:
        composition = Composition(colophon=colophon_placement)
    plan = plan_document(document, style, composition)
    write_plan(plan, style, path, stamp=stamp, renderer=renderer)
    return plan
