"""The DOCX stage's workers and signals: Ctrl-C and SIGTERM become one interrupt, SIGINT left ignored when a
run starts in the background, a file interrupted halfway leaves the rest not started, a worker that dies
fails the files it held with advice. Each test sets the signal dispositions it relies on itself."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from govfmt.cli import main
from govfmt.convert import pool
from govfmt.convert.jobs import Job
from govfmt.convert.outcome import CONVERTED, NOT_STARTED
from govfmt.convert.pipeline import Settings
from govfmt.convert.pool import Interrupts, run_docx_stage, stopping_signals
from govfmt.style import load_style

POSIX = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX signals")
DRAFT = "关于开展安全检查的通知\n\n各单位：\n请于3月1日前完成自查并报送结果。\n"


@pytest.fixture
def dispositions():
    """SIGINT and SIGTERM put back as they were, whatever a test sets."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def _jobs(folder: Path, count: int) -> list[Job]:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = []
    for index in range(count):
        source = folder / f"{index:02d}.txt"
        source.write_text(DRAFT, encoding="utf-8")
        jobs.append(Job(source, str(source), source.with_suffix(".docx"), None))
    return jobs


@POSIX
def test_sigterm_inside_a_run_is_the_same_interrupt_as_ctrl_c(dispositions):
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    interrupts = Interrupts()
    with pytest.raises(KeyboardInterrupt):
        with stopping_signals(interrupts):
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs as soon as the call returns
            pytest.fail("SIGTERM did not interrupt the run")
    assert interrupts.signal_number == signal.SIGTERM and interrupts.event.is_set()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # put back after the run


@POSIX
def test_a_run_started_in_the_background_leaves_ctrl_c_ignored(dispositions):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a shell starts a job with &
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with stopping_signals(Interrupts()):
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN)
    assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_an_interrupt_in_the_middle_of_a_file_leaves_the_rest_not_started(tmp_path, monkeypatch):
    jobs = _jobs(tmp_path / "in", 3)
    real = pool.convert_one

    def interrupted_on_the_second(job, *args):
        if job is jobs[1]:
            raise KeyboardInterrupt
        return real(job, *args)
    monkeypatch.setattr(pool, "convert_one", interrupted_on_the_second)
    seen = []
    run = run_docx_stage([(job, job.docx, None) for job in jobs], load_style(), Settings(), 1, Interrupts(),
                         on_done=seen.append)
    assert run.interrupted
    assert [o.status for o in run.outcomes] == [CONVERTED, NOT_STARTED, NOT_STARTED]
    assert [o.job for o in seen] == [jobs[0]]
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["00.docx", "00.txt", "01.txt", "02.txt"]


@POSIX
def test_a_worker_that_dies_fails_its_files_with_advice_and_leaves_nothing_half_written(tmp_path, capsys,
                                                                                        monkeypatch):
    inbox = tmp_path / "in"
    _jobs(inbox, 4)
    (inbox / "02.txt").write_text(DRAFT.replace("通知", "决定"), encoding="utf-8")
    real = pool.convert_one

    def killed_on_the_decision(job, *args):  # as the kernel ends a worker that runs out of memory
        if job.source.name == "02.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(job, *args)
    monkeypatch.setattr(pool, "convert_one", killed_on_the_decision)  # forked workers inherit it
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "convert", str(inbox), "-o", str(out), "-j", "2"])
    err = capsys.readouterr().err
    assert exited.value.code == 1, err
    advice = "the worker converting it stopped unexpectedly (BrokenProcessPool); convert it on its own with -j 1"
    assert f"{inbox / '02.txt'}: {advice}" in err
    made = sorted(p.name for p in out.iterdir())
    for name in ("00", "01", "03"):
        assert f"{name}.docx" in made or f"{inbox / (name + '.txt')}: {advice}" in err
    assert "02.docx" not in made and [n for n in made if n.startswith(".")] == []


def _ready_in_this_worker() -> tuple[bool, bool]:
    """Whether this worker found the style's DOCX template already built, and its inherited heap frozen."""
    import gc

    from govfmt.docx import writer

    style = pool._WORKER["style"]
    template = writer._templates.get((id(style), writer.WORD))
    return template is not None and template.style is style, gc.get_freeze_count() > 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_start_with_what_writing_takes_and_the_parent_still_collects_its_objects():
    import gc

    frozen_before = gc.get_freeze_count()
    workers = pool.Workers(2, Settings(), load_style(), prepare=True)
    try:
        assert gc.get_freeze_count() == frozen_before  # only the workers set the inherited heap aside
        answers = [workers.executor.submit(_ready_in_this_worker) for _ in range(4)]
        assert [future.result() for future in answers] == [(True, True)] * 4
        assert len(workers.pids) == 2
    finally:
        workers.close()
