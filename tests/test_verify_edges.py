"""`govfmt verify` at its edges: a PDF without pages, a page of text without the page-number dash figure in
the frame, a page holding only large type, pages without Chinese text, and the composition rules asked of a
file that is not there or not a PDF."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from govfmt.cli import cli
from govfmt.errors import InputError
from govfmt.layout.items import Plan
from govfmt.pdf.measure import MM_PER_PT, Glyph, PageFacts, group_rows
from govfmt.pdf.verify import Frame, check, page_findings, rendering_findings, verify_with_frame
from govfmt.style import load_style

STYLE = load_style()
FRAME = Frame.from_style(STYLE)


def _pdf(path, pages: int):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(210 / MM_PER_PT, 297 / MM_PER_PT)
    document.save(str(path))
    document.close()
    return path


def _glyphs(text: str, baseline: float, x0: float, size: float, font: str = "FandolFang-Regular") -> list[Glyph]:
    advance = size * MM_PER_PT
    return [Glyph(ch, x0 + i * advance, x0 + (i + 1) * advance, baseline - 0.88 * advance, baseline, size, font)
            for i, ch in enumerate(text)]


def test_the_frame_takes_every_figure_from_the_style():
    """GB/T 9704: A4 (§5.1), 版心 156 × 225 mm at 28 mm / 37 mm (§5.2.1), 22 lines of 28 characters (§5.2.3),
    page numbers in 四号 with the dash 7 mm below the 版心 (§7.5)."""
    assert (FRAME.width, FRAME.height, FRAME.left, FRAME.top) == (210, 297, 28, 37)
    assert (FRAME.right, FRAME.bottom, FRAME.lines, FRAME.chars) == (184, 262, 22, 28)
    assert FRAME.number_size_pt == 14 and FRAME.dash_below == 7.0 and FRAME.first_page_numbered
    assert not Frame.from_style(load_style("letter")).first_page_numbered  # §10.1: 信函 page 1 has no number


def test_a_pdf_without_pages_is_one_sentence_and_exit_2(tmp_path):
    empty = _pdf(tmp_path / "empty.pdf", 0)  # pdfium itself refuses to open a document without pages
    result = CliRunner().invoke(cli, ["--lang", "en", "verify", str(empty)])
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith(f"govfmt: {empty}: ") and ("the PDF has no pages" in line or "not a readable PDF" in line)


def test_a_blank_page_without_the_dash_figure_reports_the_missing_number_and_the_check_not_made(tmp_path):
    blank = _pdf(tmp_path / "blank.pdf", 1)
    report = verify_with_frame(blank, dataclasses.replace(FRAME, dash_below=None), "gbt9704")
    assert [(d.page, d.what, d.measured) for d in report.deviations] == [(1, "page number", "none")]
    text = report.to_text()
    assert "  not checked: page-number dash height (the style has no page_number.dash_below_type_area_mm)" in text
    assert text.endswith(f"{blank}: 1 deviation")


def test_a_blank_page_against_the_style_misses_its_number_and_its_dashes_are_not_looked_for(tmp_path):
    blank = _pdf(tmp_path / "blank.pdf", 1)
    result = CliRunner().invoke(cli, ["--lang", "en", "verify", str(blank), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(d["page"], d["what"], d["clause"]) for d in report["deviations"]] == [(1, "page number", "§7.5")]
    assert report["findings"] == [] and report["skipped"] == []
    text = CliRunner().invoke(cli, ["--lang", "en", "verify", str(blank)]).output
    assert f"{blank}: page 1: page number: expected — 1 —, measured none (GB/T 9704 §7.5)" in text


def test_large_type_above_the_first_line_is_not_text_in_the_margin():
    """A 发文机关标志 set larger than the body may rise above the type area's top (its line box is taller)."""
    mark = _glyphs("国务院办公厅文件", 45.0, 60.0, 40.0, "FandolSong-Bold")
    assert min(g.top for g in mark) < FRAME.top - 1
    page = PageFacts(1, 210, 297, group_rows(mark))
    whats = [d.what for d in check([page], FRAME, "a.pdf", "gbt9704", {1: 269.0}).deviations]
    assert "text above the type area (top margin)" not in whats
    small = _glyphs("国务院办公厅文件", 45.0, 60.0, 16.0)
    raised = [dataclasses.replace(g, top=FRAME.top - 5) for g in small]
    whats = [d.what for d in check([PageFacts(1, 210, 297, group_rows(raised))], FRAME, "a.pdf", "gbt9704",
                                   {1: 269.0}).deviations]
    assert "text above the type area (top margin)" in whats


def test_pages_without_chinese_text_give_no_font_figure():
    digits = _glyphs("2024 12 31", 60.0, 28.0, 16.0, "LiberationSerif")
    report = check([PageFacts(1, 210, 297, group_rows(digits))], FRAME, "a.pdf", "gbt9704", {1: 269.0})
    assert "body text font" not in [d.what for d in report.deviations]
    assert "body_fonts" not in report.measured


def test_the_composition_rules_of_a_missing_or_broken_file_are_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        rendering_findings(tmp_path / "gone.pdf", None, Plan(()), STYLE)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 and nothing more")
    with pytest.raises(InputError, match=r"broken\.pdf: not a readable PDF \("):
        rendering_findings(broken, None, Plan(()), STYLE)


def test_a_blank_last_page_holds_no_colophon_to_judge(tmp_path):
    assert page_findings(_pdf(tmp_path / "blank.pdf", 2), STYLE) == []


def test_every_check_names_the_clause_it_measures():
    """Each deviation verify can report cites the clause of GB/T 9704-2012 it comes from."""
    import re as regex
    from pathlib import Path

    import govfmt.pdf.verify as verify

    source = Path(verify.__file__).read_text(encoding="utf-8")
    names = set(regex.findall(r'N_\("([^"]+)"\)', source))
    assert len(names) == 21 and names == set(verify.CLAUSES)
    assert set(verify.CLAUSES.values()) == {"§5.1", "§5.2.1", "§5.2.3", "§7.3.3", "§7.5"}


def test_drafts_must_pair_with_the_pdfs(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("关于开展检查的通知\n", encoding="utf-8")
    pdfs = [_pdf(tmp_path / "a.pdf", 1), _pdf(tmp_path / "b.pdf", 1)]
    result = CliRunner().invoke(cli, ["--lang", "en", "verify", *map(str, pdfs), "--draft", str(draft)])
    assert result.exit_code == 2
    assert "give --draft once for each PDF (2 PDFs, 1 drafts)" in result.output


def test_several_pdfs_give_a_json_list_and_an_unreadable_one_makes_exit_2(tmp_path):
    good = _pdf(tmp_path / "a.pdf", 1)
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"%PDF-1.7 truncated")
    result = CliRunner().invoke(cli, ["--lang", "en", "verify", str(good), str(bad), "--format", "json"])
    assert result.exit_code == 2
    reports = json.loads(result.stdout)
    assert [r["path"] for r in reports] == [str(good)]
    assert f"govfmt: {bad}: not a readable PDF (" in result.stderr
