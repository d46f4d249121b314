"""What a rule reports: a position in the original file, a message, and an optional fix."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"  # worth a look, never a problem: no effect on the exit code, even with --strict
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Fix:
    """Replace the reported characters with `replacement`; `safe` fixes never change meaning."""

    replacement: str
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """A rule's raw report: one line, a half-open character range [start, end) on it (0-based)."""

    line: int
    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding bound to a file and a rule. Lines and columns are 1-based; columns count characters."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    fix: Fix | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_record(self) -> dict:
        """The `check --format json` object (DESIGN.md contract; key order kept)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "fix": None if self.fix is None else {"safe": self.fix.safe, "replacement": self.fix.replacement},
        }
