"""A whole run: skip what is up to date, write every DOCX in the pool, then render the PDFs.

PDFs are shared between LibreOffice sessions and each one is taken as it arrives: documents whose
layout depends on where the pages break (a 版记, a 署名) are measured on their rendering and, where it
shows a change is needed, laid out again from the parsed document and rendered once more; every other
PDF is final the moment it is written. A run holds a lock on its output folders, clears what killed runs
left in them, and on Ctrl-C or SIGTERM keeps every finished output and says which ones exist.
"""

from __future__ import annotations

import dataclasses
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
              on_pdf_start: Callable[[int, int], None] = lambda count, sessions: None,
              started=None) -> BatchResult:
    """started: DOCX worker processes started before the run (convert.pool.Workers), closed by the caller."""
    interrupts = Interrupts()
    with fsutil.folder_lock(lock_folders(jobs)), stopping_signals(interrupts):
        fsutil.clear_stale_parts(out for job in jobs for out in job.outputs)
        outcomes, interrupted, notice = _run(jobs, style, settings, workers, sessions or workers, force, soffice,
                                             render_timeout, on_done, on_pdf_start, interrupts, started)
        # a worker killed halfway through a file (out of memory) cannot remove its part file itself
        fsutil.clear_stale_parts(out for job in jobs for out in job.outputs)
    outcomes = tuple(dataclasses.replace(o, revisit=None) for o in outcomes)
    return BatchResult(outcomes, interrupted, notice, interrupts.signal_number if interrupted else None)


def _run(jobs, style, settings, workers, sessions, force, soffice, render_timeout, on_done, on_pdf_start,
         interrupts, started=None):
    began = time.time_ns()
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
    renderer = None
    try:
        if scratch is not None:  # LibreOffice starts while the DOCX files are written
            count = max(1, min(sessions, sum(1 for i in todo if jobs[i].pdf is not None)))
            renderer = _open_renderer(style, soffice, count, render_timeout)
        docx_of = {i: jobs[i].docx for i in todo}  # None: a PDF alone is wanted, no DOCX is written for Word
        render_of = {i: scratch / f"{i:06d}.render.docx" for i in todo if jobs[i].pdf is not None}
        tasks = [(jobs[i], docx_of[i], render_of.get(i)) for i in todo]
        stage = _PdfStage(jobs, done, docx_of, render_of, style, settings, scratch, on_done) if scratch else None
        feeding = renderer is not None and renderer.resident  # each DOCX goes to LibreOffice as it is written
        index_of = {jobs[i]: i for i in todo}

        def docx_done(outcome: Outcome) -> None:  # with a PDF to come, a file is reported once it is there
            if outcome.job.pdf is None or outcome.status != CONVERTED:
                on_done(outcome)
            elif feeding:
                i = index_of[outcome.job]
                done[i] = outcome
                stage.offer(i, renderer)

        if started is None:  # workers started early import it themselves
            import govfmt.docx  # noqa: F401  after LibreOffice was started; before workers fork, so each has it loaded

        run = run_docx_stage(tasks, style, settings, _docx_workers(workers, renderer), interrupts, on_done=docx_done,
                             started=started)
        done.update(zip(todo, run.outcomes))
        interrupted = run.interrupted
        ready = [i for i in todo if jobs[i].pdf is not None and done[i].status == CONVERTED]
        if ready and not interrupted:
            try:
                if feeding:
                    notice = stage.finish(ready, renderer, on_pdf_start)
                else:
                    notice = stage.run(ready, soffice, sessions, render_timeout, on_pdf_start, renderer)
            except KeyboardInterrupt:
                interrupted = True
        finals = stage.finals if stage is not None else {}
        for i in ready:  # a file without its PDF is not converted: the outputs it does have are named
            done[i] = finals.get(i) or _delivered(jobs[i], done[i], began) or dataclasses.replace(
                done[i], status=NOT_FINISHED, revisit=None,
                outputs=tuple(p for p in (jobs[i].docx,) if p is not None))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        try:
            if renderer is not None:
                renderer.close()
        finally:
            if scratch is not None:
                reaper.remove_folder(scratch)
    return _settled(jobs, done), interrupted, notice


