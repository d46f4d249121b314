"""Style files: every number from the file, variants by copy or `extends`, errors that name the key."""

from pathlib import Path

import pytest

from govfmt.docx import write_docx
from govfmt.errors import StyleError
from govfmt.reader import read_document
from govfmt.style import STYLES_DIR, load_style

from conftest import CORPUS
from docx_xml import NS, attr, part


def test_builtin_styles_load_and_name_their_clauses():
    assert {"gbt9704", "letter", "order", "minutes"} <= {p.stem for p in STYLES_DIR.glob("*.toml")}
    text = (STYLES_DIR / "gbt9704.toml").read_text(encoding="utf-8")
    header, bare = "", []
    for line in text.splitlines():
        if line.startswith("["):
            header = line
        elif "=" in line and not line.lstrip().startswith("#") and header:
            value = line.split("=", 1)[1].split("#")[0]
            if not value.strip().startswith(("\"", "'")) and any(ch.isdigit() for ch in value) \
                    and "#" not in line and "#" not in header:
                bare.append(line)
    assert not bare, f"numbers without the clause they come from: {bare}"
    assert "§5.2.3" in text and "§7.5" in text


def test_a_copied_style_changes_the_output(tmp_path):
    text = (STYLES_DIR / "gbt9704.toml").read_text(encoding="utf-8")
    changed = text.replace('[element.heading2]           # §7.3.3 二级标题 （一）: 楷体 (many provincial norms add bold: set bold = true)\nfont = "kaiti"\nsize = "三号"\nfirst_line_indent_chars = 2\nalign = "both"\nbold = false',
                           '[element.heading2]\nfont = "kaiti"\nsize = "三号"\nfirst_line_indent_chars = 2\nalign = "both"\nbold = true')
    changed = changed.replace('latin = "Times New Roman"', 'latin = "Arial"')
    assert changed != text
    path = tmp_path / "local.toml"
    path.write_text(changed, encoding="utf-8")
    style = load_style(str(path))
    out = tmp_path / "d.docx"
    write_docx(read_document(CORPUS / "docs" / "002.txt"), style, out)
    styles = part(out, "word/styles.xml")
    bold = styles.find("w:style[@w:styleId='GovHeading2']/w:rPr/w:b", NS)
    assert bold is not None and attr(bold, "val") is None  # bold on
    fonts = styles.find("w:style[@w:styleId='GovBody']/w:rPr/w:rFonts", NS)
    assert attr(fonts, "ascii") == "Arial" and attr(fonts, "eastAsia") == "仿宋_GB2312"


def test_extends_lists_only_what_differs(tmp_path):
    path = tmp_path / "tight.toml"
    path.write_text('extends = "gbt9704"\nname = "tight"\n[page]\nline_pitch_pt = 28\n', encoding="utf-8")
    style = load_style(str(path))
    assert style.page.line_pitch_pt == 28 and style.page.margin_top_mm == 37


@pytest.mark.parametrize("content,key", [
    ('extends = "gbt9704"\n[page]\nmargin_top = 37\n', "page.margin_top"),
    ('extends = "gbt9704"\n[page]\nline_pitch_pt = "wide"\n', "page.line_pitch_pt"),
    ('extends = "gbt9704"\n[element.body]\nsize = "七七号"\n', "element.body.size"),
    ('extends = "gbt9704"\n[element.body]\nalign = "middle"\n', "element.body.align"),
    ('extends = "gbt9704"\n[element.banner]\nfont = "heiti"\n', "element.banner"),
    ('extends = "gbt9704"\n[colors]\nred = "red"\n', "colors.red"),
    ('extends = "gbt9704"\n[page]\nline_pitch_pt = 30\n', "page.line_pitch_pt"),
    ('extends = "gbt9704"\n[page_number]\ntext = "- N -"\n', "page_number.text"),
    ('extends = "gbt9704"\n[masthead]\nrule = "dotted"\n', "masthead.rule"),
])
def test_invalid_style_names_the_key(tmp_path, content, key):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StyleError) as info:
        load_style(str(path))
    assert key in str(info.value) and str(path) in str(info.value)


def test_unknown_style_name_and_broken_toml(tmp_path):
    with pytest.raises(StyleError, match="unknown style 'nope'.*gbt9704"):
        load_style("nope")
    broken = tmp_path / "broken.toml"
    broken.write_text("[page\n", encoding="utf-8")
    with pytest.raises(StyleError, match="not valid TOML"):
        load_style(str(broken))
