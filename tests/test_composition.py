"""Page composition decided from measured facts (GB/T 9704 §7.3.5.5, §7.4, §7.5), as data."""

import dataclasses

from govfmt.docx import write_plan
from govfmt.ingest import decode
from govfmt.layout.composition import (BLANK_PAGE_FIRST, NEXT_PAGE, SAME_PAGE, Composition, PageMeasure,
                                       needs_measurement, recompose)
from govfmt.layout.items import Colophon, Paragraph
from govfmt.layout.plan import plan_document
from govfmt.model import Block, KINDS
from govfmt.parse import parse
from govfmt.style import load_style

from docx_xml import paragraph_text, paragraphs
from document_drafts import FULL

STYLE = load_style()
SIMPLE = "关于做好某项工作的通知\n\n各区县：\n\n请按要求做好有关工作。\n\n某某市人民政府\n2024年3月1日\n"


def _document(text: str):
    return parse(decode(text.encode("utf-8"), "d.txt"))


def test_an_even_colophon_page_and_a_signature_with_company_need_nothing():
    measure = PageMeasure(pages=4, colophon_page=4, colophon_bottom=262.2, text_above_colophon=True,
                          signature_page=3, rows_above_signature=5, type_bottom=262)
    assert recompose(measure, Composition(), None, STYLE) is None


def test_a_colophon_sharing_an_odd_page_with_text_moves_to_the_next_page():
    measure = PageMeasure(pages=3, colophon_page=3, text_above_colophon=True, type_bottom=262)
    assert recompose(measure, Composition(), None, STYLE).colophon == NEXT_PAGE


def test_a_colophon_alone_on_an_odd_page_gets_a_blank_page_before_it():
    measure = PageMeasure(pages=3, colophon_page=3, text_above_colophon=False, type_bottom=262)
    assert recompose(measure, Composition(), None, STYLE).colophon == BLANK_PAGE_FIRST


def test_a_moved_colophon_found_odd_again_is_moved_by_what_that_shows():
    odd = PageMeasure(pages=5, colophon_page=5, text_above_colophon=False, type_bottom=262)
    assert recompose(odd, Composition(colophon=NEXT_PAGE), None, STYLE).colophon == SAME_PAGE
    assert recompose(odd, Composition(colophon=BLANK_PAGE_FIRST), None, STYLE).colophon == NEXT_PAGE


def test_single_sided_styles_leave_the_colophon_where_it_is():
    single = dataclasses.replace(STYLE, page=dataclasses.replace(STYLE.page, duplex=False))
    measure = PageMeasure(pages=3, colophon_page=3, text_above_colophon=True, type_bottom=262)
    assert recompose(measure, Composition(), None, single) is None


def test_a_signature_alone_on_its_page_carries_body_lines_over_until_the_limit():
    alone = PageMeasure(pages=2, signature_page=2, rows_above_signature=0, type_bottom=262)
    first = recompose(alone, Composition(), None, STYLE)
    assert first.carry_lines > 0 and first.measured
    second = recompose(alone, first, None, STYLE)
    assert second.carry_lines > first.carry_lines
    limit = Composition(carry_lines=10_000)
    assert recompose(alone, limit, None, STYLE) is None


def test_the_signature_on_page_one_is_never_alone():
    assert not PageMeasure(pages=1, signature_page=1, rows_above_signature=0).signature_alone


def test_documents_with_a_signature_or_a_colophon_need_measuring():
    assert needs_measurement(plan_document(_document(SIMPLE), STYLE))
    assert needs_measurement(plan_document(_document(FULL), STYLE))
    assert not needs_measurement(plan_document(_document("关于某事的通知\n\n各单位：\n\n请遵照执行。\n"), STYLE))


def test_the_colophon_placement_is_an_input_of_the_layout():
    plan = plan_document(_document(FULL), STYLE, Composition(colophon=BLANK_PAGE_FIRST))
    colophon = [item for item in plan.items if isinstance(item, Colophon)]
    assert colophon and colophon[0].placement == BLANK_PAGE_FIRST
    default = plan_document(_document(FULL), STYLE)
    assert [i for i in default.items if isinstance(i, Colophon)][0].placement == SAME_PAGE


