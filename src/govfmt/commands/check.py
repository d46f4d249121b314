"""`govfmt check`: lint drafts, show or apply the safe fixes. The only command that modifies an input."""

from __future__ import annotations

import os
import sys

import click

FORMAT_ENV = "GOVFMT_OUTPUT_FORMAT"


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place (atomically; encoding, BOM and line "
              "endings kept).")
@click.option("--diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing. "
              "Exit code 1 if anything would change.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning (with --fix or --diff).")
@click.option("--format", "--output-format", "fmt", type=click.Choice(["text", "json", "github"]),
              default=None, help=f"Output format [default: text, or ${FORMAT_ENV}].")
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: codes, prefixes (P1) or names, "
              "comma-separated.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules to the configured selection.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="Use this govfmt.toml or pyproject.toml instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--force-exclude", is_flag=True, help="Apply the configured excludes to files named on the "
              "command line too (for pre-commit).")
@click.option("--strict", is_flag=True, help="Warnings also give exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when --fix changed a file.")
@click.option("--encoding", default=None, help="Text encoding of the drafts (default: detected).")
@click.option("--stdin-filename", default=None, help="Name to use for the draft read from - (stdin).")
@click.option("-q", "--quiet", is_flag=True, help="Text format: no closing summary line.")
@click.pass_context
def command(ctx: click.Context, paths: tuple[str, ...], fix: bool, diff: bool, unsafe_fixes: bool,
            fmt: str | None, select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
            config_file: str | None, isolated: bool, force_exclude: bool, strict: bool, exit_zero: bool,
            exit_non_zero_on_fix: bool, encoding: str | None, stdin_filename: str | None, quiet: bool) -> None:
    """Lint 公文 drafts (.txt, .md, .docx) for GB/T 9704-2012 problems; `govfmt rules` explains each code.

    Exit code: 0 no errors (warnings alone pass unless --strict), 1 problems found, 2 a usage,
    configuration or unreadable-file error.
    """
    from pathlib import Path

    from govfmt.lint import report as reports
    from govfmt.lint.config import ConfigResolver
    from govfmt.lint.files import discover
    from govfmt.lint.registry import split_selectors
    from govfmt.lint.runner import CheckOptions, check_files

    _tolerant_output()
    fmt = fmt or os.environ.get(FORMAT_ENV, "text")
    if fmt not in reports.FORMATS:
        raise click.UsageError(f"${FORMAT_ENV}={fmt!r} is not one of {', '.join(reports.FORMATS)}")
    if fix and diff:
        raise click.UsageError("use either --fix or --diff, not both")
    overrides = {}
    if select:
        overrides["select"] = tuple(split_selectors(select))
    if extend_select:
        overrides["extend_select"] = tuple(split_selectors(extend_select))
    if ignore:
        overrides["ignore"] = tuple(split_selectors(ignore))
    resolver = ConfigResolver(overrides=overrides, config_file=Path(config_file) if config_file else None,
                              isolated=isolated)
    options = CheckOptions(fix=fix, diff=diff, unsafe_fixes=unsafe_fixes, strict=strict, exit_zero=exit_zero,
                           exit_non_zero_on_fix=exit_non_zero_on_fix, encoding=encoding)
    arguments = list(paths) or ["."]
    if "-" in arguments:
        if len(arguments) > 1 or fix or diff:
            raise click.UsageError("- (stdin) is checked on its own, without --fix or --diff")
        report = _check_stdin(stdin_filename or "-", resolver, options)
    else:
        resolver.for_path(Path(arguments[0]))  # a broken configuration stops the run before any output
        report = check_files(list(discover(arguments, resolver, force_exclude)), resolver, options)

    if diff:
        click.echo("".join(report.diffs), nl=False)
    elif fmt == "json":
        click.echo(reports.format_json(report.diagnostics), nl=False)
    elif fmt == "github":
        click.echo(reports.format_github(report.diagnostics), nl=False)
    else:
        click.echo(reports.format_text(report.diagnostics, lambda path: report.lines.get(path, [])), nl=False)
        if not quiet:
            click.echo(reports.summary(report.errors, report.warnings, report.fixable, report.fixed, report.files,
                                         len(report.failures)))
    for note in report.notes:
        click.echo(f"govfmt: {note}", err=True)
    for failure in report.failures:
        click.echo(f"govfmt: {failure}", err=True)
    if not report.files and not report.failures:
        if not quiet:
            click.echo("govfmt: no drafts (.txt, .md, .docx) found", err=True)
        # nothing could run; but a hook handing over only excluded files has simply nothing to do
        ctx.exit(0 if force_exclude else 2)
    ctx.exit(report.return_code)


def _check_stdin(name: str, resolver, options):
    from pathlib import Path

    from govfmt.errors import GovfmtError
    from govfmt.ingest import decode
    from govfmt.lint.linter import lint_source
    from govfmt.read import read_stdin
    from govfmt.lint.runner import Report

    report = Report(options)
    try:
        settings = resolver.for_path(Path(name) if name != "-" else Path.cwd() / "-")
        source = decode(read_stdin(name), name, options.encoding)
    except GovfmtError as exc:
        report.failures.append(str(exc))
        return report
    report.files = 1
    report.diagnostics.extend(lint_source(source, settings, name).diagnostics)
    report.lines[name] = source.physical_lines
    return report


def _tolerant_output() -> None:
    """Never crash on a console that cannot show a character (GBK or cp1252 on Windows)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
