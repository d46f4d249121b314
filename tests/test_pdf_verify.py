"""`govfmt verify`: measuring PDFs against the style, on synthetic pages and on rendered documents."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govfmt.cli import cli
from govfmt.errors import InputError
from govfmt.pdf.measure import MM_PER_PT, Glyph, PageFacts, group_rows
from govfmt.pdf.verify import Frame, check, number_pattern, verify_pdf, verify_with_frame
from govfmt.style import load_style
from test_pdf_fixture_docx import build_docx

CORPUS = Path(__file__).parent / "corpus" / "dev" / "docs"
STYLE = load_style()
FRAME = dataclasses.replace(Frame.from_style(STYLE), dash_below=7.0)  # GB/T 9704 §7.5: 7 mm
PITCH = 28.95 * MM_PER_PT
CHAR = 15.75 * MM_PER_PT  # a 三号 character with −0.25 pt tracking


def _row(text: str, baseline: float, x0: float, *, font: str = "FandolFang-Regular", size: float = 16.0,
         advance: float = CHAR) -> list[Glyph]:
    return [Glyph(ch, x0 + i * advance, x0 + i * advance + size * MM_PER_PT, baseline - size * 0.88 * MM_PER_PT,
                  baseline, size, font) for i, ch in enumerate(text)]


def _number(page: int, x0: float, baseline: float = 270.5) -> list[Glyph]:
    text = f"— {page} —"
    glyphs, x = [], x0
    for ch in text:
        width = (0.5 if ch != "—" else 1.0) * 14 * MM_PER_PT
        glyphs.append(Glyph(ch, x, x + width, baseline - 4, baseline, 14.0, "FandolSong-Regular"))
        x += width
    return glyphs


def _page(number: int, lines: int = 22, chars: int = 28, first: float = 44.98, number_x: float | None = None,
          last_full: bool = True) -> PageFacts:
    glyphs = []
    advance = (183.6 - 28.05 - 16 * MM_PER_PT) / (chars - 1)  # justified to the type area's right edge
    for i in range(lines):
        count = chars if (last_full or i < lines - 1) else 5
        glyphs += _row("政" * count, first + i * PITCH, 28.05, advance=advance)
    width = (2 * 14 + 3 * 7) * MM_PER_PT  # two dashes of one em, two spaces and a digit of half an em
    x = number_x if number_x is not None else (179.06 - width if number % 2 else 32.94)
    glyphs += _number(number, x)
    return PageFacts(number, 210.0, 297.0, group_rows(glyphs))


def _whats(report) -> list[tuple[int | None, str]]:
    return [(d.page, d.what) for d in report.deviations]


def test_a_page_laid_out_to_the_standard_has_no_deviations():
    pages = [_page(1), _page(2), _page(3, lines=10, last_full=False)]
    report = check(pages, FRAME, "a.pdf", "gbt9704", {1: 269.0, 2: 269.1, 3: 268.9})
    assert report.ok, report.to_text()
    assert report.measured["full_pages"] == "2 (lines: 22×2)"
    assert report.measured["full_lines"].startswith("53 (characters: 28×53")


def test_twenty_one_lines_and_twenty_seven_characters_are_reported():
    pages = [_page(1, lines=21, chars=27), _page(2)]
    report = check(pages, FRAME, "a.pdf", "gbt9704", {1: 269.0, 2: 269.0})
    assert (1, "lines on a full page") in _whats(report)
    assert (None, "characters on most full lines") not in _whats(report)  # page 2 holds more 28s
    [lines] = [d for d in report.deviations if d.what == "lines on a full page"]
    assert (lines.expected, lines.measured) == ("22", "21")


def test_a_wrong_page_number_position_text_font_and_dash_height_are_reported():
    page = _page(1, number_x=150.0)
    page = PageFacts(1, 210, 297, tuple(r if r.baseline < 262 else group_rows(
        [dataclasses.replace(g, font="DejaVuSerif", text=g.text.replace("—", "-")) for g in r.glyphs])[0]
        for r in page.rows))
    report = check([page, _page(2)], FRAME, "a.pdf", "gbt9704", {1: 274.2, 2: 269.0})
    whats = _whats(report)
    assert (1, "page number text") in whats
    assert (1, "page number font") in whats
    assert (1, "page number right end") in whats
    [dash] = [d for d in report.deviations if d.what == "page number dash height"]
    assert (dash.expected, dash.measured) == ("269.0 mm", "274.2 mm")


def test_text_in_the_top_margin_and_a_late_first_line_are_reported():
    pages = [_page(1), _page(2, lines=21, first=49.9)]
    report = check(pages, FRAME, "a.pdf", "gbt9704", {1: 269.0, 2: 269.0})
    assert (2, "first baseline (text block start)") in _whats(report)
    high = [_page(1, first=30.0), _page(2)]
    assert (1, "text above the type area (top margin)") in _whats(check(high, FRAME, "a.pdf", "gbt9704", {}))


def test_without_the_dash_figure_in_the_style_the_dash_check_is_listed_as_skipped():
    report = check([_page(1)], dataclasses.replace(FRAME, dash_below=None), "a.pdf", "gbt9704", {})
    assert report.ok and report.skipped and "dash" in report.skipped[0]


def test_a_blank_page_before_the_last_page_and_that_page_carry_no_number():
    blank = PageFacts(2, 210, 297, ())
    last = _page(3, lines=3, last_full=False)
    report = check([_page(1), blank, last], FRAME, "a.pdf", "gbt9704", {1: 269.0})
    assert (3, "page number on a blank page or the 版记 page after it") in _whats(report)


def test_the_page_number_pattern_follows_the_style_text():
    assert number_pattern("— {page} —", 12).fullmatch("— 12 —")
    assert number_pattern("— {page} —", 12).fullmatch("—12—")
    assert not number_pattern("— {page} —", 12).fullmatch("- 12 -")
    assert not number_pattern("— {page} —", 12).fullmatch("— 13 —")


def test_unreadable_input_is_an_input_error(tmp_path):
    broken = tmp_path / "x.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing more")
    with pytest.raises(InputError, match=r"x\.pdf: not a readable PDF"):
        verify_pdf(broken, STYLE)
    with pytest.raises(InputError, match="no such file"):
        verify_pdf(tmp_path / "missing.pdf", STYLE)


def test_verify_command_exit_codes_for_unreadable_files(tmp_path):
    broken = tmp_path / "x.pdf"
    broken.write_bytes(b"not a pdf")
    result = CliRunner().invoke(cli, ["verify", str(broken)])
    assert result.exit_code == 2
    assert "not a readable PDF" in result.output


# --- rendered through LibreOffice ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The hand-built fixture, a 40-line variant at −4 tracking, and three real documents of different kinds."""
    from govfmt.docx import write_docx
    from govfmt.pdf.render import render_pdfs
    from govfmt.reader import read_document

    folder = tmp_path_factory.mktemp("rendered")
    docs = {"fixture": build_docx(folder / "fixture.docx"),
            "tracking-4": build_docx(folder / "tracking-4.docx", tracking=-4, footer_twips=1134)}
    for stem, kind in (("000", "speech"), ("002", "opinion"), ("017", "plan")):
        docs[kind] = folder / f"{kind}.docx"
        write_docx(read_document(CORPUS / f"{stem}.txt"), STYLE, docs[kind])
    results = render_pdfs([(d, d.with_suffix(".pdf")) for d in docs.values()], style=STYLE)
    assert all(r.ok for r in results), [r.error for r in results]
    return {name: verify_with_frame(path.with_suffix(".pdf"), FRAME, STYLE.name) for name, path in docs.items()}


