"""Many drafts at once: find the inputs, plan their outputs, convert them in worker processes.

Planning is pure apart from walking folders and reading modification times; every refusal it makes
(an output over an input, two inputs onto one output) happens before anything is written. Each job
writes its outputs atomically, so a failure or Ctrl-C never leaves a partial file behind.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import signal
import threading
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator, Sequence

from govfmt.errors import GovfmtError, InputError

DEFAULT_SUFFIXES = (".txt", ".md", ".docx", ".odt", ".html")
OUTPUT_SUFFIXES = {"docx": ".docx", "pdf": ".pdf"}

CONVERTED, SKIPPED, FAILED, NOT_STARTED = "converted", "skipped", "failed", "not started"


class PlanError(GovfmtError):
    """The inputs and options cannot make a sensible batch; nothing has been written."""


@dataclass(frozen=True)
class Job:
    source: Path  # the input file
    name: str  # the input as the user sees it (the path given, or folder/relative path)
    docx: Path | None  # requested DOCX output
    pdf: Path | None  # requested PDF output
    walked: bool = False  # found by walking a folder rather than named on the command line

    @property
    def outputs(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.docx, self.pdf) if p is not None)


@dataclass(frozen=True)
class Settings:
    style: str | None = None  # name or path, loaded once in every worker
    encoding: str | None = None
    fields: tuple[tuple[str, str], ...] = ()  # --set KEY=VALUE, merged over the draft's own fields


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str  # converted, skipped, failed or not started
    outputs: tuple[Path, ...] = ()
    error: str | None = None  # one sentence naming the file (and the line, where known)
    line: int | None = None
    message: str | None = None  # the sentence without file and line, for the summary
    exit_code: int = 1
    seconds: float = 0.0
    detail: str | None = None  # traceback of an unexpected failure, shown with --debug


# -- finding inputs ------------------------------------------------------------------------------

def is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # ~$x.docx: Word's lock file


def _matches(relative: PurePosixPath, patterns: Sequence[str]) -> bool:
    text = relative.as_posix()
    return any(relative.match(p) or fnmatch.fnmatchcase(text, p) or fnmatch.fnmatchcase(relative.name, p)
               for p in patterns)


def selected(relative: PurePosixPath, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a file found in a folder walk is a draft to convert."""
    if _matches(relative, exclude):
        return False
    if include:
        return _matches(relative, include)
    return relative.suffix.lower() in DEFAULT_SUFFIXES


def walk(root: Path, include: Sequence[str] = (), exclude: Sequence[str] = (),
         skip: Sequence[Path] = ()) -> list[Path]:
    """Draft files under root in a stable order; hidden entries and the `skip` folders are left out."""
    skipped = {_real(p) for p in skip}
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not is_hidden(d) and _real(here / d) not in skipped
                         and not _matches(PurePosixPath((here / d).relative_to(root).as_posix()), exclude))
        for name in sorted(files):
            path = here / name
            if is_hidden(name) or not path.is_file():
                continue
            if selected(PurePosixPath(path.relative_to(root).as_posix()), include, exclude):
                found.append(path)
    return sorted(found, key=lambda path: path.relative_to(root).parts)


def _real(path: Path) -> str:
    return os.path.realpath(path)


# -- planning outputs ----------------------------------------------------------------------------

def output_is_file(inputs: Sequence[Path], output: Path | None, raw_output: str | None = None) -> bool:
    """With one input file, -o names the output file (unless it is, or looks like, a folder)."""
    if output is None or len(inputs) != 1 or inputs[0].is_dir():
        return False
    if output.is_dir() or (raw_output or "").endswith(("/", os.sep)):
        return False
    return output.suffix != ""


