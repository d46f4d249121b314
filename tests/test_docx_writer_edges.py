"""The DOCX writer where a style or a draft asks for something out of the common run: printing on one side
(every page number at the right, §7.5), a seal image that is no image, a renderer that does not exist."""

from __future__ import annotations

import pytest

from docx_xml import NS, attr, part
from govfmt.cli import main
from govfmt.docx.writer import DocxWriter
from govfmt.style import load_style

DRAFT = "关于开展安全检查的通知\n\n各单位：\n请于3月1日前完成自查并报送结果。\n\n某某市人民政府\n2024年2月1日\n"
RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def run(args, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", *map(str, args)])
    return exited.value.code, capsys.readouterr().err


def test_printed_on_one_side_every_page_number_stands_at_the_right(tmp_path, capsys):
    variant = tmp_path / "one-sided.toml"
    variant.write_text('extends = "gbt9704"\nname = "one-sided"\n[page]\nduplex = false\n', encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, err = run(["convert", draft, "--style", variant], capsys)
    assert code == 0, err
    docx = tmp_path / "d.docx"
    assert part(docx, "word/settings.xml").find("w:evenAndOddHeaders", NS) is None
    sect = part(docx, "word/document.xml").find(".//w:body/w:sectPr", NS)
    refs = sect.findall("w:footerReference", NS)
    assert [attr(r, "type") for r in refs] == ["default"]
    targets = {r.get("Id"): r.get("Target") for r in part(docx, "word/_rels/document.xml.rels")}
    footer = part(docx, "word/" + targets[refs[0].get(RID)]).find("w:p", NS)
    assert attr(footer.find("w:pPr/w:jc", NS), "val") == "right"
    assert attr(footer.find("w:pPr/w:ind", NS), "right") == "280"  # §7.5: 一字 (四号, 14 pt) from the edge


def test_a_seal_image_that_is_no_image_is_one_sentence(tmp_path, capsys):
    fake = tmp_path / "印章.png"
    fake.write_text("not a picture", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(f"---\n印章: 有\n印章图片: {fake.name}\n---\n" + DRAFT, encoding="utf-8")
    code, err = run(["convert", draft], capsys)
    assert code == 2
    assert err.startswith(f"govfmt: {draft}: 印章图片 {fake} is not a PNG, JPEG or GIF image it can read (")
    assert not (tmp_path / "d.docx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt", "印章.png"]


def test_only_the_known_renderers_are_written_for():
    with pytest.raises(ValueError, match="renderer must be one of"):
        DocxWriter(load_style(), renderer="wps")
