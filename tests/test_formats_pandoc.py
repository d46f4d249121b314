"""Markdown, HTML, ODT and RTF drafts through pandoc: one paragraph a line, asterisks kept as text."""

import pypandoc
import pytest

from govfmt.errors import InputError
from govfmt.read import read_source as read_draft
from govfmt.parse import parse


def test_markdown_masked_names_and_blanks_are_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# 关于**县工作的通知\n\n*县人民政府、**县财政局：\n\n请于____年__月前报送，"
                    "详见*附件*。\n", encoding="utf-8")
    assert read_draft(path).text.splitlines() == [
        "关于**县工作的通知", "*县人民政府、**县财政局：", "请于____年__月前报送，详见*附件*。"]


def test_markdown_hard_wrapped_chinese_joins_without_a_space(tmp_path):
    path = tmp_path / "w.md"
    path.write_text("各地要加强组织领导，\n确保各项任务落实到位。Word\nfiles stay apart.\n", encoding="utf-8")
    assert read_draft(path).text == "各地要加强组织领导，确保各项任务落实到位。Word files stay apart.\n"


def test_markdown_keeps_quotes_dashes_and_front_matter(tmp_path):
    path = tmp_path / "f.md"
    path.write_text('---\n发文字号: 国发〔2024〕1号\n---\n他说"要抓落实"--不能...\n', encoding="gb18030")
    source = read_draft(path)
    assert source.text == '他说"要抓落实"--不能...\n'
    assert source.encoding == "gb18030"
    assert parse(source).field("doc_number") == "国发〔2024〕1号"


def test_markdown_table_becomes_a_parsed_table(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("请填写下表。\n\n| 序号 | 单位 |\n|---|---|\n| 1 | 办公室 |\n| 2 | 财务处 |\n", encoding="utf-8")
    document = parse(read_draft(path))
    assert document.of_kind("table")[0].cells == (("序号", "单位"), ("1", "办公室"), ("2", "财务处"))


def test_html_paragraphs_breaks_lists_and_tables(tmp_path):
    path = tmp_path / "h.html"
    path.write_text("<html><body><h1>关于开展检查的通知</h1><p>各单位：</p><p>第一行<br>第二行</p>"
                    "<ol><li>自查</li><li>抽查</li></ol>"
                    "<table><tr><th>时间</th><th>内容</th></tr><tr><td>5月</td><td>自查<br>整改</td></tr></table>"
                    "</body></html>", encoding="utf-8")
    assert read_draft(path).text.splitlines() == [
        "关于开展检查的通知", "各单位：", "第一行", "第二行", "1. 自查", "2. 抽查", "时间\t内容", "5月\t自查 整改"]


@pytest.mark.parametrize("suffix", ["odt", pytest.param("rtf", marks=pytest.mark.slow)])  # rtf: LibreOffice
def test_odt_and_rtf_keep_every_paragraph(tmp_path, suffix):
    paragraphs = ["关于**县工作的通知", "各乡镇：", "现将有关事项通知如下。", "特此通知。"]
    markdown = "\n\n".join(p.replace("*", "\\*") for p in paragraphs)
    path = tmp_path / f"d.{suffix}"
    pypandoc.convert_text(markdown, suffix, format="markdown", outputfile=str(path),
                          extra_args=["--standalone"])
    assert read_draft(path).text.splitlines() == paragraphs


def test_damaged_odt_and_rtf_fail_with_one_sentence(tmp_path):
    odt, rtf = tmp_path / "x.odt", tmp_path / "x.rtf"
    odt.write_bytes(b"PK\x03\x04 broken")
    rtf.write_text("plain words, no rtf header", encoding="utf-8")
    for path in (odt, rtf):
        with pytest.raises(InputError) as caught:
            read_draft(path)
        assert str(caught.value).startswith(f"{path}: ")


def test_binary_renamed_markdown_is_refused(tmp_path):
    path = tmp_path / "p.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(InputError, match="PNG"):
        read_draft(path)


def test_markdown_keeps_raw_html_image_descriptions_and_footnotes(tmp_path):
    path = tmp_path / "k.md"
    path.write_text("关于<abc>和‹某某>的通知\n\n![图一 会场示意](a.png)\n\n请按时参加[^1]。\n\n"
                    "[^1]: 地点另行通知。\n", encoding="utf-8")
    lines = read_draft(path).text.splitlines()
    assert lines == ["关于<abc>和‹某某>的通知", "图一 会场示意", "请按时参加。", "注1：地点另行通知。"]


def test_markdown_keeps_private_use_characters_and_emphasis_marks_apart(tmp_path):
    path = tmp_path / "p.md"
    text = "造字\U000F0001与\ue000、**县和_号^~都是正文。"
    path.write_text(text + "\n", encoding="utf-8")
    assert read_draft(path).text == text + "\n"


def test_deeply_nested_quotes_are_one_sentence(tmp_path):
    path = tmp_path / "n.md"
    path.write_text(">" * 5000 + " 引文\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_draft(path)
    assert str(caught.value).startswith(f"{path}: ") and "deep" in str(caught.value)


def test_without_pandoc_a_markdown_draft_gets_one_sentence(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pypandoc(name, *args, **kwargs):
        if name == "pypandoc":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypandoc)
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "a.md"
    path.write_text("通知\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_draft(path)
    assert "pandoc" in str(caught.value) and "govfmt[formats]" in str(caught.value)
