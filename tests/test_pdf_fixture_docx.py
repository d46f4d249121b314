"""A hand-built DOCX laid out as GBT9704.md §14 describes, so PDF rendering and measuring can be tested
without the document writer. The tests here pin the OOXML values the PDF tests rely on."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

BODY_SENTENCE = "为深入贯彻落实党中央国务院决策部署，进一步加强和改进机关公文处理工作，提高公文质量和办文效率，现就有关事项通知如下。"


def _set(element, tag: str, **attrs) -> object:
    child = element.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        element.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), str(value))
    return child


def _fonts(rpr, east_asia: str, latin: str = "Times New Roman") -> None:
    old = rpr.find(qn("w:rFonts"))
    if old is not None:  # theme attributes (asciiTheme …) would win over the names
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for key, value in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asia), ("cs", latin)):
        fonts.set(qn(f"w:{key}"), value)
    rpr.insert(0, fonts)


def _footer_paragraph(footer, align: str, indent_side: str) -> None:
    paragraph = footer.paragraphs[0]
    ppr = paragraph._p.get_or_add_pPr()
    _set(ppr, "w:snapToGrid", val=0)
    _set(ppr, "w:spacing", line=240, lineRule="auto")
    _set(ppr, "w:ind", firstLineChars=0, firstLine=0, **{indent_side: 280})  # Footer inherits Normal's indent
    _set(ppr, "w:jc", val=align)

    def run(text: str | None, field: str | None = None) -> None:
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        _set(rpr, "w:rFonts", ascii="宋体", hAnsi="宋体", eastAsia="宋体", hint="eastAsia")
        _set(rpr, "w:spacing", val=0)
        _set(rpr, "w:sz", val=28)
        r.append(rpr)
        if field is not None:
            _set(r, "w:fldChar", fldCharType=field)
        else:
            t = OxmlElement("w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = text
            r.append(t)
        paragraph._p.append(r)

    run("— ")
    run(None, "begin")
    r = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.text = " PAGE "
    r.append(instr)
    paragraph._p.append(r)
    run(None, "separate")
    run("1")
    run(None, "end")
    run(" —")


def build_docx(path: Path, *, paragraphs: int = 40, title: str | None = "关于进一步加强机关公文处理工作的通知",
               body: str = BODY_SENTENCE, footer_twips: int = 1426, tracking: int = -5) -> Path:
    """A 公文-like DOCX: optional 二号小标宋 title, then `paragraphs` body paragraphs of pure CJK text."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Twips(2098), Twips(1984)
    section.left_margin, section.right_margin = Twips(1587), Twips(1474)
    section.header_distance, section.footer_distance = Twips(851), Twips(footer_twips)
    document.settings.odd_and_even_pages_header_footer = True
    _set(section._sectPr, "w:docGrid", type="lines", linePitch=579)

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, "仿宋_GB2312")
    _set(rpr, "w:spacing", val=tracking)
    _set(rpr, "w:sz", val=32)
    _set(rpr, "w:szCs", val=32)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    ppr = _set(ppr_default, "w:pPr")
    _set(ppr, "w:spacing", before=0, after=0, line=579, lineRule="exact")

    normal = document.styles["Normal"]
    for child in list(normal.element.get_or_add_rPr()):
        normal.element.get_or_add_rPr().remove(child)
    npr = normal.element.get_or_add_pPr()
    _set(npr, "w:widowControl", val=0)
    _set(npr, "w:jc", val="both")
    _set(npr, "w:ind", firstLineChars=200, firstLine=640)

    if title:
        for _ in range(2):
            document.add_paragraph()
        heading = document.add_paragraph()
        hpr = heading._p.get_or_add_pPr()
        _set(hpr, "w:snapToGrid", val=0)
        _set(hpr, "w:ind", firstLineChars=0, firstLine=0)
        _set(hpr, "w:jc", val="center")
        run = heading.add_run(title)
        _fonts(run._r.get_or_add_rPr(), "方正小标宋简体")
        run.font.size = Pt(22)
        document.add_paragraph()
    for _ in range(paragraphs):
        document.add_paragraph(body * 2)

    _footer_paragraph(section.footer, "right", "right")
    _footer_paragraph(section.even_page_footer, "left", "left")
    document.save(path)
    return path


def test_fixture_has_the_layout_values_the_pdf_tests_rely_on(tmp_path):
    path = build_docx(tmp_path / "a.docx", paragraphs=2)
    document = docx.Document(path)
    sectpr = document.sections[0]._sectPr
    margins = sectpr.find(qn("w:pgMar"))
    assert [margins.get(qn(f"w:{k}")) for k in ("top", "right", "bottom", "left", "footer")] == \
        ["2098", "1474", "1984", "1587", "1426"]
    assert sectpr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"
    assert document.settings.odd_and_even_pages_header_footer
    footer_text = "".join(t.text for t in document.sections[0].even_page_footer._element.iter(qn("w:t")))
    assert footer_text == "— 1 —"
