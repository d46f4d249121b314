"""A .docx draft's text as Word shows it, from packages written part by part: where the main part lives,
content controls, tracked insertions, fields, symbols, notes, and page headers with only page furniture.

The packages are built here from WordprocessingML, so each case holds exactly the construct it is about;
the expectations are the text a reader sees in Word.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from govfmt.errors import InputError
from govfmt.read import read_data

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _part(body: str, root: str = "w:document", inner: str = "w:body") -> str:
    wrapped = f"<{inner}>{body}</{inner}>" if inner else body
    return f'<?xml version="1.0" encoding="UTF-8"?><{root} xmlns:w="{W_NS}">{wrapped}</{root}>'


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _package(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _lines(parts: dict[str, str]) -> list[str]:
    return read_data(_package(parts), "草稿.docx", ".docx").text.split("\n")[:-1]


def test_the_main_part_is_found_through_the_package_relationships():
    rels = (f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId9" Type="{OFFICE_DOCUMENT}" '
            'Target="/word/main.xml"/></Relationships>')
    parts = {"_rels/.rels": rels, "word/main.xml": _part(_p(_r("正文在另一部件。"))),
             "word/document.xml": _part(_p(_r("不是主部件。")))}
    assert _lines(parts) == ["正文在另一部件。"]


def test_a_relationship_to_a_missing_part_falls_back_to_word_document_xml():
    rels = (f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="http://example.org/other" '
            'Target="docProps/app.xml"/><Relationship Id="rId2" Type="' + OFFICE_DOCUMENT + '" '
            'Target="word/gone.xml"/></Relationships>')
    assert _lines({"_rels/.rels": rels, "word/document.xml": _part(_p(_r("各单位：")))}) == ["各单位："]


def test_a_main_part_without_a_body_is_refused_by_name():
    with pytest.raises(InputError) as caught:
        _lines({"word/document.xml": _part("", inner="")})
    assert str(caught.value) == "草稿.docx: is not a Word document (word/document.xml has no body)"


def test_content_controls_insertions_and_custom_xml_keep_their_text():
    body = ("<w:sdt><w:sdtPr/><w:sdtContent>" + _p(_r("控件里的标题")) + "</w:sdtContent></w:sdt>"
            "<w:sdt><w:sdtPr/></w:sdt>"  # a control without content: nothing to read
            "<w:ins w:id='1' w:author='a'>" + _p(_r("修订插入的段落。")) + "</w:ins>"
            "<w:customXml w:element='x'>" + _p(_r("自定义标记中的段落。")) + "</w:customXml>"
            "<w:del w:id='2' w:author='a'>" + _p("<w:r><w:delText>删除的段落。</w:delText></w:r>") + "</w:del>")
    assert _lines({"word/document.xml": _part(body)}) == ["控件里的标题", "修订插入的段落。", "自定义标记中的段落。"]


def test_table_rows_inside_content_controls_and_insertions_are_rows():
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + cell + cell + "</w:tr>"
    table = ("<w:tbl><w:tblPr/>" + row.format("序号", "单位")
             + "<w:sdt><w:sdtContent>" + row.format("1", "办公室") + "</w:sdtContent></w:sdt>"
             + "<w:sdt><w:sdtPr/></w:sdt>"
             + "<w:ins w:id='3' w:author='a'>" + row.format("2", "财务处") + "</w:ins></w:tbl>")
    assert _lines({"word/document.xml": _part(table)}) == ["序号\t单位", "1\t办公室", "2\t财务处"]


def test_symbols_and_non_breaking_hyphens_are_the_characters_word_shows():
    runs = ("<w:r><w:t>第</w:t><w:sym w:font='SimSun' w:char='2460'/><w:t>项</w:t></w:r>"
            "<w:r><w:t>2024</w:t><w:noBreakHyphen/><w:t>2025年</w:t></w:r>"
            "<w:r><w:sym w:font='Wingdings' w:char='zz'/><w:t>完</w:t></w:r>")  # an unreadable code: left out
    assert _lines({"word/document.xml": _part(_p(runs))}) == ["第①项2024-2025年完"]


def test_field_results_are_text_in_the_body():
    runs = ("<w:r><w:t>见第</w:t></w:r><w:r><w:fldChar w:fldCharType='begin'/></w:r>"
            "<w:r><w:instrText> PAGEREF _Ref1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
            "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t>页。</w:t></w:r>")
    assert _lines({"word/document.xml": _part(_p(runs))}) == ["见第3页。"]


def test_a_header_with_only_a_page_number_field_is_page_furniture():
    field = ("<w:r><w:t>第 </w:t></w:r><w:r><w:fldChar w:fldCharType='begin'/></w:r>"
             "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
             "<w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t> 页 共 </w:t></w:r>"
             "<w:fldSimple w:instr=' NUMPAGES '><w:r><w:t>30</w:t></w:r></w:fldSimple><w:r><w:t> 页</w:t></w:r>")
    parts = {"word/document.xml": _part(_p(_r("特此通知。"))),
             "word/footer1.xml": _part(_p(field), root="w:ftr", inner=""),
             "word/header1.xml": _part(_p(), root="w:hdr", inner="")}
    assert _lines(parts) == ["特此通知。"]


def test_a_field_result_with_words_in_a_header_is_refused():
    """The page number is left out up to the field's end mark; the words after it are header text, refused
    (they would be lost: a laid-out document has no page header)."""
    field = ("<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>1</w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t>某某县人民政府</w:t></w:r>")
    parts = {"word/document.xml": _part(_p(_r("特此通知。"))), "word/header2.xml": _part(_p(field), "w:hdr", "")}
    with pytest.raises(InputError) as caught:
        _lines(parts)
    assert "草稿.docx: has text in its page header (“某某县人民政府”)" in str(caught.value)


def test_notes_follow_the_body_in_reference_order_and_missing_or_empty_ones_are_skipped():
    body = _p(_r("正文"), "<w:r><w:footnoteReference w:id='5'/></w:r>", _r("，再注"),
              "<w:r><w:footnoteReference w:id='9'/></w:r>", "<w:r><w:footnoteReference w:id='6'/></w:r>",
              _r("；尾"), "<w:r><w:endnoteReference w:id='2'/></w:r>")
    notes = ("<w:footnote w:id='5'>" + _p(_r("第一条脚注。")) + _p(_r("它的第二段。")) + "</w:footnote>"
             "<w:footnote w:id='6'>" + _p() + "</w:footnote>")
    endnotes = "<w:endnote w:id='2'>" + _p(_r("尾注内容。")) + "</w:endnote>"
    parts = {"word/document.xml": _part(body), "word/footnotes.xml": _part(notes, "w:footnotes", ""),
             "word/endnotes.xml": _part(endnotes, "w:endnotes", "")}
    assert _lines(parts) == ["正文，再注；尾", "注1：第一条脚注。", "它的第二段。", "尾注1：尾注内容。"]
