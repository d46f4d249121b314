"""Every check `govfmt verify` makes fires on a PDF that breaks exactly that rule.

One draft is converted through LibreOffice once (the real pipeline); each case alters a copy of the PDF
with pypdfium2 (moves, scales or removes text objects, changes the page box, covers ink, renames a font)
so that one GB/T 9704 rule is broken, runs `govfmt verify` on it, and also measures the broken figure
with pdfplumber directly, so the judge is not verify alone. The fast cases at the end feed the same
rules measured pages built by hand."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from govfmt.cli import cli

MM = 72 / 25.4  # pt per mm
TOP, BOTTOM, LEFT, RIGHT = 37.0, 262.0, 28.0, 184.0  # §5.2.1: the 版心 of an A4 page, mm from top/left
PITCH = 225 / 22  # §5.2.3: 22 lines in the 225 mm 版心, in mm
SENTENCE = "为深入贯彻落实党中央国务院决策部署，进一步加强和改进机关公文处理工作，提高公文质量和办文效率，现就有关事项通知如下。"
DRAFT = ("关于进一步加强机关公文处理工作的通知\n\n各区人民政府，市政府各部门：\n"
         + "\n".join((SENTENCE * 6)[:300 + 37 * i] + "。" for i in range(12))
         + "\n某某市人民政府办公室\n二〇二四年三月一日\n")

# The clause each check stands for (GB/T 9704-2012), by the name verify gives it.
CLAUSES = {
    "page size": "§5.1",
    "text above the type area (top margin)": "§5.2.1",
    "last baseline below the type area": "§5.2.1",
    "first baseline (text block start)": "§5.2.1",
    "line pitch": "§5.2.3",
    "line off the line grid": "§5.2.3",
    "lines on a full page": "§5.2.3",
    "left edge of a full line": "§5.2.1",
    "right end of a full line": "§5.2.3",
    "characters on a full line": "§5.2.3",
    "characters on most full lines": "§5.2.3",
    "page number": "§7.5",
    "page number text": "§7.5",
    "page number size": "§7.5",
    "page number font": "§7.5",
    "page number right end": "§7.5",
    "page number left end": "§7.5",
    "page number dashes": "§7.5",
    "page number dash height": "§7.5",
    "page number on a blank page or the 版记 page after it": "§7.5",
    "body text font": "§7.3.3",
}


# --- measuring with pdfplumber, independently of verify ------------------------------------------------

def _rows(pdf: Path, page: int) -> list[dict]:
    """Text rows of a page (1-based) as pdfplumber gives them: baseline, x0, x1 (mm), chars, fonts, sizes."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        p = document.pages[page - 1]
        height = float(p.height)
        rows: list[dict] = []
        for char in sorted(p.chars, key=lambda c: (round((height - c["matrix"][5]) / MM, 0), c["x0"])):
            baseline = (height - char["matrix"][5]) / MM
            if not char["text"].strip():
                continue
            if rows and abs(rows[-1]["baseline"] - baseline) < 0.5:
                row = rows[-1]
            else:
                row = {"baseline": baseline, "x0": char["x0"] / MM, "x1": 0.0, "chars": [], "fonts": Counter(),
                       "sizes": Counter()}
                rows.append(row)
            row["x0"] = min(row["x0"], char["x0"] / MM)
            row["x1"] = max(row["x1"], char["x1"] / MM)
            row["chars"].append(char["text"])
            row["fonts"][char["fontname"].split("+")[-1]] += 1
            row["sizes"][round(float(char["size"]), 1)] += 1
        return rows


def _body(pdf: Path, page: int) -> list[dict]:
    return [r for r in _rows(pdf, page) if r["baseline"] < BOTTOM + 2]


def _footer(pdf: Path, page: int) -> list[dict]:
    return [r for r in _rows(pdf, page) if r["baseline"] > BOTTOM + 2]


def _page_size(pdf: Path, page: int) -> tuple[float, float]:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        p = document.pages[page - 1]
        return float(p.width) / MM, float(p.height) / MM


def _is_full(row: dict) -> bool:
    return abs(row["x0"] - LEFT) < 1.5 and abs(row["x1"] - RIGHT) < 1.5


# --- altering a PDF with pypdfium2 ---------------------------------------------------------------------

def _objects(page, band: tuple[float, float]) -> list:
    """Text objects of a pdfium page whose lowest point lies in a band (mm from the page top)."""
    import pypdfium2.raw as raw

    height = page.get_height()
    found = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
        bottom = (height - obj.get_bounds()[1]) / MM
        if band[0] <= bottom <= band[1]:
            found.append(obj)
    return found


def _row_band(row: dict) -> tuple[float, float]:
    return row["baseline"] - 2.5, row["baseline"] + 3.0


