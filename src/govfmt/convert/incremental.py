"""Whether an output is up to date: newer than its input and style file, made with the same settings."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from govfmt.convert.jobs import Job


def settings_stamp(settings) -> str:
    """What the outputs were made with besides the input and the style file: version, style, --set."""
    from govfmt import __version__

    parts = (__version__, settings.style, settings.encoding, tuple(settings.fields))
    if settings.keep_web:
        parts += ("keep-web",)
    if settings.fix:
        parts += ("fix",)
    return "govfmt:" + hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


_IDENTIFIER = re.compile(r"<dc:identifier>([^<]*)</dc:identifier>")


def docx_stamp(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    match = _IDENTIFIER.search(core)
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
    return stamp is None or job.docx is None or docx_stamp(job.docx) == stamp
