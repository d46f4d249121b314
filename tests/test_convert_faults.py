"""`govfmt convert` under faults: what it writes over, kills and interrupts, a LibreOffice that dies,
two runs into one folder. LibreOffice is played by tests/fake_soffice.py (same process shape)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from processes import alive, wait_for
import fake_soffice
from conftest import CORPUS, REPO
from govfmt.cli import main
from govfmt.fsutil import LOCK_NAME, folder_lock

POSIX = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals, FIFOs and umask")


def run(args, capsys):
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


@pytest.fixture
def lo(tmp_path, monkeypatch):
    """The fake LibreOffice, its call log, and a private temporary folder and cache for the run."""
    return fake_soffice.environment(tmp_path, monkeypatch)


def drafts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted((CORPUS / "docs").glob("*.txt"))
    made = []
    for index in range(count):
        made.append(folder / f"{index:02d}.txt")
        shutil.copy(sources[index % len(sources)], made[-1])
    return made


def hidden(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.startswith(".")]


def start_convert(args, env_extra=None, **kwargs) -> subprocess.Popen:
    """govfmt convert in a child with SIGINT at its default, whatever this test process inherited
    (a test run in the background starts with SIGINT ignored, and a child would inherit that)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "govfmt", "convert", *map(str, args)], env=env,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kwargs)


# -- writing over what is not ours -------------------------------------------------------------------

@POSIX
def test_report_to_a_symlink_writes_its_target_and_keeps_the_link(tmp_path, capsys):
    [draft] = drafts(tmp_path / "in", 1)
    real = tmp_path / "reports" / "r.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "r.json"
    link.symlink_to(real)
    code, _, err = run(["convert", draft, "-o", tmp_path / "out.docx", "--report", link], capsys)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["files"][0]["status"] == "converted"
    assert hidden(tmp_path / "reports") == []


@POSIX
def test_report_to_a_fifo_is_written_through_not_replaced(tmp_path, capsys):
    [draft] = drafts(tmp_path / "in", 1)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = run(["convert", draft, "-o", tmp_path / "out.docx", "--report", fifo], capsys)
    reader.join(10)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0].decode("utf-8"))["summary"]["converted"] == 1


def test_report_to_a_folder_is_one_sentence(tmp_path, capsys):
    [draft] = drafts(tmp_path / "in", 1)
    (tmp_path / "folder").mkdir()
    code, _, err = run(["convert", draft, "-o", tmp_path / "out.docx", "--report", tmp_path / "folder"], capsys)
    assert code == 2
    assert "is a directory" in err and "Traceback" not in err
    assert list((tmp_path / "folder").iterdir()) == []
    from govfmt.fsutil import OutputError, write_text

    with pytest.raises(OutputError, match="is a folder or a device, not a file; name a file to write"):
        write_text(tmp_path / "folder", "{}")


@POSIX
def test_outputs_honour_the_umask(tmp_path, lo, capsys):
    program, _, _ = lo
    [draft] = drafts(tmp_path / "in", 1)
    previous = os.umask(0o022)
    try:
        code, _, err = run(["convert", draft, "-o", tmp_path / "out", "--to", "docx", "--to", "pdf",
                            "--soffice", program, "--report", tmp_path / "r.json"], capsys)
    finally:
        os.umask(previous)
    assert code == 0, err
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [*(tmp_path / "out").iterdir(), tmp_path / "r.json"]}
    assert modes == {"00.docx": 0o644, "00.pdf": 0o644, "r.json": 0o644}


def test_stale_part_files_of_a_killed_run_are_cleared(tmp_path, capsys):
    made = drafts(tmp_path / "in", 2)
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".00.k3j4h5.part.docx", out / ".01.x9y8z7.part.docx"]
    for path in stale:
        path.write_bytes(b"PK\x03\x04 half")
    keep = out / ".notes.txt"  # hidden, but not ours
    keep.write_text("mine")
    code, _, err = run(["convert", made[0].parent, "-o", out], capsys)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [".notes.txt", "00.docx", "01.docx"]


# -- two runs into one folder ------------------------------------------------------------------------

@POSIX
def test_a_second_run_into_a_busy_output_folder_is_refused(tmp_path, capsys):
    made = drafts(tmp_path / "in", 2)
    out = tmp_path / "out"
    with folder_lock([out]):
        code, _, err = run(["convert", made[0].parent, "-o", out], capsys)
        assert (out / LOCK_NAME).exists()
    assert code == 2
    assert f"another govfmt convert is writing into {os.path.realpath(out)}; wait for it to finish" in err
    assert not out.exists()  # the refused run made no folder and left none
    code, _, err = run(["convert", made[0].parent, "-o", out], capsys)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["00.docx", "01.docx"]


