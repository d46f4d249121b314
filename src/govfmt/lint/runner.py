"""`govfmt check` for a set of files: read, lint, fix or diff, and one Report that owns the exit code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from govfmt.errors import GovfmtError, InputError
from govfmt.ingest import decode, read_draft_bytes
from govfmt.lint.config import ConfigResolver, Settings
from govfmt.lint.diagnostic import WARNING, Diagnostic
from govfmt.lint.linter import lint_source
from govfmt.model import Source
from govfmt.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

PARENT_POLL_S = 0.2


@dataclass(frozen=True)
class CheckOptions:
    """How `govfmt check` treats each file: fix or diff, exit-code policy, encoding, limits."""

    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    strict: bool = False  # warnings also give exit code 1
    exit_zero: bool = False
    exit_non_zero_on_fix: bool = False
    encoding: str | None = None
    time_limit: float = 20.0  # seconds per file; a draft that takes longer is stopped and named
    jobs: int = 0  # worker processes; 0 = decide from the number of files and CPUs


@dataclass
class Report:
    """Everything one run found; `return_code` is the only place the exit code is decided."""

    options: CheckOptions
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one sentence per file that could not be checked
    notes: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # path -> lines, for the text snippets
    files: int = 0
    fixed: int = 0
    changed_files: int = 0
    applied: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, name) of applied fixes
    fixed_text: str | None = None  # stdin with --fix: the text to write to stdout

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == WARNING)

    @property
    def fixable(self) -> int:
        return sum(1 for d in self.diagnostics if d.fix is not None and d.fix.safe)

    @property
    def return_code(self) -> int:
        """0 clean, 1 problems (errors; warnings too with --strict), 2 a file could not be checked."""
        if self.failures:
            return 2
        if self.options.exit_zero:
            return 0
        if self.options.diff:
            return 1 if self.changed_files else 0
        if self.options.exit_non_zero_on_fix and self.fixed:
            return 1
        if self.errors or (self.options.strict and self.warnings):
            return 1
        return 0


def read_input(path: str, name: str, encoding: str | None) -> tuple[Source, bytes | None]:
    """The draft as a Source, and its raw bytes when it can be fixed in place (text drafts only)."""
    from govfmt.read import is_text_draft, read_source

    if not is_text_draft(path):
        return read_source(path, encoding, name), None
    data = read_draft_bytes(path, name)
    return decode(data, name, encoding), data


# Below this many files one process is faster than starting workers.
PARALLEL_THRESHOLD = 64


def check_files(entries: list[tuple[str, str]], resolver: ConfigResolver, options: CheckOptions) -> Report:
    report = Report(options)
    jobs = options.jobs or (min(os.cpu_count() or 1, 8) if len(entries) >= PARALLEL_THRESHOLD else 1)
    if jobs > 1 and len(entries) > 1:
        outcomes = _in_workers(entries, resolver, options, jobs)
    else:
        outcomes = (_check_entry(entry, resolver, options) for entry in entries)
    docx_fix_noted = False
    for outcome in outcomes:
        outcome.merge_into(report)
        if (options.fix or options.diff) and outcome.docx and not docx_fix_noted:
            report.notes.append("fixes are not applied to .docx files; fix the text in Word")
            docx_fix_noted = True
    return report


def _in_workers(entries, resolver, options, jobs):
    """Check in worker processes (forked, so the rules are imported once), in input order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        context = None
    if context is None:
        return [_check_entry(entry, resolver, options) for entry in entries]
    from govfmt.lint.linter import prepare

    import gc

    prepare()  # the rules imported and their patterns compiled once, before the fork, not in every worker
    # chunks of a few files: a worker asks for the next when it is done, so the last ones end close together
    chunk = max(1, min(CHUNK_FILES, len(entries) // (jobs * 8)))
    # the resolver and the options reach the forked workers once (not pickled with every chunk), and each
    # worker keeps the resolver's configuration lookups for all its files
    # The heap so far is set aside from the workers' garbage collection (as for the convert pool): a full
    # pass would visit every inherited object, and marking one writes to its page, which the worker copies.
    frozen_already = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                                 initargs=(os.getpid(), resolver, options)) as pool:
            return list(pool.map(_check_entry_in_worker, entries, chunksize=chunk))
    finally:
        if not frozen_already:
            gc.unfreeze()


CHUNK_FILES = 32
_worker_job: tuple[ConfigResolver, CheckOptions] | None = None  # what every file of this worker is checked with


def _start_worker(parent: int, resolver: ConfigResolver, options: CheckOptions) -> None:
    global _worker_job
    _worker_job = (resolver, options)
    _leave_with_parent(parent)


def _leave_with_parent(parent: int) -> None:
    """A worker ends when the check that started it is gone (SIGTERM or SIGKILL reach only the parent;
    the workers would otherwise wait on their queue forever)."""
    import threading

    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="govfmt-parent-watch", daemon=True).start()


def _check_entry_in_worker(entry: tuple[str, str]) -> FileOutcome:
    """_check_entry, with only the lines the diagnostics show sent back (the rest as empty strings)."""
    outcome = _check_entry(entry, *_worker_job)
    if outcome.lines is not None:
        shown = {d.line for d in outcome.diagnostics}
        outcome.lines = [text if number in shown else "" for number, text in enumerate(outcome.lines, 1)]
    return outcome


