"""The composition rules `govfmt verify` reports with their clauses, each shown to fire on pages built by
hand (pdfium's reading of a page: rows of characters with their x extents, in mm from the top-left):
the 署名 alone on a page (§7.3.5.5), the 版记 on an odd page (§7.4) or off the 版心's bottom edge
(§7.4.1), a mark past the 版心's right edge (§5.2.1), characters of the draft missing from the page
(§6.1), a title broken inside a word (§7.3.1). The rendered cases are in test_verify_findings_rendered.py."""

from __future__ import annotations

import pytest

from govfmt.layout.composition import PageMeasure
from govfmt.layout.items import Colophon, JointMark, Paragraph, Plan, Rule, Run, Table
from govfmt.pdf.measure import PageText, TextRow
from govfmt.pdf.verify import broken_titles, composition_findings, hanging_marks, missing_characters
from govfmt.style import load_style

STYLE = load_style()  # GB/T 9704: A4, 版心 156 × 225 mm from 28 mm left and 37 mm top, printed on both sides
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0  # §5.2.1
CHAR = 156 / 28  # §5.2.3: 28 characters a line


def _row(text: str, baseline: float, x0: float = LEFT, advance: float = CHAR) -> TextRow:
    chars = tuple((ch, x0 + i * advance, x0 + (i + 1) * advance) for i, ch in enumerate(text))
    return TextRow(chars, baseline=baseline, top=baseline - 5, bottom=baseline + 1)


def _page(number: int, *rows: TextRow, width: float = 210.0, height: float = 297.0) -> PageText:
    return PageText(number, width, height, tuple(rows), ())


def _paragraph(element: str, text: str, source=None, breaks: tuple[int, ...] = ()) -> Paragraph:
    """A paragraph whose runs end at the given character positions with a line break after each."""
    cuts = [0, *breaks, len(text)]
    runs = tuple(Run(text[a:b], element, break_after=b in breaks) for a, b in zip(cuts, cuts[1:]))
    return Paragraph(element, runs, source=source)


# -- §7.3.5.5, §7.4, §7.4.1: from the measured composition ---------------------------------------------

def test_a_signature_alone_on_its_page_is_reported_with_its_page():
    found = composition_findings(PageMeasure(pages=3, signature_page=3, rows_above_signature=0), STYLE)
    assert [(f.clause, f.page) for f in found] == [("§7.3.5.5", 3)]
    assert "page 3" in found[0].message and "署名" in found[0].message


def test_a_signature_below_body_text_or_on_the_first_page_is_not_alone():
    assert composition_findings(PageMeasure(pages=3, signature_page=3, rows_above_signature=2), STYLE) == []
    assert composition_findings(PageMeasure(pages=1, signature_page=1, rows_above_signature=0), STYLE) == []


def test_a_colophon_on_an_odd_page_of_a_two_sided_document_is_reported():
    measure = PageMeasure(pages=3, colophon_page=3, colophon_bottom=BOTTOM, type_bottom=BOTTOM)
    found = composition_findings(measure, STYLE)
    assert [(f.clause, f.page) for f in found] == [("§7.4", 3)]
    assert "page 3, an odd page" in found[0].message


def test_a_style_printed_on_one_side_may_close_on_an_odd_page(tmp_path):
    variant = tmp_path / "one-sided.toml"
    variant.write_text('extends = "gbt9704"\nname = "one-sided"\n[page]\nduplex = false\n', encoding="utf-8")
    measure = PageMeasure(pages=1, colophon_page=1, colophon_bottom=BOTTOM, type_bottom=BOTTOM)
    assert composition_findings(measure, load_style(str(variant))) == []


@pytest.mark.parametrize("bottom, fires", [(BOTTOM - 1.5, True), (BOTTOM + 1.2, True), (BOTTOM - 0.9, False)])
def test_a_colophon_off_the_type_area_bottom_edge_by_more_than_a_millimetre(bottom, fires):
    measure = PageMeasure(pages=2, colophon_page=2, colophon_bottom=bottom, type_bottom=BOTTOM)
    found = composition_findings(measure, STYLE)
    assert [(f.clause, f.page) for f in found] == ([("§7.4.1", 2)] if fires else [])
    if fires:
        assert f"{bottom:.1f} mm" in found[0].message and "262.0 mm" in found[0].message