def _move(page, objects, dx_mm: float = 0.0, dy_mm: float = 0.0) -> None:
    """Shift objects right by dx and down by dy (mm)."""
    import pypdfium2 as pdfium

    for obj in objects:
        obj.transform(pdfium.PdfMatrix().translate(dx_mm * MM, -dy_mm * MM))


def _scale(page, objects, sx: float, sy: float, about_mm: tuple[float, float]) -> None:
    """Scale objects about a point (x, y in mm from the top-left corner)."""
    import pypdfium2 as pdfium

    x, y = about_mm[0] * MM, page.get_height() - about_mm[1] * MM
    matrix = pdfium.PdfMatrix().translate(-x, -y).scale(sx, sy).translate(x, y)
    for obj in objects:
        obj.transform(matrix)


def _remove(page, objects) -> None:
    for obj in objects:
        page.remove_obj(obj)


def _cover(page, top_mm: float) -> None:
    """Paint the page white from top_mm to its foot (text stays in the file, its ink is hidden)."""
    import pypdfium2.raw as raw

    rect = raw.FPDFPageObj_CreateNewRect(0, 0, page.get_width(), page.get_height() - top_mm * MM)
    raw.FPDFPageObj_SetFillColor(rect, 255, 255, 255, 255)
    raw.FPDFPath_SetDrawMode(rect, raw.FPDF_FILLMODE_ALTERNATE, False)
    raw.FPDFPage_InsertObject(page.raw, rect)


