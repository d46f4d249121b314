"""DOCX → PDF through headless LibreOffice sessions, with the fonts mapped for those processes only.

Every session gets a private, throw-away LibreOffice profile (so a LibreOffice the user has open is
neither blocked nor touched) and a generated fontconfig file (see fonts.py). With `sessions` > 1 the
documents are shared out between that many LibreOffice processes, each with its own profile.

Sessions can be opened before their documents exist (PdfSessions), so LibreOffice starts while the
DOCX files are still being written, and once its profile is initialised a session keeps one LibreOffice
running: later launches (documents fed one by one, second layouts) are handed to it through its
single-instance pipe and cost no start-up.

LibreOffice converts the files named on its command line one after the other and writes each PDF into
its output folder as it goes; that folder is watched, and each PDF is moved into place (atomically,
see govfmt.fsutil) and reported the moment it is complete. Each document has its own time limit, which
grows with its size. A session that dies (LibreOffice crashed or was killed) is started again for the
documents it had not done; a document is blamed only when LibreOffice finished without converting it,
stopped twice while on it, or ran over its time. On Ctrl-C or any other exit the LibreOffice process
groups are ended; PDFs already delivered stay.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from govfmt import fsutil, reaper
from govfmt.errors import RenderError
from govfmt.pdf.fonts import FontPlan, font_plan, write_fontconfig, write_replacement_table
from govfmt.pdf.soffice import find_soffice
from govfmt.i18n import _

# Time allowed per document when the caller gives none: LibreOffice's start (for the first document of
# a session), a base share per document and a share per megabyte of its document.xml.
STARTUP_SECONDS = 60.0
SECONDS_PER_DOCUMENT = 10.0
SECONDS_PER_MEGABYTE = 60.0
# Windows caps a command line at 32 767 characters; longer batches are split into several launches.
MAX_COMMAND_CHARS = 30_000
POLL_SECONDS = 0.05
# A document LibreOffice stopped on this many times is taken to be what stops it.
DEATHS_TO_BLAME = 2
# After a resident LibreOffice is started again, a moment for it to open its pipe before a launch.
RESIDENT_SETTLE_SECONDS = 0.5
# The first launch waits this long at most for a starting resident LibreOffice to open its pipe.
PIPE_WAIT_SECONDS = 5.0
# A launch still running this long after its last PDF, with documents waiting, is ended.
LINGER_SECONDS = 5.0


@dataclass(frozen=True)
class RenderResult:
    docx: Path
    pdf: Path
    ok: bool
    error: str | None = None  # one sentence naming the file when ok is False


def document_allowance(docx: Path, per_document: float | None = None) -> float:
    """Seconds one document may take, LibreOffice's start not included."""
    if per_document is not None:
        return per_document
    try:
        with zipfile.ZipFile(docx) as archive:
            size = archive.getinfo("word/document.xml").file_size
    except (OSError, KeyError, zipfile.BadZipFile):
        size = 0
        try:
            size = docx.stat().st_size * 8
        except OSError:
            pass
    return SECONDS_PER_DOCUMENT + SECONDS_PER_MEGABYTE * size / 1e6


def render_pdfs(jobs: Sequence[tuple[Path, Path]], *, soffice: str | None = None, timeout: float | None = None,
                style=None, plan: FontPlan | None = None, sessions: int = 1,
                on_result: Callable[[int, RenderResult], Sequence | None] | None = None) -> list[RenderResult]:
    """Render each (docx, pdf) job and return one result per job, in job order.

    timeout is the time one document may take (default: from its size); on_result(index, result) is
    called as each one is done, and may return follow-up jobs (docx, pdf, notify): these are rendered
    too, and notify(result) is called for each (and may return more). Raises RenderError when
    LibreOffice cannot be found or started; every other problem is reported per job. An exception
    (Ctrl-C) ends LibreOffice and propagates; the PDFs already reported are in place.
    """
    jobs = [(Path(d), Path(p)) for d, p in jobs]
    if not jobs:
        return []
    with PdfSessions(min(sessions, len(jobs)), soffice=soffice, timeout=timeout, style=style, plan=plan) as opened:
        return opened.render(jobs, on_result)


