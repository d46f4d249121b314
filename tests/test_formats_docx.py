"""Word drafts read paragraph by paragraph, and refused in one sentence when unsafe or broken."""

import io
import zipfile
from pathlib import Path

import docx
import pytest

from govfmt.errors import InputError
from govfmt.read import read_source as read_draft
from govfmt.read.package import MAX_UNPACKED_BYTES
from govfmt.parse import parse


def make_word_draft(path: Path, paragraphs, table=None, after=()) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    for text in after:
        document.add_paragraph(text)
    document.save(path)
    return path


def test_paragraphs_become_lines_and_masked_names_stay_text(tmp_path):
    path = make_word_draft(tmp_path / "d.docx", ["关于**县和*县工作的通知", "", "各乡镇：", "现将____年计划通知如下。"])
    source = read_draft(path)
    assert source.text == "关于**县和*县工作的通知\n\n各乡镇：\n现将____年计划通知如下。\n"


def test_table_rows_are_tab_separated_and_parse_as_a_table(tmp_path):
    path = make_word_draft(tmp_path / "t.docx", ["关于报送统计数据的通知", "各单位：", "请按下表报送。"],
                           table=[["序号", "单位", "人数"], ["1", "办公室", "12"], ["2", "财务处", "8"]],
                           after=["特此通知。"])
    source = read_draft(path)
    assert "序号\t单位\t人数\n1\t办公室\t12\n2\t财务处\t8\n" in source.text
    tables = parse(source).of_kind("table")
    assert len(tables) == 1
    assert tables[0].cells == (("序号", "单位", "人数"), ("1", "办公室", "12"), ("2", "财务处", "8"))


def test_merged_cells_keep_their_text_once(tmp_path):
    document = docx.Document()
    grid = document.add_table(rows=3, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 2)).text = "全年合计"
    grid.cell(1, 0).merge(grid.cell(2, 0)).text = "一季度"
    grid.cell(1, 1).text, grid.cell(1, 2).text = "甲", "1"
    grid.cell(2, 1).text, grid.cell(2, 2).text = "乙", "2"
    document.save(tmp_path / "m.docx")
    text = read_draft(tmp_path / "m.docx").text
    assert text.count("全年合计") == 1 and text.count("一季度") == 1
    assert "一季度\t甲\t1\n\t乙\t2\n" in text


def test_line_breaks_split_lines_and_tabs_do_not_make_tables(tmp_path):
    document = docx.Document()
    run = document.add_paragraph().add_run("附件：1.名单")
    run.add_break()
    run.add_text("2.计划")
    tabbed = document.add_paragraph().add_run("签发人：")
    tabbed.add_tab()
    tabbed.add_text("张三")
    document.save(tmp_path / "b.docx")
    assert read_draft(tmp_path / "b.docx").text == "附件：1.名单\n2.计划\n签发人： 张三\n"


def _rewrite_member(path: Path, member: str, transform) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[member] = transform(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_external_entities_are_refused(tmp_path):
    path = make_word_draft(tmp_path / "xxe.docx", ["通知"])
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")

    def inject(xml: bytes) -> bytes:
        head, _, rest = xml.partition(b"?>")
        doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
        return head + b"?>" + doctype + rest.replace(b"\xe9\x80\x9a\xe7\x9f\xa5", b"&x;")

    _rewrite_member(path, "word/document.xml", inject)
    with pytest.raises(InputError) as caught:
        read_draft(path)
    assert "DOCTYPE" in str(caught.value) and str(path) in str(caught.value)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert path.stat().st_size < 1 << 20
    with pytest.raises(InputError, match="ZIP bomb"):
        read_draft(path)


@pytest.mark.parametrize("damage", ["truncated", "not_zip", "no_document"])
def test_broken_word_files_fail_with_one_sentence(tmp_path, damage):
    path = make_word_draft(tmp_path / "x.docx", ["通知", "正文。"])
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "not_zip":
        path.write_bytes("这不是压缩包".encode())
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "x")
        path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError) as caught:
        read_draft(path)
    sentence = str(caught.value)
    assert sentence.startswith(f"{path}: ") and "\n" not in sentence


def test_empty_word_document_is_reported_empty(tmp_path):
    path = make_word_draft(tmp_path / "e.docx", ["", "  "])
    with pytest.raises(InputError, match="empty"):
        read_draft(path)
