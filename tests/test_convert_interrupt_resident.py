"""Ctrl-C and SIGTERM while real, resident LibreOffice sessions render a batch: the PDFs already finished
stay and are whole, the report names exactly those, the run exits 128 + the signal, and nothing of the run
is left behind (no LibreOffice process, no single-instance socket, no temporary folder, no part file)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govfmt.pdf.render import _pipe_of, _profile_cache, render_pdfs
from govfmt.pdf.soffice import find_soffice
from test_pdf_fixture_docx import build_docx

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; Ctrl-C as on POSIX")]

CORPUS = Path(__file__).parent / "corpus" / "dev" / "docs"
DRAFTS = 30
SECONDS = 240  # for the whole run on a loaded machine


def _drafts(folder: Path) -> list[Path]:
    folder.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))
    made = []
    for index in range(DRAFTS):
        text = sources[index % len(sources)].read_text(encoding="utf-8")
        made.append(folder / f"{index:02d}.txt")
        made[-1].write_text(text.replace("\n", f"（第{index}稿）\n", 1), encoding="utf-8")
    return made


def _processes_naming(text: str) -> list[int]:
    """Live processes whose command line mentions text (a zombie waiting for its parent is not live)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if text in command and state != "Z":
            found.append(int(entry.name))
    return found


def _pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.pdf") if not p.name.startswith(".")) if folder.is_dir() else []


@pytest.fixture(scope="module")
def seeded_profile():
    """A LibreOffice profile kept by a first run, so that the runs below keep their sessions resident."""
    program = find_soffice()
    if not (_profile_cache(program) / "user").is_dir():
        scratch = Path(__file__).parent / ".seed-profile"
        scratch.mkdir(exist_ok=True)
        try:
            render_pdfs([(build_docx(scratch / "seed.docx"), scratch / "seed.pdf")])
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    assert (_profile_cache(program) / "user").is_dir()
    return program


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupt_while_resident_sessions_render_keeps_the_finished_pdfs_and_leaves_nothing(
        tmp_path, seeded_profile, how, workers):
    inbox, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "report.json"
    _drafts(inbox)
    temporary = tmp_path / "tmp"  # the run's TMPDIR: its scratch folders and LibreOffice's are made here
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    # its own process group, as a shell starts a job; SIGINT at its default (pytest may run in the background)
    process = subprocess.Popen(
        [sys.executable, "-m", "govfmt", "--lang", "en", "convert", str(inbox), "-o", str(out), "--to", "pdf",
         "-j", str(workers), "--report", str(report)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    work, sockets, resident, deadline = None, set(), False, time.monotonic() + SECONDS
    try:
        while time.monotonic() < deadline and process.poll() is None:
            work = work or next(iter(temporary.glob("govfmt-render-*")), None)
            if work is not None:
                sockets |= {_pipe_of(profile) for profile in work.glob("profile-*")}
                resident = resident or any(work.glob("holder-*.txt"))  # the empty document a resident holds
            scratch = next(iter(temporary.glob("govfmt-docx-*")), None)
            written = len(list(scratch.glob("*.render.docx"))) if scratch is not None else 0
            if written == DRAFTS and 0 < len(_pdfs(out)) < DRAFTS // 2:  # the DOCX stage is over: only PDFs
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"the run ended or took too long before its PDF stage was under way: {process.poll()}")
        if how == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl-C goes to the whole foreground group
        else:
            os.kill(process.pid, signal.SIGTERM)
        err = process.communicate(timeout=120)[1]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert resident, "the run did not keep LibreOffice resident"
    assert process.returncode == (130 if how == "ctrl-c" else 128 + signal.SIGTERM), err
    assert "Traceback" not in err
    assert "govfmt: interrupted; finished files are complete, nothing partial was left" in err

    finished = _pdfs(out)
    record = json.loads(report.read_text(encoding="utf-8"))
    assert record["interrupted"] is True
    converted = [r for r in record["files"] if r["status"] == "converted"]
    assert [Path(r["outputs"][-1]) for r in converted] == finished  # exactly the PDFs there, in input order
    assert 0 < len(finished) < DRAFTS
    assert {r["status"] for r in record["files"]} <= {"converted", "not finished", "not started"}
    assert f"{DRAFTS} files: {len(finished)} converted" in err
    for pdf in finished:  # each one whole: a PDF reader opens it and finds its pages
        import pypdfium2

        document = pypdfium2.PdfDocument(str(pdf))
        try:
            assert len(document) >= 1
        finally:
            document.close()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no part file, no lock

    assert _processes_naming(str(temporary)) == []  # no LibreOffice (nor worker) of this run still running
    assert sockets and all(not socket.exists() for socket in sockets)
    assert list(temporary.iterdir()) == []
