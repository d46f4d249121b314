"""Whether a LibreOffice program really works: found, answers with its version, and converts a document."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from govfmt.errors import GovfmtError
from govfmt.i18n import _

PROBE_TIMEOUT_S = 120


@dataclass(frozen=True)
class Probe:
    program: str | None  # None: not found
    version: str | None = None
    works: bool = False
    problem: str | None = None  # why it is missing or does not work, one clause

    def sentence(self) -> str:
        if self.program is None:
            return _("LibreOffice: not found ({problem}); PDF output is not possible until it is installed "
                     "(DOCX output works without it)").format(problem=self.problem)
        if not self.works:
            return _("LibreOffice: {program} was found but does not work: {problem}; reinstall it, or name a "
                     "working one with --soffice or GOVFMT_SOFFICE").format(program=self.program, problem=self.problem)
        return _("LibreOffice: {program} ({version}) runs and converts documents to PDF").format(
            program=self.program, version=self.version or _("version unknown"))


def probe_soffice(explicit: str | None = None) -> Probe:
    from govfmt.pdf.soffice import find_soffice

    try:
        program = find_soffice(explicit)
    except GovfmtError as exc:
        return Probe(None, problem=exc.message)
    with tempfile.TemporaryDirectory(prefix="govfmt-probe-") as tmp:
        work = Path(tmp)
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        done = _run([program, profile, "--version"], work)
        if isinstance(done, str):
            return Probe(program, problem=done)
        version = next((line.strip() for line in done.stdout.splitlines() if "LibreOffice" in line), None)
        if done.returncode != 0 or version is None:
            return Probe(program, problem=_describe_failure(done, _("it did not tell its version")))
        (work / "probe.txt").write_text("公文 probe\n", encoding="utf-8")
        done = _run([program, profile, "--headless", "--invisible", "--nologo", "--norestore", "--convert-to", "pdf",
                     "--outdir", str(work / "out"), str(work / "probe.txt")], work)
        if isinstance(done, str):
            return Probe(program, version, problem=done)
        pdf = work / "out" / "probe.pdf"
        if not (pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")):
            return Probe(program, version, problem=_describe_failure(done, _("a test document gave no PDF")))
    return Probe(program, version, works=True)


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess | str:
    group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform.startswith("win")
             else {"start_new_session": True})
    try:
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, errors="replace", **group)
    except OSError as exc:
        return _("it cannot be started ({reason})").format(reason=exc.strerror or exc)
    try:
        stdout, stderr = process.communicate(timeout=PROBE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _end(process)
        return _("it did not answer within {seconds} s").format(seconds=PROBE_TIMEOUT_S)
    _end(process)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _end(process: subprocess.Popen) -> None:
    if sys.platform.startswith("win"):
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError):
        pass


def _describe_failure(done: subprocess.CompletedProcess, what: str) -> str:
    said = next((line.strip() for line in (done.stderr or "").splitlines() if line.strip()), "")
    detail = _("exit code {code}").format(code=done.returncode)
    if said:
        detail += f", “{said[:120]}”"
    return f"{what} ({detail})"