def _docx_workers(workers: int, renderer) -> int:
    """Worker processes for the DOCX stage. While LibreOffice renders, its sessions take the cores: a
    DOCX is written in about half the time a session takes to render it, so one process keeps two
    sessions busy, and more would only take their cores (and load the title word list each)."""
    if renderer is None:
        return workers
    return max(1, min(workers, -(-renderer.count // 2)))


def _delivered(job: Job, outcome: Outcome, since_ns: int) -> Outcome | None:
    """The outcome of a PDF LibreOffice put in place whose news an interrupt cut off: outputs are placed
    whole (renamed into place), and the run holds its folders, so one newer than the run is this run's."""
    try:
        if job.pdf.stat().st_mtime_ns < since_ns:
            return None
    except OSError:
        return None
    return dataclasses.replace(outcome, outputs=outcome.outputs + (job.pdf,), revisit=None)


def _open_renderer(style, soffice, count: int, render_timeout):
    """LibreOffice sessions started now, or None when they cannot be (the PDF stage then says why)."""
    from govfmt.errors import RenderError
    from govfmt.pdf.fonts import font_plan
    from govfmt.pdf.render import PdfSessions

    try:
        opened = PdfSessions(count, soffice=soffice, timeout=render_timeout, plan=font_plan(style)).open()
    except RenderError:
        return None
    if not opened.resident:  # a first run (its profile is kept to seed later ones) renders after the DOCX stage
        opened.close()
        return None
    return opened


def _settled(jobs, done) -> tuple[Outcome, ...]:
    return tuple(done.get(i) or Outcome(job, NOT_STARTED) for i, job in enumerate(jobs))


MAX_PASSES = 4  # renderings of one document at most: the first and up to three recompositions
EARLY_WHEN_LEFT = 4  # renderings still to come in a group for its first second layouts to start at once


class _PdfStage:
    """The PDF stage of a run. Documents to measure are rendered in groups (those with a 版记 first);
    when every document of a group has its rendering, those that need another layout are laid out again
    and handed back to the renderer as the next group, which starts a session at once."""

    def __init__(self, jobs, done, docx_of, render_of, style, settings, scratch: Path, on_done):
        self.jobs, self.done, self.docx_of, self.render_of = jobs, done, docx_of, render_of
        self.style, self.settings, self.scratch, self.on_done = style, settings, scratch, on_done
        self.finals: dict[int, Outcome] = {}
        self.laid: dict[int, tuple[pipeline.Laid, object]] = {}  # the layout each rendering is of
        self.passes: dict[int, int] = {}  # renderings so far
        self.kept: dict[int, tuple[Path, Path | None]] = {}  # the last rendering to fall back on (pdf, docx)
        self.measures: dict[Path, tuple] = {}  # each measured rendering's PageMeasure and pages read, by its PDF
        self.groups: list[set[int]] = []
        self.again: dict[int, pipeline.Laid] = {}  # next layouts, per group
        self.early = False  # one session for second layouts already started before its group was in
        self.feeding = False  # documents go to resident sessions one by one: next layouts go at once too
        self.last = time.perf_counter()

    def run(self, ready, soffice, sessions, timeout, on_pdf_start, renderer=None) -> str | None:
        from govfmt.errors import RenderError
        from govfmt.pdf.fonts import font_plan
        from govfmt.pdf.render import render_pdfs

        fonts = renderer.plan if renderer is not None else font_plan(self.style)
        count = renderer.count if renderer is not None else max(1, min(sessions, len(ready)))
        on_pdf_start(len(ready), count)
        measured = []
        for i in ready:
            laid = self.done[i].revisit
            if laid is not None:
                self.laid[i] = (laid, pipeline.style_for(laid.document, self.settings, self.style))
                if pipeline.needs_measurement(laid):
                    measured.append(i)
        colophons = {i for i in measured if pipeline.has_colophon(self.laid[i][0])}
        self.groups = [group for group in (colophons, set(measured) - colophons) if group]
        order = [i for i in measured if i in colophons] + [i for i in measured if i not in colophons] + \
            [i for i in ready if i not in set(measured)]
        first = {i: (self._scratch(i, 1, ".pdf") if i in set(measured) else self.jobs[i].pdf) for i in order}
        try:
            pairs = [(self.render_of[i], first[i]) for i in order]
            on_result = lambda k, result: self._rendered(order[k], result)  # noqa: E731
            if renderer is not None:
                renderer.render(pairs, on_result)
            else:
                render_pdfs(pairs, soffice=soffice, plan=fonts, sessions=count, timeout=timeout, on_result=on_result)
        except RenderError as exc:  # LibreOffice could not be started: every file not yet done says so
            for i in ready:
                if i not in self.finals:
                    named = RenderError(exc.message, path=self.jobs[i].name)
                    named.exit_code = exc.exit_code
                    self._final(i, dataclasses.replace(failure(self.jobs[i], named), outputs=self.done[i].outputs))
        return fonts.notice()

    def offer(self, i: int, renderer) -> None:
        """One DOCX just written: handed to the running LibreOffice sessions at once."""
        laid = self.done[i].revisit
        if laid is None:
            return
        self.laid[i] = (laid, pipeline.style_for(laid.document, self.settings, self.style))
        measured = pipeline.needs_measurement(laid)
        if measured:
            self.groups.append({i})
        target = self._scratch(i, 1, ".pdf") if measured else self.jobs[i].pdf
        self.feeding = True
        renderer.feed([(self.render_of[i], target, lambda result, i=i: self._rendered(i, result))], early=measured)

    def finish(self, ready, renderer, on_pdf_start) -> str | None:
        """Every DOCX has been offered: render what is left, follow-up layouts included."""
        from govfmt.errors import RenderError

        on_pdf_start(len(ready), renderer.count)
        try:
            renderer.drive()
        except RenderError as exc:
            for i in ready:
                if i not in self.finals:
                    named = RenderError(exc.message, path=self.jobs[i].name)
                    named.exit_code = exc.exit_code
                    self._final(i, dataclasses.replace(failure(self.jobs[i], named), outputs=self.done[i].outputs))
        return renderer.plan.notice()

    def _scratch(self, i: int, number: int, suffix: str) -> Path:
        return self.scratch / f"{i:06d}.pass{number}{suffix}"

    def _rendered(self, i: int, result):
        """A rendering arrived: final, or measured; a finished group hands back its next layouts."""
        number = self.passes[i] = self.passes.get(i, 0) + 1
        group = next((g for g in self.groups if i in g), None)
        if group is None:  # nothing to measure
            if result.ok:
                self._converted(i, result.pdf)
            else:
                self._failed(i, result)
            return None
        if not result.ok:
            if i in self.kept:  # a later rendering failed: the one before stands, with its own DOCX
                self._placed(i, *self.kept[i])
            else:
                self._failed(i, result)
        else:
            docx = self._scratch(i, number, ".docx") if number > 1 and self.jobs[i].docx is not None else None
            self.kept[i] = (result.pdf, docx)
            laid, style = self.laid[i]
            try:
                read: dict = {}
                measure = pipeline.measure(laid, result.pdf, style, read)
                self.measures[result.pdf] = (measure, read)
                again = pipeline.relaid(laid, measure, style) if number < MAX_PASSES else None
            except Exception:  # an unreadable rendering keeps its layout
                again = None
            if again is None:
                self._placed(i, result.pdf, docx)
            else:
                self.again[i] = again
        group.discard(i)
        if not group:
            self.groups.remove(group)
            return self._follow_up()
        if self.again and (self.feeding or not self.early and len(group) >= EARLY_WHEN_LEFT):
            # Start LibreOffice for the first of them now, while this group's renderings still come in.
            self.early = True
            return self._follow_up()
        return None

    def _follow_up(self):
        """The next layouts waiting so far, written and handed to the renderer as one new group."""
        follow, members = [], set()
        for i, laid in list(self.again.items()):
            del self.again[i]
            style = self.laid[i][1]
            docx = self._scratch(i, self.passes[i] + 1, ".docx") if self.jobs[i].docx is not None else None
            rendered = self._scratch(i, self.passes[i] + 1, ".render.docx")
            try:
                pipeline.write(laid, style, docx, self.settings, rendered)
            except Exception:  # the layout before and its rendering stand
                self._placed(i, *self.kept[i])
                continue
            self.laid[i] = (laid, style)
            members.add(i)
            follow.append((rendered, self._scratch(i, self.passes[i] + 1, ".pdf"),
                           lambda result, i=i: self._rendered(i, result)))
        if members:
            self.groups.append(members)
        return follow

    def _placed(self, i: int, pdf: Path, docx: Path | None) -> None:
        job = self.jobs[i]
        if pdf in self.measures:
            self.measures[job.pdf] = self.measures.pop(pdf)  # the measure goes with the rendering
        try:
            if docx is not None and job.docx is not None:
                fsutil.place(docx, job.docx)
            fsutil.place(pdf, job.pdf)
        except (OSError, fsutil.OutputError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._final(i, dataclasses.replace(failure(job, GovfmtError(_("{pdf} cannot be written ({reason})")
                                                                         .format(pdf=job.pdf, reason=reason),
                                                                        path=job.name)),
                                               outputs=self.done[i].outputs))
            return
        self._converted(i, job.pdf)

    def _converted(self, i: int, pdf: Path) -> None:
        outcome = self.done[i]
        found: tuple[str, ...] = ()
        if i in self.laid:
            laid, style = self.laid[i]
            try:
                measure, read = self.measures.pop(pdf, (None, None))
                found = pipeline.findings(laid, pdf, style, measure=measure, read=read)
            except Exception:  # a PDF the verifier cannot read is LibreOffice's, and complete: no findings
                found = ()
            except KeyboardInterrupt:  # the PDF is in place, complete: it counts, unchecked
                self.finals[i] = dataclasses.replace(outcome, outputs=outcome.outputs + (self.jobs[i].pdf,),
                                                     revisit=None)
                raise
        now = time.perf_counter()
        self._final(i, dataclasses.replace(outcome, outputs=outcome.outputs + (self.jobs[i].pdf,), revisit=None,
                                           seconds=outcome.seconds + (now - self.last), findings=found))
        self.last = now

    def _failed(self, i: int, result) -> None:
        job = self.jobs[i]
        message = _without_prefix(result.error or "LibreOffice could not render it",
                                  (str(result.docx), str(self.render_of.get(i)), str(self.docx_of[i] or ""), str(job.pdf)))
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
