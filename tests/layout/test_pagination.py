"""The first layout's page estimate (govfmt.layout.pagination) against the standard's arithmetic and
real renderings: 22 lines a page, 28 characters a line (§5.2.3); a 署名 never alone at the top of a page
(§7.3.5.5); the 版记 closing an even page (§7.4, printed on both sides)."""

from __future__ import annotations

import pytest

from govfmt.ingest import decode
from govfmt.layout.composition import BLANK_PAGE_FIRST, NEXT_PAGE, SAME_PAGE, Composition, recompose
from govfmt.layout.items import Colophon, Paragraph
from govfmt.layout.pagination import estimate, first_composition, line_count
from govfmt.layout.plan import plan_document
from govfmt.parse import parse
from govfmt.style import load_style

STYLE = load_style()
LINE = "各地区各部门要认真落实工作责任确保各项措施落到实处取得实效"  # 30 characters
ROWS = 22  # §5.2.3 一般每面排 22 行
CELL = 16 * 20 - 5  # a 三号 character, tracked −0.25 pt, in twips (§5.2.3: 28 of them fill 156 mm)


def _draft(lines: int, last: int = 4, colophon: bool = False) -> str:
    """A notice: `lines` one-line paragraphs (2 字 indent + 25 characters and 。), then one of `last` full lines
    (longer than three lines, so it is not kept with the 署名 of its own accord)."""
    body = [LINE[:25] + "。" for _ in range(lines)]
    body.append((LINE * 5)[:28 * last - 3] + "。")
    back = ["抄送：市委办公室，市人大常委会办公室，市政协办公室。", "某某市人民政府办公室　2024年3月1日印发"] if colophon else []
    return "\n\n".join(["某某市人民政府办公室关于做好有关工作的通知", "各县（区）人民政府，市政府各部门：",
                        *body, "某某市人民政府办公室\n2024年3月1日", *(["\n".join(back)] if back else [])]) + "\n"


def _document(text: str, name: str = "d.txt"):
    return parse(decode(text.encode("utf-8"), name))


def _rows_before_body(plan) -> int:
    """Title lines, the blank line under the title and the 主送机关 (§7.3.1, §7.3.2): lines above the body."""
    title = next(item for item in plan.items if isinstance(item, Paragraph) and item.element == "title")
    return len(title.runs) + 1 + 1


# -- the standard's arithmetic, no rendering --------------------------------------------------------

def test_a_line_holds_28_full_width_characters_and_digits_take_half_a_cell():
    width = STYLE.page.type_width_twips
    assert line_count([(LINE[:28], 16, -5)], width, width)[0] == 1
    assert line_count([(LINE[:29], 16, -5)], width, width)[0] == 2
    # 27 characters and two digits fill one line; a closing mark never begins the next (避头尾)
    assert line_count([(LINE[:26] + "12", 16, -5)], width, width)[0] == 1
    assert line_count([(LINE[:28] + "。", 16, -5)], width, width)[0] == 2


@pytest.mark.parametrize("lines", range(8, 18))
def test_the_signature_page_and_its_rows_follow_from_22_lines_a_page(lines):
    plan = plan_document(_document(_draft(lines)), STYLE)
    found = estimate(plan, STYLE)
    used = _rows_before_body(plan) + lines + 4  # lines of page 1 before the 署名's blank line
    if used + 3 <= ROWS:  # blank line, 署名, 日期 fit under the text
        assert (found.signature_page, found.text_rows_above_signature) == (1, used - 1)  # one is blank
    elif used <= ROWS:  # they go to the next page together: the 署名 opens it
        assert (found.signature_page, found.text_rows_above_signature) == (2, 0)
    else:  # the last paragraph runs over: its end stands above the 署名
        assert (found.signature_page, found.text_rows_above_signature) == (2, used - ROWS)


def test_a_carry_is_chosen_only_with_a_line_to_spare_either_way():
    chosen = {}
    for lines in range(8, 18):
        plan = plan_document(_document(_draft(lines)), STYLE)
        chosen[lines] = first_composition(plan, STYLE).carry_lines
    used = {lines: _rows_before_body(plan_document(_document(_draft(lines)), STYLE)) + lines + 4 for lines in chosen}
    # alone with a line to spare: one line more still leaves it alone (some room is left above it) and
    # one line less does not yet make room for the three lines of the block
    expected = {lines for lines, rows in used.items() if ROWS - rows >= 1 and 3 - (ROWS - rows) >= 1}
    assert {lines for lines, carry in chosen.items() if carry} == expected
    assert expected  # the drafts do reach those lines


def test_without_a_pagination_table_the_default_composition_stays():
    from dataclasses import replace

    from govfmt.style import PaginationStyle

    plain = replace(STYLE, pagination=PaginationStyle())
    plan = plan_document(_document(_draft(13)), plain)
    assert first_composition(plan, plain) == Composition()