@POSIX
def test_two_concurrent_runs_into_one_folder_never_mix_their_outputs(tmp_path, lo):
    program, log, _ = lo
    first, second = tmp_path / "first", tmp_path / "second"
    drafts(first, 3)
    for draft in drafts(second, 3):
        draft.write_text("关于另一件事的通知\n各单位：\n这是第二批的稿子。\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {"FAKE_MODE": "step"}
    one = start_convert([first, "-o", out, "--to", "docx", "--to", "pdf", "--soffice", program, "-j", "1"], env)
    assert wait_for(lambda: log.exists())
    two = start_convert([second, "-o", out, "--to", "docx", "--to", "pdf", "--soffice", program, "-j", "1"], env)
    err_two = two.communicate(timeout=60)[1]
    for n in range(1, 4):
        Path(f"{log}.go-{n}").write_text("go")
    one.communicate(timeout=60)
    assert one.returncode == 0
    assert two.returncode == 2 and "another govfmt convert is writing into" in err_two
    for name in ("00", "01", "02"):
        with zipfile.ZipFile(out / f"{name}.docx") as archive:
            assert "第二批".encode() not in archive.read("word/document.xml")


# -- progress, interrupts and kills in the PDF stage ---------------------------------------------------

@POSIX
def test_progress_reports_each_pdf_as_it_arrives(tmp_path, lo):
    program, log, _ = lo
    made = drafts(tmp_path / "in", 3)
    out = tmp_path / "out"
    process = start_convert([made[0].parent, "-o", out, "--to", "pdf", "--soffice", program, "-j", "1"],
                            {"FAKE_MODE": "step"})
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith("converted"):
            done = len([s for s in seen if s.startswith("converted")])
            # this PDF is reported while LibreOffice still holds the next one back
            assert len(list(out.glob("*.pdf"))) == done
            Path(f"{log}.go-{done}").write_text("go")
    process.wait(timeout=30)
    assert process.returncode == 0
    assert sorted(s.split()[1] for s in seen if s.startswith("converted")) == [str(p) for p in made]


@POSIX
def test_ctrl_c_in_the_pdf_stage_keeps_finished_pdfs_and_reports_exactly(tmp_path, lo):
    program, log, temp = lo
    made = drafts(tmp_path / "in", 4)
    out = tmp_path / "out"
    report = tmp_path / "r.json"
    process = start_convert([made[0].parent, "-o", out, "--to", "docx", "--to", "pdf", "--soffice", program,
                             "-j", "1", "--report", report], {"FAKE_MODE": "hang-after-2"})
    seen = []
    for line in process.stderr:
        seen.append(line)
        if len([s for s in seen if s.startswith("converted")]) == 2:
            break
    assert wait_for(lambda: len(fake_soffice.pids(log)) == 2)
    process.send_signal(signal.SIGINT)
    err = "".join(seen) + process.communicate(timeout=30)[1]
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "4 files: 2 converted, 0 skipped (unchanged), 0 failed, 2 not finished, 0 not started (interrupted)" in err
    pdfs = sorted(p.stem for p in out.glob("*.pdf"))
    assert len(pdfs) == 2 and sorted(p.stem for p in out.glob("*.docx")) == ["00", "01", "02", "03"]
    assert hidden(out) == []
    records = {Path(r["input"]).stem: r for r in json.loads(report.read_text(encoding="utf-8"))["files"]}
    for stem, record in records.items():
        if stem in pdfs:
            assert record["status"] == "converted"
            assert record["outputs"] == [str(out / f"{stem}.docx"), str(out / f"{stem}.pdf")]
        else:
            assert record["status"] == "not finished"
            assert record["outputs"] == [str(out / f"{stem}.docx")]
    assert wait_for(lambda: not any(alive(p) for p in fake_soffice.pids(log)), 10)
    assert [p for p in temp.iterdir() if p.name.startswith("govfmt-")] == []


@POSIX
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_pdf_stage_leaves_no_libreoffice_and_no_temporary_folders(tmp_path, lo, stop, monkeypatch):
    program, log, temp = lo
    made = drafts(tmp_path / "in", 3)
    out = tmp_path / "out"
    args = [made[0].parent, "-o", out, "--to", "pdf", "--soffice", program, "-j", "2"]
    process = start_convert(args, {"FAKE_MODE": "hang"})
    assert wait_for(lambda: len(fake_soffice.pids(log)) == 4)  # two sessions, launcher and worker each
    process.send_signal(stop)
    process.communicate(timeout=30)
    assert process.returncode == (143 if stop == signal.SIGTERM else -signal.SIGKILL)
    assert wait_for(lambda: not any(alive(p) for p in fake_soffice.pids(log)), 10)
    assert wait_for(lambda: [p for p in temp.iterdir() if p.name.startswith("govfmt-")] == [], 10)
    if stop == signal.SIGTERM:
        assert not out.exists() or list(out.iterdir()) == []
    monkeypatch.setenv("FAKE_MODE", "ok")
    rerun = start_convert(args, {"FAKE_MODE": "ok"})
    rerun.communicate(timeout=60)
    assert rerun.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["00.pdf", "01.pdf", "02.pdf"]


def test_libreoffice_killed_mid_run_blames_no_file(tmp_path, lo, capsys, monkeypatch):
    program, log, _ = lo
    made = drafts(tmp_path / "in", 4)
    monkeypatch.setenv("FAKE_MODE", "die-once")
    code, _, err = run(["convert", made[0].parent, "-o", tmp_path / "out", "--to", "pdf", "--soffice", program,
                        "-j", "1"], capsys)
    assert code == 0, err
    assert "4 files: 4 converted" in err
    assert len(log.read_text().splitlines()) == 2  # LibreOffice started again for the three left
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["00.pdf", "01.pdf", "02.pdf", "03.pdf"]


def test_the_render_time_limit_is_an_option(tmp_path, lo, capsys, monkeypatch):
    program, _, _ = lo
    [draft] = drafts(tmp_path / "in", 1)
    monkeypatch.setenv("FAKE_MODE", "hang")
    started = time.monotonic()
    code, _, err = run(["convert", draft, "-o", tmp_path / "out.pdf", "--soffice", program,
                        "--render-timeout", "1"], capsys)
    assert time.monotonic() - started < 20
    assert code == 1
    assert (f"{draft}: LibreOffice did not finish within 1 s and was stopped; no PDF was written "
            "(allow more with --render-timeout)") in err


def test_the_default_render_time_limit_grows_with_the_document(tmp_path):
    from govfmt.pdf.render import SECONDS_PER_DOCUMENT, document_allowance

    def docx(name: str, paragraphs: int) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", "<w:p><w:r><w:t>段落文字</w:t></w:r></w:p>" * paragraphs)
        return path

    small, large = document_allowance(docx("small.docx", 10)), document_allowance(docx("large.docx", 200_000))
    assert small < SECONDS_PER_DOCUMENT + 1
    assert large > 10 * small
    assert document_allowance(docx("any.docx", 10), per_document=300) == 300


# -- stdin and stdout ----------------------------------------------------------------------------------

def test_stdin_to_a_file_and_a_file_to_stdout(tmp_path):
    [draft] = drafts(tmp_path / "in", 1)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "govfmt", "convert"]
    subprocess.run([*command, draft, "-o", tmp_path / "file.docx"], check=True, env=env)
    piped = subprocess.run([*command, "-", "-o", tmp_path / "piped.docx"], input=draft.read_bytes(),
                           capture_output=True, env=env)
    assert piped.returncode == 0, piped.stderr.decode()
    to_stdout = subprocess.run([*command, draft, "-o", "-"], capture_output=True, env=env)
    assert to_stdout.returncode == 0, to_stdout.stderr.decode()
    (tmp_path / "stdout.docx").write_bytes(to_stdout.stdout)
    for other in ("piped.docx", "stdout.docx"):
        with zipfile.ZipFile(tmp_path / "file.docx") as one, zipfile.ZipFile(tmp_path / other) as two:
            assert one.read("word/document.xml") == two.read("word/document.xml"), other
    missing = subprocess.run([*command, "-"], input=b"x", capture_output=True, env=env)
    assert missing.returncode == 2
    assert b"a draft read from stdin (-) needs -o FILE, or -o - to write to stdout" in missing.stderr


