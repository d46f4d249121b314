"""Errors a user can act on: each renders as one sentence naming the file and, where known, the line."""

from __future__ import annotations


class GovfmtError(Exception):
    """A problem with the user's input or settings; never a bug in govfmt."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(str(self.path))
        if self.line:
            from govfmt.i18n import _

            where.append(_("line {line}").format(line=self.line))
        prefix = ": ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class InputError(GovfmtError):
    """The input file cannot be read as a draft."""


class StyleError(GovfmtError):
    """A style file is missing or invalid."""


class RenderError(GovfmtError):
    """An output could not be produced (LibreOffice missing, hung or failed)."""

    exit_code = 1


def forget_handled_interrupt() -> None:
    """The interrupt was handled: the exit status is ours to give. CPython notes a KeyboardInterrupt that
    leaves code run by exec() of a string (dataclasses build their methods so, when a module is imported
    mid-run) as unhandled, and ends the process with SIGINT at exit instead of the status asked for; the
    next exec() of a string clears that note."""
    exec("None")