class PdfSessions:
    """LibreOffice sessions opened before their documents are ready, so that LibreOffice starts while
    the DOCX files are still being written, and kept running between launches.

    A session whose profile is already initialised (seeded, see _seed_profile) starts a resident
    LibreOffice that holds an empty document open (without one, LibreOffice quits after a conversion).
    Each launch is then the same `soffice --convert-to` command line as a cold one, with the same
    profile: LibreOffice's single-instance pipe hands the list to the resident process, so a launch
    costs no start-up; when that process is gone the launch converts its list itself, as it always did.
    """

    def __init__(self, sessions: int = 1, *, soffice: str | None = None, timeout: float | None = None,
                 style=None, plan: FontPlan | None = None, resident: bool = True):
        self.count, self.soffice, self.timeout = max(1, sessions), soffice, timeout
        self.style, self.plan, self.keep_running = style, plan, resident
        self.renderer: _Renderer | None = None
        self.work: Path | None = None

    def open(self) -> "PdfSessions":
        program = find_soffice(self.soffice)
        if self.plan is None:
            from govfmt.style import load_style
            self.plan = font_plan(self.style or load_style())
        self.work = Path(tempfile.mkdtemp(prefix="govfmt-render-"))
        reaper.watch_folder(self.work)
        try:
            (self.work / "in").mkdir()
            (self.work / "tmp").mkdir()  # LibreOffice's own temporary files go where they are removed with the rest
            env = {**os.environ, "FONTCONFIG_FILE": str(write_fontconfig(self.plan, self.work)),
                   "TMPDIR": str(self.work / "tmp")}
            self.renderer = _Renderer(program, self.work, self.timeout, self.count, self.plan, env, self.keep_running)
        except BaseException:
            self.close()
            raise
        return self

    def render(self, jobs: Sequence[tuple[Path, Path]],
               on_result: Callable[[int, RenderResult], Sequence | None] | None = None) -> list[RenderResult]:
        """Render each (docx, pdf) job on the open sessions; see render_pdfs."""
        jobs = [(Path(d), Path(p)) for d, p in jobs]
        results: dict[int, RenderResult] = {}

        def first(index: int):
            def notify(result: RenderResult):
                results[index] = result
                return on_result(index, result) if on_result is not None else None
            return notify

        self.renderer.add([(docx, pdf, first(index)) for index, (docx, pdf) in enumerate(jobs)])
        self.renderer.drive()
        return [results[i] for i in range(len(jobs))]

    @property
    def resident(self) -> bool:
        """Whether LibreOffice is kept running between launches (a second launch costs no start-up)."""
        return self.renderer is not None and any(run.resident for run in self.renderer.slots)

    def feed(self, jobs: Sequence[tuple[Path, Path, Notify]], *, early: bool = False) -> None:
        """Documents ready now, (docx, pdf, notify): they start at once; notify(result) is called from a
        later feed or from drive, and may return follow-up jobs. early: rendered before the documents
        waiting that are not (those whose rendering may call for another one, which then comes sooner
        and does not hold up the end of the run)."""
        self.renderer.add(jobs, early=early)
        self.renderer.step()

    def drive(self) -> None:
        """Until every document fed (and every follow-up) is done."""
        self.renderer.drive()

    def close(self) -> None:
        renderer, work = self.renderer, self.work
        self.renderer = self.work = None
        try:
            if renderer is not None:
                renderer.finish()
        finally:
            if work is not None:
                reaper.remove_folder(work)

    def __enter__(self) -> "PdfSessions":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()


Notify = Callable[[RenderResult], "Sequence[tuple[Path, Path, Notify]] | None"]


@dataclass
class _Doc:
    name: str  # the unique file name LibreOffice sees, so two inputs called a.docx do not collide
    docx: Path
    pdf: Path
    allowance: float
    notify: Notify
    deaths: int = 0
    early: bool = False  # goes before the waiting documents that are not early


