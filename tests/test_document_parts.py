"""版头, 版记, attachments, signatures, formats and front matter, read back from the DOCX."""

import pytest

from govfmt.docx import write_docx
from govfmt.errors import InputError
from govfmt.header import build_header, normalise_fields, parse_overrides
from govfmt.ingest import decode
from govfmt.layout.plan import choose_style, header_of, plan_document
from govfmt.layout.items import Colophon, PageRule
from govfmt.parse import parse
from govfmt.style import load_style

from docx_xml import NS, W, attr, paragraph_text, paragraphs, part, style_of
from document_drafts import FULL, LETTER, UPWARD

STYLE = load_style()


def _document(text: str, name: str = "d.txt"):
    return parse(decode(text.encode("utf-8"), name))


def _write(tmp_path, text: str):
    document = _document(text)
    out = tmp_path / "d.docx"
    write_docx(document, choose_style(document, None, STYLE), out)
    return out


def test_masthead_fields_come_first_in_order_and_the_mark_is_red(tmp_path):
    out = _write(tmp_path, FULL)
    texts = [(style_of(p), paragraph_text(p)) for p in paragraphs(out) if paragraph_text(p)]
    assert texts[:5] == [("GovCopyNumber", "000123"), ("GovClassification", "秘密★1年"), ("GovUrgency", "特急"),
                         ("GovIssuerMark", "国务院办公厅文件"), ("GovDocNumber", "国办发〔2024〕12号")]
    mark = [p for p in paragraphs(out) if style_of(p) == "GovIssuerMark"][0]
    run = mark.find("w:r", NS)
    assert attr(run.find("w:rPr/w:color", NS), "val") == "FF0000"
    assert attr(run.find("w:rPr/w:rFonts", NS), "eastAsia") == "方正小标宋简体"


def test_red_rule_under_the_doc_number_spans_the_type_area(tmp_path):
    out = _write(tmp_path, FULL)
    number = [p for p in paragraphs(out) if style_of(p) == "GovDocNumber"][0]
    bottom = number.find("w:pPr/w:pBdr/w:bottom", NS)
    assert attr(bottom, "color") == "FF0000" and attr(bottom, "val") == "single"
    ind = number.find("w:pPr/w:ind", NS)
    assert ind is None or (attr(ind, "left") in (None, "0") and attr(ind, "right") in (None, "0"))


def test_upward_document_puts_signers_beside_the_number(tmp_path):
    out = _write(tmp_path, UPWARD)
    number = [p for p in paragraphs(out) if style_of(p) == "GovDocNumber"][0]
    runs = number.findall("w:r", NS)
    fonts = [attr(r.find("w:rPr/w:rFonts", NS), "eastAsia") for r in runs]
    assert paragraph_text(number) == "某政〔2024〕7号签发人：张三　李四"
    assert fonts == ["仿宋_GB2312", "仿宋_GB2312", "楷体_GB2312"]
    assert attr(number.find("w:pPr/w:ind", NS), "left") == "320"  # 发文字号 左空一字
    tab = number.find("w:pPr/w:tabs/w:tab", NS)
    assert attr(tab, "val") == "right" and int(attr(tab, "pos")) == 8845 - 320  # 签发人 右空一字


def test_colophon_is_floated_to_the_bottom_with_thick_and_thin_rules(tmp_path):
    out = _write(tmp_path, FULL)
    table = part(out, "word/document.xml").findall(".//w:body/w:tbl", NS)[-1]
    position = table.find("w:tblPr/w:tblpPr", NS)
    rows = table.findall("w:tr", NS)
    texts = ["".join(t.text for t in row.iter(f"{{{W}}}t")) for row in rows]
    assert texts == ["抄送：中央办公厅，全国人大常委会办公厅。", "国务院办公厅秘书局2024年3月1日印发"]
    # aligned to the bottom of the type area by the layout engine, whatever its rows take (§7.4.1)
    assert (attr(position, "vertAnchor"), attr(position, "tblpYSpec")) == ("margin", "bottom")
    borders = [row.find("w:tc/w:tcPr/w:tcBorders", NS) for row in rows]
    assert attr(borders[0].find("w:top", NS), "sz") == "8"  # 0.35 mm
    assert attr(borders[1].find("w:top", NS), "sz") == "6"  # 0.25 mm between 抄送 and 印发
    assert attr(borders[1].find("w:bottom", NS), "sz") == "8"
    cc = rows[0].find(".//w:p/w:pPr/w:ind", NS)
    assert (attr(cc, "left"), attr(cc, "hanging"), attr(cc, "right")) == ("1120", "840", "280")


def test_attachments_start_on_new_pages_with_label_and_centred_title(tmp_path):
    out = _write(tmp_path, FULL)
    ps = paragraphs(out)
    marks = [i for i, p in enumerate(ps) if style_of(p) == "GovAttachmentMark"]
    assert [paragraph_text(ps[i]) for i in marks] == ["附件1", "附件2"]
    for i in marks:
        assert ps[i].find("w:pPr/w:pageBreakBefore", NS) is not None
        assert paragraph_text(ps[i + 1]) == ""  # line 2 empty, the title on line 3
        assert style_of(ps[i + 2]) == "GovAttachmentTitle"