# -- §5.2.1: marks past the 版心's right edge -------------------------------------------------------

def test_a_mark_hung_past_the_right_edge_is_reported_with_its_line():
    full = _row("为进一步加强和改进公文处理工作提高公文质量现就通知如下。", 60.0)
    assert len(full.chars) == 28 and full.chars[-1][2] == pytest.approx(RIGHT)
    hung = TextRow(full.chars[:-1] + (("。", RIGHT + 0.4, RIGHT + 2.0),), full.baseline, full.top, full.bottom)
    found = hanging_marks([_page(2, _row("正文", 45.0), hung)], STYLE)
    assert [(f.clause, f.page) for f in found] == [("§5.2.1", 2)]
    assert "'。'" in found[0].message and "184 mm" in found[0].message and found[0].message.endswith("就通知如下。'")


def test_marks_within_the_tolerance_below_the_type_area_or_on_turned_pages_are_not_reported():
    just_inside = TextRow((("。", RIGHT - 1.5, RIGHT + 0.3),), 60.0, 55.0, 61.0)
    footer = TextRow((("—", RIGHT - 2, RIGHT + 3.0),), 272.0, 268.0, 273.0)  # below the 版心 (page number)
    pages = [_page(1, just_inside, footer),
             _page(2, TextRow((("。", 290.0, 292.0),), 60.0, 55.0, 61.0), width=297.0, height=210.0)]
    assert hanging_marks(pages, STYLE) == []


# -- §6.1: every character of the text on the page -----------------------------------------------------

BODY = "各地区要切实做好节日期间安全生产工作。"


def _plan(*items) -> Plan:
    return Plan(tuple(items))


def test_a_character_missing_from_the_page_is_named_with_its_line():
    plan = _plan(_paragraph("body", BODY, source=(7, 7)))
    pages = [_page(1, _row(BODY.replace("节日", "节"), 50.0))]
    found = missing_characters(pages, plan)
    assert [f.clause for f in found] == ["§6.1"]
    assert found[0].message.startswith("line 7: missing from the PDF:") and "'日' (U+65E5)" in found[0].message


def test_missing_punctuation_is_named_as_punctuation_across_lines():
    text = "一、总体要求，" + BODY
    plan = _plan(_paragraph("body", text, source=(9, 10)))
    pages = [_page(1, _row(text.replace("，", "").replace("。", ""), 50.0))]
    [finding] = missing_characters(pages, plan)
    assert finding.message.startswith("lines 9–10: punctuation missing from the PDF:")
    assert "'，' (U+FF0C)" in finding.message and "'。' (U+3002)" in finding.message


def test_repeated_missing_characters_are_counted():
    text = "请于三月三日前报送。"
    [finding] = missing_characters([_page(1, _row("请于月日前报送。", 50.0))], _plan(_paragraph("body", text, (3, 3))))
    assert "'三' (U+4E09) ×2" in finding.message


def test_tables_colophon_rows_and_a_joint_mark_are_looked_for_too():
    colophon = Colophon(rows=(_paragraph("cc", "抄送：中央办公厅。", (20, 20)),
                              _paragraph("printed_by", "国务院办公厅秘书局", (21, 21))),
                        outer_rule=Rule("000000", 8), inner_rule=Rule("000000", 4), separated=(True,))
    plan = _plan(JointMark(("国务院办公厅", "财政部"), "文件", 22.0, 600),
                 Table((("序号", "单位"), ("1", "交通运输部")), source=(12, 13)),
                 colophon)
    printed = [_row("国务院办公厅财政部文件", 50.0), _row("序号单位", 80.0), _row("1交通部", 90.0),
               _row("抄送：中央办公厅。", 240.0), _row("国务院办公厅秘书局", 250.0)]
    [finding] = missing_characters([_page(1, *printed)], plan)
    assert finding.message.startswith("lines 12–13: missing from the PDF:")
    assert "'运'" in finding.message and "'输'" in finding.message
    printed[0] = _row("国务院办公厅文件", 50.0)
    found = {f.message.split(":")[0] for f in missing_characters([_page(1, *printed)], plan)}
    assert found == {"the 版头 or 版记", "lines 12–13"}  # the joint mark has no draft line