class _Renderer:
    """The sessions of one run. A result's notify may hand back follow-up jobs (a second layout to
    render): with resident sessions they join the queue of the least loaded one, which takes them
    without a start-up; otherwise they get a session of their own at once, which starts while the
    others are still busy.

    LibreOffice is driven from a thread of its own (launches, finished PDFs moved into place), so that
    it is handed its next documents the moment it is done with the last ones, whatever the caller is
    doing meanwhile (writing DOCX files, measuring PDFs). Results are handed to their notify in the
    caller's thread, from feed and drive."""

    def __init__(self, program: str, work: Path, timeout: float | None, sessions: int, fonts: FontPlan,
                 env: dict, resident: bool = True):
        self.program, self.work, self.timeout, self.sessions = program, work, timeout, max(1, sessions)
        self.fonts, self.env = fonts, env
        self.count = 0
        self.delivered = False
        self.follow_ups: list = []  # jobs handed back by a notify, added on the caller's side
        self.slots = [_Session(program, work, number, env, self._startup()) for number in range(self.sessions)]
        self.seeded = False
        for slot in self.slots:
            self.seeded |= slot.seed()
            write_replacement_table(fonts, slot.profile)  # Windows and macOS: no fontconfig
        if self.seeded and resident:  # a first run keeps its fresh profile, which needs a LibreOffice that ends
            for slot in self.slots:
                slot.open_resident()
        self.runs: list[_Session] = list(self.slots)
        # Shared with the driving thread: the sessions' queues and the results not yet handed over.
        self.lock = threading.Condition()
        self.arrived: list[tuple[_Doc, RenderResult]] = []
        self.failure: BaseException | None = None
        self.stopping = False
        self.halt = threading.Event()  # wakes the driving thread between two looks when it is to stop
        self.thread: threading.Thread | None = None

    def _startup(self) -> float:
        return STARTUP_SECONDS if self.timeout is None else 0.0  # a given limit covers LibreOffice's start

    def add(self, jobs, follow_up: bool = False, early: bool = False) -> None:
        staged: list[_Doc] = []
        for docx, pdf, notify in jobs:
            name = f"{self.count:05d}"
            self.count += 1
            problem = _stage(Path(docx), self.work / "in" / f"{name}.docx")
            if problem:
                self.follow_ups.extend(notify(RenderResult(Path(docx), Path(pdf), False, problem)) or ())
            else:
                staged.append(_Doc(name, Path(docx), Path(pdf), document_allowance(Path(docx), self.timeout), notify,
                                   early=early or follow_up))
        if not staged:
            return
        with self.lock:
            self._queue(staged, follow_up)
        self._start_driving()

    def _queue(self, staged: list[_Doc], follow_up: bool) -> None:
        if not follow_up or any(run.resident for run in self.slots):
            idle = [run for run in self.slots if not run.queue]
            targets = idle if not follow_up and len(idle) == len(self.slots) else \
                [min(self.slots, key=lambda run: (not run.resident, run.load))]
            for run, share in zip(targets, _share_out(staged, min(len(targets), len(staged)))):
                run.queue.extend(share)
                launched = len(run.launched) + len(run.waiting)  # the head of the queue, launched already
                run.queue[launched:] = sorted(run.queue[launched:], key=lambda doc: not doc.early)
            return
        run = _Session(self.program, self.work, len(self.runs), self.env, self._startup())  # a cold session of its own
        self.seeded |= run.seed()
        write_replacement_table(self.fonts, run.profile)
        run.queue.extend(staged)
        self.runs.append(run)

    def report(self, doc: _Doc, result: RenderResult) -> None:
        """From the driving thread, lock held: the result waits for the caller's thread."""
        self.delivered |= result.ok
        self.arrived.append((doc, result))
        self.lock.notify_all()

    def _start_driving(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._drive_sessions, name="govfmt-libreoffice", daemon=True)
            self.thread.start()

    def _drive_sessions(self) -> None:
        """The driving thread: one look at every session each poll; deliver, relaunch; never blocks long."""
        while True:
            with self.lock:
                if self.stopping:
                    return
                try:
                    for run in list(self.runs):
                        if run.busy:
                            _step(run, self.report)
                except BaseException as exc:  # LibreOffice cannot be started: the caller's thread raises it
                    self.failure = exc
                    self.lock.notify_all()
                    return
            self.halt.wait(POLL_SECONDS)

    def _hand_over(self, wait: bool) -> bool:
        """Results that arrived, given to their notify in this (the caller's) thread; with wait, waits
        for one first. False when nothing is left to wait for."""
        with self.lock:
            while wait and not self.arrived and self.failure is None and not self.follow_ups and \
                    any(run.busy for run in self.runs):
                self.lock.wait(POLL_SECONDS * 4)
            arrived, self.arrived = self.arrived, []
            failure = self.failure
            pending = any(run.busy for run in self.runs)
        if failure is not None:
            self.end()
            raise failure
        for doc, result in arrived:
            self.follow_ups.extend(doc.notify(result) or ())
        if self.follow_ups:
            jobs, self.follow_ups = self.follow_ups, []
            self.add(jobs, follow_up=True)
            return True
        return bool(arrived) or pending

    def step(self) -> None:
        """Hand over what has arrived; never waits."""
        try:
            self._hand_over(wait=False)
        except BaseException:
            self.end()
            raise

    def drive(self) -> None:
        try:
            while self._hand_over(wait=True):
                pass
        except BaseException:
            self.end()
            raise

    def finish(self) -> None:
        """End every LibreOffice; a first run keeps its fresh profile to seed later runs."""
        delivered = self.delivered
        try:
            self._stop_driving()
            delivered = self.delivered
            if not self.seeded:  # a profile about to be kept must be the one LibreOffice saves on its way out
                first = self.slots[0]
                if first.process is not None:
                    try:
                        first.process.wait(timeout=15)
                    except subprocess.TimeoutExpired:
                        pass
        finally:
            self.end()
        if not self.seeded and delivered and not any(run.timed_out for run in self.runs) \
                and self.slots[0].process is not None:
            _keep_profile(self.program, self.slots[0].profile)
        elif self.seeded and not delivered and any(run.launches for run in self.runs):
            shutil.rmtree(_profile_cache(self.program), ignore_errors=True)  # start fresh next time

    def _stop_driving(self) -> None:
        with self.lock:
            self.stopping = True
        self.halt.set()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join()

    def end(self) -> None:
        """The driving thread stopped, then every LibreOffice ended."""
        try:
            self._stop_driving()
        finally:
            for run in self.runs:
                run.end()


