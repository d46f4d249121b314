"""`govfmt check` for a set of files: read, lint, fix or diff, and one Report that owns the exit code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from govfmt.errors import GovfmtError, InputError
from govfmt.ingest import decode, read_draft_bytes
from govfmt.lint.config import ConfigResolver, Settings
from govfmt.lint.diagnostic import WARNING, Diagnostic
from govfmt.lint.fixer import encode_like, fix_text
from govfmt.lint.linter import lint_source
from govfmt.model import Source


@dataclass(frozen=True)
class CheckOptions:
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    strict: bool = False  # warnings also give exit code 1
    exit_zero: bool = False
    exit_non_zero_on_fix: bool = False
    encoding: str | None = None


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


def read_input(path: Path, name: str, encoding: str | None) -> tuple[Source, bytes | None]:
    """The draft as a Source, and its raw bytes when it can be fixed in place (text drafts only)."""
    from govfmt.read import is_text_draft, read_source

    if not is_text_draft(path):
        return read_source(path, encoding, name), None
    data = read_draft_bytes(path, name)
    return decode(data, name, encoding), data


def check_files(entries: list[tuple[Path, str]], resolver: ConfigResolver, options: CheckOptions) -> Report:
    report = Report(options)
    docx_fix_noted = False
    for path, name in entries:
        try:
            settings = resolver.for_path(path)
            source, data = read_input(path, name, options.encoding)
        except GovfmtError as exc:
            report.failures.append(str(exc))
            continue
        report.files += 1
        if (options.fix or options.diff) and data is None and not docx_fix_noted:
            report.notes.append("fixes are not applied to .docx files; fix the text in Word")
            docx_fix_noted = True
        _check_one(path, name, source, data, settings, options, report)
    return report


def _check_one(path: Path, name: str, source: Source, data: bytes | None, settings: Settings,
               options: CheckOptions, report: Report) -> None:
    def lint(text: str) -> list[Diagnostic]:
        return list(lint_source(replace(source, text=text), settings, name).diagnostics)

    text = source.text
    if data is not None and (options.fix or options.diff):
        try:
            text = _fix_one(path, name, source, data, lint, options, report)
        except GovfmtError as exc:
            report.failures.append(f"{name}: {exc.message}")
    if options.diff:
        return
    report.diagnostics.extend(lint(text))
    report.lines[name] = text.split("\n")


def _fix_one(path: Path, name: str, source: Source, data: bytes, lint, options: CheckOptions,
             report: Report) -> str:
    """Fix (or diff) one file; return the text that is on disk afterwards."""
    outcome = fix_text(source.text, lint, unsafe=options.unsafe_fixes)
    if outcome.text == source.text:
        return source.text
    report.changed_files += 1
    if options.diff:
        report.diffs.append(unified_diff(name, source.text, outcome.text))
        return source.text
    write_atomically(path, encode_like(data, source.encoding, source.bom, source.text, outcome.text))
    report.fixed += outcome.applied
    return outcome.text


def unified_diff(name: str, old: str, new: str) -> str:
    import difflib

    lines = difflib.unified_diff(old.split("\n"), new.split("\n"), f"a/{name}", f"b/{name}", lineterm="")
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file's contents in one step: a temporary file beside it, then os.replace."""
    import tempfile

    target = path.resolve()
    # the mode bits too: os.access grants root every file, but a draft without write bits is read-only
    if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
        raise InputError("is read-only; it was not fixed (make it writable, or use --diff)", path=str(path))
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".govfmt")
    except OSError as exc:
        raise InputError(f"cannot be fixed in place: its folder is not writable ({exc.strerror or exc})",
                         path=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
