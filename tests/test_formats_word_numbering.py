"""Word drafts as clerks have them: automatic numbering, text boxes, footnotes, page headers."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from word_drafts import (W_NS, abstract_numbering_xml, add_numbering, number_paragraph, numbered_draft,
                         ordinals_run_in_sequence)

from conftest import CORPUS
from govfmt.errors import InputError
from govfmt.parse import parse
from govfmt.read import read_source
from govfmt.read.numbering import chinese_counting, format_number

NUMBERED_DOCS = [path for path in sorted((CORPUS / "docs").glob("*.txt"))
                 if ordinals_run_in_sequence(path.read_text(encoding="utf-8"))
                 and any(line.startswith(("一、", "（一）")) for line in path.read_text(encoding="utf-8").split("\n"))]


def headings(document) -> list[tuple[int, str]]:
    return [(block.level, block.text) for block in document.of_kind("heading")]


def test_the_corpus_has_numbered_drafts_to_rebuild():
    assert len(NUMBERED_DOCS) >= 5


@pytest.mark.parametrize("draft", NUMBERED_DOCS, ids=lambda p: p.name)
def test_word_numbering_reaches_the_text_and_the_headings_are_found(draft, tmp_path):
    text = draft.read_text(encoding="utf-8")
    path = numbered_draft(text, tmp_path / f"{draft.stem}.docx")
    source = read_source(path)
    assert [line.strip() for line in source.text.split("\n") if line.strip()] == \
        [line.strip() for line in text.split("\n") if line.strip()]
    plain = tmp_path / draft.name
    plain.write_text(text, encoding="utf-8")
    expected = headings(parse(read_source(plain)))
    assert expected, "the draft has headings"
    assert headings(parse(source)) == expected


def test_numbering_on_the_heading_style_restarts_and_start_values(tmp_path):
    document = docx.Document()
    add_numbering(document, abstract_numbering_xml(91, {}, starts={0: 3}), num_id=91, abstract_id=91)
    add_numbering(document, abstract_numbering_xml(92, {}), num_id=92, abstract_id=92, start_overrides={0: 1})
    styles = document.styles.element
    heading = styles.xpath('w:style[@w:styleId="Heading1"]')[0]
    heading.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:numId w:val="91"/></w:numPr>'))
    document.add_paragraph("关于做好年度考核工作的通知")
    document.add_paragraph("总体要求", style="Heading 1")      # starts at 3: 三、
    sub = document.add_paragraph("明确范围。")
    number_paragraph(sub, 91, 1)                              # （一）
    sub = document.add_paragraph("压实责任。")
    number_paragraph(sub, 91, 1)                              # （二）
    document.add_paragraph("工作安排", style="Heading 1")      # 四、 and level 2 restarts
    sub = document.add_paragraph("按时报送。")
    number_paragraph(sub, 91, 1)                              # （一）
    again = document.add_paragraph("另起一组")
    number_paragraph(again, 92, 0)                            # its own list: 一、
    off = document.add_paragraph("不编号的段落")
    number_paragraph(off, 0, 0)                               # numId 0 removes the style's numbering
    document.save(tmp_path / "s.docx")
    assert read_source(tmp_path / "s.docx").text.split("\n")[:8] == [
        "关于做好年度考核工作的通知", "三、总体要求", "（一）明确范围。", "（二）压实责任。", "四、工作安排",
        "（一）按时报送。", "一、另起一组", "不编号的段落"]


def test_a_level_with_restart_zero_keeps_counting(tmp_path):
    document = docx.Document()
    add_numbering(document, abstract_numbering_xml(93, {2: "%3."}, restarts={2: 0}), num_id=93, abstract_id=93)
    for level, text in ((0, "甲"), (2, "子"), (0, "乙"), (2, "丑")):
        number_paragraph(document.add_paragraph(text), 93, level)
    document.save(tmp_path / "r.docx")
    assert read_source(tmp_path / "r.docx").text.split("\n")[:4] == ["一、甲", "1.子", "二、乙", "2.丑"]


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCounting", "二十"), (105, "chineseCountingThousand", "一百零五"),
    (3, "decimal", "3"), (3, "decimalFullWidth", "３"), (3, "decimalEnclosedCircle", "③"),
    (2, "ideographTraditional", "乙"), (4, "lowerLetter", "d"), (9, "upperRoman", "IX"),
    (3, "chineseLegalSimplified", "叁"),
])
def test_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_chinese_counting_over_the_hundreds():
    assert [chinese_counting(n) for n in (11, 99, 110, 1010)] == ["十一", "九十九", "一百一十", "一千零一十"]


def test_text_boxes_and_footnotes_are_kept(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于加强安全生产的通知")
    anchor = document.add_paragraph("各单位：")
    box = ('<w:r %s xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent>'
           '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>'
           '<w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r>') % W_NS
    anchor._p.append(parse_xml(box))
    body = document.add_paragraph("请于月底前完成自查")
    body._p.append(parse_xml(f'<w:r {W_NS}><w:footnoteReference w:id="1"/></w:r>'))
    body.add_run("。")
    document.save(tmp_path / "n.docx")
    _add_footnotes(tmp_path / "n.docx", {"1": "自查表见附件。"})
    lines = read_source(tmp_path / "n.docx").text.split("\n")
    assert lines[:4] == ["关于加强安全生产的通知", "各单位：", "文本框里的说明", "请于月底前完成自查。"]
    assert lines.count("文本框里的说明") == 1
    assert "注1：自查表见附件。" in lines


def _add_footnotes(path, notes: dict[str, str]) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    items = "".join(f'<w:footnote w:id="{k}"><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:footnote>'
                    for k, v in notes.items())
    parts["word/footnotes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W_NS}>'
                                   '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p>'
                                   f"</w:footnote>{items}</w:footnotes>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_header_text_is_refused_by_name_and_page_numbers_are_not(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于开展检查的通知")
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "第 1 页 共 2 页"
    document.save(tmp_path / "p.docx")
    assert read_source(tmp_path / "p.docx").text == "关于开展检查的通知\n"
    document.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    document.save(tmp_path / "h.docx")
    with pytest.raises(InputError) as caught:
        read_source(tmp_path / "h.docx")
    assert "内部资料 注意保存" in str(caught.value) and str(tmp_path / "h.docx") in str(caught.value)


def test_a_doctype_anywhere_in_any_encoding_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "d.docx"
    docx.Document().save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!--' + "x" * 6000 + f'--><!DOCTYPE w:document [<!ENTITY e "秘">]>'
           f'<w:document {W_NS}><w:body><w:p><w:r><w:t>&e;通知</w:t></w:r></w:p></w:body></w:document>')
    for encoded in (xml.encode("utf-16"), xml.replace("UTF-16", "UTF-8").encode("utf-8")):
        parts["word/document.xml"] = encoded
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        with pytest.raises(InputError, match="DOCTYPE"):
            read_source(path)
    parts["word/document.xml"] = xml.replace("UTF-16", "UTF-32").encode("utf-32")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(InputError, match="not well-formed"):
        read_source(path)
