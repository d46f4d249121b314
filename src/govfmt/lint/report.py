"""Output formats for diagnostics: text (with a caret under the spot), json and github annotations."""

from __future__ import annotations

from govfmt.i18n import _, ngettext

from collections.abc import Callable, Sequence

from govfmt.text import display_width
from govfmt.lint.diagnostic import Diagnostic

_SARIF_LEVELS = {"info": "note"}  # SARIF 2.1.0 levels: none, note, warning, error
FORMATS = ("text", "concise", "json", "github", "sarif")


def _styler(color: bool) -> Callable[..., str]:
    if not color:
        return lambda text, **_style: text
    import click

    return click.style


def format_text(diagnostics: Sequence[Diagnostic], lines_of: Callable[[str], list[str]], color: bool = False,
                concise: bool = False) -> str:
    """`path:line:col: CODE [name] message`, then (unless concise) the source line and a caret under the spot."""
    style = _styler(color)
    out = []
    for d in diagnostics:
        code = style(d.code, fg="red" if d.is_error else "yellow", bold=True)
        fixable = style(" [*]", fg="cyan") if d.fix is not None and d.fix.safe else ""
        out.append(f"{style(d.path, bold=True)}:{d.line}:{d.column}: {code}{fixable} [{d.name}] {d.message}")
        if concise:
            continue
        lines = lines_of(d.path)
        if 1 <= d.line <= len(lines):
            text, caret = snippet(lines[d.line - 1], d.column, d.end_column)
            out.extend([text, style(caret, fg="red" if d.is_error else "yellow")])
    return "\n".join(out) + ("\n" if out else "")


def format_statistics(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    """One line per rule, most frequent first: count, code, [*] when --fix can fix them, name (ruff's form)."""
    from collections import Counter

    style = _styler(color)
    counts = Counter((d.code, d.name) for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None and d.fix.safe}
    width = max((len(str(n)) for n in counts.values()), default=1)
    rows = []
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0][0])):
        mark = "[*]" if code in fixable else "   "
        rows.append(f"{count:>{width}}  {style(code, bold=True)}  {mark} {name}")
    return "\n".join(rows) + ("\n" if rows else "")


def format_sarif(diagnostics: Sequence[Diagnostic], rules: Sequence, version: str) -> str:
    """SARIF 2.1.0 (OASIS) for code-scanning services: one run, govfmt's rules, one result per problem."""
    import json

    index = {rule.code: position for position, rule in enumerate(rules)}
    driver = {
        "name": "govfmt",
        "version": version,
        "informationUri": "https://github.com/govfmt/govfmt",
        "rules": [{
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": f"{rule.why}\nBad: {rule.bad}\nGood: {rule.good}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.severity, "warning")},
            "properties": {"family": rule.family, "fix": rule.fix},
        } for rule in rules],
    }
    results = []
    for d in diagnostics:
        region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
                  "endColumn": max(d.end_column, d.column)}
        result = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL.get(d.severity, "warning"),
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}, "region": region}}],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if d.fix is not None:
            result["fixes"] = [{
                "description": {"text": "safe fix" if d.fix.safe else "unsafe fix"},
                "artifactChanges": [{"artifactLocation": {"uri": _uri(d.path)}, "replacements": [{
                    "deletedRegion": region, "insertedContent": {"text": d.fix.replacement}}]}],
            }]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A relative URI reference for a path as shown (forward slashes, characters percent-encoded)."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"))


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
    """The records as `json.dumps(records, ensure_ascii=False, indent=2)` writes them, written here: with an
    indent the json module encodes in Python, slower than this for thousands of problems."""
    from json.encoder import encode_basestring as quote

    records = [d.to_record() for d in diagnostics]
    try:
        body = ",\n".join("  " + _json_object(record, "  ", quote) for record in records)
    except TypeError:  # a value of another type: leave it to the json module
        import json

        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return "[\n" + body + "\n]\n" if records else "[]\n"


def _json_object(record: dict, indent: str, quote: Callable[[str], str]) -> str:
    """One dict of strings, whole numbers, booleans, None and dicts of them, its lines at `indent`, as
    json.dumps with indent=2 and ensure_ascii=False writes it (`quote`: its string encoder)."""
    inner = indent + "  "
    items = []
    for key, value in record.items():
        kind = value.__class__
        if kind is str:
            text = quote(value)
        elif kind is int:
            text = int.__repr__(value)
        elif value is None:
            text = "null"
        elif kind is bool:
            text = "true" if value else "false"
        elif kind is dict:
            text = _json_object(value, inner, quote) if value else "{}"
        else:
            raise TypeError(f"not written here: {kind.__name__}")
        if key.__class__ is not str:
            raise TypeError("a key that is not a string")
        items.append(f"{inner}{quote(key)}: {text}")
    return "{\n" + ",\n".join(items) + f"\n{indent}}}" if items else "{}"


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
        text = ngettext("No problems found in {files} file.", "No problems found in {files} files.",
                        files).format(files=files)
    else:
        text = _("{found} {warnings} {files}").format(
            found=ngettext("Found {errors} error", "Found {errors} errors", errors).format(errors=errors),
            warnings=ngettext("and {warnings} warning", "and {warnings} warnings", warnings).format(
                warnings=warnings),
            files=ngettext("in {files} file.", "in {files} files.", files).format(files=files))
        if fixable:
            text = _("{text} {more}").format(text=text, more=ngettext(
                "{fixable} can be fixed with --fix.", "{fixable} can be fixed with --fix.", fixable).format(
                    fixable=fixable))
    if fixed:
        text = _("{text} {more}").format(text=text, more=ngettext(
            "Fixed {fixed} problem.", "Fixed {fixed} problems.", fixed).format(fixed=fixed))
    if failed:
        text = _("{text} {more}").format(text=text, more=ngettext(
            "{failed} file could not be checked (see above).", "{failed} files could not be checked (see above).",
            failed).format(failed=failed))
    return text