@dataclass
class FileOutcome:
    """What checking one file gave, small enough to send back from a worker process."""

    name: str
    checked: bool = False
    docx: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: list[str] | None = None
    failures: list[str] = field(default_factory=list)
    diff: str | None = None
    fixed: int = 0
    applied: list[tuple[str, str, str]] = field(default_factory=list)

    def merge_into(self, report: Report) -> None:
        report.failures.extend(self.failures)
        if not self.checked:
            return
        report.files += 1
        report.diagnostics.extend(self.diagnostics)
        if self.lines is not None:
            report.lines[self.name] = self.lines
        if self.diff is not None:
            report.diffs.append(self.diff)
            report.changed_files += 1
        elif self.fixed:
            report.changed_files += 1
        report.fixed += self.fixed
        report.applied.extend(self.applied)


def _check_entry(entry: tuple[str, str], resolver: ConfigResolver, options: CheckOptions) -> FileOutcome:
    path, name = entry
    outcome = FileOutcome(name)
    try:
        settings = resolver.for_path(path)
        source, data = read_input(path, name, options.encoding)
    except GovfmtError as exc:
        outcome.failures.append(str(exc))
        return outcome
    outcome.checked = True
    outcome.docx = data is None
    try:
        with time_budget(options.time_limit):
            _check_one(path, name, source, data, settings, options, outcome)
    except BudgetExceeded:
        outcome.diagnostics = []
        outcome.failures.append(f"{name}: checking took longer than {options.time_limit:g} s and was stopped; "
                                "nothing was written (raise --time-limit, or split the very long lines)")
    return outcome


class BudgetExceeded(Exception):
    """The per-file time limit ran out."""


class time_budget:
    """Stop the work inside after `seconds` (SIGALRM; the regular-expression engine checks for signals).
    Without SIGALRM (Windows, or outside the main thread) the work simply runs to its end."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.previous = None

    def __enter__(self):
        import signal
        import threading

        if self.seconds <= 0 or not hasattr(signal, "setitimer") or \
                threading.current_thread() is not threading.main_thread():
            return self

        def expire(_signum, _frame):
            raise BudgetExceeded()

        self.previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc_info):
        import signal

        if self.previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False


def _check_one(path: str | None, name: str, source: Source, data: bytes | None, settings: Settings,
               options: CheckOptions, outcome: FileOutcome) -> None:
    def lint(text: str) -> list[Diagnostic]:
        checked = source if text == source.text else replace(source, text=text)
        return list(lint_source(checked, settings, name).diagnostics)

    text = source.text
    if data is not None and (options.fix or options.diff):
        try:
            text = _fix_one(path, name, source, data, lint, options, outcome)
        except GovfmtError as exc:
            outcome.failures.append(f"{name}: {exc.message}")
    if options.diff:
        return
    outcome.diagnostics = lint(text)
    outcome.lines = text.split("\n")


def _fix_one(path: str | None, name: str, source: Source, data: bytes, lint, options: CheckOptions,
             outcome: FileOutcome) -> str:
    """Fix (or diff) one file; return the text that is on disk afterwards (stdin: the fixed text)."""
    from govfmt.lint.fixer import encode_like, fix_text  # only --fix and --diff need it

    result = fix_text(source.text, lint, unsafe=options.unsafe_fixes)
    if result.text == source.text:
        return source.text
    if options.diff:
        outcome.diff = unified_diff(name, source.text, result.text)
        return source.text
    if path is not None:
        write_atomically(path, encode_like(data, source.encoding, source.bom, source.text, result.text))
    outcome.fixed += result.applied
    outcome.applied.extend((name, code, rule_name) for code, rule_name in result.codes)
    return result.text


def check_stdin(name: str, data: bytes, settings: Settings, options: CheckOptions) -> Report:
    """Check text read from stdin; with --fix the fixed text is kept for stdout, with --diff the diff."""
    report = Report(options)
    try:
        source = decode(data, name, options.encoding)
    except GovfmtError as exc:
        report.failures.append(str(exc))
        return report
    outcome = FileOutcome(name, checked=True)
    try:
        with time_budget(options.time_limit):
            _check_one(None, name, source, data, settings, options, outcome)
    except BudgetExceeded:
        outcome.diagnostics = []
        outcome.failures.append(f"{name}: checking took longer than {options.time_limit:g} s and was stopped")
    outcome.merge_into(report)
    if options.fix:
        report.fixed_text = "\n".join(outcome.lines) if outcome.lines is not None else source.text
        if source.newline != "\n":
            report.fixed_text = report.fixed_text.replace("\n", source.newline)
    return report


def unified_diff(name: str, old: str, new: str) -> str:
    import difflib

    lines = difflib.unified_diff(old.split("\n"), new.split("\n"), f"a/{name}", f"b/{name}", lineterm="")
    return "\n".join(lines) + "\n"


def write_atomically(path: str | Path, data: bytes) -> None:
    """Replace the file's contents in one step: a temporary file beside it, then os.replace."""
    import tempfile
    from pathlib import Path

    target = Path(path).resolve()
    # the mode bits too: os.access grants root every file, but a draft without write bits is read-only
    if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
        raise InputError(_("is read-only; it was not fixed (make it writable, or use --diff)"), path=str(path))
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".govfmt")
    except OSError as exc:
        raise InputError(_("cannot be fixed in place: its folder is not writable ({value})")
                          .format(value=exc.strerror or exc),
                         path=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):  # a full disk, a quota: the draft is as it was
            raise InputError(_("cannot be fixed in place ({value})").format(value=exc.strerror or exc),
                             path=str(path)) from None
        raise
