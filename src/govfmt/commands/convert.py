"""`govfmt convert`: drafts (files or folders) to DOCX and PDF laid out to GB/T 9704."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from govfmt.errors import GovfmtError, forget_handled_interrupt
from govfmt.i18n import _

STDIO = "-"
STDIN_NAME = "<stdin>"
SHOWN_FINDINGS = 3  # per file on stderr; the report has them all
DEFAULT_SESSIONS_CAP = 4  # LibreOffice sessions when -j is not given: each takes a few hundred MB


@click.command("convert")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", default=None, type=click.Path(path_type=str),
              help=_("Output file (one input file) or folder (otherwise); - writes the one output to stdout. "
                      "Default: beside each input."))
@click.option("--to", "formats", multiple=True, type=click.Choice(["docx", "pdf"]),
              help=_("Output format; give twice for both. Default: from the -o suffix, else docx."))
@click.option("--style", default=None, help=_("Style name in styles/ or path to a .toml style file."))
@click.option("--set", "fields", multiple=True, metavar="KEY=VALUE",
              help=_("Set a header field of every draft (e.g. 发文字号=…); may be repeated."))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help=_("Worker processes for DOCX writing, and LibreOffice sessions for PDF. Default: number of CPUs."))
@click.option("--include", multiple=True, metavar="GLOB",
              help=_("Files to take from folders (default: *.txt *.md *.docx *.odt *.html); may be repeated."))
@click.option("--exclude", multiple=True, metavar="GLOB", help=_("Files or folders to leave out; may be repeated."))
@click.option("--force", is_flag=True, help=_("Convert even when the outputs are newer than input and style."))
@click.option("--encoding", default=None, help=_("Text encoding of plain-text drafts (default: detected)."))
@click.option("--keep-web", is_flag=True, help=_("Lay out lines recognised as web-page chrome instead of leaving "
                                                  "them out."))
@click.option("--fix", is_flag=True, help=_("Lay out the text with the safe fixes of `govfmt check --fix` applied "
                                             "(half-width punctuation, heading markers, dates …); the draft itself is "
                                             "not changed."))
@click.option("--soffice", default=None, type=click.Path(dir_okay=False, path_type=str),
              help=_("LibreOffice program to render PDF with (default: found on PATH)."))
@click.option("--render-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help=_("Time LibreOffice may take per document (default: 10 s plus 60 s per MB of text)."))
@click.option("--report", "report_path", default=None, type=click.Path(dir_okay=False, path_type=str),
              help=_("Write a JSON record per input (status, outputs, error, seconds) to this file."))
@click.option("-q", "--quiet", is_flag=True, help=_("Print nothing but failures."))
@click.pass_context
def command(ctx: click.Context, inputs, output, formats, style, fields, jobs, include, exclude, force,
            encoding, keep_web, fix, soffice, render_timeout, report_path, quiet) -> int:
    """Lay out INPUT drafts (files, or folders walked recursively) as DOCX and/or PDF.

    \b
      govfmt convert 讲话稿.txt                    # 讲话稿.docx beside it
      govfmt convert draft.txt -o out/draft.pdf
      govfmt convert 收文/ -o 成文/ --to docx --to pdf -j 4
      govfmt convert 聊天记录.txt --fix            # with half-width punctuation and the like corrected
      govfmt inspect d.txt --format json | govfmt convert - -o d.docx
    """
    from govfmt import reaper

    scratch = None
    if STDIO in inputs or output == STDIO:
        scratch = Path(tempfile.mkdtemp(prefix="govfmt-stdio-"))
        reaper.watch_folder(scratch)
    try:
        return _convert(ctx, inputs, output, formats, style, fields, jobs, include, exclude, force, encoding,
                        keep_web, fix, soffice, render_timeout, report_path, quiet, scratch)
    finally:
        if scratch is not None:
            reaper.remove_folder(scratch)


def _convert(ctx, inputs, output, formats, style, fields, jobs, include, exclude, force, encoding, keep_web,
             fix, soffice, render_timeout, report_path, quiet, scratch) -> int:
    from govfmt import convert
    from govfmt.header import parse_overrides
    from govfmt.style import load_style

    debug = bool(ctx.find_root().params.get("debug"))
    overrides = parse_overrides(fields)
    paths, to_stdout = _stdio_paths(inputs, output, formats, scratch)
    loaded_style = load_style(style)
    settings = convert.Settings(style=style, encoding=encoding, fields=overrides, keep_web=keep_web, fix=fix)
    workers = jobs or os.cpu_count() or 1
    sessions = jobs or min(workers, DEFAULT_SESSIONS_CAP)
    started = _early_workers(paths, formats, workers, settings, loaded_style, to_stdout)
    try:
        return _convert_batch(inputs, paths, output, formats, include, exclude, force, soffice, render_timeout,
                              report_path, quiet, scratch, debug, to_stdout, loaded_style, settings, workers,
                              sessions, started)
    finally:
        if started is not None:
            started.close()


def _early_workers(paths, formats, workers: int, settings, style, to_stdout: bool):
    """DOCX workers started before the drafts are found (a batch of DOCX on more than one core, where
    that saves time): they get ready while the run walks folders and checks stamps. Otherwise the DOCX
    stage starts its own, as many as it has drafts for; PDF runs size it by LibreOffice's needs."""
    batch = len(paths) > 1 or any(path.is_dir() for path in paths)
    if workers <= 1 or not batch or to_stdout or "pdf" in formats:
        return None
    from govfmt.convert.pool import Workers, early_start_helps

    return Workers(workers, settings, style, prepare=True) if early_start_helps() else None


