"""What rendering does when LibreOffice or the files around it misbehave: a LibreOffice that cannot start,
that dies on a file at every launch, that skips the last file of its list, that hangs on every file; an
output that cannot be written; a command line too long for one launch; the kept profile that seeds later
runs. LibreOffice is played by tests/fake_soffice.py (a launcher and a worker, as the real one)."""

from __future__ import annotations

import os
import stat
import sys
import zipfile
from pathlib import Path

import pytest

from processes import alive
import fake_soffice
from govfmt.errors import RenderError
from govfmt.pdf import render
from govfmt.pdf.fonts import FontPlan
from govfmt.pdf.render import document_allowance, render_pdfs

POSIX = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX programs and signals")
NO_FONTS = FontPlan((), (), (), None, True)


@pytest.fixture
def lo(tmp_path, monkeypatch):
    program, log, temp = fake_soffice.environment(tmp_path, monkeypatch)
    return str(program), log, temp


def _docx(path: Path, marker: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04" + marker + os.urandom(8))
    return path


def _launches(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def _left_behind(temp: Path) -> list[str]:
    return [p.name for p in temp.iterdir() if p.name.startswith("govfmt-")]


def test_no_jobs_start_no_libreoffice(tmp_path):
    assert render_pdfs([], soffice=str(tmp_path / "not-even-there")) == []


@POSIX
def test_a_program_that_cannot_be_started_is_one_sentence(tmp_path, lo):
    _, _, temp = lo
    program = tmp_path / "soffice"
    program.write_text("#!/nonexistent/interpreter\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(RenderError) as caught:
        render_pdfs([(_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")], soffice=str(program), plan=NO_FONTS)
    assert str(caught.value).startswith(f"LibreOffice ({program}) could not be started: ")
    assert not (tmp_path / "a.pdf").exists() and _left_behind(temp) == []


@POSIX
def test_every_file_unusable_starts_no_libreoffice(tmp_path, lo):
    program, log, temp = lo
    text = tmp_path / "notes.docx"
    text.write_text("not a package", encoding="utf-8")
    results = render_pdfs([(text, tmp_path / "a.pdf"), (tmp_path / "gone.docx", tmp_path / "b.pdf")],
                          soffice=program, plan=NO_FONTS)
    assert [r.error for r in results] == [f"{text}: not a DOCX file (a DOCX is a ZIP package)",
                                          f"{tmp_path / 'gone.docx'}: no such file"]
    assert _launches(log) == [] and _left_behind(temp) == []


@POSIX
def test_a_file_libreoffice_dies_on_twice_is_blamed_and_the_others_still_render(tmp_path, lo, monkeypatch):
    program, log, _ = lo
    monkeypatch.setenv("FAKE_MODE", "die")
    jobs = [(_docx(tmp_path / f"{n}.docx"), tmp_path / "out" / f"{n}.pdf") for n in ("a", "b")]
    results = render_pdfs(jobs, soffice=program, plan=NO_FONTS)
    assert [r.ok for r in results] == [False, False]
    assert results[0].error == (f"{jobs[0][0]}: LibreOffice stopped while converting this file, twice; "
                                "no PDF was written")
    assert len(_launches(log)) == 4  # each file: two launches, and then it is blamed
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


@POSIX
def test_a_last_file_libreoffice_skips_is_named_and_the_first_delivered(tmp_path, lo):
    program, _, _ = lo
    good, bad = _docx(tmp_path / "good.docx"), _docx(tmp_path / "bad.docx", b"BROKEN")
    results = render_pdfs([(good, tmp_path / "good.pdf"), (bad, tmp_path / "bad.pdf")], soffice=program,
                          plan=NO_FONTS)
    assert [r.ok for r in results] == [True, False]
    assert results[1].error == f"{bad}: LibreOffice could not load or convert this file; is it a valid Word document?"
    assert (tmp_path / "good.pdf").read_bytes().startswith(b"%PDF-") and not (tmp_path / "bad.pdf").exists()


@POSIX
def test_each_hanging_file_is_stopped_in_turn_and_libreoffice_started_again_for_the_next(tmp_path, lo, monkeypatch):
    program, log, temp = lo
    monkeypatch.setenv("FAKE_MODE", "hang")
    jobs = [(_docx(tmp_path / f"{n}.docx"), tmp_path / f"{n}.pdf") for n in ("a", "b")]
    results = render_pdfs(jobs, soffice=program, timeout=3.0, plan=NO_FONTS)  # room for a start under load
    assert [r.error for r in results] == [
        f"{docx}: LibreOffice did not finish within 3 s and was stopped; no PDF was written (allow more with "
        "--render-timeout)" for docx, _ in jobs]
    assert len(_launches(log)) == 2
    assert not any(alive(pid) for pid in fake_soffice.pids(log))
    assert list(tmp_path.glob("*.pdf")) == [] and _left_behind(temp) == []


@POSIX
def test_an_output_that_cannot_be_written_fails_that_file_only(tmp_path, lo):
    program, _, _ = lo
    folder = tmp_path / "taken.pdf"
    folder.mkdir()  # a folder where the PDF should go
    jobs = [(_docx(tmp_path / "a.docx"), folder), (_docx(tmp_path / "b.docx"), tmp_path / "b.pdf")]
    results = render_pdfs(jobs, soffice=program, plan=NO_FONTS)
    assert [r.ok for r in results] == [False, True]
    assert results[0].error == f"{folder}: cannot be written ({folder} is a folder or a device, not a file; " \
                               "name a file to write)"
    assert list(folder.iterdir()) == [] and (tmp_path / "b.pdf").is_file()


@POSIX
def test_a_batch_too_long_for_one_command_line_is_split_into_launches(tmp_path, lo, monkeypatch):
    program, log, temp = lo
    work = temp / "govfmt-render-12345678"  # as long as the run's own folder (mkdtemp adds 8 characters)
    monkeypatch.setattr(render, "MAX_COMMAND_CHARS", len(" ".join(render.soffice_command(
        program, work, [], 0))) + 2 * 15)  # room for two documents a launch
    jobs = [(_docx(tmp_path / f"{n}.docx"), tmp_path / "out" / f"{n}.pdf") for n in range(5)]
    results = render_pdfs(jobs, soffice=program, plan=NO_FONTS)
    assert all(r.ok for r in results)
    assert [line.count(".docx") for line in _launches(log)] == [2, 2, 1]
    for docx, pdf in jobs:
        assert pdf.read_bytes()[-15:-7] == docx.read_bytes()[-8:]


@POSIX
def test_a_first_good_run_keeps_its_profile_and_later_runs_start_from_a_copy(tmp_path, lo, monkeypatch):
    program, log, _ = lo
    monkeypatch.setenv("FAKE_PROFILE", "1")
    cache = tmp_path / "cache" / "govfmt" / "lo-profile"
    render_pdfs([(_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")], soffice=program, plan=NO_FONTS)
    [kept] = list(cache.iterdir())
    assert (kept / "user").is_dir()
    (kept / "user" / "registrymodifications.xcu").write_text("<items/>", encoding="utf-8")

    render_pdfs([(_docx(tmp_path / "b.docx"), tmp_path / "b.pdf")], soffice=program, plan=NO_FONTS)
    # what LibreOffice found in its profile at each start: nothing, then a copy of the kept one
    assert Path(f"{log}.profiles").read_text().splitlines() == ["", "registrymodifications.xcu"]
    assert (tmp_path / "b.pdf").is_file()
    assert list(cache.iterdir()) == [kept]


@POSIX
def test_a_kept_profile_that_delivers_nothing_is_dropped(tmp_path, lo, monkeypatch):
    program, _, _ = lo
    kept = render._profile_cache(program)
    (kept / "user").mkdir(parents=True)
    monkeypatch.setenv("FAKE_MODE", "die")
    [result] = render_pdfs([(_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")], soffice=program, plan=NO_FONTS)
    assert not result.ok
    assert not kept.exists()  # the next run starts with a fresh profile


def test_the_time_allowed_grows_with_the_document_text(tmp_path):
    small, large = tmp_path / "small.docx", tmp_path / "large.docx"
    for path, size in ((small, 1000), (large, 2_000_000)):
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", "<w:t>" + "公" * (size // 3) + "</w:t>")
    assert document_allowance(small) == pytest.approx(render.SECONDS_PER_DOCUMENT, abs=0.1)
    assert document_allowance(large) == pytest.approx(render.SECONDS_PER_DOCUMENT + 120, rel=0.01)
    assert document_allowance(large, per_document=3.0) == 3.0


def test_the_time_allowed_for_a_file_that_is_no_package_comes_from_its_size(tmp_path):
    raw = tmp_path / "raw.docx"
    raw.write_bytes(b"PK\x03\x04" + b"x" * 250_000)  # not a readable ZIP: its size stands for the text
    assert document_allowance(raw) == pytest.approx(render.SECONDS_PER_DOCUMENT + 120, rel=0.01)
    assert document_allowance(tmp_path / "gone.docx") == render.SECONDS_PER_DOCUMENT


@POSIX
def test_a_kept_profile_that_cannot_be_copied_gives_way_to_a_fresh_one(tmp_path, lo, monkeypatch):
    program, log, _ = lo
    monkeypatch.setenv("FAKE_PROFILE", "1")
    kept = render._profile_cache(program)
    (kept / "user").mkdir(parents=True)
    (kept / "user" / "registrymodifications.xcu").symlink_to(tmp_path / "gone.xcu")  # a copy of it fails
    [result] = render_pdfs([(_docx(tmp_path / "a.docx"), tmp_path / "a.pdf")], soffice=program, plan=NO_FONTS)
    assert result.ok
    assert Path(f"{log}.profiles").read_text().splitlines() == [""]  # LibreOffice started with a fresh profile


@POSIX
def test_documents_on_another_file_system_than_the_scratch_folder_are_copied(tmp_path, lo, monkeypatch):
    program, _, _ = lo
    scratch = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path / "temp"
    monkeypatch.setenv("TMPDIR", str(scratch))
    docx = _docx(tmp_path / "a.docx")
    before = len(list(scratch.glob("govfmt-*")))
    [result] = render_pdfs([(docx, tmp_path / "a.pdf")], soffice=program, plan=NO_FONTS)
    assert result.ok and (tmp_path / "a.pdf").read_bytes()[-15:-7] == docx.read_bytes()[-8:]
    assert len(list(scratch.glob("govfmt-*"))) == before
