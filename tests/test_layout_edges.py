"""Layout at its edges: a title whose author left 的通知 alone on a line (§7.3.1), a title too long for five
balanced lines, a 印发机关 without a date (§7.4.3), a seal image named absolutely or not there (§7.3.5.1)."""

from __future__ import annotations

import pytest

from docx_xml import NS, W, paragraph_text, part
from govfmt.cli import main
from govfmt.layout.title import split_title

from conftest import REPO

MAX = 0.9 * 442.25 / 22  # 二号 characters in 90 % of the 版心's width (styles/gbt9704.toml)
BODY = "\n各单位：\n请于3月1日前完成自查并报送结果。\n"


def run(args, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", *map(str, args)])
    return exited.value.code, capsys.readouterr().err


def test_a_document_type_left_alone_on_the_last_line_joins_the_title():
    assert split_title(("关于做好春节期间值班工作", "的通知"), MAX) == ["关于做好春节期间值班工作的通知"]


def test_a_title_too_long_for_five_lines_is_still_kept_whole_within_the_width():
    title = "关于" + "进一步加强和改进基层社会治理" * 9 + "的通知"
    lines = split_title((title,), MAX)
    assert "".join(lines) == title
    assert len(lines) > 5 and all(len(line) <= MAX for line in lines)


def test_a_printing_office_without_a_date_stands_alone_on_its_line(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text("---\n抄送: 市委办公室。\n印发机关: 某某市人民政府办公室\n---\n关于开展安全检查的通知\n" + BODY,
                     encoding="utf-8")
    code, err = run(["convert", draft], capsys)
    assert code == 0, err
    root = part(tmp_path / "d.docx", "word/document.xml")
    [printed] = [p for p in root.iter(f"{{{W}}}p") if "某某市人民政府办公室" in paragraph_text(p)]
    assert paragraph_text(printed) == "某某市人民政府办公室"  # no 印发 date after it
    assert printed.find(".//w:r/w:tab", NS) is None  # no tab to a date


def test_a_seal_image_given_by_its_absolute_path_is_placed(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    seal = REPO / "samples" / "印章示例.png"
    draft.write_text(f"---\n印章: 有\n印章图片: {seal}\n---\n关于开展安全检查的通知\n{BODY}某某市人民政府\n2024年2月1日\n",
                     encoding="utf-8")
    code, err = run(["convert", draft], capsys)
    assert code == 0, err
    import zipfile

    with zipfile.ZipFile(tmp_path / "d.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and archive.read(media[0]) == seal.read_bytes()


def test_a_seal_image_that_is_not_there_is_one_sentence_naming_the_draft(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text(f"---\n印章: 有\n印章图片: 印章.png\n---\n关于开展安全检查的通知\n{BODY}某某市人民政府\n2024年2月1日\n",
                     encoding="utf-8")
    code, err = run(["convert", draft], capsys)
    assert code == 2
    assert err == (f"govfmt: {draft}: 印章图片 '印章.png' does not exist; give the path of a PNG or JPEG image of "
                   "the seal, relative to the draft\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]


def test_a_colophon_alone_needs_its_rendering_measured_and_plain_text_does_not():
    """Only a rendering shows which page the 版记 lands on (§7.4: it must close on an even page)."""
    from govfmt.layout.composition import needs_measurement
    from govfmt.layout.items import Colophon, Paragraph, Plan, Rule, Run

    colophon = Colophon(rows=(Paragraph("cc", (Run("抄送：市委办公室。", "cc"),)),), outer_rule=Rule("000000", 8),
                        inner_rule=Rule("000000", 4), separated=())
    assert needs_measurement(Plan((Paragraph("body", (Run("正文。", "body"),)), colophon)))
    assert not needs_measurement(Plan((Paragraph("title", (Run("通知", "title"),)),
                                       Paragraph("body", (Run("正文。", "body"),)))))
