"""`govfmt convert` when something it needs is missing or wrong: no LibreOffice for PDF output, a
LibreOffice that dies on a document whose pages must be measured, a PDF output that is a folder, stdin and
stdout used in ways that cannot work, a report that cannot be written, a stale DOCX that is no DOCX, an
internal error in one file of a batch. One sentence each, the right exit code, nothing half-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import fake_soffice
from conftest import REPO
from govfmt.cli import main
from govfmt.pdf import soffice
from govfmt.pdf.soffice import MISSING_SENTENCE

POSIX = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX programs and terminals")
SIGNED = "关于开展安全检查的通知\n\n各单位：\n请于3月1日前完成自查并报送结果。\n\n某某市人民政府办公室\n2024年2月1日\n"
UNSIGNED = "会议纪要\n\n会议研究了安全生产工作，议定事项如下。\n"


def run(args, capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", *map(str, args)])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def draft(folder: Path, name: str, text: str = SIGNED) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


@pytest.fixture
def lo(tmp_path, monkeypatch):
    program = fake_soffice.install(tmp_path / "bin")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return str(program)


@pytest.fixture
def no_libreoffice(monkeypatch):
    real_which = soffice.shutil.which
    monkeypatch.delenv(soffice.ENV_VAR, raising=False)
    monkeypatch.setattr(soffice.shutil, "which", lambda name, *a, **k: None if name in ("soffice", "libreoffice")
                        else real_which(name, *a, **k))
    monkeypatch.setattr(soffice, "usual_places", lambda *a, **k: [])


# -- LibreOffice missing, unusable or dying -------------------------------------------------------------

@pytest.mark.parametrize("formats", [["--to", "pdf"], ["--to", "docx", "--to", "pdf"]], ids=["pdf", "docx-and-pdf"])
def test_without_libreoffice_pdf_output_is_refused_before_anything_is_written(tmp_path, capsys, no_libreoffice,
                                                                             formats):
    inputs = [draft(tmp_path / "in", "a.txt"), draft(tmp_path / "in", "b.txt", UNSIGNED)]
    code, _, err = run(["convert", *inputs, "-o", tmp_path / "out", *formats], capsys)
    assert code == 2  # nothing asked for can be made
    assert err == f"govfmt: {MISSING_SENTENCE}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]
    code, _, err = run(["convert", inputs[0]], capsys)  # DOCX output needs no LibreOffice
    assert code == 0 and (tmp_path / "in" / "a.docx").is_file()


@POSIX
def test_a_libreoffice_that_cannot_be_started_fails_each_pdf_by_name_and_keeps_the_docx(tmp_path, capsys):
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text("#!/nonexistent/interpreter\n")
    program.chmod(0o755)
    inputs = [draft(tmp_path / "in", "a.txt"), draft(tmp_path / "in", "b.txt", UNSIGNED)]
    out = tmp_path / "out"
    code, _, err = run(["convert", *inputs, "-o", out, "--to", "docx", "--to", "pdf", "--soffice", program, "-j", "1",
                        "--report", tmp_path / "r.json"], capsys)
    assert code == 1, err
    for path in inputs:
        assert f"failed     {path}: LibreOffice ({program}) could not be started: " in err
    assert "2 files: 0 converted, 0 skipped (unchanged), 2 failed" in err
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "b.docx"]
    records = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"]
    assert [(r["status"], r["outputs"]) for r in records] == [("failed", [str(out / "a.docx")]),
                                                               ("failed", [str(out / "b.docx")])]


def test_a_soffice_option_naming_no_program_is_a_usage_error(tmp_path, capsys):
    source = draft(tmp_path, "a.txt")
    code, _, err = run(["convert", source, "-o", tmp_path / "a.pdf", "--soffice", tmp_path / "nowhere"], capsys)
    assert code == 2
    assert f"--soffice names {tmp_path / 'nowhere'}, which is not a runnable LibreOffice program" in err
    assert not (tmp_path / "a.pdf").exists()


@POSIX
def test_libreoffice_dying_on_a_signed_document_fails_that_document(tmp_path, capsys, lo, monkeypatch):
    """A 署名 makes the rendering one to measure (§7.3.5.5); a rendering that never comes fails the file."""
    monkeypatch.setenv("FAKE_MODE", "die")
    source = draft(tmp_path, "a.txt")
    code, _, err = run(["convert", source, "--to", "docx", "--to", "pdf", "--soffice", lo], capsys)
    assert code == 1
    assert err.splitlines()[-1] == (f"govfmt: {source}: LibreOffice stopped while converting this file, twice; "
                                    "no PDF was written")
    assert (tmp_path / "a.docx").is_file() and not (tmp_path / "a.pdf").exists() and hidden(tmp_path) == []


@POSIX
@pytest.mark.parametrize("text", [SIGNED, UNSIGNED], ids=["measured", "final-at-once"])
def test_a_pdf_output_that_is_a_folder_fails_that_file_only(tmp_path, capsys, lo, text):
    inputs = [draft(tmp_path / "in", "a.txt", text), draft(tmp_path / "in", "b.txt", text)]
    out = tmp_path / "out"
    (out / "a.pdf").mkdir(parents=True)
    code, _, err = run(["convert", tmp_path / "in", "-o", out, "--to", "pdf", "--soffice", lo, "--force", "-j", "1"],
                       capsys)
    assert code == 1, err
    assert f"{inputs[0]}: " in err and "a folder or a device, not a file" in err
    assert "2 files: 1 converted, 0 skipped (unchanged), 1 failed" in err
    assert list((out / "a.pdf").iterdir()) == [] and (out / "b.pdf").read_bytes().startswith(b"%PDF-")
    assert hidden(out) == []


# -- stdin and stdout used wrongly ----------------------------------------------------------------------

@pytest.mark.parametrize("args, sentence", [
    (["-", "{a}", "-o", "{out}"], "- (stdin) must be the only input; convert the other files separately"),
    (["{a}", "{b}", "-o", "-"], "-o - writes one output to stdout; give exactly one input file"),
    (["{folder}", "-o", "-"], "-o - writes one output to stdout; give exactly one input file"),
    (["{a}", "-o", "-", "--to", "docx", "--to", "pdf"], "-o - writes one output to stdout; give one --to"),
], ids=["stdin-and-a-file", "two-files-to-stdout", "a-folder-to-stdout", "two-formats-to-stdout"])
def test_stdin_and_stdout_used_in_ways_that_cannot_work(tmp_path, capsys, args, sentence):
    a, b = draft(tmp_path / "in", "a.txt"), draft(tmp_path / "in", "b.txt")
    names = {"a": a, "b": b, "folder": tmp_path / "in", "out": tmp_path / "out.docx"}
    code, out, err = run(["convert", *(arg.format(**names) for arg in args)], capsys)
    assert code == 2
    assert err.strip() == f"govfmt: {sentence}"
    assert out == "" and sorted(p.name for p in (tmp_path / "in").iterdir()) == ["a.txt", "b.txt"]
    assert not (tmp_path / "out.docx").exists()


@POSIX
def test_a_docx_is_never_written_to_a_terminal(tmp_path):
    import pty

    source = draft(tmp_path, "a.txt")
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "govfmt", "--lang", "en", "convert", str(source), "-o", "-"],
                              stdout=terminal, stderr=subprocess.PIPE, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert b"will not write a DOCX or PDF to the terminal; redirect stdout or name a file with -o" in done.stderr


# -- the report, stale outputs, internal errors --------------------------------------------------------

def test_a_report_under_a_file_is_one_sentence_after_the_outputs_are_written(tmp_path, capsys):
    source = draft(tmp_path, "a.txt")
    (tmp_path / "notes").write_text("a file, not a folder", encoding="utf-8")
    code, _, err = run(["convert", source, "--report", tmp_path / "notes" / "r.json"], capsys)
    assert code == 2
    last = err.splitlines()[-1]
    assert last.startswith(f"govfmt: {tmp_path / 'notes' / 'r.json'}: the report cannot be written (")
    assert last.endswith("); choose another --report path")
    assert (tmp_path / "a.docx").is_file()


def test_a_stale_output_that_is_no_docx_is_converted_again(tmp_path, capsys):
    source = draft(tmp_path, "a.txt")
    stale = tmp_path / "a.docx"
    stale.write_bytes(b"not a zip at all")
    os.utime(source, (1_000_000_000, 1_000_000_000))  # the draft is older than the broken output
    code, _, err = run(["convert", source], capsys)
    assert code == 0, err
    assert "up to date" not in err
    with zipfile.ZipFile(stale) as archive:
        assert "请于3月1日前完成自查并报送结果" in archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("error, sentence", [
    (RuntimeError("plan broke"), "internal error while converting it (RuntimeError: plan broke); run with --debug "
                                 "for details"),
    (RecursionError("deep"), "is too large or too deeply nested to lay out (RecursionError)"),
], ids=["bug", "too-deep"])
def test_an_unexpected_failure_in_one_file_does_not_stop_the_batch(tmp_path, capsys, monkeypatch, error, sentence):
    import govfmt.layout.plan as plan_module

    real = plan_module.plan_document

    def failing(document, *args, **kwargs):
        if any("会议纪要" in getattr(block, "text", "") for block in document.blocks):
            raise error
        return real(document, *args, **kwargs)
    monkeypatch.setattr(plan_module, "plan_document", failing)
    bad = draft(tmp_path / "in", "bad.txt", UNSIGNED)
    draft(tmp_path / "in", "good.txt")
    code, _, err = run(["--debug", "convert", tmp_path / "in", "-o", tmp_path / "out", "-j", "1"], capsys)
    assert code == 1
    assert f"{bad}: {sentence}" in err
    assert ("Traceback (most recent call last)" in err) == (type(error) is RuntimeError)  # --debug shows a bug's
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.docx"]


@POSIX
def test_rules_the_finished_pdf_still_breaks_are_shown_three_per_file_and_all_reported(tmp_path, capsys, lo,
                                                                                       monkeypatch):
    from govfmt.convert import pipeline

    broken = tuple(f"§6.1: line {n}: missing from the PDF: '字' (U+5B57)" for n in range(4, 9))
    monkeypatch.setattr(pipeline, "findings", lambda laid, pdf, style, measure=None, read=None: broken)  # as verify would find them
    source = draft(tmp_path, "a.txt")
    code, _, err = run(["convert", source, "--to", "pdf", "--soffice", lo, "--report", tmp_path / "r.json"], capsys)
    assert code == 0, err
    shown = [line for line in err.splitlines() if line.startswith(f"{source}: §6.1")]
    assert shown == [f"{source}: {finding}" for finding in broken[:3]]
    assert f"{source}: … and 2 more (all of them in --report)" in err
    [record] = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"]
    assert record["findings"] == list(broken) and record["status"] == "converted"
