"""govfmt reads PDFs with pypdfium2 (govfmt.pdf.measure.read_pages); the tests measure them with pdfplumber.
The two readers must see the same glyphs where they stand, and `verify` must report the same from either."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from govfmt.pdf.measure import MM_PER_PT, Glyph, PageFacts, group_rows, read_pages
from govfmt.pdf.verify import verify_pdf
from govfmt.style import load_style

REPO = Path(__file__).parent.parent
STYLE = load_style()
TOLERANCE_MM = 0.01


def pages_by_pdfplumber(path: Path) -> list[PageFacts]:
    """The page facts as pdfplumber reads them: baseline from the glyph's text matrix (the box's foot for
    turned text), box from pdfminer's advance and font size."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            height = float(page.height)
            glyphs = [Glyph(text=c["text"], x0=c["x0"] * MM_PER_PT, x1=c["x1"] * MM_PER_PT, top=c["top"] * MM_PER_PT,
                            baseline=((height - c["matrix"][5]) if c["upright"] else c["bottom"]) * MM_PER_PT,
                            size=round(float(c["size"]), 2), font=str(c["fontname"]).split("+", 1)[-1])
                      for c in page.chars]
            pages.append(PageFacts(number, float(page.width) * MM_PER_PT, height * MM_PER_PT, group_rows(glyphs)))
    return pages


def inked(page: PageFacts) -> list[Glyph]:
    """Printed glyphs in reading order. Spaces are left out: pdfium may stand a space of its own for one the
    PDF sets alone between two runs of text, pdfminer keeps the PDF's."""
    glyphs = [g for row in page.rows for g in row.glyphs if g.text.strip()]
    return sorted(glyphs, key=lambda g: (round(g.baseline, 1), g.x0))


def disagreements(path: Path, across_tolerance_mm: float = TOLERANCE_MM) -> list[str]:
    """Where the two readers differ on a glyph of path: text, baseline, x0, x1, top, size or font.
    across_tolerance_mm: for the coordinates across a turned glyph's baseline (its descent goes there)."""
    found = []
    ours, theirs = read_pages(path), pages_by_pdfplumber(path)
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs):
        if abs(mine.width - reference.width) > TOLERANCE_MM or abs(mine.height - reference.height) > TOLERANCE_MM:
            found.append(f"page {mine.number}: {mine.width:.1f}×{mine.height:.1f} vs "
                         f"{reference.width:.1f}×{reference.height:.1f}")
        a, b = inked(mine), inked(reference)
        if [g.text for g in a] != [g.text for g in b]:
            found.append(f"page {mine.number}: text {''.join(g.text for g in a)[:40]!r} vs "
                         f"{''.join(g.text for g in b)[:40]!r}")
            continue
        for g, r in zip(a, b):
            for name in ("baseline", "x0", "x1", "top"):
                tolerance = across_tolerance_mm if name != "baseline" else TOLERANCE_MM
                if abs(getattr(g, name) - getattr(r, name)) > tolerance:
                    found.append(f"page {mine.number} {g.text!r}: {name} {getattr(g, name):.2f} vs "
                                 f"{getattr(r, name):.2f}")
            if abs(g.size - r.size) > 0.01 or g.font != r.font:
                found.append(f"page {mine.number} {g.text!r}: {g.size} {g.font} vs {r.size} {r.font}")
    return found


# --- a PDF made here: standard fonts, scaled and turned text, pages turned by /Rotate -------------------


def _add_text(document, page, text: str, size: float, matrix: tuple, font: str = "Helvetica") -> None:
    obj = raw.FPDFPageObj_NewTextObj(document.raw, font.encode(), ctypes.c_float(size))
    encoded = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    raw.FPDFText_SetText(obj, ctypes.cast(encoded, ctypes.POINTER(ctypes.c_ushort)))
    raw.FPDFPageObj_Transform(obj, *(ctypes.c_double(v) for v in matrix))
    raw.FPDFPage_InsertObject(page.raw, obj)