def _convert_batch(inputs, paths, output, formats, include, exclude, force, soffice, render_timeout, report_path,
                   quiet, scratch, debug, to_stdout, loaded_style, settings, workers, sessions, started) -> int:
    from govfmt import convert, progress

    out = scratch / f"stdout{convert.OUTPUT_SUFFIXES[(formats or ('docx',))[0]]}" if to_stdout else (
        Path(output) if output else None)
    output_file = convert.output_is_file(paths, out, None if to_stdout else output)
    chosen = convert.formats_for(formats, out, output_file)
    plan = convert.plan_jobs(paths, out, chosen, include=include, exclude=exclude, output_file=output_file)
    if not plan:
        raise convert.PlanError(_("no drafts found in {inputs} (looked for {patterns}); use --include to choose "
                                  "other files").format(inputs=", ".join(inputs), patterns=(
                                      " ".join(include) if include else " ".join(convert.DEFAULT_SUFFIXES))))
    if STDIO in inputs:
        plan = [dataclasses.replace(job, name=STDIN_NAME) for job in plan]
        force = True
    if "pdf" in chosen:
        soffice = _libreoffice(soffice)
    single = len(plan) == 1 and not plan[0].walked

    view = progress.make_progress(quiet=quiet, terminal=sys.stderr.isatty(), total=len(plan))
    view.start(len(plan))
    try:
        result = convert.run_batch(
            plan, loaded_style, settings, workers=workers, sessions=sessions, force=force, soffice=soffice,
            render_timeout=render_timeout, started=started,
            on_done=lambda o: None if single and o.status == convert.FAILED else view.done(o),
            on_pdf_start=lambda n, k: view.note(f"rendering {n} PDF{'s' if n > 1 else ''} in "
                                                + ("one LibreOffice session" if k == 1 else
                                                   f"{k} LibreOffice sessions")))
    finally:
        view.stop()

    if result.font_notice and not quiet:
        click.echo(result.font_notice, err=True)
    if debug:
        for outcome in result.failed:
            if outcome.detail:
                click.echo(outcome.detail, err=True)
    if not quiet:
        for outcome in result.outcomes:
            for line in (progress.fixes_line(outcome), progress.left_out_line(outcome),
                         progress.rule_rows_line(outcome)):
                if line:
                    click.echo(line, err=True)
            for finding in outcome.findings[:SHOWN_FINDINGS]:
                click.echo(f"{outcome.job.name}: {finding}", err=True)
            if len(outcome.findings) > SHOWN_FINDINGS:
                more = len(outcome.findings) - SHOWN_FINDINGS
                click.echo(_("{name}: … and {count} more (all of them in --report)").format(
                    name=outcome.job.name, count=more), err=True)
    if report_path:
        _write_report(Path(report_path), result, convert)
    if to_stdout and not result.interrupted and result.outcomes[0].status == convert.CONVERTED:
        _copy_to_stdout(result.outcomes[0].outputs[-1])
    if single and not result.interrupted:
        outcome = result.outcomes[0]
        if outcome.status == convert.FAILED:
            raise _Reported(outcome.error, outcome.exit_code)
        if outcome.status == convert.SKIPPED and not quiet:
            click.echo(_("{name}: outputs are up to date; nothing to do (use --force to convert again)")
                        .format(name=outcome.job.name), err=True)
        return 0
    if not quiet or result.failed or result.interrupted:
        lines = progress.summary_lines(result)
        for line in lines if not quiet else lines[1:]:
            click.echo(line, err=True)
    if result.interrupted:
        click.echo(_("govfmt: interrupted; finished files are complete, nothing partial was left"), err=True)
        forget_handled_interrupt()
        return 128 + (result.signal_number or 2)
    return 1 if result.failed else 0


