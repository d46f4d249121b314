"""Word 97–2003 (.doc), WPS (.wps) and RTF drafts: LibreOffice turns them into .docx, which is then read
like any Word draft (numbering, text boxes and notes included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from govfmt.errors import GovfmtError, InputError
from govfmt.i18n import _

CONVERT_TIMEOUT_S = 120
_MAGIC = {".doc": b"\xd0\xcf\x11\xe0", ".wps": b"\xd0\xcf\x11\xe0", ".rtf": b"{\\rtf"}


def office_to_docx(data: bytes, name: str, suffix: str) -> bytes:
    """The .docx LibreOffice makes of a .doc/.wps/.rtf draft's bytes."""
    magic = _MAGIC.get(suffix)
    if magic and not data.lstrip()[: len(magic)] == magic and not (suffix == ".wps" and data[:4] == b"PK\x03\x04"):
        raise InputError(_("is not a {suffix} file (its first bytes are not those of one); check the file's "
                           "type").format(suffix=suffix), path=name, line=1)
    from govfmt.pdf.soffice import find_soffice

    try:
        program = find_soffice()
    except GovfmtError:
        raise InputError(_("reading {suffix} drafts needs LibreOffice, which is not installed; install it, "
                           "or save the draft as .docx in Word or WPS").format(suffix=suffix), path=name) from None
    with tempfile.TemporaryDirectory(prefix="govfmt-office-") as tmp:
        work = Path(tmp)
        (work / f"draft{suffix}").write_bytes(data)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
                   "--nologo", "--nodefault", "--norestore", "--nolockcheck",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(work / f"draft{suffix}")]
        if not _run(command, work):
            raise InputError(_("LibreOffice did not finish converting it to .docx within {seconds} s")
                             .format(seconds=CONVERT_TIMEOUT_S), path=name)
        produced = work / "out" / "draft.docx"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise InputError(_("LibreOffice could not read it as a {suffix} document; open it in Word or WPS and "
                               "save it again as .docx").format(suffix=suffix), path=name)
        return produced.read_bytes()


def _run(command: list[str], cwd: Path) -> bool:
    """Run LibreOffice in its own process group, ended as a whole afterwards. False: it timed out."""
    group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform.startswith("win")
             else {"start_new_session": True})
    try:
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, **group)
    except OSError as exc:
        raise InputError(_("LibreOffice ({program}) could not be started: {reason}")
                         .format(program=command[0], reason=exc.strerror or exc)) from None
    try:
        process.wait(timeout=CONVERT_TIMEOUT_S)
        return True
    except subprocess.TimeoutExpired:
        return False
    finally:
        if sys.platform.startswith("win"):
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
        else:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        process.wait()
