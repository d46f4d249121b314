"""DOCX → PDF through one headless LibreOffice session, with the fonts mapped for that process only.

Every run gets a private, throw-away LibreOffice profile (so a LibreOffice the user has open is neither
blocked nor touched) and a generated fontconfig file (see fonts.py). LibreOffice writes into a temporary
folder; each finished PDF is then moved into place with a rename, so a target is either the complete new
PDF or untouched — also after a timeout or Ctrl-C, which end the whole LibreOffice process group.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from govfmt.errors import RenderError
from govfmt.pdf.fonts import FontPlan, font_plan, write_fontconfig, write_replacement_table
from govfmt.pdf.soffice import find_soffice

# Time allowed when the caller gives none: LibreOffice's start plus a generous share per document.
STARTUP_SECONDS = 60.0
SECONDS_PER_DOCUMENT = 10.0
# Windows caps a command line at 32 767 characters; longer batches are split into several sessions.
MAX_COMMAND_CHARS = 30_000


@dataclass(frozen=True)
class RenderResult:
    docx: Path
    pdf: Path
    ok: bool
    error: str | None = None  # one sentence naming the file when ok is False


@dataclass(frozen=True)
class _Staged:
    job: tuple[Path, Path]
    name: str  # the unique file name LibreOffice sees, so two inputs called a.docx do not collide


def default_timeout(count: int) -> float:
    return STARTUP_SECONDS + SECONDS_PER_DOCUMENT * count


def render_pdfs(jobs: Sequence[tuple[Path, Path]], *, soffice: str | None = None, timeout: float | None = None,
                style=None, plan: FontPlan | None = None) -> list[RenderResult]:
    """Render each (docx, pdf) job; all of them go through one LibreOffice session.

    Raises RenderError when LibreOffice cannot be found; every other problem is reported per job.
    """
    jobs = [(Path(d), Path(p)) for d, p in jobs]
    if not jobs:
        return []
    program = find_soffice(soffice)
    if plan is None:
        from govfmt.style import load_style
        plan = font_plan(style or load_style())
    limit = default_timeout(len(jobs)) if timeout is None else timeout
    results: dict[int, RenderResult] = {}
    with tempfile.TemporaryDirectory(prefix="govfmt-render-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        staged = []
        for index, (docx, pdf) in enumerate(jobs):
            problem = _stage(docx, work / "in" / f"{index:05d}.docx")
            if problem:
                results[index] = RenderResult(docx, pdf, False, problem)
            else:
                staged.append((index, _Staged((docx, pdf), f"{index:05d}")))
        if staged:
            env = {**os.environ, "FONTCONFIG_FILE": str(write_fontconfig(plan, work))}
            seeded = _seed_profile(program, work / "profile")
            write_replacement_table(plan, work / "profile")  # Windows and macOS: no fontconfig
            outcome = _run_sessions(program, work, [s.name for _, s in staged], env, limit)
            for index, item in staged:
                results[index] = _deliver(item, work / "out" / f"{item.name}.pdf", outcome)
            if not seeded and not outcome.timed_out and all(results[i].ok for i, _ in staged):
                _keep_profile(program, work / "profile")
            elif seeded and not any(results[i].ok for i, _ in staged):
                shutil.rmtree(_profile_cache(program), ignore_errors=True)  # start fresh next time
    return [results[i] for i in range(len(jobs))]


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
        shutil.copyfile(docx, staged)
    except OSError as exc:
        return f"{docx}: cannot be read ({exc.strerror or exc})"
    return None


@dataclass(frozen=True)
class _Outcome:
    timed_out: bool
    limit: float


def soffice_command(program: str, work: Path, names: Sequence[str]) -> list[str]:
    profile = (work / "profile").resolve().as_uri()
    return [program, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo",
            "--nodefault", "--norestore", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", "out", *(f"in/{n}.docx" for n in names)]


def _batches(program: str, work: Path, names: list[str]) -> list[list[str]]:
    batches: list[list[str]] = [[]]
    base = len(" ".join(soffice_command(program, work, [])))
    length = base
    for name in names:
        extra = len(name) + 10
        if batches[-1] and length + extra > MAX_COMMAND_CHARS:
            batches.append([])
            length = base
        batches[-1].append(name)
        length += extra
    return batches


def _run_sessions(program: str, work: Path, names: list[str], env: dict, limit: float) -> _Outcome:
    deadline = time.monotonic() + limit
    for batch in _batches(program, work, names):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or _run_one(soffice_command(program, work, batch), work, env, remaining):
            return _Outcome(True, limit)
    return _Outcome(False, limit)


def _run_one(command: list[str], cwd: Path, env: dict, timeout: float) -> bool:
    """Run LibreOffice in its own process group; on timeout or Ctrl-C end the whole group. True: timed out."""
    popen_group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform.startswith("win")
                   else {"start_new_session": True})
    try:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, **popen_group)
    except OSError as exc:
        raise RenderError(f"LibreOffice ({command[0]}) could not be started: {exc.strerror or exc}") from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end_group(process)
        return True
    except BaseException:
        _end_group(process)
        raise
    _end_group(process)  # helpers LibreOffice may have left behind (e.g. javaldx)
    return False


def _end_group(process: subprocess.Popen) -> None:
    if sys.platform.startswith("win"):
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _deliver(item: _Staged, produced: Path, outcome: _Outcome) -> RenderResult:
    docx, target = item.job
    if outcome.timed_out:
        return RenderResult(docx, target, False, f"{docx}: LibreOffice did not finish within {outcome.limit:g} s "
                                                 "and was stopped; no PDF was written")
    if not _complete_pdf(produced):
        return RenderResult(docx, target, False, f"{docx}: LibreOffice could not load or convert this file; "
                                                 "is it a valid Word document?")
    try:
        place_atomically(produced, target)
    except OSError as exc:
        return RenderResult(docx, target, False, f"{target}: cannot be written ({exc.strerror or exc})")
    return RenderResult(docx, target, True)


def _complete_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            handle.seek(max(0, path.stat().st_size - 1024))
            tail = handle.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def place_atomically(produced: Path, target: Path) -> None:
    """Move a finished file to target by a rename inside target's folder (never a half-written target)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        shutil.copyfile(produced, temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