def _share_out(docs: list[_Doc], count: int) -> list[list[_Doc]]:
    """Documents split into count shares of about equal work (by allowance), each in input order."""
    shares: list[list[_Doc]] = [[] for _ in range(count)]
    loads = [0.0] * count
    order = {id(doc): position for position, doc in enumerate(docs)}
    for doc in sorted(docs, key=lambda d: -d.allowance):
        lightest = loads.index(min(loads))
        shares[lightest].append(doc)
        loads[lightest] += doc.allowance
    return [sorted(share, key=lambda d: order[id(d)]) for share in shares if share]


@dataclass
class _Session:
    program: str
    work: Path
    number: int
    env: dict
    startup: float
    queue: list[_Doc] = field(default_factory=list)  # documents not done yet, those launched first
    launched: list[_Doc] = field(default_factory=list)
    process: subprocess.Popen | None = None  # the launch being converted
    # The next launch, started while the resident LibreOffice converts the last document of the one
    # before: its single-instance pipe takes one launch at a time, so this one waits its turn and
    # LibreOffice goes on to it without a launcher's start-up in between.
    waiting: list[_Doc] = field(default_factory=list)
    waiting_process: subprocess.Popen | None = None
    queued_launches: int = 0  # launches started while another was being converted
    processes: list = field(default_factory=list)  # every process started, ended together at the end
    server: subprocess.Popen | None = None  # the resident LibreOffice, when there is one
    resident: bool = False
    served: bool = False  # a launch has been handed to the resident LibreOffice and it stayed up
    deadline: float = 0.0
    timed_out: bool = False
    launches: int = 0
    opened: float = 0.0  # when the resident LibreOffice was started
    lingering: float = 0.0  # since when the latest launch runs with nothing left to convert

    @property
    def profile(self) -> Path:
        return self.work / f"profile-{self.number}"

    @property
    def out(self) -> Path:
        return self.work / f"out-{self.number}"

    @property
    def load(self) -> float:
        return sum(doc.allowance for doc in self.queue)

    def seed(self) -> bool:
        return _seed_profile(self.program, self.profile)

    def open_resident(self) -> None:
        holder = self.work / f"holder-{self.number}.txt"
        holder.touch()
        profile = self.profile.resolve().as_uri()
        self.server = _start([self.program, f"-env:UserInstallation={profile}", "--headless", "--invisible",
                              "--nologo", "--norestore", "--nolockcheck", str(holder.resolve())], self.work, self.env)
        self.processes.append(self.server)
        self.resident = True
        self.opened = time.monotonic()

    def starting(self) -> bool:
        """The resident LibreOffice is up but has no pipe yet: a launch now would start a second one."""
        pipe = _pipe_of(self.profile)
        return pipe is not None and self.server_alive() and not pipe.exists() and \
            time.monotonic() < self.opened + PIPE_WAIT_SECONDS

    def server_alive(self) -> bool:
        return self.server is not None and self.server.poll() is None

    def launch(self) -> None:
        if self.resident and not self.server_alive():
            if self.server is not None:
                _end_group(self.server)
            if self.served:  # it crashed or was stopped: a new one for the documents still to come
                self.open_resident()
                _wait_for_pipe(self.profile, RESIDENT_SETTLE_SECONDS)
            else:  # it cannot stay up here: every launch converts its own list
                self.resident, self.server = False, None
        self.drop_waiting()
        self.launched = _fitting(self.program, self.work, self.number, self.queue)
        self.process = self._start_launch(self.launched)
        self.deadline = time.monotonic() + self.startup + self.launched[0].allowance

    def _start_launch(self, docs: list[_Doc]) -> subprocess.Popen:
        command = soffice_command(self.program, self.work, [d.name for d in docs], session=self.number)
        process = _start(command, self.work, self.env)
        self.processes.append(process)
        self.launches += 1
        return process

    def may_queue_launch(self) -> bool:
        """Whether the next launch can be started now: the resident LibreOffice takes the launches (its
        pipe is open, or it has handed documents back) and is on the last document of this one, with
        more to come."""
        if self.waiting or len(self.launched) != 1 or len(self.queue) <= 1 or not self.server_alive():
            return False
        pipe = _pipe_of(self.profile)
        return self.served or pipe is not None and pipe.exists()

    def queue_launch(self) -> None:
        self.waiting = _fitting(self.program, self.work, self.number, self.queue[len(self.launched):])
        self.waiting_process = self._start_launch(self.waiting)
        self.queued_launches += 1

    def take_waiting(self) -> bool:
        """The waiting launch becomes the one converted; False when there is none to take (the
        resident LibreOffice is gone, and a launch waiting for it with it)."""
        if not self.waiting or not self.server_alive():
            self.drop_waiting()
            return False
        self.launched, self.process = self.waiting, self.waiting_process
        self.waiting, self.waiting_process = [], None
        self.deadline = time.monotonic() + self.startup + self.launched[0].allowance
        return True

    def drop_waiting(self) -> None:
        if self.waiting_process is not None:
            _end_group(self.waiting_process)
        self.waiting, self.waiting_process = [], None

    def stop_all(self) -> None:
        """End the launch and the resident LibreOffice working for it (overdue, or a crash)."""
        self.drop_waiting()
        for process in (self.process, self.server):
            if process is not None:
                _end_group(process)

    def end(self) -> None:
        for process in self.processes:
            _end_group(process)
        pipe = _pipe_of(self.profile)
        if pipe is not None:
            pipe.unlink(missing_ok=True)  # a LibreOffice ended from outside leaves its socket behind

    @property
    def busy(self) -> bool:
        return bool(self.queue)


