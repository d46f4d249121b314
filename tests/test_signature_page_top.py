"""A 署名 that opens a page stands on its first line (GB/T 9704 §7.3.5.2's blank line parts it from text
above it on the same page, and a page has none above it). It opens a page when the body ends with a
table filling the page above: nothing can be carried along (§7.3.5.5)."""

from __future__ import annotations

import pytest

from govfmt.docx import write_plan
from govfmt.ingest import decode
from govfmt.layout.composition import Composition, PageMeasure, recompose
from govfmt.layout.items import Paragraph, Table
from govfmt.layout.plan import plan_document
from govfmt.parse import parse
from govfmt.style import load_style

from docx_xml import NS, W, attr, part

STYLE = load_style()
LINE = "各地区各部门要认真落实工作责任确保各项措施落到实处取得实效"


def _draft(lines: int, columns: int = 3) -> str:
    """A notice whose body ends with a table, then the 署名 and the date; a table of 9 long columns gets
    a landscape page of its own (§8), after which the 署名 opens a portrait page."""
    body = [LINE[:26] + "。" for _ in range(lines)]
    cell = "内容较长" if columns > 3 else ""
    table = ["\t".join(f"列{c}{cell}" for c in range(columns))] + [
        "\t".join(f"数据{r}{c}{cell}" for c in range(columns)) for r in range(4)]
    return "\n".join(["某某市人民政府办公室关于做好有关工作的通知", "各县（区）人民政府，市政府各部门：", *body, *table,
                      "某某市人民政府办公室", "2024年3月1日"]) + "\n"


def _document(text: str):
    return parse(decode(text.encode("utf-8"), "d.txt"))


def _signature_index(items) -> int:
    return next(i for i, item in enumerate(items) if isinstance(item, Paragraph) and item.element == "signature")


def test_measured_alone_below_a_table_the_signature_opens_its_page_without_the_blank_line():
    items = plan_document(_document(_draft(12)), STYLE, Composition(carry_lines=2, measured=True)).items
    at = _signature_index(items)
    assert isinstance(items[at - 1], Table)
    assert items[at].page_break_before


def test_below_text_the_blank_line_stays_and_the_text_goes_along():
    text = _draft(12).replace("列0", "").split("\n")
    draft = "\n".join(line for line in text if "\t" not in line and "数据" not in line) + "\n"
    items = plan_document(_document(draft), STYLE, Composition(carry_lines=2, measured=True)).items
    at = _signature_index(items)
    assert not items[at].page_break_before
    assert not items[at - 1].runs and items[at - 2].runs and items[at - 2].keep_next


def test_the_docx_opens_the_page_with_the_signature_paragraph(tmp_path):
    plan = plan_document(_document(_draft(12)), STYLE, Composition(carry_lines=2, measured=True))
    out = tmp_path / "d.docx"
    write_plan(plan, STYLE, out)
    body = part(out, "word/document.xml").find("w:body", NS)
    children = [child for child in body if child.tag in (f"{{{W}}}p", f"{{{W}}}tbl")]
    texts = ["".join(t.text or "" for t in child.iter(f"{{{W}}}t")) for child in children]
    at = texts.index("某某市人民政府办公室", 1)
    assert children[at - 1].tag == f"{{{W}}}tbl"  # no empty paragraph between the table and the 署名
    breaks = children[at].findall("w:pPr/w:pageBreakBefore", NS)
    assert breaks and attr(breaks[0], "val") in (None, "1", "true", "on")


def test_with_nothing_to_carry_one_more_layout_is_all_it_takes():
    alone = PageMeasure(pages=2, signature_page=2, rows_above_signature=0, type_bottom=262)
    document = _document(_draft(12))
    first = recompose(alone, Composition(), plan_document(document, STYLE), STYLE)
    assert first is not None and first.carry_lines > 0
    assert recompose(alone, first, plan_document(document, STYLE, first), STYLE) is None


def _first_rows(pdf_path) -> list[tuple[str, float] | None]:
    """Each portrait page's first row of text in the 版心 (its characters and baseline in mm), read with
    pdfplumber."""
    import pdfplumber

    firsts = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            if page.width > page.height:
                continue  # a landscape table page: its lines run across the turned page
            chars = [(c["text"], (page.height - c["matrix"][5]) * 25.4 / 72) for c in page.chars]
            chars = [(text, baseline) for text, baseline in chars if baseline < TYPE_BOTTOM and text.strip()]
            if not chars:
                firsts.append(None)
                continue
            top = min(baseline for _, baseline in chars)
            firsts.append(("".join(t for t, b in chars if abs(b - top) < 0.5), top))
    return firsts


TYPE_BOTTOM = 297 - 35  # §5.2.1: the 版心 ends 35 mm above the page's bottom edge


@pytest.mark.slow
def test_the_signature_opening_a_page_stands_on_its_first_line(tmp_path):
    """Rendered: the 署名's baseline on the page it opens is the first line's baseline of a page of text."""
    from composed import compose_all

    documents = {f"t{n}": _document(_draft(n)) for n in (11, 12, 13, 33, 34, 35)}
    documents["landscape"] = _document(_draft(3, columns=9))
    composed = compose_all(documents, STYLE, tmp_path)
    text_tops, opened = [], []
    for name, item in composed.items():
        for number, first in enumerate(_first_rows(item.pdf)[1:], 2):  # page 1 opens with the title
            assert first is not None, (name, number)  # no page without text
            text, baseline = first
            if text == "某某市人民政府办公室":
                opened.append((name, number, baseline))
            else:
                text_tops.append(baseline)
    assert text_tops and opened  # pages of text, and pages the 署名 opens
    assert "landscape" in {name for name, _, _ in opened}
    first_line = min(text_tops)
    assert max(text_tops) - first_line < 0.5
    assert all(abs(baseline - first_line) < 0.5 for _, _, baseline in opened), (first_line, opened)
