"""A whole run: skip what is up to date, write every DOCX in the pool, then render the PDFs.

PDFs are shared between LibreOffice sessions and each one is taken as it arrives: documents whose
layout depends on where the pages break (a 版记, a 署名) are measured on their rendering and, where it
shows a change is needed, laid out again from the parsed document and rendered once more; every other
PDF is final the moment it is written. A run holds a lock on its output folders, clears what killed runs
left in them, and on Ctrl-C or SIGTERM keeps every finished output and says which ones exist.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

from govfmt import fsutil, reaper
from govfmt.convert import pipeline
from govfmt.convert.incremental import is_up_to_date, settings_stamp
from govfmt.convert.jobs import Job, lock_folders
from govfmt.convert.outcome import (
    CONVERTED, FAILED, NOT_FINISHED, NOT_STARTED, SKIPPED, BatchResult, Outcome, failure,
)
from govfmt.convert.pool import Interrupts, run_docx_stage, stopping_signals
from govfmt.convert.pipeline import Settings
from govfmt.errors import GovfmtError
from govfmt.i18n import _


def run_batch(jobs: Sequence[Job], style, settings: Settings, *, workers: int = 1, sessions: int | None = None,
              force: bool = False, soffice: str | None = None, render_timeout: float | None = None,
              on_done: Callable[[Outcome], None] = lambda outcome: None,
              on_pdf_start: Callable[[int, int], None] = lambda count, sessions: None) -> BatchResult:
    interrupts = Interrupts()
    with fsutil.folder_lock(lock_folders(jobs)), stopping_signals(interrupts):
        fsutil.clear_stale_parts(out for job in jobs for out in job.outputs)
        outcomes, interrupted, notice = _run(jobs, style, settings, workers, sessions or workers, force, soffice,
                                             render_timeout, on_done, on_pdf_start, interrupts)
    outcomes = tuple(dataclasses.replace(o, revisit=None) for o in outcomes)
    return BatchResult(outcomes, interrupted, notice, interrupts.signal_number if interrupted else None)


def _run(jobs, style, settings, workers, sessions, force, soffice, render_timeout, on_done, on_pdf_start,
         interrupts):
    style_file = Path(style.origin) if getattr(style, "origin", None) else None
    stamp = settings_stamp(settings)
    done: dict[int, Outcome] = {}
    todo: list[int] = []
    interrupted = False
    try:
        for index, job in enumerate(jobs):
            if not force and is_up_to_date(job, style_file, stamp):
                done[index] = Outcome(job, SKIPPED, outputs=job.outputs)
                on_done(done[index])
            else:
                todo.append(index)
    except KeyboardInterrupt:
        return _settled(jobs, done), True, None
    wants_pdf = any(jobs[i].pdf is not None for i in todo)
    scratch = Path(tempfile.mkdtemp(prefix="govfmt-docx-")) if wants_pdf else None
    notice = None
    if scratch is not None:
        reaper.watch_folder(scratch)
    try:
        docx_of = {i: jobs[i].docx or scratch / f"{i:06d}.docx" for i in todo}
        tasks = [(jobs[i], docx_of[i], jobs[i].pdf is not None) for i in todo]

        def docx_done(outcome: Outcome) -> None:  # with a PDF to come, a file is reported once it is there
            if outcome.job.pdf is None or outcome.status != CONVERTED:
                on_done(outcome)

        run = run_docx_stage(tasks, style, settings, workers, interrupts, on_done=docx_done)
        done.update(zip(todo, run.outcomes))
        interrupted = run.interrupted
        ready = [i for i in todo if jobs[i].pdf is not None and done[i].status == CONVERTED]
        if ready and not interrupted:
            stage = _PdfStage(jobs, done, docx_of, style, settings, scratch, on_done)
            try:
                notice = stage.run(ready, soffice, sessions, render_timeout, on_pdf_start)
            except KeyboardInterrupt:
                interrupted = True
            for i in ready:
                done[i] = stage.finals.get(i) or dataclasses.replace(
                    done[i], status=NOT_FINISHED, revisit=None,
                    outputs=tuple(p for p in (jobs[i].docx,) if p is not None))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
            reaper.forget_folder(scratch)
    return _settled(jobs, done), interrupted, notice


def _settled(jobs, done) -> tuple[Outcome, ...]:
    return tuple(done.get(i) or Outcome(job, NOT_STARTED) for i, job in enumerate(jobs))


class _PdfStage:
    def __init__(self, jobs, done, docx_of, style, settings, scratch: Path, on_done):
        self.jobs, self.done, self.docx_of = jobs, done, docx_of
        self.style, self.settings, self.scratch, self.on_done = style, settings, scratch, on_done
        self.finals: dict[int, Outcome] = {}
        self.again: dict[int, tuple[pipeline.Laid, object]] = {}  # second layouts to render
        self.last = time.perf_counter()

    def run(self, ready, soffice, sessions, timeout, on_pdf_start) -> str | None:
        from govfmt.errors import RenderError
        from govfmt.pdf.fonts import font_plan
        from govfmt.pdf.render import render_pdfs

        fonts = font_plan(self.style)
        count = max(1, min(sessions, len(ready)))
        on_pdf_start(len(ready), count)
        measured = [i for i in ready if self._measured(i)]
        self.waiting = set(measured)
        order = measured + [i for i in ready if i not in self.waiting]  # measured first: their second pass
        first = {i: (self.scratch / f"{i:06d}.first.pdf" if i in self.waiting else self.jobs[i].pdf) for i in order}
        try:
            render_pdfs([(self.docx_of[i], first[i]) for i in order], soffice=soffice, plan=fonts, sessions=count,
                        timeout=timeout, on_result=lambda k, result: self._first(order[k], result))
        except RenderError as exc:
            for i in ready:
                if i not in self.finals:
                    self._final(i, dataclasses.replace(failure(self.jobs[i], exc), outputs=self.done[i].outputs))
        return fonts.notice()

    def _laid(self, i: int):
        laid = self.done[i].revisit
        return laid, pipeline.style_for(laid.document, self.settings, self.style)

    def _measured(self, i: int) -> bool:
        laid = self.done[i].revisit
        return laid is not None and pipeline.needs_measurement(laid)

    def _first(self, i: int, result):
        """A first rendering arrived; once every measured one is in, their second layouts to render."""
        if not result.ok:
            self._failed(i, result)
        elif i not in self.waiting:
            self._converted(i, result.pdf)
        else:
            laid, style = self._laid(i)
            try:
                again = pipeline.relaid(laid, result.pdf, style)
            except Exception:  # an unreadable first rendering keeps its first layout
                again = None
            if again is None:
                self._placed(i, result.pdf, None)
            else:
                self.again[i] = (again, style)
        if i not in self.waiting:
            return None
        self.waiting.discard(i)
        return self._second_pass() if not self.waiting else None

    def _second_pass(self):
        follow = []
        for i, (laid, style) in self.again.items():
            docx = self.scratch / f"{i:06d}.second.docx"
            try:
                pipeline.write(laid, style, docx, self.settings)
            except Exception:  # the first layout and its rendering stand
                self._placed(i, self.scratch / f"{i:06d}.first.pdf", None)
                continue
            follow.append((docx, self.scratch / f"{i:06d}.second.pdf", lambda result, i=i: self._second(i, result)))
        return follow

    def _second(self, i: int, result) -> None:
        first = self.scratch / f"{i:06d}.first.pdf"
        if not result.ok:  # the first rendering stands, with the DOCX it was made from
            self._placed(i, first, None)
            return
        self._placed(i, result.pdf, self.scratch / f"{i:06d}.second.docx")

    def _placed(self, i: int, pdf: Path, docx: Path | None) -> None:
        job = self.jobs[i]
        try:
            if docx is not None and job.docx is not None:
                fsutil.place(docx, job.docx)
            fsutil.place(pdf, job.pdf)
        except (OSError, fsutil.OutputError) as exc:
            self._final(i, dataclasses.replace(
                failure(job, GovfmtError(_("{pdf} cannot be written ({value})")
                                          .format(pdf=job.pdf, value=getattr(exc, 'strerror', None) or exc),
                                                  path=job.name)), outputs=self.done[i].outputs))
            return
        self._converted(i, job.pdf)

    def _converted(self, i: int, pdf: Path) -> None:
        outcome = self.done[i]
        found: tuple[str, ...] = ()
        if outcome.revisit is not None:
            laid, style = self._laid(i)
            try:
                found = pipeline.findings(laid, pdf, style)
            except Exception:
                found = ()
        now = time.perf_counter()
        self._final(i, dataclasses.replace(outcome, outputs=outcome.outputs + (self.jobs[i].pdf,), revisit=None,
                                           seconds=outcome.seconds + (now - self.last), findings=found))
        self.last = now

    def _failed(self, i: int, result) -> None:
        job = self.jobs[i]
        message = _without_prefix(result.error or "LibreOffice could not render it", (str(self.docx_of[i]),
                                                                                      str(job.pdf)))
        self._final(i, Outcome(job, FAILED, outputs=self.done[i].outputs, error=f"{job.name}: {message}",
                               message=message, exit_code=1, seconds=self.done[i].seconds))

    def _final(self, i: int, outcome: Outcome) -> None:
        self.finals[i] = outcome
        self.on_done(outcome)


def _without_prefix(sentence: str, paths: Sequence[str]) -> str:
    """The renderer names the (possibly temporary) DOCX; the user knows the file by its input name."""
    for path in paths:
        if sentence.startswith(f"{path}: "):
            return sentence[len(path) + 2:]
    return sentence
