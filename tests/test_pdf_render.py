"""Rendering DOCX → PDF: finding LibreOffice, one session for many files, atomic outputs, clear failures."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govfmt.errors import RenderError
from govfmt.pdf import soffice as soffice_module
from govfmt.pdf.fonts import FontPlan
from govfmt.pdf.render import render_pdfs, soffice_command
from govfmt.pdf.soffice import MISSING_SENTENCE, find_soffice
from test_pdf_fixture_docx import build_docx

NO_FONTS = FontPlan((), (), (), None, True)

# A stand-in for soffice: "converts" each input by writing a small PDF into --outdir, logging each call.
FAKE_SOFFICE = r'''#!{python}
import os, sys, time, pathlib
args = sys.argv[1:]
log = pathlib.Path(os.environ["FAKE_LOG"])
with log.open("a") as handle:
    handle.write(" ".join(args) + "\n")
pathlib.Path(str(log) + ".pid").write_text(str(os.getpid()))
out = pathlib.Path(args[args.index("--outdir") + 1])
out.mkdir(exist_ok=True)
mode = os.environ.get("FAKE_MODE", "ok")
for name in [a for a in args if a.endswith(".docx")]:
    target = out / (pathlib.Path(name).stem + ".pdf")
    if mode == "hang":
        target.write_bytes(b"%PDF-1.7 partial")
        time.sleep(60)
    data = pathlib.Path(name).read_bytes()
    if b"BROKEN" not in data:
        target.write_bytes(b"%PDF-1.7\n" + data[-8:] + b"\n%%EOF\n")
'''


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text(FAKE_SOFFICE.replace("{python}", sys.executable))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    return program, log


def _docx(path: Path, marker: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04" + marker + os.urandom(8))
    return path


def test_all_documents_go_through_one_session_and_same_names_do_not_collide(tmp_path, fake_soffice):
    program, log = fake_soffice
    first, second = _docx(tmp_path / "a" / "x.docx"), _docx(tmp_path / "b" / "x.docx")
    jobs = [(first, tmp_path / "out" / "a" / "x.pdf"), (second, tmp_path / "out" / "b" / "x.pdf")]
    results = render_pdfs(jobs, soffice=str(program), plan=NO_FONTS)
    assert [r.ok for r in results] == [True, True]
    assert len(log.read_text().splitlines()) == 1
    assert (tmp_path / "out/a/x.pdf").read_bytes()[-15:-7] == first.read_bytes()[-8:]
    assert (tmp_path / "out/b/x.pdf").read_bytes()[-15:-7] == second.read_bytes()[-8:]


def test_the_session_uses_a_private_profile_and_headless_mode(tmp_path):
    command = soffice_command("soffice", tmp_path, ["00000"])
    assert command[1] == f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    assert "--headless" in command and command[-1] == "in/00000.docx"


def test_a_file_libreoffice_cannot_convert_fails_alone(tmp_path, fake_soffice):
    program, _ = fake_soffice
    good, bad = _docx(tmp_path / "good.docx"), _docx(tmp_path / "bad.docx", b"BROKEN")
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("plain text")
    results = render_pdfs([(good, tmp_path / "good.pdf"), (bad, tmp_path / "bad.pdf"),
                           (not_docx, tmp_path / "notes.pdf"), (tmp_path / "gone.docx", tmp_path / "gone.pdf")],
                          soffice=str(program), plan=NO_FONTS)
    assert [r.ok for r in results] == [True, False, False, False]
    assert results[1].error == f"{bad}: LibreOffice could not load or convert this file; is it a valid Word document?"
    assert results[2].error == f"{not_docx}: not a DOCX file (a DOCX is a ZIP package)"
    assert results[3].error == f"{tmp_path / 'gone.docx'}: no such file"
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["good.pdf"]


def test_a_hanging_libreoffice_is_stopped_and_leaves_no_pdf(tmp_path, fake_soffice, monkeypatch):
    program, _ = fake_soffice
    monkeypatch.setenv("FAKE_MODE", "hang")
    docx = _docx(tmp_path / "a.docx")
    old = tmp_path / "a.pdf"
    old.write_bytes(b"the previous PDF")
    started = time.monotonic()
    [result] = render_pdfs([(docx, old)], soffice=str(program), timeout=1.5, plan=NO_FONTS)
    assert time.monotonic() - started < 15
    assert not result.ok
    assert result.error == (f"{docx}: LibreOffice did not finish within 1.5 s and was stopped; no PDF was written "
                            "(allow more with --render-timeout)")
    assert old.read_bytes() == b"the previous PDF"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


INTERRUPTED_RUN = """
import sys
from pathlib import Path
from govfmt.pdf.fonts import FontPlan
from govfmt.pdf.render import render_pdfs
render_pdfs([(Path(sys.argv[1]), Path(sys.argv[2]))], soffice=sys.argv[3], plan=FontPlan((), (), (), None, True))
"""


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals")
def test_ctrl_c_ends_libreoffice_and_leaves_no_files(tmp_path, fake_soffice, monkeypatch):
    program, log = fake_soffice
    monkeypatch.setenv("FAKE_MODE", "hang")
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    docx, target = _docx(tmp_path / "a.docx"), tmp_path / "out" / "a.pdf"
    runner = subprocess.Popen([sys.executable, "-c", INTERRUPTED_RUN, str(docx), str(target), str(program)],
                              stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    pid_file = Path(str(log) + ".pid")
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.05)
    soffice_pid = int(pid_file.read_text())
    runner.send_signal(signal.SIGINT)
    _, stderr = runner.communicate(timeout=20)
    assert b"KeyboardInterrupt" in stderr
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(soffice_pid, 0)
    assert not target.exists()
    assert list(temp.iterdir()) == []


def test_missing_libreoffice_is_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GOVFMT_SOFFICE", raising=False)
    monkeypatch.setattr(soffice_module, "usual_places", lambda *a, **k: [])
    with pytest.raises(RenderError) as caught:
        render_pdfs([(tmp_path / "a.docx", tmp_path / "a.pdf")], plan=NO_FONTS)
    assert str(caught.value) == MISSING_SENTENCE
    assert caught.value.exit_code in (1, 2)


def test_soffice_is_found_from_option_then_environment_then_path(tmp_path, monkeypatch):
    program = tmp_path / "lo" / "program" / "soffice"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("GOVFMT_SOFFICE", str(program))
    assert find_soffice() == str(program)
    assert find_soffice(str(tmp_path / "lo")) == str(program)  # an installation folder
    with pytest.raises(RenderError, match="--soffice names .*/nowhere, which is not a runnable LibreOffice"):
        find_soffice(str(tmp_path / "nowhere"))
    monkeypatch.delenv("GOVFMT_SOFFICE")
    monkeypatch.setenv("PATH", str(program.parent))
    assert find_soffice() == str(program)


def test_usual_places_cover_macos_and_windows():
    mac = soffice_module.usual_places("darwin", {})
    assert Path("/Applications/LibreOffice.app/Contents/MacOS/soffice") in mac
    windows = soffice_module.usual_places("win32", {"ProgramFiles": r"C:\Program Files"})
    assert windows == [Path(r"C:\Program Files") / "LibreOffice" / "program" / "soffice.exe"]


@pytest.mark.slow
def test_libreoffice_renders_many_documents_in_one_call(tmp_path):
    pytest.importorskip("pdfplumber")
    import pdfplumber
    jobs = [(build_docx(tmp_path / f"{i}.docx", paragraphs=3 + i), tmp_path / "pdf" / f"{i}.pdf") for i in range(3)]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(build_docx(tmp_path / "whole.docx").read_bytes()[:3000])
    results = render_pdfs([*jobs, (broken, tmp_path / "pdf" / "broken.pdf")])
    assert [r.ok for r in results] == [True, True, True, False]
    assert "broken.docx: LibreOffice could not load or convert" in results[3].error
    with pdfplumber.open(jobs[0][1]) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    assert any("FandolFang" in f for f in fonts)
    assert not (tmp_path / "pdf" / "broken.pdf").exists()
