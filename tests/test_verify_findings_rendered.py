"""`govfmt verify` names the composition rules a real rendering breaks, with their clauses.

Two drafts are converted through LibreOffice once; two layouts of the short one are written with one rule
broken on purpose (a page break before the 署名, a title line broken inside a word) and rendered in one more
session; the other cases alter a copy of a rendering with pypdfium2 (a line's text removed, a line's end
pushed into the margin, the first page taken out so the 版记 lands on an odd page, the 版记's rules raised).
Each broken figure is also measured here with pdfplumber, so verify is not its own judge."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from govfmt.cli import cli
from govfmt.docx.writer import LIBREOFFICE, write_plan
from govfmt.layout.items import Paragraph, Run
from govfmt.layout.plan import choose_style, plan_document
from govfmt.pdf.render import render_pdfs
from govfmt.reader import read_document
from govfmt.style import load_style

from conftest import REPO

pytestmark = pytest.mark.slow
MM = 72 / 25.4  # pt per mm
RIGHT, BOTTOM = 184.0, 262.0  # §5.2.1: the 版心's right and bottom edges, mm from the page's left and top
TITLE = "关于进一步加强机关公文处理工作的通知"
SENTENCE = "为深入贯彻落实党中央国务院决策部署，进一步加强和改进机关公文处理工作，提高公文质量和办文效率。"
DRAFT = (f"{TITLE}\n\n各区人民政府，市政府各部门：\n" + "\n".join(SENTENCE * 2 for _ in range(4))
         + "\n某某市人民政府办公室\n2024年3月1日\n")
BODY_LINE = 4  # the first body paragraph of DRAFT (1-based)
COLOPHON_DRAFT = REPO / "samples" / "文件-版头版记.txt"


def _verify(pdf: Path, draft: Path | None = None) -> tuple[int, dict]:
    args = ["--lang", "en", "verify", str(pdf), "--format", "json"] + (["--draft", str(draft)] if draft else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _findings(pdf: Path, draft: Path | None = None) -> dict[str, list[dict]]:
    code, report = _verify(pdf, draft)
    found: dict[str, list[dict]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["clause"], []).append(finding)
    assert code == (1 if found or report["deviations"] else 0)
    return found


def _chars(pdf: Path, page: int) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return [{"text": c["text"], "x1": c["x1"] / MM, "baseline": (document.pages[page - 1].height - c["matrix"][5]) / MM}
                for c in document.pages[page - 1].chars]


def _page_count(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def _altered(base: Path, out: Path, change, page: int | None = None) -> Path:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(base))
    try:
        if page is None:
            change(document)
        else:
            handle = document[page - 1]
            change(handle)
            handle.gen_content()
        document.save(str(out))
    finally:
        document.close()
    return out


def _text_objects(page, low_mm: float, high_mm: float) -> list:
    """Text objects whose baseline region (their lowest point) lies between low and high (mm from the top)."""
    import pypdfium2.raw as raw

    height = page.get_height()
    return [obj for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT])
            if low_mm <= (height - obj.get_bounds()[1]) / MM <= high_mm]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("findings")
    draft = folder / "通知.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    colophon = folder / "版记.txt"
    colophon.write_bytes(COLOPHON_DRAFT.read_bytes())
    result = CliRunner().invoke(cli, ["convert", str(draft), str(colophon), "-o", str(folder / "out"), "--to", "pdf",
                                      "-j", "1"])
    assert result.exit_code == 0, result.output

    document = read_document(draft)
    style = choose_style(document, None, load_style())
    plan = plan_document(document, style)

    def changed(item):
        if isinstance(item, Paragraph) and item.element == "signature":
            return dataclasses.replace(item, page_break_before=True)  # the 署名 and date alone on page 2
        return item

    cut = TITLE.index("处理") + 1  # 处 / 理: inside the word 处理
    broken_title = tuple(
        dataclasses.replace(item, runs=(Run(TITLE[:cut], "title", break_after=True), Run(TITLE[cut:], "title")))
        if isinstance(item, Paragraph) and item.element == "title" else item for item in plan.items)
    jobs = []
    for name, items in (("alone", tuple(changed(i) for i in plan.items)), ("title", broken_title)):
        docx = folder / f"{name}.docx"
        write_plan(dataclasses.replace(plan, items=items), style, docx, renderer=LIBREOFFICE)
        jobs.append((docx, folder / f"{name}.pdf"))
    results = render_pdfs(jobs, style=style)
    assert all(r.ok for r in results), [r.error for r in results]
    return {"draft": draft, "base": folder / "out" / "通知.pdf", "alone": folder / "alone.pdf",
            "title": folder / "title.pdf", "colophon_draft": colophon, "colophon": folder / "out" / "版记.pdf"}


def test_the_untouched_renderings_break_no_composition_rule(rendered):
    assert _findings(rendered["base"], rendered["draft"]) == {}
    assert _findings(rendered["colophon"], rendered["colophon_draft"]) == {}
    assert _findings(rendered["colophon"]) == {}


def test_a_line_of_text_missing_from_the_pdf_is_named_with_its_draft_line(rendered, tmp_path):
    first = next(c for c in _chars(rendered["base"], 1) if c["text"] == SENTENCE[0] and c["baseline"] > 60)
    pdf = _altered(rendered["base"], tmp_path / "cut.pdf",
                   lambda page: [page.remove_obj(o) for o in _text_objects(page, first["baseline"] - 1,
                                                                           first["baseline"] + 2)], 1)
    assert not any(abs(c["baseline"] - first["baseline"]) < 0.5 for c in _chars(pdf, 1))  # measured: gone
    found = _findings(pdf, rendered["draft"])
    assert list(found) == ["§6.1"]
    # the paragraph the line belongs to starts on the draft's line 4 (lines a draft wraps join into one)
    assert re.match(rf"lines? {BODY_LINE}(–\d+)?: missing from the PDF: '{SENTENCE[0]}'", found["§6.1"][0]["message"])


def test_a_line_end_pushed_past_the_right_edge_is_reported(rendered, tmp_path):
    full = [c for c in _chars(rendered["base"], 1) if c["x1"] > RIGHT - 1 and 60 < c["baseline"] < BOTTOM]
    row = full[0]["baseline"]

    def pushed(page):
        import pypdfium2 as pdfium

        for obj in _text_objects(page, row - 1, row + 2):
            if (obj.get_bounds()[2]) / MM > RIGHT - 6:
                obj.transform(pdfium.PdfMatrix().translate(3 * MM, 0))
    pdf = _altered(rendered["base"], tmp_path / "hung.pdf", pushed, 1)
    assert max(c["x1"] for c in _chars(pdf, 1) if abs(c["baseline"] - row) < 0.5) > RIGHT + 2
    for draft in (rendered["draft"], None):  # without the draft too: this rule needs none
        found = _findings(pdf, draft)
        assert list(found) == ["§5.2.1"], found
        assert found["§5.2.1"][0]["page"] == 1 and "past the 版心's right edge (184 mm)" in found["§5.2.1"][0]["message"]


def test_a_signature_alone_on_its_page_is_reported(rendered):
    pdf = rendered["alone"]
    assert _page_count(pdf) == 2
    assert {c["text"] for c in _chars(pdf, 2) if c["baseline"] < BOTTOM} <= set("某市人民政府办公室2024年3月1日")
    found = _findings(pdf, rendered["draft"])
    assert list(found) == ["§7.3.5.5"], found
    assert found["§7.3.5.5"][0]["page"] == 2


def test_a_title_broken_inside_a_word_is_reported(rendered):
    pdf = rendered["title"]
    lines: dict[int, str] = {}
    for c in _chars(pdf, 1):
        if c["text"].strip():
            lines.setdefault(round(c["baseline"]), "")
            lines[round(c["baseline"])] += c["text"]
    assert TITLE[:TITLE.index("处理") + 1] in lines.values()  # measured: the title's first line ends at 处
    found = _findings(pdf, rendered["draft"])
    assert list(found) == ["§7.3.1"], found
    assert "'关于进一步加强机关公文处' / '理工作的通知'" in found["§7.3.1"][0]["message"]


def test_a_colophon_on_an_odd_page_is_reported_without_the_draft(rendered, tmp_path):
    pages = _page_count(rendered["colophon"])
    assert pages % 2 == 0
    pdf = _altered(rendered["colophon"], tmp_path / "odd.pdf", lambda document: document.del_page(0))
    assert _page_count(pdf) % 2 == 1
    found = _findings(pdf)
    assert list(found) == ["§7.4"], found
    assert found["§7.4"][0]["page"] == pages - 1


def test_a_colophon_raised_off_the_bottom_edge_is_reported(rendered, tmp_path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages = _page_count(rendered["colophon"])

    def raised(page):
        height = page.get_height()
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_TEXT]):
            if 150 < (height - obj.get_bounds()[1]) / MM <= BOTTOM + 1:  # the 版记 and its rules
                obj.transform(pdfium.PdfMatrix().translate(0, 5 * MM))
    pdf = _altered(rendered["colophon"], tmp_path / "raised.pdf", raised, pages)
    found = _findings(pdf)
    assert list(found) == ["§7.4.1"], found
    message = found["§7.4.1"][0]["message"]
    assert "not on the 版心's bottom edge at 262.0 mm" in message
    measured = float(message.split("lies at ")[1].split(" mm")[0])
    assert 256.0 <= measured <= 258.0  # 5 mm above its place on the edge
    text = CliRunner().invoke(cli, ["--lang", "en", "verify", str(pdf)]).output
    assert f"{pdf}: GB/T 9704 §7.4.1: the 版记's last rule lies at" in text
