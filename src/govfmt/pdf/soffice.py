"""Finding the LibreOffice program (`soffice`) on Linux, macOS and Windows."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from govfmt.errors import RenderError
from govfmt.i18n import _

ENV_VAR = "GOVFMT_SOFFICE"
MISSING_SENTENCE = "LibreOffice is not installed; install libreoffice-writer-nogui, or use --to docx"

_NAMES = ("soffice", "libreoffice")
_LINUX_PLACES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/usr/local/bin/soffice",
    "/opt/libreoffice/program/soffice",
    "/snap/bin/libreoffice",
    "/var/lib/flatpak/exports/bin/org.libreoffice.LibreOffice",
)
_MAC_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "~/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_WINDOWS_SUFFIX = Path("LibreOffice") / "program" / "soffice.exe"


def usual_places(platform: str = sys.platform, environ: os._Environ | dict = os.environ) -> list[Path]:
    """Where installers put soffice on this platform, most common first."""
    if platform == "darwin":
        return [Path(p).expanduser() for p in _MAC_PLACES]
    if platform.startswith("win"):
        roots = [environ.get(k) for k in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA")]
        return [Path(r) / _WINDOWS_SUFFIX for r in roots if r]
    return [Path(p) for p in _LINUX_PLACES] + sorted(Path("/opt").glob("libreoffice*/program/soffice"))


def find_soffice(explicit: str | None = None, *, environ: os._Environ | dict = os.environ,
                 platform: str = sys.platform) -> str:
    """The soffice to run: --soffice PATH, then $GOVFMT_SOFFICE, then PATH, then the usual places.

    An explicit path or the environment variable must work as given; only the search is silent.
    """
    for given, origin in ((explicit, "--soffice"), (environ.get(ENV_VAR), ENV_VAR)):
        if given:
            resolved = _runnable(given)
            if resolved is None:
                error = RenderError(_("{origin} names {given}, which is not a runnable LibreOffice program")
                                     .format(origin=origin, given=given))
                error.exit_code = 2  # a bad setting: nothing could run
                raise error
            return resolved
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    for place in usual_places(platform, environ):
        if place.is_file() and os.access(place, os.X_OK):
            return str(place)
    raise RenderError(MISSING_SENTENCE)


def _runnable(given: str) -> str | None:
    path = Path(given).expanduser()
    if path.is_dir():  # an installation folder such as /opt/libreoffice7.6 or …/LibreOffice.app
        for inner in ("program/soffice", "program/soffice.exe", "Contents/MacOS/soffice"):
            if (path / inner).is_file():
                return str(path / inner)
        return None
    if path.is_file() and os.access(path, os.X_OK):
        return str(path)
    return shutil.which(given)

