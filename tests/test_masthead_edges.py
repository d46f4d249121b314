"""The 版头 without a 发文字号: a 信函 whose first line carries only its 份号 (§10.1), and an 上行文 whose last
签发人 line carries no number on its left (§7.2.6); and many flush-left fields above the 标志."""

from __future__ import annotations

import pytest

from docx_xml import NS, W, paragraph_text, part
from govfmt.cli import main

BODY = "关于同意建立联席会议制度的函\n\n住房城乡建设部：\n经研究，同意建立联席会议制度。\n"


def convert(tmp_path, capsys, front: str, body: str = BODY):
    draft = tmp_path / "d.txt"
    draft.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "convert", str(draft)])
    assert exited.value.code == 0, capsys.readouterr().err
    root = part(tmp_path / "d.docx", "word/document.xml")
    return [p for p in root.iter(f"{{{W}}}p")]


def test_a_letter_without_a_document_number_keeps_its_copy_number_alone(tmp_path, capsys):
    ps = convert(tmp_path, capsys, "份号: 000045\n发文机关: 国务院办公厅\n格式: 信函\n")
    texts = [paragraph_text(p) for p in ps]
    assert "000045" in texts  # the 份号 line, with no number tabbed to its right
    line = ps[texts.index("000045")]
    assert line.find(".//w:r/w:tab", NS) is None
    assert not any("〔" in t for t in texts)


def test_an_upward_document_without_a_number_still_names_its_signer(tmp_path, capsys):
    ps = convert(tmp_path, capsys, "发文机关: 某某市人民政府\n签发人: 张三\n",
                 "某某市人民政府关于请求支持的请示\n\n省人民政府：\n现将有关情况报告如下。\n")
    [signer] = [p for p in ps if "签发人：" in paragraph_text(p)]
    assert paragraph_text(signer) == "签发人：张三"  # no 发文字号 on the left of the line
    assert not any("〔" in paragraph_text(p) for p in ps)


def test_many_fields_above_the_mark_push_it_down_without_a_spacer(tmp_path, capsys):
    ps = convert(tmp_path, capsys, "份号: 000123\n密级: 秘密★1年\n紧急程度: 特急\n发文机关: 国务院办公厅\n"
                 "发文字号: 国办发〔2024〕12号\n",
                 "国务院办公厅关于做好安全生产工作的通知\n\n各省、自治区、直辖市人民政府：\n现就有关事项通知如下。\n")
    texts = [paragraph_text(p) for p in ps]
    first = [t for t in texts if t][:4]
    assert first[:3] == ["000123", "秘密★1年", "特急"]  # §7.2.1–7.2.3: top left, one a line, in this order
    assert "国务院办公厅文件" in texts and texts.index("国务院办公厅文件") > texts.index("特急")