def _step(run: _Session, report) -> None:
    """Deliver what arrived; handle a finished, dead or overdue LibreOffice; launch again when needed."""
    if run.process is None:
        if not run.starting():
            run.launch()
        return
    ended = run.process.poll() is not None
    before = len(run.queue)
    _collect(run, report)
    if run.resident and (len(run.queue) < before or ended and run.process.returncode == 0) and run.server_alive():
        run.served = True  # documents came back while the resident LibreOffice was up: it did them
    if not run.launched:
        # A launch handed to the resident LibreOffice may linger a moment after its last PDF; the next
        # one can go at once. A LibreOffice converting on its own must be gone before the next starts.
        if not run.queue:
            return
        if run.take_waiting():
            run.lingering = 0.0
            return
        if not ended and not run.server_alive():
            # On its own, it must be gone before the next launch; one that still runs long after its
            # last PDF holds the resident's empty document (it started first): ended, its work is done.
            run.lingering = run.lingering or time.monotonic()
            if time.monotonic() - run.lingering < LINGER_SECONDS:
                return
            ended = True
        run.lingering = 0.0
        if ended:
            _end_group(run.process)
        run.launch()
        return
    if ended:
        _collect(run, report)  # anything written between the first look and the exit
        _end_group(run.process)
        if run.launched and run.process.returncode == 0:
            # LibreOffice went through its list and skipped these: it could not load them.
            for doc in list(run.launched):
                _finish(run, doc, report, RenderResult(doc.docx, doc.pdf, False, f"{doc.docx}: LibreOffice could "
                                                       "not load or convert this file; is it a valid Word document?"))
            if run.take_waiting():
                return
        elif run.launched:
            suspect = run.launched[0]
            suspect.deaths += 1
            if suspect.deaths >= DEATHS_TO_BLAME:
                _finish(run, suspect, report, RenderResult(suspect.docx, suspect.pdf, False, f"{suspect.docx}: "
                                                           "LibreOffice stopped while converting this file, twice; "
                                                           "no PDF was written"))
        if run.queue:
            run.launch()
        return
    if time.monotonic() > run.deadline:
        run.stop_all()
        run.timed_out = True
        overdue = run.launched[0]
        _finish(run, overdue, report, RenderResult(overdue.docx, overdue.pdf, False, f"{overdue.docx}: LibreOffice did "
                                                   f"not finish within {overdue.allowance:g} s and was stopped; no PDF "
                                                   "was written (allow more with --render-timeout)"))
        if run.queue:
            run.launch()
        return
    if run.may_queue_launch():
        run.queue_launch()


