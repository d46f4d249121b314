"""版头, 版记, attachments, page numbers and the 信函 format, measured on rendered PDFs (LibreOffice)."""

from pathlib import Path

import pdfplumber
import pytest

from govfmt.cli import cli
from click.testing import CliRunner

from document_drafts import FULL, LETTER

pytestmark = pytest.mark.slow
MM = 25.4 / 72


def _fill_draft(paragraphs: int) -> str:
    body = "\n".join(f"第{i}段正文内容比较短小。" for i in range(paragraphs))
    return ("---\n抄送: 中央办公厅。\n印发机关: 国务院办公厅\n印发日期: 2024年3月1日\n---\n关于做好工作的通知\n各单位：\n"
            f"{body}\n国务院办公厅\n2024年2月1日\n")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("drafts")
    drafts = {"full": FULL, "letter": LETTER, "blank": _fill_draft(36), "odd": _fill_draft(3)}
    for name, text in drafts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(cli, ["convert", str(folder), "-o", str(out), "--to", "pdf", "--quiet"])
    assert result.exit_code == 0, result.output
    return {name: out / f"{name}.pdf" for name in drafts}


def _ink_rows(pdf_path: Path, page_index: int, red: bool):
    """Rows of ink (mm from the top) with their horizontal extent, from a 300 dpi raster."""
    import numpy as np
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    image = np.asarray(document[page_index].render(scale=300 / 72).to_pil().convert("RGB")).astype(int)
    if red:
        mask = (image[:, :, 0] > 180) & (image[:, :, 1] < 110) & (image[:, :, 2] < 110)
    else:
        mask = image.sum(axis=2) < 300
    px = 25.4 / 300
    rows, start = [], None
    marked = mask.any(axis=1)
    for y, on in enumerate(list(marked) + [False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            cols = np.where(mask[start:y].any(axis=0))[0]
            rows.append((start * px, (y - 1) * px, cols[0] * px, cols[-1] * px))
            start = None
    return rows


def _footer_text(page) -> str:
    return "".join(c["text"] for c in sorted(page.chars, key=lambda c: c["x0"]) if c["top"] * MM > 262)


def test_masthead_mark_rule_and_number(pdfs):
    reds = _ink_rows(pdfs["full"], 0, red=True)
    mark, rule = reds[0], reds[1]
    assert abs(mark[0] - 72) <= 1  # §7.2.4 标志 top 35 mm below the 版心's top edge
    assert abs((mark[2] + mark[3]) / 2 - 106) <= 1.5  # centred on the 版心
    assert abs(rule[2] - 28) <= 1 and abs((rule[3] - rule[2]) - 156) <= 1  # as wide as the 版心
    dark = [r for r in _ink_rows(pdfs["full"], 0, red=False) if mark[1] < r[0] < rule[0]]
    number = dark[-1]
    assert abs(rule[0] - number[1] - 4) <= 1  # §7.2.7 the rule 4 mm under the 发文字号
    assert abs(number[0] - mark[1] - 20.4) <= 5.1  # §7.2.5 空二行 between the 标志 and the 发文字号


def test_colophon_on_an_even_page_with_its_last_rule_on_the_type_area_edge(pdfs):
    with pdfplumber.open(pdfs["full"]) as pdf:
        last = pdf.pages[-1]
        assert len(pdf.pages) % 2 == 0
        rules = sorted((l for l in last.lines + last.rects if (l["x1"] - l["x0"]) * MM > 150), key=lambda l: l["top"])
        assert abs(rules[-1]["top"] * MM - 262) <= 1
        assert all(abs(l["x0"] * MM - 28) <= 1 and abs((l["x1"] - l["x0"]) * MM - 156) <= 1 for l in rules)
        words = last.extract_words()
        cc = [w for w in words if w["text"].startswith("抄送")][0]
        assert abs(cc["x0"] * MM - 32.9) <= 1  # 左空一字 (四号)
        printed = [w for w in words if w["text"].endswith("印发")][0]
        assert abs(printed["x1"] * MM - 179.1) <= 1  # 右空一字


def test_attachment_pages_label_on_line_1_title_on_line_3(pdfs):
    with pdfplumber.open(pdfs["full"]) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"])
            if words and words[0]["text"].startswith("附件") and len(words[0]["text"]) <= 3:
                label = words[0]
                assert abs(label["x0"] * MM - 28) <= 1 and 37 <= label["top"] * MM <= 47
                title = [w for w in words if round(w["size"]) == 22][0]
                assert 57 <= title["top"] * MM <= 70  # line 3 of the 版心 (22 pt type)
                assert abs((title["x0"] + title["x1"]) / 2 * MM - 106) <= 2
                break
        else:
            pytest.fail("no attachment page found")


def test_page_numbers_continue_and_skip_the_blank_page_and_its_colophon_page(pdfs):
    with pdfplumber.open(pdfs["blank"]) as pdf:
        footers = [_footer_text(p) for p in pdf.pages]
        assert len(footers) == 4
        assert footers[:2] == ["— 1 —", "— 2 —"] and footers[2:] == ["", ""]  # §7.5
        assert not pdf.pages[2].chars  # the blank page
    with pdfplumber.open(pdfs["odd"]) as pdf:
        # the text ends on page 1 (odd): the 版记 goes alone to page 2, which keeps its number
        assert [_footer_text(p) for p in pdf.pages] == ["— 1 —", "— 2 —"]
        assert any((l["x1"] - l["x0"]) * MM > 150 for l in pdf.pages[1].lines + pdf.pages[1].rects)


def test_letter_format_measured(pdfs):
    reds = _ink_rows(pdfs["letter"], 0, red=True)
    mark = reds[0]
    assert abs(mark[0] - 30) <= 1  # §10.1 标志 30 mm from the top edge of the page
    lines = [r for r in reds[1:] if r[3] - r[2] > 160]
    upper = [r for r in lines if r[0] < 100]
    lower = [r for r in lines if r[0] > 200]
    assert upper and lower
    assert abs(upper[0][0] - mark[1] - 4) <= 1  # 4 mm under the mark
    assert abs(lower[0][0] - 277) <= 1  # 20 mm above the bottom edge
    for rule in (upper[0], lower[0]):
        assert abs((rule[3] - rule[2]) - 170) <= 1 and abs(rule[2] - 20) <= 1.5
    with pdfplumber.open(pdfs["letter"]) as pdf:
        assert _footer_text(pdf.pages[0]) == ""  # no page number on page 1
    # §10.1: the upper double rule thick over thin (上粗下细), the lower one thin over thick (上细下粗)
    paths = _wide_paths(pdfs["letter"], 0)
    for pair, thick_first in (([p for p in paths if p[0] < 100], True), ([p for p in paths if p[0] > 200], False)):
        assert len(pair) >= 2
        first, second = pair[0], pair[-1]
        assert ((first[1] - first[0]) > (second[1] - second[0])) == thick_first, pair


def _wide_paths(pdf_path: Path, page_index: int) -> list[tuple[float, float]]:
    """(top, bottom) in mm of the drawn rules at least 100 mm wide, top to bottom, each once."""
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(str(pdf_path))
    page = document[page_index]
    height = page.get_height()
    found = set()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * MM > 100:
            found.add((round((height - top) * MM, 2), round((height - bottom) * MM, 2)))
    document.close()
    return sorted(found)


def test_every_sample_renders_and_meets_its_style(tmp_path):
    """What `make demo` makes: every sample, laid out in the style its 格式 asks for, passes verify."""
    from conftest import REPO
    from govfmt.layout.plan import choose_style
    from govfmt.pdf.verify import verify_pdf
    from govfmt.reader import read_document
    from govfmt.style import load_style

    samples = REPO / "samples"
    result = CliRunner().invoke(cli, ["convert", str(samples), "-o", str(tmp_path), "--to", "pdf", "--quiet"])
    assert result.exit_code == 0, result.output
    drafts = sorted(samples.glob("*.txt"))
    assert len(drafts) >= 8
    for draft in drafts:
        style = choose_style(read_document(draft), None, load_style())
        report = verify_pdf(tmp_path / f"{draft.stem}.pdf", style)
        assert report.ok, f"{draft.name}: {report.to_text()}"
