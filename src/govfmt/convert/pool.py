"""Worker processes for the DOCX stage, and how a run hears Ctrl-C and SIGTERM.

Inside the pool a signal only sets a flag: a KeyboardInterrupt raised inside the pool's own locks could
hang it. Files already in a worker's hands finish (their outputs are written atomically); the rest are
not started. Outside the pool SIGTERM is turned into the same KeyboardInterrupt Ctrl-C raises, so that
every `finally` runs: LibreOffice is ended, temporary folders removed, the report written.
"""

from __future__ import annotations

import queue
import signal
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from govfmt.convert.jobs import Job
from govfmt.convert.outcome import NOT_STARTED, Outcome, failure
from govfmt.convert.pipeline import Settings, convert_one
from govfmt.errors import GovfmtError
from govfmt.i18n import _

Task = tuple[Job, Path, "Path | None"]  # the job, where its DOCX goes, where the DOCX LibreOffice renders goes


class Interrupts:
    """Which stopping signal arrived last (SIGINT or SIGTERM), for the exit code."""

    def __init__(self) -> None:
        self.signal_number: int | None = None
        self.event = threading.Event()

    def note(self, signum: int) -> None:
        self.signal_number = signum
        self.event.set()


@contextmanager
def stopping_signals(interrupts: Interrupts) -> Iterator[None]:
    """SIGTERM (and SIGINT, unless it is ignored, as in a background job) raise KeyboardInterrupt."""
    def raise_interrupt(signum, frame):
        interrupts.note(signum)
        raise KeyboardInterrupt

    previous = {}
    for number in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if number is None or signal.getsignal(number) == signal.SIG_IGN:
            continue
        previous[number] = signal.signal(number, raise_interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


_WORKER: dict = {}


def _start_worker(settings: Settings) -> None:
    # Ctrl-C goes to the whole process group; the parent decides what happens, so workers finish
    # the file in hand instead of dying halfway through. SIGTERM to the parent alone stops it the same way.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from govfmt.style import load_style

    _WORKER["style"] = load_style(settings.style)
    _WORKER["settings"] = settings


def _work(job: Job, docx_target: Path, render_target: Path | None) -> Outcome:
    return convert_one(job, docx_target, _WORKER["style"], _WORKER["settings"], render_target)


@dataclass(frozen=True)
class RunResult:
    outcomes: tuple[Outcome, ...]  # in task order
    interrupted: bool = False


def run_docx_stage(tasks: Sequence[Task], style, settings: Settings, workers: int, interrupts: Interrupts,
                   on_done: Callable[[Outcome], None] = lambda outcome: None) -> RunResult:
    """Write the DOCX of every task; several worker processes when workers > 1."""
    results: dict[int, Outcome] = {}
    interrupted = False
    try:
        if workers <= 1 or len(tasks) <= 1:
            for index, (job, target, render_target) in enumerate(tasks):
                results[index] = convert_one(job, target, style, settings, render_target)
                on_done(results[index])
        else:
            interrupted = _run_in_pool(tasks, settings, workers, results, on_done, interrupts)
    except KeyboardInterrupt:
        interrupted = True
    outcomes = tuple(results.get(i) or Outcome(job, NOT_STARTED) for i, (job, _t, _k) in enumerate(tasks))
    return RunResult(outcomes, interrupted)


def _run_in_pool(tasks, settings, workers, results, on_done, interrupts: Interrupts) -> bool:
    import multiprocessing

    from govfmt import reaper

    handlers = {}
    for number in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if number is not None and signal.getsignal(number) != signal.SIG_IGN:
            handlers[number] = signal.signal(number, lambda signum, frame: interrupts.note(signum))
    # fork shares the modules the parent has already imported (and the title word list, see
    # govfmt.layout.title.preload), so workers start in milliseconds and do not each load it again.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    if context.get_start_method() == "fork":
        from govfmt.layout.title import preload

        preload()  # after LibreOffice was started (it starts meanwhile), before the workers fork
    executor = ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context,
                                   initializer=_start_worker, initargs=(settings,))
    futures: dict[Future, int] = {}
    finished: queue.SimpleQueue[Future] = queue.SimpleQueue()  # each future once, as it completes
    watched: list[int] = []
    try:
        for index, task in enumerate(tasks):
            future = executor.submit(_work, *task)
            futures[future] = index
            future.add_done_callback(finished.put)
        left = len(futures)
        cancelled = False
        while left:
            if not watched and getattr(executor, "_processes", None):
                watched = list(executor._processes)
                for pid in watched:  # a killed run must not leave its workers behind
                    reaper.watch_pid(pid)
            if interrupts.event.is_set() and not cancelled:
                cancelled = True
                for future in futures:
                    future.cancel()
            try:
                future = finished.get(timeout=0.2)
            except queue.Empty:
                continue
            left -= 1
            if not future.cancelled():
                results[futures[future]] = _result_of(future, tasks[futures[future]][0])
                on_done(results[futures[future]])
        return interrupts.event.is_set()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        for pid in watched:
            reaper.forget_pid(pid)
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _result_of(future: Future, job: Job) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        error = GovfmtError(_("the worker converting it stopped unexpectedly ({name}); convert it on its own with "
                               "-j 1").format(name=type(exc).__name__), path=job.name)
        return failure(job, error)
