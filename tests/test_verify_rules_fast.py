"""The checks of `govfmt verify` that only the rendered tests made fire, now each on measured pages built by
hand as well (so the fast suite notices one switched off): page size (§5.1), line pitch and a line off the
grid (§5.2.3), a last baseline below the 版心 and a full line off the left margin (§5.2.1), a full line past
the right edge (§5.2.3), the page number's size (§7.5), the body font (§7.3.3), dashes without ink (§7.5)."""

from __future__ import annotations

import dataclasses

from govfmt.pdf.measure import MM_PER_PT, PageFacts, group_rows
from govfmt.pdf.verify import check

from test_pdf_verify import FRAME, PITCH, _page, _whats

DASHES = {1: 269.0, 2: 269.0, 3: 269.0}


def _report(pages, dashes=DASHES):
    return check(pages, FRAME, "a.pdf", "gbt9704", dashes)


def _moved(page: PageFacts, change) -> PageFacts:
    """The page with change(index, glyph) applied to every glyph of its body rows (index: row number)."""
    rows = []
    for index, row in enumerate(page.rows):
        glyphs = row.glyphs if row.baseline > 262 else tuple(change(index, g) for g in row.glyphs)
        rows.extend(glyphs)
    return PageFacts(page.number, page.width, page.height, group_rows(list(rows)))


def test_the_untouched_pages_meet_every_figure():
    assert _report([_page(1), _page(2), _page(3, lines=10, last_full=False)]).ok


def test_a_page_of_letter_size_is_reported():
    pages = [dataclasses.replace(_page(1), width=215.9, height=279.4), _page(2)]
    [size] = [d for d in _report(pages).deviations if d.what == "page size"]
    assert (size.page, size.expected, size.measured) == (1, "210 × 297 mm", "215.9 × 279.4 mm")
    assert size.clause == "§5.1"


def test_a_landscape_a4_page_is_not_the_wrong_size():
    turned = dataclasses.replace(_page(2), width=297.0, height=210.0)
    report = _report([_page(1), turned, _page(3, lines=10, last_full=False)])
    assert "page size" not in [d.what for d in report.deviations]
    assert report.measured["landscape_pages"] == "2 (tables; not measured)"


def test_lines_set_a_little_wider_apart_are_a_wrong_pitch():
    stretched = _moved(_page(1), lambda i, g: dataclasses.replace(g, baseline=g.baseline + i * 0.01 * PITCH,
                                                                 top=g.top + i * 0.01 * PITCH))
    [pitch] = [d for d in _report([stretched, _page(2)]).deviations if d.what == "line pitch"]
    assert pitch.expected == "28.95 pt" and pitch.measured.startswith("29.24 pt over 22 lines")


def test_one_line_off_the_grid_is_reported():
    nudged = _moved(_page(1), lambda i, g: dataclasses.replace(g, baseline=g.baseline + 2.5 * MM_PER_PT)
                    if i == 10 else g)
    assert (1, "line off the line grid") in _whats(_report([nudged, _page(2)]))


def test_a_last_line_below_the_type_area_is_reported():
    low = _moved(_page(1), lambda i, g: dataclasses.replace(g, baseline=g.baseline + 2.95) if i == 21 else g)
    [deviation] = [d for d in _report([low, _page(2)]).deviations if d.what == "last baseline below the type area"]
    assert (deviation.expected, deviation.measured) == ("at most 262.0 mm", "262.4 mm")


def test_a_full_line_off_the_left_margin_and_one_past_the_right_edge_are_reported():
    shifted = _moved(_page(1), lambda i, g: dataclasses.replace(g, x0=g.x0 + 1.6, x1=g.x1 + 1.6) if i == 5 else g)
    whats = _whats(_report([shifted, _page(2)]))
    assert (1, "left edge of a full line") in whats and (1, "right end of a full line") in whats


def test_a_page_number_in_the_wrong_size_is_reported():
    page = _page(1)
    rows = [r if r.baseline < 262 else group_rows([dataclasses.replace(g, size=16.0) for g in r.glyphs])[0]
            for r in page.rows]
    [size] = [d for d in _report([PageFacts(1, 210, 297, tuple(rows)), _page(2)]).deviations
              if d.what == "page number size"]
    assert (size.expected, size.measured) == ("14 pt", "16 pt")


def test_body_text_in_another_face_is_reported_for_the_document():
    songti = [_moved(_page(n), lambda i, g: dataclasses.replace(g, font="FandolSong-Regular")) for n in (1, 2)]
    [font] = [d for d in _report(songti).deviations if d.what == "body text font"]
    assert font.page is None and font.expected == "a fangsong font for most body text"
    assert font.measured.startswith("FandolSong-Regular 100%")


def test_page_numbers_without_dash_ink_are_reported():
    [dashes] = [d for d in _report([_page(1), _page(2)], {1: 269.0, 2: None}).deviations
                if d.what == "page number dashes"]
    assert (dashes.page, dashes.measured) == (2, "no dash ink")