def formats_for(requested: Sequence[str], output: Path | None, output_file: bool) -> tuple[str, ...]:
    """--to, defaulting from the -o suffix, else docx; duplicates dropped, order kept."""
    formats = tuple(dict.fromkeys(requested))
    suffix = output.suffix.lower() if output_file and output is not None else ""
    if not formats:
        if output_file and suffix not in (".docx", ".pdf"):
            raise PlanError(f"cannot tell the output format from {output}; name a .docx or .pdf file, "
                            "or give --to docx or --to pdf")
        return (suffix.lstrip("."),) if output_file else ("docx",)
    if output_file and len(formats) == 1 and suffix != OUTPUT_SUFFIXES[formats[0]]:
        raise PlanError(f"--to {formats[0]} does not match the output file {output}; "
                        f"name it {output.with_suffix(OUTPUT_SUFFIXES[formats[0]]).name}")
    return formats


def plan_jobs(inputs: Sequence[Path], output: Path | None, formats: Sequence[str], *,
              include: Sequence[str] = (), exclude: Sequence[str] = (),
              output_file: bool = False) -> list[Job]:
    """One job per draft; raises PlanError for missing inputs, overwrites of inputs and collisions."""
    candidates: list[tuple[Path, str, Path, bool]] = []  # (file, shown name, output stem path, walked)
    for given in inputs:
        if given.is_dir():
            skip = [output] if output is not None and not output_file else []
            for path in walk(given, include, exclude, skip):
                relative = path.relative_to(given)
                base = (output / relative) if output is not None else path
                candidates.append((path, str(path), base, True))
        elif given.is_file():
            if output_file:
                base = output
            else:
                base = output / given.name if output is not None else given
            candidates.append((given, str(given), base, False))
        elif given.exists():
            raise PlanError(f"{given}: neither a file nor a folder")
        else:
            raise PlanError(f"{given}: no such file or folder")

    def targets(base: Path) -> dict[str, Path]:
        if output_file and base == output:
            return {fmt: (base if base.suffix.lower() == OUTPUT_SUFFIXES[fmt]
                          else base.with_suffix(OUTPUT_SUFFIXES[fmt])) for fmt in formats}
        return {fmt: base.with_suffix(OUTPUT_SUFFIXES[fmt]) for fmt in formats}

    planned = [(path, name, targets(base), walked) for path, name, base, walked in candidates]
    planned = _drop_earlier_outputs(planned)
    _refuse_conflicts(planned)
    seen: set[str] = set()
    jobs = []
    for path, name, outs, walked in planned:
        real = _real(path)
        if real in seen:
            continue  # the same file named twice, or named and also found in a folder
        seen.add(real)
        jobs.append(Job(source=path, name=name, docx=outs.get("docx"), pdf=outs.get("pdf"), walked=walked))
    return jobs


def _drop_earlier_outputs(planned: list) -> list:
    """A walked a.docx beside a draft a.txt (or a.md, …) is that draft's earlier output, not a draft."""
    drafts = {_real(path.with_suffix(".docx")) for path, _n, _o, _w in planned if path.suffix.lower() != ".docx"}
    return [item for item in planned
            if not (item[3] and item[0].suffix.lower() == ".docx" and _real(item[0]) in drafts)]


def _refuse_conflicts(planned: list) -> None:
    inputs = {_real(path): name for path, name, _outs, _walked in planned}
    writers: dict[str, list[str]] = defaultdict(list)
    shown: dict[str, Path] = {}
    for path, name, outs, _walked in planned:
        for target in outs.values():
            real = _real(target)
            shown[real] = target
            if real in inputs:
                raise PlanError(f"{name}: converting it would overwrite the input {inputs[real]}; "
                                "write the output elsewhere with -o")
            if name not in writers[real]:
                writers[real].append(name)
    for real, names in writers.items():
        if len(names) > 1:
            raise PlanError(f"{names[0]} and {names[1]} would both be written to {shown[real]}; "
                            "rename one of them or convert them separately")


# -- incremental ---------------------------------------------------------------------------------

def settings_stamp(settings: Settings) -> str:
    """What the outputs were made with besides the input and the style file: version, style, --set."""
    import hashlib

    from govfmt import __version__

    key = repr((__version__, settings.style, settings.encoding, tuple(settings.fields)))
    return "govfmt:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _docx_stamp(path: Path) -> str | None:
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    match = re.search(r"<dc:identifier>([^<]*)</dc:identifier>", core)
    return match.group(1) if match else None