def _libreoffice(soffice: str | None) -> str:
    """The LibreOffice program PDF output needs, found before anything is written: without one, nothing
    asked for can be made (exit 2)."""
    from govfmt.errors import RenderError
    from govfmt.pdf.soffice import find_soffice

    try:
        return find_soffice(soffice)
    except RenderError as exc:
        raise GovfmtError(exc.message) from None


def _stdio_paths(inputs, output, formats, scratch) -> tuple[list[Path], bool]:
    """The input paths, a draft read from stdin saved in scratch; whether the output goes to stdout."""
    to_stdout = output == STDIO
    if STDIO in inputs:
        if len(inputs) > 1:
            raise GovfmtError(_("- (stdin) must be the only input; convert the other files separately"))
        if output is None:
            raise GovfmtError(_("a draft read from stdin (-) needs -o FILE, or -o - to write to stdout"))
    if to_stdout:
        if len(inputs) != 1 or (inputs[0] != STDIO and Path(inputs[0]).is_dir()):
            raise GovfmtError(_("-o - writes one output to stdout; give exactly one input file"))
        if len(set(formats)) > 1:
            raise GovfmtError(_("-o - writes one output to stdout; give one --to"))
        if sys.stdout.isatty():
            raise GovfmtError(_("will not write a DOCX or PDF to the terminal; redirect stdout or name a file with -o"))
    paths = []
    for given in inputs:
        if given == STDIO:
            data = sys.stdin.buffer.read()
            path = scratch / ("stdin.json" if _looks_like_document_json(data) else "stdin.txt")
            path.write_bytes(data)
            paths.append(path)
        else:
            paths.append(Path(given))
    return paths, to_stdout


def _looks_like_document_json(data: bytes) -> bool:
    """`inspect --format json` piped in, where a reader for it exists."""
    if not data.lstrip()[:1] == b"{":
        return False
    try:
        import govfmt.document_json  # noqa: F401
    except ImportError:
        return False
    return True


def _copy_to_stdout(path: Path) -> None:
    with path.open("rb") as data:
        shutil.copyfileobj(data, sys.stdout.buffer)
    sys.stdout.buffer.flush()


def _write_report(path: Path, result, convert) -> None:
    from govfmt.fsutil import OutputError

    try:
        convert.write_report(path, result)
    except OutputError as exc:
        raise GovfmtError(_("{problem}; choose another --report path").format(problem=exc.message)) from None
    except OSError as exc:
        raise GovfmtError(_("the report cannot be written ({value}); choose another --report path")
                           .format(value=exc.strerror or exc),
                          path=str(path)) from None


class _Reported(GovfmtError):
    """A single input's failure, already phrased as one sentence naming the file."""

    def __init__(self, sentence: str | None, exit_code: int):
        super().__init__(sentence or "conversion failed")
        self.exit_code = exit_code