@pytest.fixture(scope="module")
def made_pdf(tmp_path_factory) -> Path:
    document = pdfium.PdfDocument.new()
    for rotation in (0, 90, 180, 270):
        page = document.new_page(595, 842)
        _add_text(document, page, "Plain text 12", 12, (1, 0, 0, 1, 72, 700))
        _add_text(document, page, "Plain, twice as wide", 12, (2, 0, 0, 1, 72, 650))
        _add_text(document, page, "Twice as tall", 12, (1, 0, 0, 2, 72, 600))
        _add_text(document, page, "Turned up", 12, (0, 1, -1, 0, 300, 400))
        _add_text(document, page, "Times at 20", 20, (1, 0, 0, 1, 72, 500), font="Times-Roman")
        _add_text(document, page, "Courier 9", 9, (1, 0, 0, 1, 400, 100), font="Courier")
        raw.FPDFPage_GenerateContent(page.raw)
        page.set_rotation(rotation)
    path = tmp_path_factory.mktemp("made") / "made.pdf"
    document.save(str(path))
    document.close()
    return path


def test_glyphs_of_a_made_pdf_agree_with_pdfplumber_on_every_page_orientation(made_pdf):
    # Along the baseline both readers agree exactly; across it pdfminer also puts the font's declared descent
    # below the baseline (pdfium gives no access to it), at most a quarter of the size of these fonts.
    assert disagreements(made_pdf, across_tolerance_mm=0.25 * 24 * MM_PER_PT) == []
    pages = read_pages(made_pdf)
    assert [(round(p.width), round(p.height)) for p in pages] == [(210, 297), (297, 210), (210, 297), (297, 210)]
    rows = {row.text: row for row in pages[0].rows}
    assert rows["Plain text 12"].baseline == pytest.approx((842 - 700) * MM_PER_PT, abs=TOLERANCE_MM)
    assert rows["Twice as tall"].size == 24.0
    wide, plain = rows["Plain, twice as wide"], rows["Plain text 12"]
    assert wide.glyphs[0].x1 - wide.glyphs[0].x0 == pytest.approx(2 * (plain.glyphs[0].x1 - plain.glyphs[0].x0))
    assert {g.font for row in pages[0].rows for g in row.glyphs} == {"Helvetica", "Times-Roman", "Courier"}


def test_a_page_without_text_has_no_rows(tmp_path):
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    document.save(str(tmp_path / "blank.pdf"))
    document.close()
    [page] = read_pages(tmp_path / "blank.pdf")
    assert page.rows == () and round(page.width) == 210


def test_a_missing_or_damaged_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_pages(tmp_path / "missing.pdf")
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 nothing more")
    with pytest.raises(pdfium.PdfiumError):
        read_pages(tmp_path / "x.pdf")


# --- PDFs rendered by LibreOffice -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Documents with a 版头 and 版记, a 信函, a long 通报, and a table turned to a landscape page."""
    from govfmt.docx import write_docx
    from govfmt.pdf.render import render_pdfs
    from govfmt.reader import read_document

    folder = tmp_path_factory.mktemp("rendered")
    sources = [REPO / "samples" / f"{stem}.txt" for stem in ("文件-版头版记", "信函-复函", "通报-典型经验")]
    sources.append(REPO / "tests" / "corpus" / "dev" / "docs" / "013.txt")
    docs = {}
    for source in sources:
        docs[source.stem] = folder / f"{source.stem}.docx"
        write_docx(read_document(source), STYLE, docs[source.stem])
    results = render_pdfs([(d, d.with_suffix(".pdf")) for d in docs.values()], style=STYLE)
    assert all(r.ok for r in results), [r.error for r in results]
    return {name: path.with_suffix(".pdf") for name, path in docs.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["文件-版头版记", "信函-复函", "通报-典型经验", "013"])
def test_glyphs_of_rendered_documents_agree_with_pdfplumber(rendered, name):
    assert disagreements(rendered[name]) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["文件-版头版记", "信函-复函", "通报-典型经验", "013"])
def test_verify_reports_the_same_from_either_reader(rendered, name, monkeypatch):
    import govfmt.pdf.verify

    ours = verify_pdf(rendered[name], STYLE)
    monkeypatch.setattr(govfmt.pdf.verify, "read_pages", pages_by_pdfplumber)
    reference = verify_pdf(rendered[name], STYLE)
    assert ours.to_text() == reference.to_text()
    assert ours.to_json() == reference.to_json()