def _altered(base: Path, out: Path, change, page: int | None = None) -> Path:
    """A copy of base changed by change(document), or by change(pdfium_page) for one page (1-based)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(base))
    try:
        if page is None:
            change(document)
        else:
            handle = document[page - 1]  # one handle: objects belong to it, and it writes the content
            change(handle)
            handle.gen_content()
        document.save(str(out))
    finally:
        document.close()
    return out


def _renamed_font(base: Path, out: Path, old: str, new: str) -> Path:
    """The same PDF with a font named otherwise (same length, so the file's offsets stay right)."""
    assert len(old) == len(new)
    data = base.read_bytes()
    assert data.count(f"+{old}".encode()) >= 1
    out.write_bytes(data.replace(f"+{old}".encode(), f"+{new}".encode()))
    return out


def _verify(pdf: Path, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(cli, ["verify", str(pdf), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["deviations"]


def _reported(pdf: Path, page: int | None, what: str) -> dict:
    """The deviation verify reports for one check, with the exit code 1 that goes with it."""
    code, deviations = _verify(pdf)
    hits = [d for d in deviations if d["what"] == what and (page is None or d["page"] == page)]
    assert code == 1 and hits, (what, page, deviations)
    assert hits[0]["clause"] == CLAUSES[what]  # reported with the clause it measures
    return hits[0]


# --- the rendered document -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("verify")
    draft = folder / "通知.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(draft), "--to", "pdf", "-o", str(folder / "base.pdf")])
    assert result.exit_code == 0, result.output
    pdf = folder / "base.pdf"
    assert _verify(pdf) == (0, [])  # the untouched rendering meets every figure
    return pdf


@pytest.fixture(scope="module")
def full_page(base) -> int:
    """A page of 22 rows (measured here, not by verify) that ends inside a paragraph."""
    for page in range(2, 6):
        rows, following = _body(base, page), _body(base, page + 1)
        if len(rows) == 22 and _is_full(rows[-1]) and _is_full(rows[-2]) and abs(following[0]["x0"] - LEFT) < 1:
            return page
    pytest.fail("the document has no full page ending inside a paragraph")


@pytest.fixture
def out(tmp_path) -> Path:
    return tmp_path / "altered.pdf"


@pytest.mark.slow
def test_page_size(base, out):
    def letter(document):
        for page in document:
            page.set_mediabox(0, page.get_height() - 11 * 72, 8.5 * 72, page.get_height())
    pdf = _altered(base, out, letter)
    assert [round(v, 1) for v in _page_size(pdf, 1)] == [215.9, 279.4]
    deviation = _reported(pdf, 1, "page size")
    assert deviation["expected"] == "210 × 297 mm"


@pytest.mark.slow
def test_text_in_the_top_margin(base, out, full_page):
    pdf = _altered(base, out, lambda page: _move(page, _objects(page, (TOP, BOTTOM + 2)), dy_mm=-12), full_page)
    assert _body(pdf, full_page)[0]["baseline"] - 8 < TOP  # glyph tops above the 版心 (measured)
    _reported(pdf, full_page, "text above the type area (top margin)")


@pytest.mark.slow
def test_text_block_starting_a_line_late(base, out, full_page):
    def late(page):
        first = _body(base, full_page)[0]
        _move(page, _objects(page, _row_band(first)), dy_mm=-4.5)  # the first row rises above line 1
    pdf = _altered(base, out, late, full_page)
    assert _body(pdf, full_page)[0]["baseline"] < TOP + 0.5 * PITCH
    _reported(pdf, full_page, "first baseline (text block start)")


@pytest.mark.slow
def test_last_baseline_below_the_type_area(base, out, full_page):
    def low(page):
        _move(page, _objects(page, _row_band(_body(base, full_page)[-1])), dy_mm=3.0)
    pdf = _altered(base, out, low, full_page)
    assert BOTTOM + 0.3 < _body(pdf, full_page)[-1]["baseline"] < BOTTOM + 1
    _reported(pdf, full_page, "last baseline below the type area")


@pytest.mark.slow
def test_line_pitch(base, out, full_page):
    first = _body(base, full_page)[0]["baseline"]

    def stretched(page):
        _scale(page, _objects(page, (TOP, BOTTOM + 2)), 1.0, 1.008, (LEFT, first))
    pdf = _altered(base, out, stretched, full_page)
    rows = _body(pdf, full_page)
    pitch_pt = (rows[-1]["baseline"] - rows[0]["baseline"]) / (len(rows) - 1) * MM
    assert 29.1 < pitch_pt < 29.3  # 28.95 pt × 1.008, measured from the glyphs' baselines
    deviation = _reported(pdf, full_page, "line pitch")
    assert deviation["expected"] == "28.95 pt"


@pytest.mark.slow
def test_a_line_off_the_grid(base, out, full_page):
    row = _body(base, full_page)[10]

    def nudged(page):
        _move(page, _objects(page, _row_band(row)), dy_mm=2.5 / MM)  # 2.5 pt down
    pdf = _altered(base, out, nudged, full_page)
    moved = _body(pdf, full_page)[10]["baseline"] - row["baseline"]
    assert abs(moved * MM - 2.5) < 0.1
    _reported(pdf, full_page, "line off the line grid")


@pytest.mark.slow
def test_twenty_one_lines_on_a_full_page(base, out, full_page):
    last = _row_band(_body(base, full_page)[-1])
    pdf = _altered(base, out, lambda page: _remove(page, _objects(page, last)), full_page)
    assert len(_body(pdf, full_page)) == 21
    deviation = _reported(pdf, full_page, "lines on a full page")
    assert (deviation["expected"], deviation["measured"]) == ("22", "21")


def _wrapped_full_row(base: Path, page: int) -> int:
    rows = _body(base, page)
    return next(i for i in range(3, len(rows)) if _is_full(rows[i]) and abs(rows[i]["x0"] - LEFT) < 0.3
                and len(rows[i]["chars"]) == 28)  # §5.2.3: 28 characters


@pytest.mark.slow
def test_a_full_line_off_the_left_margin(base, out, full_page):
    index = _wrapped_full_row(base, full_page)

    def shifted(page):
        _move(page, _objects(page, _row_band(_body(base, full_page)[index])), dx_mm=1.6)
    pdf = _altered(base, out, shifted, full_page)
    assert abs(_body(pdf, full_page)[index]["x0"] - LEFT) > 1.5
    _reported(pdf, full_page, "left edge of a full line")


@pytest.mark.slow
def test_a_full_line_past_the_right_edge(base, out, full_page):
    index = _wrapped_full_row(base, full_page)
    row = _body(base, full_page)[index]

    def wide(page):
        _scale(page, _objects(page, _row_band(row)), 1.012, 1.0, (row["x0"], row["baseline"]))
    pdf = _altered(base, out, wide, full_page)
    moved = _body(pdf, full_page)[index]
    assert moved["x1"] > RIGHT + 1 and moved["chars"] == row["chars"]
    _reported(pdf, full_page, "right end of a full line")


@pytest.mark.slow
def test_too_few_characters_on_full_lines(base, tmp_path):
    """Laid out with +1 pt tracking (a style variant), the lines hold 26 characters."""
    variant = tmp_path / "wide.toml"
    variant.write_text('extends = "gbt9704"\nname = "wide"\n[page]\nchar_tracking_pt = 1.0\n', encoding="utf-8")
    draft = tmp_path / "wide.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    pdf = tmp_path / "wide.pdf"
    result = CliRunner().invoke(cli, ["convert", str(draft), "--to", "pdf", "-o", str(pdf), "--style", str(variant)])
    assert result.exit_code == 0, result.output
    counts = Counter(len(r["chars"]) for p in (2, 3) for r in _body(pdf, p) if _is_full(r))
    assert counts.most_common(1)[0][0] == 26
    deviation = _reported(pdf, None, "characters on most full lines")
    assert (deviation["expected"], deviation["measured"]) == ("28", "26")
    assert _reported(pdf, None, "characters on a full line")["measured"].startswith("26")


def _footer_objects(page) -> list:
    return _objects(page, (BOTTOM + 3, 297))


@pytest.mark.slow
def test_a_page_without_its_number(base, out):
    pdf = _altered(base, out, lambda page: _remove(page, _footer_objects(page)), 3)
    assert _footer(pdf, 3) == []
    deviation = _reported(pdf, 3, "page number")
    assert (deviation["expected"], deviation["measured"]) == ("— 3 —", "none")


@pytest.mark.slow
def test_the_wrong_number_on_a_page(base, out):
    import pypdfium2 as pdfium

    def swapped(document):
        source = pdfium.PdfDocument(str(base))
        document.import_pages(source, [4], index=2)  # page 5 in place of page 3
        document.del_page(3)
        source.close()
    pdf = _altered(base, out, swapped)
    assert "".join(_footer(pdf, 3)[0]["chars"]) == "—5—"
    deviation = _reported(pdf, 3, "page number text")
    assert deviation["measured"].replace(" ", "") == "—5—"


@pytest.mark.slow
def test_a_page_number_in_the_wrong_size(base, out):
    row = _footer(base, 3)[0]
    pdf = _altered(base, out, lambda page: _scale(page, _footer_objects(page), 16 / 14, 16 / 14,
                                               (row["x1"], row["baseline"])), 3)
    assert _footer(pdf, 3)[0]["sizes"].most_common(1)[0][0] == 16.0
    _reported(pdf, 3, "page number size")


@pytest.mark.slow
def test_a_page_number_in_the_wrong_font(base, out):
    pdf = _renamed_font(base, out, "FandolSong-Regular", "FandolFang-Regular")
    assert set(_footer(pdf, 1)[0]["fonts"]) == {"FandolFang-Regular"}
    assert _reported(pdf, 1, "page number font")["expected"] == "a songti font"


@pytest.mark.slow
def test_body_text_in_the_wrong_font(base, out, full_page):
    pdf = _renamed_font(base, out, "FandolFang-Regular", "FandolSong-Regular")
    assert _body(pdf, full_page)[5]["fonts"].most_common(1)[0][0] == "FandolSong-Regular"
    assert _reported(pdf, None, "body text font")["expected"].startswith("a fangsong font")


@pytest.mark.slow
def test_an_odd_page_number_off_its_place(base, out):
    pdf = _altered(base, out, lambda page: _move(page, _footer_objects(page), dx_mm=-3), 3)
    assert abs(_footer(pdf, 3)[0]["x1"] - (RIGHT - 5.0)) > 2.5  # §7.5: 一字 (14 pt) from the right edge
    _reported(pdf, 3, "page number right end")


@pytest.mark.slow
def test_an_even_page_number_off_its_place(base, out):
    pdf = _altered(base, out, lambda page: _move(page, _footer_objects(page), dx_mm=3), 2)
    assert abs(_footer(pdf, 2)[0]["x0"] - (LEFT + 14 / MM)) > 2.5
    _reported(pdf, 2, "page number left end")


@pytest.mark.slow
def test_page_number_dashes_without_ink(base, out):
    pdf = _altered(base, out, lambda page: _cover(page, BOTTOM + 3), 3)
    assert "".join(_footer(pdf, 3)[0]["chars"]) == "—3—"  # the text is there, its ink is not
    _reported(pdf, 3, "page number dashes")


@pytest.mark.slow
def test_page_number_dashes_too_low(base, out):
    pdf = _altered(base, out, lambda page: _move(page, _footer_objects(page), dy_mm=3), 3)
    assert abs(_footer(pdf, 3)[0]["baseline"] - _footer(base, 3)[0]["baseline"] - 3) < 0.05
    deviation = _reported(pdf, 3, "page number dash height")
    assert deviation["expected"] == "269.0 mm"


@pytest.mark.slow
def test_a_number_on_the_版记_page_after_a_blank_page(base, out):
    import pypdfium2.raw as raw

    pages = len(_pdf_pages(base))
    pdf = _altered(base, out, lambda page: _remove(page, list(page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]))),
                   pages - 1)
    assert _rows(pdf, pages - 1) == [] and _footer(pdf, pages)
    _reported(pdf, pages, "page number on a blank page or the 版记 page after it")


def _pdf_pages(pdf: Path) -> list:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return list(range(len(document.pages)))


@pytest.mark.slow
def test_text_report_names_page_and_figures(base, out):
    pdf = _altered(base, out, lambda page: _move(page, _footer_objects(page), dy_mm=3), 3)
    result = CliRunner().invoke(cli, ["verify", str(pdf)])
    assert result.exit_code == 1
    assert re.search(r"page 3: page number dash height: expected 269\.0 mm, measured 27[12]\.\d mm "
                     r"\(GB/T 9704 §7\.5\)", result.stdout)
    assert result.stdout.strip().endswith("1 deviation")