def _pipe_of(profile: Path) -> Path | None:
    """The socket LibreOffice opens for the profile's single instance (POSIX: in /tmp, named after the
    MD5 of the profile's URL in UTF-16, in hexadecimal without leading zeros); None on Windows."""
    if sys.platform.startswith("win") or not hasattr(os, "getuid"):
        return None
    import hashlib

    digest = hashlib.md5(profile.resolve().as_uri().encode("utf-16-le")).digest()
    return Path("/tmp") / f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(format(b, 'x') for b in digest)}"


def _wait_for_pipe(profile: Path, seconds: float) -> None:
    pipe, until = _pipe_of(profile), time.monotonic() + seconds
    while pipe is not None and not pipe.exists() and time.monotonic() < until:
        time.sleep(POLL_SECONDS)


def _collect(run: _Session, report) -> None:
    while run.launched:
        doc = run.launched[0]
        produced = run.out / f"{doc.name}.pdf"
        if not _complete_pdf(produced):
            # LibreOffice works in command-line order; a later PDF means this one was given up on.
            later = [d for d in run.launched[1:] if (run.out / f"{d.name}.pdf").exists()]
            if not later:
                return
            _finish(run, doc, report, RenderResult(doc.docx, doc.pdf, False, f"{doc.docx}: LibreOffice could not "
                                                   "load or convert this file; is it a valid Word document?"))
            continue
        _finish(run, doc, report, _deliver(doc, produced))


