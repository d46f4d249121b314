"""Output formats for diagnostics: text (with a caret under the spot), json and github annotations."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from govfmt.lint.chars import display_width
from govfmt.lint.diagnostic import Diagnostic

FORMATS = ("text", "json", "github")


def format_text(diagnostics: Sequence[Diagnostic], lines_of: Callable[[str], list[str]]) -> str:
    """`path:line:col: CODE [name] message`, then the source line and a caret under the spot."""
    out = []
    for d in diagnostics:
        out.append(f"{d.path}:{d.line}:{d.column}: {d.code} [{d.name}] {d.message}")
        lines = lines_of(d.path)
        if 1 <= d.line <= len(lines):
            out.extend(snippet(lines[d.line - 1], d.column, d.end_column))
    return "\n".join(out) + ("\n" if out else "")


SNIPPET_CONTEXT = 30  # characters shown on each side of the spot in long lines


def snippet(line: str, column: int, end_column: int) -> list[str]:
    """The line (cut around the spot when long) and a caret row aligned in terminal columns: wide
    characters take two."""
    shown = line.replace("\t", " ")
    start = max(column - 1, 0)
    end = max(end_column - 1, start)
    if display_width(shown) > 2 * SNIPPET_CONTEXT + 20:
        first = max(0, start - SNIPPET_CONTEXT)
        last = min(len(shown), end + SNIPPET_CONTEXT)
        prefix = "..." if first else ""
        shown = prefix + shown[first:last] + ("..." if last < len(line) else "")
        start, end = start - first + len(prefix), end - first + len(prefix)
    pad = display_width(shown[:start])
    width = max(display_width(shown[start:end]), 1)
    return [f"    {shown}", "    " + " " * pad + "^" * width]


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    import json

    return json.dumps([d.to_record() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one ::error or ::warning annotation per problem."""
    out = []
    for d in diagnostics:
        properties = ",".join([
            f"file={_escape_property(d.path)}",
            f"line={d.line}",
            f"col={d.column}",
            f"endLine={d.end_line}",
            f"endColumn={d.end_column}",
            f"title={_escape_property(f'govfmt {d.code} [{d.name}]')}",
        ])
        level = "notice" if d.severity == "info" else d.severity
        out.append(f"::{level} {properties}::{_escape_data(f'{d.code} {d.message}')}")
    return "\n".join(out) + ("\n" if out else "")


def summary(errors: int, warnings: int, fixable: int, fixed: int, files: int, failed: int = 0) -> str:
    """One closing line for the text format, without emoji (GBK consoles)."""
    if not errors and not warnings:
        text = f"No problems found in {files} file{'s' if files != 1 else ''}."
    else:
        text = f"Found {errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''}"
        text += f" in {files} file{'s' if files != 1 else ''}."
        if fixable:
            text += f" {fixable} can be fixed with --fix."
    if fixed:
        text += f" Fixed {fixed} problem{'s' if fixed != 1 else ''}."
    if failed:
        text += f" {failed} file{'s' if failed != 1 else ''} could not be checked (see above)."
    return text
