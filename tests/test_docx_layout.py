"""The DOCX as Word and LibreOffice read it: page, grid, pitch, fonts per element, footers."""

from pathlib import Path

import pytest
from docx import Document as open_docx

from govfmt.docx import write_docx
from govfmt.reader import read_document
from govfmt.style import load_style

from conftest import CORPUS
from docx_xml import NS, W, attr, paragraph_text, paragraphs, part, style_of


@pytest.fixture(scope="module")
def docx_001(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "001.docx"
    write_docx(read_document(CORPUS / "docs" / "001.txt"), load_style(), out)
    return out


def _sect(path):
    return part(path, "word/document.xml").find(".//w:body/w:sectPr", NS)


def test_page_is_a4_with_gbt9704_margins(docx_001):
    sect = _sect(docx_001)
    size = sect.find("w:pgSz", NS)
    assert abs(int(attr(size, "w")) - 11906) <= 2 and abs(int(attr(size, "h")) - 16838) <= 2
    assert attr(size, "orient") in (None, "portrait")
    margins = sect.find("w:pgMar", NS)
    assert {k: int(attr(margins, k)) for k in ("top", "bottom", "left", "right")} == \
        {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
    assert int(attr(margins, "footer")) == 1426


def test_line_grid_and_exact_pitch_agree_at_579(docx_001):
    grid = _sect(docx_001).find("w:docGrid", NS)
    assert attr(grid, "type") == "lines" and attr(grid, "linePitch") == "579"
    styles = part(docx_001, "word/styles.xml")
    spacing = styles.find("w:docDefaults/w:pPrDefault/w:pPr/w:spacing", NS)
    assert attr(spacing, "line") == "579" and attr(spacing, "lineRule") == "exact"
    for p in paragraphs(docx_001):
        direct = p.find("w:pPr/w:spacing", NS)
        assert direct is None or attr(direct, "line") == "579"


def test_body_tracking_gives_28_characters_and_widow_control_is_off(docx_001):
    styles = part(docx_001, "word/styles.xml")
    assert attr(styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:spacing", NS), "val") == "-5"
    normal = styles.find("w:style[@w:styleId='Normal']/w:pPr/w:widowControl", NS)
    assert attr(normal, "val") == "0"


def test_every_run_names_its_east_asian_font_and_no_theme_fonts(docx_001):
    root = part(docx_001, "word/document.xml")
    runs = [r for r in root.iter(f"{{{W}}}r") if r.find("w:t", NS) is not None]
    assert runs
    for run in runs:
        fonts = run.find("w:rPr/w:rFonts", NS)
        assert fonts is not None and attr(fonts, "eastAsia")
    for path in ("word/document.xml", "word/styles.xml"):
        xml = part(docx_001, path)
        for fonts in xml.iter(f"{{{W}}}rFonts"):
            assert not any(a.endswith("Theme") or a.endswith("theme") for a in fonts.attrib), fonts.attrib


def _run_font_and_size(p, index=0):
    run = [r for r in p.findall("w:r", NS) if r.find("w:t", NS) is not None][index]
    return attr(run.find("w:rPr/w:rFonts", NS), "eastAsia"), attr(run.find("w:rPr/w:sz", NS), "val"), \
        run.find("w:rPr/w:b", NS)


def test_fonts_and_sizes_per_element(docx_001):
    seen = {}
    for p in paragraphs(docx_001):
        if paragraph_text(p):
            seen.setdefault(style_of(p), p)
    title_font, title_size, bold = _run_font_and_size(seen["GovTitle"])
    assert (title_font, title_size) == ("方正小标宋简体", "44") and attr(bold, "val") == "0"
    assert _run_font_and_size(seen["GovBody"])[:2] == ("仿宋_GB2312", "32")
    assert _run_font_and_size(seen["GovHeading1"])[:2] == ("黑体", "32")
    assert _run_font_and_size(seen["GovHeading3"])[:2] == ("仿宋_GB2312", "32")
    assert _run_font_and_size(seen["GovAddressee"])[:2] == ("仿宋_GB2312", "32")


def test_run_in_heading_phrase_in_heading_font_rest_in_body_font(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("关于做好工作的通知\n各单位：\n一、总体要求\n（一）坚持稳中求进。要把握工作节奏，稳妥推进。\n", encoding="utf-8")
    out = tmp_path / "d.docx"
    write_docx(read_document(draft), load_style(), out)
    p = [p for p in paragraphs(out) if style_of(p) == "GovHeading2"][0]
    assert _run_font_and_size(p, 0)[0] == "楷体_GB2312"
    assert _run_font_and_size(p, 1)[0] == "仿宋_GB2312"
    assert paragraph_text(p) == "（一）坚持稳中求进。要把握工作节奏，稳妥推进。"


def test_indents_per_element(docx_001):
    styles = part(docx_001, "word/styles.xml")

    def ind(style_id):
        return styles.find(f"w:style[@w:styleId='{style_id}']/w:pPr/w:ind", NS)

    assert attr(ind("GovBody"), "firstLine") == "640"
    assert attr(ind("GovHeading1"), "firstLine") == "640"
    assert attr(ind("GovAddressee"), "firstLine") == "0" and attr(ind("GovAddressee"), "left") == "0"
    jc = styles.find("w:style[@w:styleId='GovTitle']/w:pPr/w:jc", NS)
    assert attr(jc, "val") == "center"


def test_odd_and_even_footers_carry_page_fields(docx_001):
    settings = part(docx_001, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    sect = _sect(docx_001)
    refs = {attr(r, "type"): r for r in sect.findall("w:footerReference", NS)}
    assert set(refs) == {"default", "even"}
    rels = part(docx_001, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    expected = {"default": ("right", "right"), "even": ("left", "left")}
    for kind, ref in refs.items():
        footer = part(docx_001, "word/" + targets[ref.get(rid)])
        p = footer.find("w:p", NS)
        assert attr(p.find("w:pPr/w:jc", NS), "val") == expected[kind][0]
        assert attr(p.find("w:pPr/w:ind", NS), expected[kind][1]) == "280"
        assert "PAGE" in "".join(t.text for t in footer.iter(f"{{{W}}}instrText"))
        texts = [t.text for t in footer.iter(f"{{{W}}}t")]
        assert texts[0] == "— " and texts[-1] == " —"
        fonts = footer.find(".//w:r/w:rPr/w:rFonts", NS)
        assert attr(fonts, "eastAsia") == "宋体" and attr(footer.find(".//w:r/w:rPr/w:sz", NS), "val") == "28"


def test_signature_and_date_follow_the_unsealed_rule(docx_001):
    ps = paragraphs(docx_001)
    sig = [p for p in ps if style_of(p) == "GovSignature"][0]
    date = [p for p in ps if style_of(p) == "GovDate"][0]
    sig_right = int(attr(sig.find("w:pPr/w:ind", NS), "right"))
    date_right = int(attr(date.find("w:pPr/w:ind", NS), "right"))
    # 国务院办公厅 is 6 字; 2019年1月9日 is 3 字 + 6 digits of ½ 字. The date's first character stands
    # 2 字 right of the 署名's first character, and neither comes closer than 2 字 to the right edge
    # (§7.3.5.2; a date about as long as the 署名 pushes the 署名 left).
    char = 320 - 5
    sig_start = sig_right + 6 * char
    date_width = 3 * char + 6 * (160 - 5)
    assert date_right >= 640 and sig_right >= 640
    assert abs((sig_start - 640) - (date_right + date_width)) <= 10


def test_opens_in_python_docx(docx_001):
    doc = open_docx(str(docx_001))
    assert doc.paragraphs[0].text.startswith("国务院办公厅关于开展")
