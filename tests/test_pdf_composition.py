"""Pages composed from measured renderings (GB/T 9704 §7.3.5.5, §7.4, §7.5; issue: every position at which
the body can end). Rendered through LibreOffice, measured with pypdfium2."""

from __future__ import annotations

from pathlib import Path

import pytest

from govfmt.ingest import decode
from govfmt.layout.items import Colophon, Paragraph
from govfmt.parse import parse
from govfmt.pdf.measure import measure_composition, page_text
from govfmt.pdf.verify import PUNCTUATION, rendering_findings
from govfmt.reader import read_document
from govfmt.style import load_style

from composed import compose_all
from conftest import CORPUS, REPO

STYLE = load_style()
TYPE_BOTTOM = 297 - 35  # §5.2.1: the 版心 ends 35 mm above the page's bottom edge
LINE = "各地区各部门要认真落实工作责任确保各项措施落到实处取得实效"  # 30 characters


def _draft(lines: int, colophon: bool, note: bool) -> str:
    """A notice whose body is `lines` one-line paragraphs and a three-line last paragraph."""
    body = [LINE[:26] + "。" for _ in range(lines)]  # 2 字 indent + 26 = one full line
    body.append((LINE * 3)[:75] + "。")
    tail = ["某某市人民政府办公室", "2024年3月1日"] + (["（此件公开发布）"] if note else [])
    back = ["抄送：市委办公室，市人大常委会办公室，市政协办公室。", "某某市人民政府办公室　2024年3月1日印发"] if colophon else []
    return "\n\n".join(["某某市人民政府办公室关于做好有关工作的通知", "各县（区）人民政府，市政府各部门：",
                        *body, "\n".join(tail), *(["\n".join(back)] if back else [])]) + "\n"


def _tail_texts(plan) -> set[str]:
    return {"".join(item.text.split()) for item in plan.items
            if isinstance(item, Paragraph) and item.element in ("signature", "date", "note") and item.text.strip()}


def _colophon_texts(plan) -> set[str]:
    return {"".join(row.text.split()) for item in plan.items if isinstance(item, Colophon) for row in item.rows}


def _pages_holding_only_the_tail(item) -> list[int]:
    """Pages whose text in the 版心 is nothing but 署名, 日期 and 附注 (the 版记 aside)."""
    import pypdfium2 as pdfium

    tail, back = _tail_texts(item.plan), _colophon_texts(item.plan)
    alone = []
    pdf = pdfium.PdfDocument(str(item.pdf))
    try:
        for index in range(len(pdf)):
            page = page_text(pdf, index, rules=False)
            rows = [r.compact for r in page.rows if r.baseline <= TYPE_BOTTOM + 1 and r.compact
                    and not any(r.compact.replace("\u3000", "") in b.replace("\u3000", "") for b in back)]
            if rows and all(r in tail for r in rows):
                alone.append(page.number)
    finally:
        pdf.close()
    return alone


def _check(item) -> list[str]:
    problems = []
    measure = measure_composition(item.pdf, item.plan, item.style)
    only_tail = _pages_holding_only_the_tail(item)
    if only_tail:
        problems.append(f"{item.name}: pages {only_tail} hold only the 署名 block")
    if any(isinstance(i, Colophon) for i in item.plan.items):
        if measure.colophon_page is None:
            problems.append(f"{item.name}: no 版记 found")
        else:
            if measure.colophon_page % 2:
                problems.append(f"{item.name}: 版记 on odd page {measure.colophon_page}")
            if abs(measure.colophon_bottom - TYPE_BOTTOM) > 1.0:
                problems.append(f"{item.name}: 版记's last rule at {measure.colophon_bottom:.1f} mm")
    for finding in rendering_findings(item.pdf, item.document, item.plan, item.style):
        if finding.clause == "§5.2.1" or (finding.clause == "§6.1" and any(ch in finding.message for ch in PUNCTUATION
                                                                           if f"'{ch}'" in finding.message)):
            problems.append(f"{item.name}: {finding.clause} {finding.message}")
    return problems


@pytest.mark.slow
def test_the_body_may_end_on_any_line_of_a_page(tmp_path):
    documents = {}
    for lines in range(10, 38):
        colophon, note = lines % 2 == 0, lines % 3 == 0
        documents[f"n{lines:02d}"] = parse(decode(_draft(lines, colophon, note).encode("utf-8"), f"n{lines}.txt"))
    composed = compose_all(documents, STYLE, tmp_path)
    problems = [p for item in composed.values() for p in _check(item)]
    assert not problems, "\n".join(problems)
    # the measuring did real work: some drafts needed a second layout
    assert any(item.rounds > 1 for item in composed.values())
    for item in composed.values():
        # a run measures a rendering, then takes its findings from the pages measuring read: the same
        # facts and findings as a reader that opens the PDF afresh
        read: dict = {}
        measure = measure_composition(item.pdf, item.plan, item.style, read=read)
        assert measure == measure_composition(item.pdf, item.plan, item.style), item.name
        assert measure.signature_page in {index + 1 for index in read}, item.name
        assert rendering_findings(item.pdf, item.document, item.plan, item.style, measure=measure, read=read) == \
            rendering_findings(item.pdf, item.document, item.plan, item.style), item.name


def _minutes(lines: int) -> str:
    body = [LINE[:26] + "。" for _ in range(lines)] + [(LINE * 3)[:75] + "。"]
    return "\n\n".join(["某某市政府常务会议纪要", *body, "出席：张三、李四、王五\n请假：赵六\n列席：市政府办公室负责同志"]) + "\n"


def _rows_by_page(pdf_path: Path) -> list[list[str]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [[r.compact for r in page_text(pdf, i, rules=False).rows if r.baseline <= TYPE_BOTTOM + 1 and r.compact]
                for i in range(len(pdf))]
    finally:
        pdf.close()


@pytest.mark.slow
def test_attendance_lists_never_open_a_page_alone_and_long_lists_fill_their_pages(tmp_path):
    documents = {f"m{n:02d}": parse(decode(_minutes(n).encode("utf-8"), f"m{n}.txt")) for n in range(14, 40)}
    items = "\n".join(f"{n}.第{n}项重点工作任务" for n in range(1, 131))
    documents["list"] = parse(decode(f"关于印发任务清单的通知\n\n各单位：\n\n现将任务清单印发给你们。\n\n附件1\n\n"
                                     f"重点工作任务清单\n\n{items}\n".encode("utf-8"), "list.txt"))
    composed = compose_all(documents, STYLE, tmp_path)
    for name, item in composed.items():
        pages = _rows_by_page(item.pdf)
        if name == "list":
            start = next(i for i, rows in enumerate(pages) if "附件1" in rows)
            assert len(pages[start]) >= 15 and all(len(rows) >= 20 for rows in pages[start + 1:-1]), \
                [len(rows) for rows in pages]
            continue
        for number, rows in enumerate(pages, 1):
            assert not all(r.startswith(("出席", "请假", "列席")) for r in rows), (name, number, rows)


@pytest.mark.slow
def test_samples_and_the_dev_corpus_compose_to_the_rules(tmp_path):
    files = sorted((REPO / "samples").glob("*.txt")) + sorted((CORPUS / "docs").glob("*.txt"))
    documents = {f"{path.parent.name}-{path.stem}": read_document(path) for path in files}
    composed = compose_all(documents, STYLE, tmp_path)
    problems = [p for item in composed.values() for p in _check(item)]
    assert not problems, "\n".join(problems)