def test_text_drawn_out_of_reading_order_is_still_found():
    """A framed or floating paragraph is drawn where the layout engine puts it, not in reading order."""
    plan = _plan(_paragraph("body", "第一段文字在这里。", (1, 1)), _paragraph("body", BODY, (2, 2)),
                 _paragraph("note", "（此件公开发布）", (3, 3)))
    filler = _row("甲乙丙丁戊己庚辛壬癸" * 16, 70.0, advance=0.5)  # other text between them
    pages = [_page(1, _row("（此件公开发布）", 40.0), filler, _row("第一段文字在这里。", 50.0), _row(BODY, 60.0))]
    assert missing_characters(pages, plan) == []


def test_a_complete_page_and_unprinted_characters_give_no_finding():
    plan = _plan(_paragraph("body", "全文\u3000照\u200b印。", (1, 1)), _paragraph("body", " \u3000", (2, 2)))
    assert missing_characters([_page(1, _row("全文照印。", 50.0))], plan) == []


# -- §7.3.1: a title broken inside a word -----------------------------------------------------------

TITLE = "国务院办公厅关于做好春节期间安全生产和值班值守工作的通知"


def _title_pages(*lines: str) -> list[PageText]:
    return [_page(1, *(_row(line, 60.0 + 10 * i, advance=7.8) for i, line in enumerate(lines)),
                  _row(BODY, 100.0))]


def test_a_title_broken_inside_a_word_is_reported():
    plan = _plan(_paragraph("title", TITLE, (1, 1)), _paragraph("body", BODY, (3, 3)))
    cut = TITLE.index("安全") + 1  # 安 / 全生产
    [finding] = broken_titles(_title_pages(TITLE[:cut], TITLE[cut:]), plan)
    assert (finding.clause, finding.page) == ("§7.3.1", 1)
    assert f"{TITLE[:cut]!r} / {TITLE[cut:]!r}" in finding.message


def test_a_title_broken_between_words_or_where_the_layout_broke_it_is_not_reported():
    between = TITLE.index("关于")
    plan = _plan(_paragraph("title", TITLE, (1, 1)))
    assert broken_titles(_title_pages(TITLE[:between], TITLE[between:]), plan) == []
    inside = TITLE.index("安全") + 1
    planned = _plan(_paragraph("title", TITLE, (1, 1), breaks=(inside,)))
    assert broken_titles(_title_pages(TITLE[:inside], TITLE[inside:]), planned) == []


def test_an_attachment_title_is_checked_like_the_title():
    title = "重点行业领域安全检查清单"
    plan = _plan(_paragraph("attachment_title", title, (30, 30)))
    found = broken_titles(_title_pages("重点行业领域安", "全检查清单"), plan)
    assert [f.clause for f in found] == ["§7.3.1"]


def test_a_title_not_found_whole_on_the_page_is_not_judged():
    plan = _plan(_paragraph("title", TITLE, (1, 1)))
    assert broken_titles(_title_pages(TITLE[:5], "另一份文件的标题"), plan) == []



def test_a_joint_mark_whose_names_open_the_title_too_is_found_in_its_cells():
    title = "中共某县委办公室某县人民政府办公室关于印发工作要点的通知"
    plan = _plan(JointMark(("中共某县委办公室", "某县人民政府办公室"), "文件", 22.0, 600),
                 _paragraph("title", title, (5, 5)), _paragraph("body", BODY, (7, 7)))
    printed = [_row("中共某县委办公室文件", 40.0), _row("某县人民政府办公室", 48.0), _row(title, 70.0), _row(BODY, 90.0)]
    assert missing_characters([_page(1, *printed)], plan) == []
