"""Ctrl-C at the two moments the subprocess tests do not reach reliably: while the run is still looking at
which outputs are up to date, and while the PDF stage is delivering. The run stops, says what it finished,
leaves nothing partial, and exits 130."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govfmt.cli import main
from govfmt.convert import run as run_module

DRAFT = "关于开展安全检查的通知\n\n各单位：\n请于3月1日前完成自查并报送结果。\n"


def convert(args, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "convert", *map(str, args)])
    return exited.value.code, capsys.readouterr().err


def drafts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for index in range(count):
        made.append(folder / f"{index:02d}.txt")
        made[-1].write_text(DRAFT, encoding="utf-8")
    return made


def test_ctrl_c_while_outputs_are_checked_starts_nothing(tmp_path, capsys, monkeypatch):
    made = drafts(tmp_path / "in", 3)
    out = tmp_path / "out"
    checked = []

    def interrupted_on_the_second(job, *args):
        checked.append(job.source)
        if len(checked) == 2:
            raise KeyboardInterrupt
        return False
    monkeypatch.setattr(run_module, "is_up_to_date", interrupted_on_the_second)
    code, err = convert([tmp_path / "in", "-o", out, "--report", tmp_path / "r.json"], capsys)
    assert code == 130
    assert "3 files: 0 converted, 0 skipped (unchanged), 0 failed, 3 not started (interrupted)" in err
    assert "govfmt: interrupted; finished files are complete, nothing partial was left" in err
    assert not out.exists() or list(out.iterdir()) == []
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["interrupted"] and [r["status"] for r in report["files"]] == ["not started"] * 3
    assert checked == made[:2]


def test_ctrl_c_while_pdfs_arrive_keeps_the_delivered_one_and_names_the_rest(tmp_path, capsys, monkeypatch):
    import govfmt.pdf.render as render
    from govfmt.pdf.render import RenderResult

    drafts(tmp_path / "in", 3)
    out = tmp_path / "out"

    def one_then_ctrl_c(jobs, *, on_result=None, **kwargs):
        docx, pdf = jobs[0]
        pdf.parent.mkdir(parents=True, exist_ok=True)
        pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")  # delivered complete, as the renderer does
        on_result(0, RenderResult(docx, pdf, True))
        raise KeyboardInterrupt
    monkeypatch.setattr(render, "render_pdfs", one_then_ctrl_c)
    code, err = convert([tmp_path / "in", "-o", out, "--to", "docx", "--to", "pdf", "-j", "1", "--soffice",
                         "/bin/sh"], capsys)
    assert code == 130
    assert "3 files: 1 converted, 0 skipped (unchanged), 0 failed, 2 not finished, 0 not started (interrupted)" in err
    assert sorted(p.name for p in out.iterdir()) == ["00.docx", "00.pdf", "01.docx", "02.docx"]
