"""What Word and WPS read from the package before any text: fonts, compatibility, language, properties,
styles (issue: a DOCX a Word or WPS user opens without surprise). Read from the XML itself."""

import datetime
import zipfile

import pytest

from govfmt.docx import write_docx
from govfmt.reader import read_document
from govfmt.style import load_style

from conftest import REPO
from docx_xml import NS, W, attr, part

STYLE = load_style()


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("word") / "d.docx"
    write_docx(read_document(REPO / "samples" / "文件-版头版记.txt"), STYLE, out)
    return out


def test_every_font_used_is_declared_with_its_windows_names_and_gb2312_charset(docx):
    used = set()
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
        for fonts in part(docx, name).iter(f"{{{W}}}rFonts"):
            used.update(v for k, v in fonts.attrib.items() if k.split("}")[1] in ("ascii", "hAnsi", "eastAsia", "cs"))
    table = {attr(font, "name"): font for font in part(docx, "word/fontTable.xml").findall("w:font", NS)}
    assert used and used <= set(table), used - set(table)
    expected = {"仿宋_GB2312": "FangSong_GB2312", "黑体": "SimHei", "楷体_GB2312": "KaiTi_GB2312", "宋体": "SimSun",
                "方正小标宋简体": "FZXiaoBiaoSong-B05S"}
    for name, alt in expected.items():
        font = table[name]
        assert attr(font.find("w:altName", NS), "val") == alt
        assert attr(font.find("w:charset", NS), "val") == "86"  # GB2312_CHARSET
        assert len(attr(font.find("w:panose1", NS), "val")) == 20
    assert not {"Cambria", "ＭＳ 明朝", "Calibri"} & set(table)  # nothing of the template's


def test_word_2013_mode_and_chinese_everywhere(docx):
    settings = part(docx, "word/settings.xml")
    modes = [s for s in settings.iter(f"{{{W}}}compatSetting") if attr(s, "name") == "compatibilityMode"]
    assert [attr(s, "val") for s in modes] == ["15"]
    assert attr(settings.find("w:themeFontLang", NS), "eastAsia") == "zh-CN"
    for name in ("word/styles.xml", "word/document.xml"):
        langs = list(part(docx, name).iter(f"{{{W}}}lang"))
        assert langs and all(attr(lang, "eastAsia") == "zh-CN" for lang in langs)


def test_no_hanging_marks_and_no_automatic_script_spacing_for_word_and_wps(docx):
    styles = part(docx, "word/styles.xml")
    for where in (styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS),
                  styles.find("w:style[@w:styleId='Normal']/w:pPr", NS)):
        assert attr(where.find("w:overflowPunct", NS), "val") == "0"
        assert attr(where.find("w:autoSpaceDE", NS), "val") == "0"
        assert attr(where.find("w:autoSpaceDN", NS), "val") == "0"
    assert "\u200b" not in "".join(t.text or "" for t in part(docx, "word/document.xml").iter(f"{{{W}}}t"))


def test_properties_name_govfmt_the_date_and_the_title(docx):
    core = part(docx, "docProps/core.xml")
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
          "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
    assert core.find("dc:title", ns).text == "国务院办公厅关于做好2024年春节期间安全生产和值班值守工作的通知"
    assert core.find("dc:creator", ns).text == "govfmt"
    created = datetime.datetime.fromisoformat(core.find("dcterms:created", ns).text.replace("Z", "+00:00"))
    assert abs((datetime.datetime.now(datetime.timezone.utc) - created).total_seconds()) < 600
    app = part(docx, "docProps/app.xml")
    text = "".join(app.itertext())
    assert "govfmt" in text and "Microsoft" not in text and "国务院办公厅关于做好" in text
    with zipfile.ZipFile(docx) as archive:
        assert not any(name.startswith(("docProps/thumbnail", "customXml")) for name in archive.namelist())


def test_every_style_referred_to_is_defined(docx):
    with zipfile.ZipFile(docx) as archive:
        parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
    defined = {attr(s, "styleId") for s in part(docx, "word/styles.xml").findall("w:style", NS)}
    referred = set()
    for name in parts:
        for tag in ("pStyle", "rStyle", "tblStyle", "basedOn", "next"):
            referred.update(attr(e, "val") for e in part(docx, name).iter(f"{{{W}}}{tag}"))
    assert "Footer" in referred and referred <= defined, referred - defined