# -- web-page chrome -------------------------------------------------------------------------------------

def test_web_chrome_is_left_out_and_named_and_keep_web_keeps_it(tmp_path, capsys):
    from govfmt.parse import left_out_lines
    from govfmt.reader import read_document

    draft = tmp_path / "pasted.txt"
    shutil.copy(CORPUS / "docs" / "116.txt", draft)
    lines = draft.read_text(encoding="utf-8").split("\n")
    chrome = left_out_lines(read_document(draft))
    assert chrome  # the draft carries a web page's navigation lines
    code, _, err = run(["convert", draft, "-o", tmp_path / "out.docx", "--report", tmp_path / "r.json"], capsys)
    assert code == 0, err
    listed = ", ".join(map(str, chrome))
    assert (f"{draft}: left out {len(chrome)} lines of web-page chrome: {listed} (--keep-web keeps them)") in err
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"][0]
    assert record["left_out_lines"] == list(chrome)
    dropped = "".join(lines[chrome[0] - 1].split())
    assert dropped not in docx_text(tmp_path / "out.docx")

    code, _, err = run(["convert", draft, "-o", tmp_path / "kept.docx", "--keep-web"], capsys)
    assert code == 0, err
    assert "web-page chrome" not in err
    assert dropped in docx_text(tmp_path / "kept.docx")


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    import re

    return "".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)).split())