@pytest.mark.slow
def test_the_fixture_meets_every_figure(rendered):
    report = rendered["fixture"]
    assert report.ok, report.to_text()
    assert report.measured["full_pages"].endswith("(lines: 22×6)")
    assert report.measured["full_lines"].endswith("(characters: 28×120)")
    assert report.measured["left_edge"] == "28.05 mm"
    assert abs(float(report.measured["dash_ink"].split()[0]) - 269.0) <= 1.0
    assert abs(float(report.measured["odd_right_end"].split()[0]) - 179.1) <= 1.0
    assert abs(float(report.measured["even_left_end"].split()[0]) - 32.9) <= 1.0
    assert report.measured["body_fonts"].startswith("FandolFang")


@pytest.mark.slow
def test_too_little_tracking_and_a_low_footer_are_caught(rendered):
    whats = {d.what for d in rendered["tracking-4"].deviations}
    assert {"characters on most full lines", "page number dash height"} <= whats


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["speech", "opinion", "plan"])
def test_real_documents_meet_every_figure(rendered, kind):
    report = rendered[kind]
    assert report.ok, report.to_text()
    assert "(lines: 22×" in report.measured["full_pages"]
    assert report.measured["full_lines"].split()[0] != "0"
    assert abs(float(report.measured["left_edge"].split()[0]) - 28.0) <= 1.0
    assert abs(float(report.measured["dash_ink"].split()[0]) - 269.0) <= 1.0
    assert report.measured["body_fonts"].startswith("FandolFang")


@pytest.mark.slow
def test_verify_command_reports_json_and_exit_code(rendered, tmp_path):
    pdf = Path(rendered["fixture"].path)
    result = CliRunner().invoke(cli, ["verify", str(pdf), "--format", "json"])
    data = json.loads(result.output)
    assert data["deviations"] == [] and data["skipped"] == []  # the style gives the dash offset: checked
    assert result.exit_code == 0
    low = Path(rendered["tracking-4"].path)
    result = CliRunner().invoke(cli, ["verify", str(low)])
    assert result.exit_code == 1
    assert "characters on most full lines: expected 28, measured 27" in result.output