def test_carried_lines_tie_the_last_paragraph_and_the_blank_lines_to_the_signature():
    plan = plan_document(_document(SIMPLE), STYLE, Composition(carry_lines=2))
    items = list(plan.items)
    signature = next(i for i, item in enumerate(items) if isinstance(item, Paragraph) and item.element == "signature")
    before = items[:signature]
    text = [item for item in before if isinstance(item, Paragraph) and item.runs][-1]
    assert text.text == "请按要求做好有关工作。" and text.keep_next and text.widow_control
    blanks = before[before.index(text) + 1:]
    assert blanks and all(item.keep_next for item in blanks)


def test_write_plan_writes_the_plan_as_it_is(tmp_path):
    plan = plan_document(_document(SIMPLE), STYLE)
    out = tmp_path / "d.docx"
    write_plan(plan, STYLE, out)
    texts = [paragraph_text(p) for p in paragraphs(out) if paragraph_text(p)]
    assert texts == [item.text for item in plan.items if isinstance(item, Paragraph) and item.text]


def test_a_docx_for_libreoffice_only_differs_where_libreoffice_misreads_it(tmp_path):
    plan = plan_document(_document(SIMPLE), STYLE)
    word, office = tmp_path / "w.docx", tmp_path / "l.docx"
    write_plan(plan, STYLE, word)
    write_plan(plan, STYLE, office, renderer="libreoffice")
    assert [paragraph_text(p).replace("\u200b", "") for p in paragraphs(office)] == \
        [paragraph_text(p) for p in paragraphs(word)]
    assert "2024\u200b年\u200b3\u200b月\u200b1\u200b日" in [paragraph_text(p) for p in paragraphs(office)]


def test_web_chrome_and_directives_are_never_laid_out():
    assert "web" in KINDS
    document = _document(SIMPLE)
    extra = (Block("web", 1, 1, "首页 > 政务公开 > 通知公告"), Block("directive", 2, 2, "%% govfmt: ignore"))
    document = dataclasses.replace(document, blocks=extra + document.blocks)
    texts = [item.text for item in plan_document(document, STYLE).items if isinstance(item, Paragraph)]
    assert not any("首页" in t or "govfmt" in t for t in texts)


def _keeps(plan, element_prefix: str) -> list[bool]:
    return [bool(item.keep_next) if item.keep_next is not None else STYLE.element(item.element).keep_with_next
            for item in plan.items if isinstance(item, Paragraph) and item.element.startswith(element_prefix)]


def test_a_long_numbered_list_is_not_one_chain():
    items = "\n".join(f"{n}.第{n}项重点工作任务名称" for n in range(1, 131))
    draft = f"关于印发重点工作任务清单的通知\n\n各单位：\n\n现将任务清单印发给你们。\n\n附件1\n\n重点工作任务清单\n\n{items}\n"
    plan = plan_document(_document(draft), STYLE)
    keeps = _keeps(plan, "heading")
    assert len(keeps) >= 100  # the numbers read as level-3 headings
    assert sum(keeps) <= 1


def test_in_a_run_of_headings_only_the_last_keeps_with_the_text():
    draft = "关于某事的通知\n\n各单位：\n\n一、总体要求\n\n（一）指导思想\n\n坚持以人民为中心的发展思想。\n"
    plan = plan_document(_document(draft), STYLE)
    heads = [item for item in plan.items if isinstance(item, Paragraph) and item.element.startswith("heading")]
    assert [h.text for h in heads] == ["一、总体要求", "（一）指导思想"]
    assert _keeps(plan, "heading") == [False, True]


def test_the_attendance_block_of_minutes_stays_together_with_the_text_before_it():
    draft = ("某某市政府常务会议纪要\n\n会议研究了有关事项。会议要求各部门抓好落实，确保各项工作取得实效。\n\n"
             "出席：张三、李四、王五\n请假：赵六\n列席：市政府办公室、市发展改革委负责同志\n")
    plan = plan_document(_document(draft), STYLE)
    paragraphs_ = [item for item in plan.items if isinstance(item, Paragraph) and item.runs]
    texts = [p.text for p in paragraphs_]
    first = next(i for i, t in enumerate(texts) if t.startswith("出席"))
    assert paragraphs_[first - 1].keep_next and paragraphs_[first - 1].widow_control  # the text goes along
    assert [p.keep_next for p in paragraphs_[first:]] == [True, True, None]  # 列席 last, the others tied to it
