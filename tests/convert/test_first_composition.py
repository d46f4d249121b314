"""`govfmt convert --to pdf` lays a draft out the first time with the composition its estimated pages
need (govfmt.layout.pagination): the PDFs and DOCX files are those the measured second layout gave,
with fewer renderings (GB/T 9704 §7.3.5.5: a 署名 never alone on a page; §7.4: the 版记 on an even page)."""

from __future__ import annotations

import zipfile

import pytest

from govfmt.cli import main
from govfmt.layout.composition import Composition

LINE = "各地区各部门要认真落实工作责任确保各项措施落到实处取得实效"


def _draft(lines: int, colophon: bool = False) -> str:
    body = [LINE[:25] + "。" for _ in range(lines)] + [(LINE * 5)[:109] + "。"]
    back = ["抄送：市委办公室，市人大常委会办公室，市政协办公室。", "某某市人民政府办公室　2024年3月1日印发"] if colophon else []
    return "\n\n".join(["某某市人民政府办公室关于做好有关工作的通知", "各县（区）人民政府，市政府各部门：",
                        *body, "某某市人民政府办公室\n2024年3月1日", *(["\n".join(back)] if back else [])]) + "\n"


def _convert(inbox, out, monkeypatch, estimate: bool) -> int:
    """Converts inbox to PDF and DOCX; returns how many second layouts the run made."""
    from govfmt.convert import pipeline
    from govfmt.layout import pagination

    if not estimate:
        monkeypatch.setattr(pagination, "first_composition", lambda plan, style: Composition())
    again = []
    original = pipeline.relaid

    def counted(laid, measure, style):
        result = original(laid, measure, style)
        again.extend([laid] if result is not None else [])
        return result
    monkeypatch.setattr(pipeline, "relaid", counted)
    with pytest.raises(SystemExit) as exited:
        main(["convert", str(inbox), "-o", str(out), "--to", "pdf", "--to", "docx", "-j", "1", "-q"])
    assert exited.value.code == 0
    monkeypatch.undo()
    return len(again)


def _rows(pdf) -> list[list[tuple[str, float]]]:
    import pypdfium2 as pdfium

    from govfmt.pdf.measure import page_text

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [[(row.text, round(row.baseline, 1)) for row in page_text(document, i).rows] for i in range(len(document))]
    finally:
        document.close()


def _parts(docx) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


@pytest.mark.slow
def test_the_estimated_first_layout_gives_the_measured_outputs_with_fewer_renderings(tmp_path, monkeypatch):
    inbox = tmp_path / "in"
    inbox.mkdir()
    # 12 one-line paragraphs: the 署名 block goes to page 2 alone; 2: a 版记 fitting under the text of page 1
    for name, text in {"alone.txt": _draft(13), "odd.txt": _draft(2, colophon=True),
                       "plain.txt": _draft(5)}.items():
        (inbox / name).write_text(text, encoding="utf-8")
    measured_only = _convert(inbox, tmp_path / "measured", monkeypatch, estimate=False)
    estimated = _convert(inbox, tmp_path / "estimated", monkeypatch, estimate=True)
    assert measured_only == 2 and estimated == 0
    for name in ("alone", "odd", "plain"):
        assert _rows(tmp_path / "measured" / f"{name}.pdf") == _rows(tmp_path / "estimated" / f"{name}.pdf"), name
        assert _parts(tmp_path / "measured" / f"{name}.docx") == _parts(tmp_path / "estimated" / f"{name}.docx"), name
