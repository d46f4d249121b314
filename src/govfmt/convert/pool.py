"""Worker processes for the DOCX stage, and how a run hears Ctrl-C and SIGTERM.

Inside the pool a signal only sets a flag: a KeyboardInterrupt raised inside the pool's own locks could
hang it. Files already in a worker's hands finish (their outputs are written atomically); the rest are
not started. Outside the pool SIGTERM is turned into the same KeyboardInterrupt Ctrl-C raises, so that
every `finally` runs: LibreOffice is ended, temporary folders removed, the report written.
"""

from __future__ import annotations

import dataclasses
import queue
import signal
import sys
import threading
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
MAX_CHUNK = 8  # drafts a worker is handed at once when no PDF waits for them


def _start_worker(settings: Settings, style=None) -> None:
    # Ctrl-C goes to the whole process group; the parent decides what happens, so workers finish
    # the file in hand instead of dying halfway through. SIGTERM to the parent alone stops it the same way.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if style is None:
        from govfmt.style import load_style

        style = load_style(settings.style)
    _WORKER["style"] = style
    _WORKER["settings"] = settings


def _prepare() -> None:
    from govfmt.convert.pipeline import prepare

    prepare(_WORKER["style"])


def _started() -> None:
    """Nothing: handing it in makes a forking pool start its workers."""


def _ready_for_workers(style) -> None:
    """What writing a DOCX takes, imported and built once here for every forked worker to inherit."""
    from govfmt.convert.pipeline import prepare
    from govfmt.layout.word_list import import_jieba

    prepare(style)
    import_jieba()  # the title breaker's modules; each worker opens the word list's file itself


def _work(tasks: Sequence[Task]) -> list[Outcome]:
    """A few tasks at once; the outcomes travel back without their job (the parent has it)."""
    return [dataclasses.replace(convert_one(job, docx_target, _WORKER["style"], _WORKER["settings"], render_target),
                                job=None)
            for job, docx_target, render_target in tasks]


def _context():
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def early_start_helps() -> bool:
    """Whether workers started before the run knows its drafts save time. Spawned ones do: each imports
    and builds what writing takes itself, while the run walks folders and checks stamps. Forked ones do
    not: they inherit it, built once in the parent, and are best forked once there are drafts to convert."""
    return _context().get_start_method() != "fork"


class Workers:
    """Worker processes for the DOCX stage. Forked (Linux), they start at once with what the parent
    imported and built for writing a DOCX, done once before the fork instead of once in every worker;
    spawned, each imports and builds it itself, at once when prepare=True (see early_start_helps)."""

    def __init__(self, count: int, settings: Settings, style=None, *, prepare: bool = False) -> None:
        import gc
        from concurrent.futures import ProcessPoolExecutor

        context = _context()
        forked = context.get_start_method() == "fork"
        self.count = count
        self.pids: list[int] = []
        if not forked:
            self.executor = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_start_worker,
                                                initargs=(settings, None))
            if prepare:
                for _worker in range(count):
                    self.executor.submit(_prepare)
                self.watch()
            return
        if style is not None:
            _ready_for_workers(style)
        # The heap so far is set aside from the workers' garbage collection: a full pass would visit every
        # inherited object, and marking one writes to its page, which the worker then copies for itself.
        frozen_already = gc.get_freeze_count() > 0  # by a program that forks its own way: left as it is
        gc.freeze()
        try:
            self.executor = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_start_worker,
                                                initargs=(settings, style))
            self.executor.submit(_started)  # a forking pool starts all its workers at its first task
        finally:
            if not frozen_already:
                gc.unfreeze()  # here, in the parent, its objects are collected as before
        self.watch()

    def watch(self) -> None:
        """The workers' process ids to the watcher, once they exist: a killed run must not leave them behind."""
        if self.pids or not getattr(self.executor, "_processes", None):
            return
        from govfmt import reaper

        self.pids = list(self.executor._processes)
        for pid in self.pids:
            reaper.watch_pid(pid)

    def close(self) -> None:
        from govfmt import reaper

        self.executor.shutdown(wait=True, cancel_futures=True)
        for pid in self.pids:
            reaper.forget_pid(pid)


