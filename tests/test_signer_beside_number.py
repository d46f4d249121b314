"""A 上行文 pasted from its printed page has the 发文字号 and the 签发人 on one line (GB/T 9704-2012 §7.2.6:
发文字号 居左空一字, 签发人 居右空一字, on the same line). Both are read from it: the 版头 sets each in its place,
a contradicting front matter is reported for either, and a web listing line (发文字号 run into a title) is
still no 发文字号.
"""

from __future__ import annotations

import pytest

from docx_xml import paragraph_text, paragraphs, style_of
from govfmt.cli import main
from govfmt.header import header_of, header_problems
from govfmt.ingest import decode
from govfmt.parse import parse

REQUEST = "关于申请防汛经费的请示\n\n省人民政府：\n\n为做好防汛工作，特申请经费。\n\n妥否，请批示。\n\n某某市人民政府\n2024年3月1日\n"


def _document(text: str):
    return parse(decode(text.encode("utf-8"), "请示.txt"))


@pytest.mark.parametrize("number, gap, signer, names", [
    ("某政发〔2024〕5号", "　　　　　　　　", "签发人：张三", ("张三",)),
    ("某政发〔2024〕5号", "    ", "签发人: 张三、李四", ("张三", "李四")),
    ("某政发[2024]12号", "　", "签 发 人：王五", ("王五",)),
])
def test_both_fields_are_read_from_the_one_line(number, gap, signer, names):
    one_line = _document(f"某某市人民政府文件\n\n{number}{gap}{signer}\n\n{REQUEST}")
    two_lines = _document(f"某某市人民政府文件\n\n{number}\n{signer}\n\n{REQUEST}")
    assert [b.kind for b in one_line.blocks if b.text == number + gap + signer] == ["doc_number"]
    header = header_of(one_line)
    assert (header.doc_number, header.signers) == (header_of(two_lines).doc_number, names)
    assert header.doc_number.startswith("某政发") and header.doc_number.endswith("号")


def test_the_masthead_sets_the_number_left_and_the_signer_right(tmp_path, capsys):
    draft = tmp_path / "请示.txt"
    draft.write_text(f"某某市人民政府文件\n\n某政发〔2024〕5号　　　　签发人：张三\n\n{REQUEST}", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["convert", str(draft), "-o", str(tmp_path / "out")])
    assert stop.value.code == 0
    shown = [(style_of(p), paragraph_text(p)) for p in paragraphs(tmp_path / "out" / "请示.docx")]
    number_lines = [text for style, text in shown if style == "GovDocNumber"]
    assert number_lines == ["某政发〔2024〕5号签发人：张三"]  # one line: number, tab, 签发人 and name
    assert not any("签发人" in text for style, text in shown if style != "GovDocNumber")


def test_front_matter_contradicting_the_signer_on_the_line_is_reported():
    document = _document(f"---\n签发人: 李四\n---\n某某市人民政府文件\n\n某政发〔2024〕5号　　签发人：张三\n\n{REQUEST}")
    problems = header_problems(document)
    assert [p.line for p in problems] == [6]
    assert "'张三'" in str(problems[0]) and "'李四'" in str(problems[0])


@pytest.mark.parametrize("line", [
    "某政发〔2024〕5号关于印发防汛工作方案的通知",  # a listing of a web page: number run into a title
    "签发人：张三",  # the label alone is the 签发人 line, not a number
])
def test_lines_that_are_not_a_number_with_its_signer(line):
    document = _document(f"{line}\n\n{REQUEST}")
    assert [b.kind for b in document.blocks if b.text == line] != ["doc_number"]


def test_without_a_masthead_the_line_is_laid_out_once(tmp_path, capsys):
    draft = tmp_path / "请示.txt"
    draft.write_text(f"某政发〔2024〕5号　　签发人：张三\n\n{REQUEST}", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["convert", str(draft), "-o", str(tmp_path / "out")])
    assert stop.value.code == 0
    shown = [paragraph_text(p) for p in paragraphs(tmp_path / "out" / "请示.docx")]
    assert sum("签发人" in text for text in shown) == 1 and sum("5号" in text for text in shown) == 1