def _finish(run: _Session, doc: _Doc, report, result: RenderResult) -> None:
    if doc in run.launched:
        run.launched.remove(doc)
    if doc in run.queue:
        run.queue.remove(doc)
    if run.launched:
        run.deadline = time.monotonic() + run.launched[0].allowance
    report(doc, result)


def _deliver(doc: _Doc, produced: Path) -> RenderResult:
    try:
        fsutil.place(produced, doc.pdf)
    except (OSError, fsutil.OutputError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return RenderResult(doc.docx, doc.pdf, False, f"{doc.pdf}: cannot be written ({reason})")
    finally:
        produced.unlink(missing_ok=True)
    return RenderResult(doc.docx, doc.pdf, True)


def _profile_cache(program: str) -> Path:
    """Where a first run's fresh profile is kept to seed later runs (one per LibreOffice program)."""
    import hashlib

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govfmt" / "lo-profile"
    return base / hashlib.sha256(str(Path(program).resolve()).encode()).hexdigest()[:12]


def _seed_profile(program: str, profile: Path) -> bool:
    """Start the throw-away profile as a copy of one LibreOffice already initialised: a fresh profile
    costs about a second of set-up on every run. The copy is still private to this run."""
    template = _profile_cache(program)
    if not (template / "user").is_dir():
        return False
    try:
        shutil.copytree(template, profile)
    except OSError:
        shutil.rmtree(profile, ignore_errors=True)
        return False
    return True


def _keep_profile(program: str, profile: Path) -> None:
    template = _profile_cache(program)
    if template.exists() or not profile.is_dir():
        return
    staging = template.with_name(template.name + f".{os.getpid()}.tmp")
    try:
        shutil.copytree(profile, staging, ignore=shutil.ignore_patterns(".lock", "*.lock", "lock"))
        staging.replace(template)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def _stage(docx: Path, staged: Path) -> str | None:
    if not docx.is_file():
        return f"{docx}: no such file"
    try:
        with docx.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return f"{docx}: not a DOCX file (a DOCX is a ZIP package)"
        try:
            os.link(docx, staged)  # no copy when the scratch folder shares the file system
        except OSError:
            shutil.copyfile(docx, staged)
    except OSError as exc:
        return f"{docx}: cannot be read ({exc.strerror or exc})"
    return None


def soffice_command(program: str, work: Path, names: Sequence[str], session: int | None = None) -> list[str]:
    profile = (work / ("profile" if session is None else f"profile-{session}")).resolve().as_uri()
    out = "out" if session is None else f"out-{session}"
    return [program, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo",
            "--nodefault", "--norestore", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", out, *(f"in/{n}.docx" for n in names)]


def _fitting(program: str, work: Path, session: int, queue: list[_Doc]) -> list[_Doc]:
    """The longest head of the queue whose command line stays under the platform's limit."""
    length = len(" ".join(soffice_command(program, work, [], session)))
    taken = []
    for doc in queue:
        length += len(doc.name) + 10
        if taken and length > MAX_COMMAND_CHARS:
            break
        taken.append(doc)
    return taken


def _start(command: list[str], cwd: Path, env: dict) -> subprocess.Popen:
    """LibreOffice in a process group of its own, so that it can be ended whole."""
    popen_group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform.startswith("win")
                   else {"start_new_session": True})
    try:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, **popen_group)
    except OSError as exc:
        raise RenderError(_("LibreOffice ({command}) could not be started: {value}")
                           .format(command=command[0], value=exc.strerror or exc)) from None
    reaper.watch_group(process.pid)
    return process


def _end_group(process: subprocess.Popen) -> None:
    if getattr(process, "govfmt_ended", False):
        return  # once only: an emptied group's number may be given to another process later
    process.govfmt_ended = True
    if sys.platform.startswith("win"):
        if process.poll() is None:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # also helpers LibreOffice may have left (javaldx)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    reaper.forget_group(process.pid)


def _complete_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            size = os.fstat(handle.fileno()).st_size
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail

