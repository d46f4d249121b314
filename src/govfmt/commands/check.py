"""`govfmt check`: lint drafts, show or apply the safe fixes. The only command that modifies an input."""

from __future__ import annotations

import os
import sys

import click
from govfmt.i18n import _, ngettext

FORMAT_ENV = "GOVFMT_OUTPUT_FORMAT"
FORMATS = ("text", "concise", "json", "github", "sarif")  # govfmt.lint.report.FORMATS, kept here for start-up


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help=_("Apply the safe fixes in place (atomically; encoding, BOM and line "
                                             "endings kept). With - the fixed text goes to stdout."))
@click.option("--diff", is_flag=True, help=_("Print what --fix would change as a unified diff; write nothing. Exit "
                                              "code 1 if anything would change."))
@click.option("--unsafe-fixes", is_flag=True, help=_("Also apply fixes that may change meaning (with --fix or "
                                                      "--diff)."))
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMATS), default=None,
              help=_("Output format [default: text, or ${FORMAT_ENV}].").format(FORMAT_ENV=FORMAT_ENV))
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help=_("Write the report to this file instead of stdout."))
@click.option("--select", multiple=True, metavar="RULES", help=_("Only these rules: codes, prefixes (P1) or names, "
                                                                  "comma-separated."))
@click.option("--extend-select", multiple=True, metavar="RULES", help=_("Add rules to the configured selection."))
@click.option("--ignore", multiple=True, metavar="RULES", help=_("Skip these rules."))
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=str),
              help=_("Use this govfmt.toml or pyproject.toml instead of searching for one."))
@click.option("--isolated", is_flag=True, help=_("Ignore all configuration files."))
@click.option("--force-exclude", is_flag=True, help=_("Apply the configured excludes and .gitignore to files named "
                                                       "on the command line too (for pre-commit)."))
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help=_("Skip files that .gitignore ignores when walking folders."))
@click.option("--strict", is_flag=True, help=_("Warnings also give exit code 1."))
@click.option("--exit-zero", is_flag=True, help=_("Exit 0 even when problems are found."))
@click.option("--exit-non-zero-on-fix", is_flag=True, help=_("Exit 1 when --fix changed a file."))
@click.option("--statistics", is_flag=True, help=_("Print the number of problems per rule instead of each problem."))
@click.option("--show-fixes", is_flag=True, help=_("List the fixes --fix applied, per file and rule."))
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help=_("Colour the text output (auto: when stdout is a terminal and NO_COLOR is not set)."))
@click.option("--encoding", default=None, help=_("Text encoding of the drafts (default: detected)."))
@click.option("--stdin-filename", default=None, help=_("Name to use for the draft read from - (stdin)."))
@click.option("--time-limit", type=click.FloatRange(min=0), default=20.0, show_default=True, metavar="SECONDS",
              help=_("Stop checking a file after this long and say so (0: no limit)."))
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
              help=_("Worker processes for many files (default: one per CPU from 64 files on)."))
@click.option("-q", "--quiet", is_flag=True, help=_("Text format: no closing summary line."))
@click.option("-v", "--verbose", is_flag=True, help=_("Say which configuration each file uses, and what was "
                                                       "checked."))
@click.pass_context
def command(ctx: click.Context, paths: tuple[str, ...], fix: bool, diff: bool, unsafe_fixes: bool,
            fmt: str | None, output_file: str | None, select: tuple[str, ...], extend_select: tuple[str, ...],
            ignore: tuple[str, ...], config_file: str | None, isolated: bool, force_exclude: bool,
            respect_gitignore: bool, strict: bool, exit_zero: bool, exit_non_zero_on_fix: bool, statistics: bool,
            show_fixes: bool, color: str, encoding: str | None, stdin_filename: str | None, time_limit: float,
            jobs: int, quiet: bool, verbose: bool) -> None:
    """Lint 公文 drafts (.txt, .md, .docx) for GB/T 9704-2012 problems; `govfmt rules` explains each code.

    Exit code: 0 no errors (warnings alone pass unless --strict), 1 problems found, 2 a usage,
    configuration or unreadable-file error.
    """
    import time

    from govfmt.lint import report as reports
    from govfmt.lint.config import ConfigResolver
    from govfmt.lint.files import discover
    from govfmt.lint.registry import split_selectors
    from govfmt.lint.runner import CheckOptions, check_files

    from govfmt import startup

    started = time.perf_counter()
    startup.skip_collection_at_exit()
    _tolerant_output()
    fmt = fmt or os.environ.get(FORMAT_ENV, "text")
    if fmt not in reports.FORMATS:
        raise click.UsageError(_("${FORMAT_ENV}={fmt!r} is not one of {value}")
                                .format(FORMAT_ENV=FORMAT_ENV, fmt=fmt, value=', '.join(reports.FORMATS)))
    if fix and diff:
        raise click.UsageError(_("use either --fix or --diff, not both"))
    overrides = {}
    for option, values in (("select", select), ("extend_select", extend_select), ("ignore", ignore)):
        if values:
            overrides[option] = tuple(split_selectors(values))
            _check_selectors(option, overrides[option])
    resolver = ConfigResolver(overrides=overrides, config_file=_config_path(config_file), isolated=isolated)
    options = CheckOptions(fix=fix, diff=diff, unsafe_fixes=unsafe_fixes, strict=strict, exit_zero=exit_zero,
                           exit_non_zero_on_fix=exit_non_zero_on_fix, encoding=encoding, time_limit=time_limit,
                           jobs=jobs)
    arguments = list(paths) or ["."]
    use_color = _use_color(color, output_file)
    stdin = "-" in arguments
    if stdin:
        if len(arguments) > 1:
            raise click.UsageError(_("- (stdin) is checked on its own; name no other paths with it"))
        report = _check_stdin(stdin_filename or "-", resolver, options)
    else:
        resolver.for_path(arguments[0])  # a broken configuration stops the run before any output
        entries = list(discover(arguments, resolver, force_exclude, respect_gitignore))
        if verbose:
            _explain_configuration(entries, resolver, respect_gitignore)
        report = check_files(entries, resolver, options)

    shown = report.diagnostics
    if stdin and fix:
        # ruff's convention: the fixed text on stdout, what is left to do on stderr
        click.echo(report.fixed_text or "", nl=False)
        text = reports.format_text(shown, lambda path: report.lines.get(path, []), color=False)
        if text:
            click.echo(text, nl=False, err=True)
    else:
        out = _render(fmt, report, shown, diff, statistics, quiet, use_color)
        if show_fixes and report.applied:
            out += _fixes_listing(report.applied)
        _emit(out, output_file, use_color)
    for note in report.notes:
        click.echo(_("govfmt: {note}").format(note=note), err=True)
    for failure in report.failures:
        click.echo(_("govfmt: {failure}").format(failure=failure), err=True)
    if verbose:
        click.echo(ngettext("govfmt: checked {files} file in {seconds:.2f} s",
                            "govfmt: checked {files} files in {seconds:.2f} s", report.files)
                   .format(files=report.files, seconds=time.perf_counter() - started), err=True)
    if not report.files and not report.failures:
        # ruff's behaviour for a folder without matching files: a warning, and nothing failed
        click.echo(_("govfmt: warning: no drafts (.txt, .md, .docx) found under the given path(s)"), err=True)
        ctx.exit(0)
    ctx.exit(report.return_code)


def _config_path(config_file: str | None):
    """--config as a Path (named so in messages), pathlib loaded only then."""
    if not config_file:
        return None
    from pathlib import Path

    return Path(config_file)


def _check_selectors(option: str, selectors: tuple[str, ...]) -> None:
    """Unknown rule codes on the command line are blamed on the command line (not on a config file)."""
    import difflib

    from govfmt.lint.registry import all_rules, resolve

    for selector in selectors:
        if not resolve(selector):
            names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
            near = difflib.get_close_matches(selector.upper() if selector[:1].isalpha() and len(selector) <= 4
                                             else selector, names, n=1)
            hint = f"; did you mean {near[0]}?" if near else "; `govfmt rules` lists them"
            flag = "--" + option.replace("_", "-")
            raise click.BadParameter(_("unknown rule {selector!r}{hint}").format(selector=selector, hint=hint), param_hint=f"'{flag}'")


def _use_color(choice: str, output_file: str | None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or output_file is not None:
        return False
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _render(fmt: str, report, shown, diff: bool, statistics: bool, quiet: bool, color: bool) -> str:
    from govfmt.lint import report as reports

    if diff:
        return "".join(report.diffs)
    if fmt == "json":
        return reports.format_json(shown)
    if fmt == "github":
        return reports.format_github(shown)
    if fmt == "sarif":
        from govfmt import __version__
        from govfmt.lint.registry import all_rules

        return reports.format_sarif(shown, all_rules(), __version__)
    if statistics:
        return reports.format_statistics(shown, color)
    out = reports.format_text(shown, lambda path: report.lines.get(path, []), color=color,
                              concise=fmt == "concise")
    if not quiet and (report.files or report.failures):
        out += reports.summary(report.errors, report.warnings, report.fixable, report.fixed, report.files,
                               len(report.failures)) + "\n"
    return out


def _fixes_listing(applied: list[tuple[str, str, str]]) -> str:
    from collections import Counter

    lines = [f"\nFixed {len(applied)} problem{'s' if len(applied) != 1 else ''}:"]
    by_file: dict[str, Counter] = {}
    for path, code, name in applied:
        by_file.setdefault(path, Counter())[(code, name)] += 1
    for path, counts in by_file.items():
        lines.append(f"- {path}:")
        lines.extend(f"    {count} × {code} ({name})" for (code, name), count in sorted(counts.items()))
    return "\n".join(lines) + "\n"


def _emit(text: str, output_file: str | None, color: bool) -> None:
    if output_file is None:
        click.echo(text, nl=False, color=color)  # click strips colour codes unless told they are wanted
        return
    from govfmt.errors import GovfmtError

    try:
        with open(output_file, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except OSError as exc:
        raise GovfmtError(_("cannot write the report ({value})").format(value=exc.strerror or exc), path=output_file) from None


def _explain_configuration(entries, resolver, respect_gitignore: bool) -> None:
    seen = set()
    for path, name in entries:
        settings = resolver.for_path(path)
        origin = settings.origin or "built-in defaults"
        if origin not in seen:
            seen.add(origin)
            click.echo(_("govfmt: using configuration {origin} (first for {name})").format(origin=origin, name=name), err=True)
    gitignore = _("respected") if respect_gitignore else _("not respected (--no-respect-gitignore)")
    click.echo(ngettext("govfmt: {count} draft to check; .gitignore {gitignore}",
                        "govfmt: {count} drafts to check; .gitignore {gitignore}", len(entries))
               .format(count=len(entries), gitignore=gitignore), err=True)


def _check_stdin(name: str, resolver, options):
    from govfmt.errors import GovfmtError
    from govfmt.lint.runner import Report, check_stdin
    from govfmt.read import read_stdin

    try:
        settings = resolver.for_path(name if name != "-" else os.path.join(os.getcwd(), "-"))
        data = read_stdin(name)
    except GovfmtError as exc:
        report = Report(options)
        report.failures.append(str(exc))
        return report
    return check_stdin(name, data, settings, options)


def _tolerant_output() -> None:
    """Never crash on a console that cannot show a character (GBK or cp1252 on Windows)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