def chunks(count: int, workers: int, largest: int) -> list[tuple[int, int]]:
    """(start, stop) ranges over count tasks: up to `largest` at once while many are left, fewer towards
    the end, so that the workers finish together."""
    ranges, start = [], 0
    while start < count:
        size = max(1, min(largest, (count - start) // (workers * 4)))
        ranges.append((start, start + size))
        start += size
    return ranges


@dataclass(frozen=True)
class RunResult:
    """The outcomes of the DOCX stage, and whether an interrupt cut it short."""

    outcomes: tuple[Outcome, ...]  # in task order
    interrupted: bool = False


def run_docx_stage(tasks: Sequence[Task], style, settings: Settings, workers: int, interrupts: Interrupts,
                   on_done: Callable[[Outcome], None] = lambda outcome: None,
                   started: Workers | None = None) -> RunResult:
    """Write the DOCX of every task; several worker processes when workers > 1 (those `started` already,
    when given: their owner closes them)."""
    results: dict[int, Outcome] = {}
    interrupted = False
    try:
        if len(tasks) > 1 and started is not None:
            interrupted = _run_in_pool(tasks, started, results, on_done, interrupts)
        elif workers <= 1 or len(tasks) <= 1:
            for index, (job, target, render_target) in enumerate(tasks):
                results[index] = convert_one(job, target, style, settings, render_target)
                on_done(results[index])
        else:
            pool = Workers(min(workers, len(tasks)), settings, style)
            try:
                interrupted = _run_in_pool(tasks, pool, results, on_done, interrupts)
            finally:
                pool.close()
    except KeyboardInterrupt:
        interrupted = True
    outcomes = tuple(results.get(i) or Outcome(job, NOT_STARTED) for i, (job, _t, _k) in enumerate(tasks))
    return RunResult(outcomes, interrupted)


def _run_in_pool(tasks, pool: Workers, results, on_done, interrupts: Interrupts) -> bool:
    handlers = {}
    for number in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if number is not None and signal.getsignal(number) != signal.SIG_IGN:
            handlers[number] = signal.signal(number, lambda signum, frame: interrupts.note(signum))
    # A DOCX LibreOffice waits for goes back as soon as it is written; without PDFs, several at once.
    largest = 1 if any(render is not None for _j, _t, render in tasks) else MAX_CHUNK
    futures: dict = {}  # future → (start, stop)
    finished: queue.SimpleQueue = queue.SimpleQueue()  # each future once, as it completes
    try:
        for start, stop in chunks(len(tasks), min(pool.count, len(tasks)), largest):
            future = pool.executor.submit(_work, tasks[start:stop])
            futures[future] = (start, stop)
            future.add_done_callback(finished.put)
        left = len(futures)
        cancelled = False
        while left:
            pool.watch()
            if interrupts.event.is_set() and not cancelled:
                cancelled = True
                for future in futures:
                    future.cancel()
            try:
                future = finished.get(timeout=0.2)
            except queue.Empty:
                continue
            left -= 1
            if future.cancelled():
                continue
            start, stop = futures[future]
            for index, outcome in zip(range(start, stop), _results_of(future, tasks[start:stop])):
                results[index] = outcome
                on_done(outcome)
        return interrupts.event.is_set()
    finally:
        for future in futures:  # an interrupt: what no worker has started is not started
            future.cancel()
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _results_of(future, tasks) -> list[Outcome]:
    try:
        return [dataclasses.replace(outcome, job=job) for outcome, (job, _t, _r) in zip(future.result(), tasks)]
    except Exception as exc:  # the worker process died (killed, out of memory)
        return [_died(job, exc) for job, _t, _r in tasks]


def _died(job: Job, exc: Exception) -> Outcome:
    error = GovfmtError(_("the worker converting it stopped unexpectedly ({name}); convert it on its own with "
                           "-j 1").format(name=type(exc).__name__), path=job.name)
    return failure(job, error)