def test_signature_stays_with_the_text_and_sealed_layout_centres_it_on_the_date(tmp_path):
    sealed = FULL.replace("印发日期: 2024年3月1日\n", "印发日期: 2024年3月1日\n印章: 有\n")
    plan = plan_document(_document(sealed), STYLE)
    sig = [p for p in plan.items if getattr(p, "element", None) == "signature"][0]
    date = [p for p in plan.items if getattr(p, "element", None) == "date"][0]
    assert date.right_twips == 4 * 320  # 右空四字
    char, digit = 320 - 5, 160 - 5
    sig_width, date_width = 6 * char, 3 * char + 7 * digit  # 国务院办公厅; 2024年1月25日
    assert abs((sig.right_twips + sig_width / 2) - (date.right_twips + date_width / 2)) <= 10


def test_letter_format_style_and_layout(tmp_path):
    document = _document(LETTER)
    style = choose_style(document, None, STYLE)
    assert style.name == "letter" and not style.page_number.first_page
    plan = plan_document(document, style)
    assert isinstance(plan.items[-1], Colophon) is False
    rules = [i for i in plan.items if isinstance(i, PageRule)]
    assert rules and rules[0].top_mm == 277 and rules[0].width_mm == 170
    out = tmp_path / "l.docx"
    write_docx(document, style, out)
    sect = part(out, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None  # no page number on page 1
    mark = [p for p in paragraphs(out) if style_of(p) == "GovIssuerMark"][0]
    assert paragraph_text(mark) == "国务院办公厅"
    assert attr(mark.find("w:pPr/w:pBdr/w:bottom", NS), "val") == "thickThinSmallGap"
    number = [p for p in paragraphs(out) if "国办函〔2024〕18号" in paragraph_text(p)][0]
    assert paragraph_text(number) == "000045国办函〔2024〕18号"  # 份号 flush left, 发文字号 flush right


@pytest.mark.parametrize("key,value,words", [
    ("发文字号", "国发[2024]12号", "六角括号"),
    ("发文字号", "国发〔2024〕第12号", "no 第"),
    ("发文字号", "国发〔2024〕012号", "leading zero"),
    ("印发日期", "2024年03月01日", "no leading zeros"),
    ("密级", "内部", "绝密"),
    ("紧急程度", "很急", "特急"),
    ("格式", "公告", "信函"),
    ("份号", "12", "six"),
])
def test_front_matter_errors_name_the_key_and_the_line(key, value, words):
    first = "格式: 文件" if key != "格式" else "密级: 秘密"  # a key named twice is refused on its own
    draft = f"---\n{first}\n{key}: {value}\n---\n标题\n"
    with pytest.raises(InputError) as info:
        _document(draft, "bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt: line 3: ") and key in message and words in message


def test_unknown_front_matter_key_lists_the_known_ones():
    with pytest.raises(InputError, match="unknown front-matter key '作者'.*发文字号"):
        _document("---\n作者: 张三\n---\n标题\n", "bad.txt")


def test_english_aliases_and_set_overrides():
    fields = normalise_fields([("issuer", "国务院办公厅"), ("doc_number", "国办发〔2024〕1号")])
    overridden = build_header(fields + parse_overrides(["发文字号=国办发〔2024〕2号"]))
    assert overridden.issuers == ("国务院办公厅",) and overridden.doc_number == "国办发〔2024〕2号"
    with pytest.raises(InputError, match="KEY=VALUE"):
        parse_overrides(["发文字号"])


def test_front_matter_lines_are_reported_by_inspect_kinds():
    document = _document(FULL)
    kinds = [(b.line_start, b.kind) for b in document.blocks if b.line_start < document.body_start]
    assert kinds == [(1, "other"), (2, "copy_number"), (3, "classification"), (4, "urgency"), (5, "issuer_mark"),
                     (6, "doc_number"), (7, "cc"), (8, "printed_by"), (9, "printed_by"), (10, "other")]
    assert header_of(document).has_masthead and header_of(document).has_colophon


def test_minutes_attendance_lines(tmp_path):
    minutes = "---\n发文机关: 某某市人民政府常务会议\n格式: 纪要\n---\n会议研究了有关工作。\n出席：王**、李**\n列席：市政府办公室负责同志\n"
    document = _document(minutes)
    style = choose_style(document, None, STYLE)
    assert style.name == "minutes"
    out = tmp_path / "m.docx"
    write_docx(document, style, out)
    line = [p for p in paragraphs(out) if paragraph_text(p).startswith("出席")][0]
    runs = line.findall("w:r", NS)
    assert [attr(r.find("w:rPr/w:rFonts", NS), "eastAsia") for r in runs] == ["黑体", "仿宋_GB2312"]
    mark = [p for p in paragraphs(out) if style_of(p) == "GovIssuerMark"][0]
    assert paragraph_text(mark) == "某某市人民政府常务会议纪要"


def test_joint_issue_stacks_the_names_beside_the_suffix(tmp_path):
    draft = FULL.replace("发文机关: 国务院办公厅", "发文机关: 中共中央办公厅、国务院办公厅")
    out = _write(tmp_path, draft)
    table = part(out, "word/document.xml").findall(".//w:body/w:tbl", NS)[0]
    cells = [["".join(t.text for t in tc.iter(f"{{{W}}}t")) for tc in tr.findall("w:tc", NS)]
             for tr in table.findall("w:tr", NS)]
    assert cells == [["中共中央办公厅", "文件"], ["国务院办公厅", ""]]
    merge = table.findall("w:tr/w:tc/w:tcPr/w:vMerge", NS)
    assert attr(merge[0], "val") == "restart" and len(merge) == 2


def test_tables_repeat_their_header_keep_rows_whole_and_go_landscape_when_wide(tmp_path):
    from conftest import CORPUS

    narrow = _document("关于报送数据的通知\n各单位：\n请按下表报送。\n序号\t单位\t人数\n1\t办公室\t12\n2\t财务处\t8\n")
    plan = plan_document(narrow, STYLE)
    table = [i for i in plan.items if type(i).__name__ == "Table"][0]
    assert not table.landscape and sum(table.column_twips) == 8845
    out = tmp_path / "wide.docx"
    write_docx(parse(decode((CORPUS / "docs" / "013.txt").read_bytes(), "013.txt")), STYLE, out)
    root = part(out, "word/document.xml")
    orientations = [attr(s.find("w:pgSz", NS), "orient") for s in root.iter(f"{{{W}}}sectPr")]
    assert orientations[1] == "landscape" and orientations[0] != "landscape" and orientations[2] != "landscape"
    table = root.findall(".//w:body/w:tbl", NS)[0]
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    widths = [int(attr(c, "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert abs(sum(widths) - 12756) <= 5  # the writing width of a turned page: the 版心's height


def _docx_text(tmp_path, text: str) -> str:
    from docx_xml import body_text

    return body_text(_write(tmp_path, text))


def test_the_drafts_own_head_lines_reach_the_masthead_or_stay_in_place(tmp_path):
    text = "某市人民政府文件\n某政发〔2024〕5号\n关于做好工作的通知\n各单位：\n正文内容。\n某市人民政府\n2024年1月2日\n"
    assert "某政发〔2024〕5号" in _docx_text(tmp_path, text)
    signer = "某政发〔2024〕5号\n签发人：张三\n关于做好工作的请示\n市政府：\n正文内容。\n某局\n2024年1月2日\n"
    assert "签发人：张三" in _docx_text(tmp_path, signer)
    repeated = "秘密★1年\n秘密★1年\n关于做好工作的通知\n各单位：\n正文内容。\n"
    assert _docx_text(tmp_path, repeated).count("秘密★1年") == 2


def test_a_field_only_doc_number_is_laid_out_under_the_title(tmp_path):
    text = "---\n发文字号: 国发〔2024〕2号\n---\n关于做好工作的通知\n各单位：\n正文内容。\n"
    assert "国发〔2024〕2号" in _docx_text(tmp_path, text)


@pytest.mark.parametrize("text,words", [
    ("---\n发文机关: 某市人民政府\n发文字号: 某政发〔2024〕5号\n---\n某政发〔2024〕6号\n关于做好工作的通知\n各单位：\n正文。\n",
     "发文字号"),
    ("---\n印发机关: 某市人民政府办公室\n印发日期: 2024年1月3日\n---\n关于做好工作的通知\n各单位：\n正文。\n"
     "某市人民政府\n2024年1月2日\n某市人民政府办公室　　2024年1月3日印发\n", "印发"),
])
def test_a_field_that_contradicts_the_draft_is_refused(tmp_path, text, words):
    with pytest.raises(InputError) as info:
        _write(tmp_path, text)
    assert words in str(info.value) and "keep one of them" in str(info.value)


def test_check_does_not_lint_the_front_matter():
    from govfmt.lint import lint_source

    text = "---\n份号: 000123\n发文机关: 国务院办公厅   # several organs: 国务院办公厅\n签发人: 张三   # 上行文 layout\n---\n" \
           "关于做好工作的通知\n各单位：\n现将有关事项通知如下。\n"
    assert not lint_source(decode(text.encode(), "d.txt")).diagnostics


def test_a_joint_mark_pasted_one_organ_a_line_is_stacked_too_and_not_repeated_as_text(tmp_path):
    out = _write(tmp_path, "中共某县委办公室\n某县人民政府办公室\n文件\n\n某委办发〔2024〕12号\n\n"
                           "关于印发工作要点的通知\n\n各乡镇：\n\n　　现将工作要点印发给你们，请认真贯彻落实。\n")
    table = part(out, "word/document.xml").findall(".//w:body/w:tbl", NS)[0]
    cells = [["".join(t.text for t in tc.iter(f"{{{W}}}t")) for tc in tr.findall("w:tc", NS)]
             for tr in table.findall("w:tr", NS)]
    assert cells == [["中共某县委办公室", "文件"], ["某县人民政府办公室", ""]]
    texts = [paragraph_text(p) for p in paragraphs(out)]
    assert "某县人民政府办公室" not in texts and "文件" not in texts