def is_up_to_date(job: Job, style_file: Path | None, stamp: str | None = None) -> bool:
    """Every output exists and is newer than both the input and the style file, and a DOCX output was
    made with the same settings (another --style or --set makes it out of date)."""
    try:
        newest_source = job.source.stat().st_mtime_ns
        if style_file is not None:
            newest_source = max(newest_source, style_file.stat().st_mtime_ns)
        if not all(out.stat().st_mtime_ns > newest_source for out in job.outputs):
            return False
    except OSError:
        return False
    return stamp is None or job.docx is None or _docx_stamp(job.docx) == stamp


# -- one job -------------------------------------------------------------------------------------

@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """A hidden temporary path beside target; renamed onto target only when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".part{target.suffix}",
                                         dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    if not hasattr(_umask, "value"):
        current = os.umask(0o022)
        os.umask(current)
        _umask.value = current
    return _umask.value


def with_fields(document, overrides: Sequence[tuple[str, str]]):
    """The document with --set values replacing (or added to) its front-matter fields."""
    if not overrides:
        return document
    given = dict(overrides)
    merged = [(k, given.pop(k) if k in given else v) for k, v in document.fields]
    merged.extend(given.items())
    return dataclasses.replace(document, fields=tuple(merged), overrides=tuple(k for k, _ in overrides))


def convert_one(job: Job, docx_target: Path, style, settings: Settings,
                colophon_placement: str = "same-page") -> Outcome:
    """Parse one draft and write its DOCX to docx_target; every failure becomes an Outcome."""
    from govfmt.docx import write_docx
    from govfmt.layout.plan import choose_style
    from govfmt.reader import read_document

    started = time.perf_counter()
    try:
        document = with_fields(read_document(job.source, settings.encoding, display_name=job.name),
                               settings.fields)
        style = choose_style(document, settings.style, style)
        with atomic_output(docx_target) as temporary:
            write_docx(document, style, temporary, colophon_placement, stamp=settings_stamp(settings))
    except GovfmtError as exc:
        return failure(job, exc, time.perf_counter() - started)
    except OSError as exc:  # the output folder or disk, not the draft
        target = job.docx or docx_target
        return failure(job, GovfmtError(f"{target} cannot be written ({exc.strerror or type(exc).__name__}); "
                                        "check the output folder", path=job.name), time.perf_counter() - started)
    except (MemoryError, RecursionError) as exc:
        return failure(job, InputError(f"is too large or too deeply nested to lay out ({type(exc).__name__})",
                                       path=job.name), time.perf_counter() - started)
    except Exception as exc:  # a bug must not stop the other files of the batch
        error = GovfmtError(f"internal error while converting it ({type(exc).__name__}: {exc}); "
                            "run with --debug for details", path=job.name)
        return dataclasses.replace(failure(job, error, time.perf_counter() - started),
                                   detail=traceback.format_exc())
    return Outcome(job, CONVERTED, outputs=tuple(p for p in (job.docx,) if p is not None),
                   seconds=time.perf_counter() - started)


def failure(job: Job, exc: GovfmtError, seconds: float = 0.0) -> Outcome:
    return Outcome(job, FAILED, error=str(exc), line=exc.line, message=exc.message,
                   exit_code=exc.exit_code, seconds=seconds)


# -- running many --------------------------------------------------------------------------------

_WORKER: dict = {}


def _start_worker(settings: Settings) -> None:
    # Ctrl-C goes to the whole process group; the parent decides what happens, so workers finish
    # the file in hand (its output is written atomically) instead of dying halfway through.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from govfmt.style import load_style

    _WORKER["style"] = load_style(settings.style)
    _WORKER["settings"] = settings


def _work(job: Job, docx_target: Path) -> Outcome:
    return convert_one(job, docx_target, _WORKER["style"], _WORKER["settings"])


@dataclass(frozen=True)
class RunResult:
    outcomes: tuple[Outcome, ...]  # in job order
    interrupted: bool = False


def run_docx_stage(tasks: Sequence[tuple[Job, Path]], style, settings: Settings, workers: int,
                   on_done: Callable[[Outcome], None] = lambda outcome: None) -> RunResult:
    """Write the DOCX of every (job, target); several worker processes when workers > 1."""
    results: dict[int, Outcome] = {}
    interrupted = False
    try:
        if workers <= 1 or len(tasks) <= 1:
            for index, (job, target) in enumerate(tasks):
                results[index] = convert_one(job, target, style, settings)
                on_done(results[index])
        else:
            interrupted = _run_in_pool(tasks, settings, workers, results, on_done)
    except KeyboardInterrupt:
        interrupted = True
    outcomes = tuple(results.get(i) or Outcome(job, NOT_STARTED) for i, (job, _t) in enumerate(tasks))
    return RunResult(outcomes, interrupted)


def _run_in_pool(tasks, settings, workers, results, on_done) -> bool:
    import multiprocessing

    # Ctrl-C only sets a flag, in this process and (inherited through fork) in the workers until their
    # initializer ignores it: a KeyboardInterrupt raised inside the pool's own locks could hang it.
    interrupted = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda signum, frame: interrupted.set())
    # fork shares the modules the parent has already imported, so workers start in milliseconds.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    executor = ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context,
                                   initializer=_start_worker, initargs=(settings,))
    futures: dict[Future, int] = {}
    try:
        for index, (job, target) in enumerate(tasks):
            futures[executor.submit(_work, job, target)] = index
        pending = set(futures)
        while pending:
            if interrupted.is_set():
                # Files already in a worker's hands finish (atomically); the rest are not started.
                for future in pending:
                    future.cancel()
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                if not future.cancelled():
                    results[futures[future]] = _result_of(future, tasks[futures[future]][0])
                    on_done(results[futures[future]])
            pending = {future for future in pending if not future.cancelled()}
        return interrupted.is_set()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        signal.signal(signal.SIGINT, previous)


def _result_of(future: Future, job: Job) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        error = GovfmtError(f"the worker converting it stopped unexpectedly ({type(exc).__name__}); "
                            "convert it on its own with -j 1", path=job.name)
        return failure(job, error)


# -- the whole batch -----------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchResult:
    outcomes: tuple[Outcome, ...]  # in job order
    interrupted: bool = False
    font_notice: str | None = None

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == FAILED)


def run_batch(jobs: Sequence[Job], style, settings: Settings, *, workers: int = 1, force: bool = False,
              soffice: str | None = None, on_done: Callable[[Outcome], None] = lambda outcome: None,
              on_pdf_start: Callable[[int], None] = lambda count: None) -> BatchResult:
    """Skip what is up to date, write every DOCX, then render all PDFs in one LibreOffice session."""
    style_file = Path(style.origin) if getattr(style, "origin", None) else None
    skipped: dict[int, Outcome] = {}
    todo: list[int] = []
    for index, job in enumerate(jobs):
        if not force and is_up_to_date(job, style_file, settings_stamp(settings)):
            skipped[index] = Outcome(job, SKIPPED, outputs=job.outputs)
            on_done(skipped[index])
        else:
            todo.append(index)
    wants_pdf = any(jobs[i].pdf is not None for i in todo)
    scratch = Path(tempfile.mkdtemp(prefix="govfmt-docx-")) if wants_pdf else None
    try:
        tasks = [(jobs[i], jobs[i].docx or scratch / f"{i:06d}.docx") for i in todo]
        pdf_jobs = [i for i in todo if jobs[i].pdf is not None]
        # With PDF to come, a file is reported once, after its PDF is rendered.
        run = run_docx_stage(tasks, style, settings, workers,
                             on_done=(lambda outcome: None) if pdf_jobs else on_done)
        done = dict(zip(todo, run.outcomes))
        notice = None
        if pdf_jobs and not run.interrupted:
            notice, rendered = _render_stage(pdf_jobs, jobs, dict(zip(todo, (t for _, t in tasks))), done,
                                             style, soffice, on_pdf_start, settings)
            done.update(rendered)
            for i in pdf_jobs:
                on_done(done[i])
        outcomes = tuple(skipped.get(i) or done[i] for i in range(len(jobs)))
        return BatchResult(outcomes, run.interrupted, notice)
    finally:
        if scratch is not None:
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)


def _render_stage(pdf_jobs, jobs, docx_of, done, style, soffice, on_pdf_start, settings):
    from govfmt.errors import RenderError
    from govfmt.pdf.fonts import font_plan
    from govfmt.pdf.render import render_pdfs

    ready = [i for i in pdf_jobs if done[i].status == CONVERTED]
    if not ready:
        return None, {}
    plan = font_plan(style)
    on_pdf_start(len(ready))
    started = time.perf_counter()
    try:
        results = render_pdfs([(docx_of[i], jobs[i].pdf) for i in ready], soffice=soffice, style=style,
                              plan=plan)
    except RenderError as exc:
        return plan.notice(), {i: dataclasses.replace(failure(jobs[i], exc), outputs=done[i].outputs)
                               for i in ready}
    results = _even_page_colophons(ready, results, jobs, docx_of, style, soffice, plan, settings)
    share = (time.perf_counter() - started) / len(ready)
    rendered = {}
    for i, result in zip(ready, results):
        outcome = done[i]
        if result.ok:
            rendered[i] = dataclasses.replace(outcome, outputs=outcome.outputs + (jobs[i].pdf,),
                                              seconds=outcome.seconds + share)
        else:
            message = _without_prefix(result.error or "LibreOffice could not render it",
                                      (str(docx_of[i]), str(jobs[i].pdf)))
            rendered[i] = Outcome(jobs[i], FAILED, outputs=outcome.outputs, error=f"{jobs[i].name}: {message}",
                                  message=message, exit_code=1, seconds=outcome.seconds + share)
    return plan.notice(), rendered


def _even_page_colophons(ready, results, jobs, docx_of, style, soffice, plan, settings):
    """Second pass for documents whose 版记 landed on an odd page (GB/T 9704 §7.4, §7.5): lay them out
    again with the 版记 moved, and render those few once more in one LibreOffice session."""
    from govfmt.layout.parity import colophon_placement
    from govfmt.pdf.render import render_pdfs

    again = {}
    for i, result in zip(ready, results):
        if not result.ok:
            continue
        try:
            placement = colophon_placement(jobs[i].pdf, style)
        except Exception:  # an unreadable first rendering keeps its first layout
            continue
        if placement != "same-page":
            again[i] = placement
    if not again:
        return results
    redone = []
    for i, placement in again.items():
        outcome = convert_one(jobs[i], docx_of[i], style, settings, placement)
        if outcome.status == CONVERTED:
            redone.append(i)
    if not redone:
        return results
    second = render_pdfs([(docx_of[i], jobs[i].pdf) for i in redone], soffice=soffice, style=style, plan=plan)
    by_index = dict(zip(ready, results))
    by_index.update(zip(redone, second))
    return [by_index[i] for i in ready]


def _without_prefix(sentence: str, paths: Sequence[str]) -> str:
    """The renderer names the (possibly temporary) DOCX; the user knows the file by its input name."""
    for path in paths:
        if sentence.startswith(f"{path}: "):
            return sentence[len(path) + 2:]
    return sentence


# -- report --------------------------------------------------------------------------------------

def report_record(outcome: Outcome) -> dict:
    return {
        "input": outcome.job.name,
        "status": outcome.status,
        "outputs": [str(p) for p in outcome.outputs],
        "error": outcome.error,
        "seconds": round(outcome.seconds, 4),
    }


def report_json(result: BatchResult) -> str:
    import json

    from govfmt import __version__

    payload = {
        "govfmt": __version__,
        "interrupted": result.interrupted,
        "summary": {"files": len(result.outcomes), **{s.replace(" ", "_"): result.count(s)
                                                       for s in (CONVERTED, SKIPPED, FAILED, NOT_STARTED)}},
        "files": [report_record(o) for o in result.outcomes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_report(path: Path, result: BatchResult) -> None:
    with atomic_output(path) as temporary:
        temporary.write_text(report_json(result), encoding="utf-8")