def test_a_colophon_fitting_under_text_on_page_one_goes_to_the_next_page():
    plan = plan_document(_document(_draft(2, colophon=True)), STYLE)
    assert first_composition(plan, STYLE).colophon == NEXT_PAGE


def test_a_wrong_carry_is_undone_on_the_measure_of_its_rendering():
    from govfmt.layout.composition import PageMeasure

    plan = plan_document(_document(_draft(13)), STYLE, Composition(carry_lines=2))
    pitch = STYLE.page.line_pitch_pt * 25.4 / 72
    # four lines above the 署名 on its page, but room for one only on the page before: they stayed
    stayed = PageMeasure(pages=2, signature_page=2, rows_above_signature=4, type_bottom=262,
                         room_before_signature=pitch, line_pitch=pitch)
    assert recompose(stayed, Composition(carry_lines=2), plan, STYLE).carry_lines == 0
    # room for all four: the carry was needed, and a measured carry is never undone
    went = PageMeasure(pages=2, signature_page=2, rows_above_signature=4, type_bottom=262,
                       room_before_signature=5 * pitch, line_pitch=pitch)
    assert recompose(went, Composition(carry_lines=2), plan, STYLE) is None
    assert recompose(stayed, Composition(carry_lines=2, measured=True), plan, STYLE) is None


# -- against renderings ----------------------------------------------------------------------------

def _render(documents: dict, compositions: dict, folder):
    from govfmt.docx import write_plan
    from govfmt.pdf.render import render_pdfs

    plans = {name: plan_document(document, STYLE, compositions.get(name, Composition()))
             for name, document in documents.items()}
    for name, plan in plans.items():
        write_plan(plan, STYLE, folder / f"{name}.docx", renderer="libreoffice")
    results = render_pdfs([(folder / f"{n}.docx", folder / f"{n}.pdf") for n in plans], style=STYLE)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return plans


@pytest.mark.slow
def test_the_estimate_matches_renderings_wherever_the_body_ends(tmp_path):
    """Bodies ending on every line of pages 1 and 2, with and without a 版记: the rendered 署名 page, the
    rows above it and the 版记's page are the estimated ones, and what a first composition chosen from the
    estimate decides (a carry, a 版记's page) is what the measured rendering asks for."""
    from govfmt.pdf.measure import measure_composition

    documents = {f"n{lines:02d}c{int(colophon)}": _document(_draft(lines, colophon=colophon))
                 for lines in range(6, 42) for colophon in (False, True)}
    plans = _render(documents, {}, tmp_path)
    alone = odd = chosen = 0
    for name, plan in plans.items():
        measured = measure_composition(tmp_path / f"{name}.pdf", plan, STYLE)
        found = estimate(plan, STYLE)
        assert (found.signature_page, found.text_rows_above_signature) == \
            (measured.signature_page, measured.rows_above_signature), name
        wanted = recompose(measured, Composition(), plan, STYLE) or Composition()
        first = first_composition(plan, STYLE)
        # what the estimate decides is what the rendering asks for; what it leaves open stays the default
        if first.carry_lines:
            chosen += 1
            assert first.carry_lines == wanted.carry_lines, name
        if first.colophon != SAME_PAGE:
            chosen += 1
            assert first.colophon == wanted.colophon, name
        alone += measured.signature_alone
        if any(isinstance(item, Colophon) for item in plan.items):
            odd += measured.colophon_page % 2
            fits = STYLE.page.type_height_twips - found.colophon_height - found.last_text_bottom - found.pitch >= 0
            assert measured.colophon_page == found.last_text_page + (0 if fits else 1) or \
                abs(STYLE.page.type_height_twips - found.colophon_height - found.last_text_bottom - found.pitch) \
                < found.pitch, name
    assert alone and odd and chosen  # the drafts reach the cases the estimate is for


@pytest.mark.slow
def test_a_wrong_first_composition_is_corrected_by_the_measured_pass(tmp_path):
    """First layouts chosen wrongly on purpose: the measure of their rendering sets them right."""
    from govfmt.pdf.measure import measure_composition

    documents = {"mid": _document(_draft(4)), "late": _document(_draft(20)),
                 "odd": _document(_draft(4, colophon=True)), "even": _document(_draft(30, colophon=True))}
    wrong = {"mid": Composition(carry_lines=2), "late": Composition(carry_lines=2), "odd": Composition(),
             "even": Composition(colophon=NEXT_PAGE)}
    plans = _render(documents, wrong, tmp_path)
    for name, plan in plans.items():
        measured = measure_composition(tmp_path / f"{name}.pdf", plan, STYLE, page_before=True)
        fixed = recompose(measured, wrong[name], plan, STYLE)
        assert fixed is not None, name
        if name in ("mid", "late"):  # the 署名 on page 1, and on page 2 under six lines of text
            assert fixed.carry_lines == 0
        else:
            assert fixed.colophon in (SAME_PAGE, NEXT_PAGE, BLANK_PAGE_FIRST) and fixed.colophon != wrong[name].colophon
