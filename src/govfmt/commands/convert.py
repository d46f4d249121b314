"""`govfmt convert`: drafts (files or folders) to DOCX and PDF laid out to GB/T 9704."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from govfmt.errors import GovfmtError


@click.command("convert")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", default=None, type=click.Path(path_type=str),
              help="Output file (one input file) or folder (otherwise). Default: beside each input.")
@click.option("--to", "formats", multiple=True, type=click.Choice(["docx", "pdf"]),
              help="Output format; give twice for both. Default: from the -o suffix, else docx.")
@click.option("--style", default=None, help="Style name in styles/ or path to a .toml style file.")
@click.option("--set", "fields", multiple=True, metavar="KEY=VALUE",
              help="Set a header field of every draft (e.g. 发文字号=…); may be repeated.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for parsing and DOCX writing. Default: number of CPUs.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Files to take from folders (default: *.txt *.md *.docx *.odt *.html); may be repeated.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files or folders to leave out; may be repeated.")
@click.option("--force", is_flag=True, help="Convert even when the outputs are newer than input and style.")
@click.option("--encoding", default=None, help="Text encoding of plain-text drafts (default: detected).")
@click.option("--soffice", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="LibreOffice program to render PDF with (default: found on PATH).")
@click.option("--report", "report_path", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="Write a JSON record per input (status, outputs, error, seconds) to this file.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but failures.")
@click.pass_context
def command(ctx: click.Context, inputs, output, formats, style, fields, jobs, include, exclude, force,
            encoding, soffice, report_path, quiet) -> int:
    """Lay out INPUT drafts (files, or folders walked recursively) as DOCX and/or PDF.

    \b
      govfmt convert 讲话稿.txt                    # 讲话稿.docx beside it
      govfmt convert draft.txt -o out/draft.pdf
      govfmt convert 收文/ -o 成文/ --to docx --to pdf -j 4
    """
    from govfmt import batch, progress
    from govfmt.header import parse_overrides
    from govfmt.style import load_style

    debug = bool(ctx.find_root().params.get("debug"))
    overrides = parse_overrides(fields)
    paths = [Path(p) for p in inputs]
    out = Path(output) if output else None
    output_file = batch.output_is_file(paths, out, output)
    chosen = batch.formats_for(formats, out, output_file)
    plan = batch.plan_jobs(paths, out, chosen, include=include, exclude=exclude, output_file=output_file)
    if not plan:
        raise batch.PlanError("no drafts found in " + ", ".join(inputs) + " (looked for "
                              + (" ".join(include) if include else " ".join(batch.DEFAULT_SUFFIXES))
                              + "); use --include to choose other files")
    loaded_style = load_style(style)
    settings = batch.Settings(style=style, encoding=encoding, fields=overrides)
    workers = jobs or os.cpu_count() or 1
    single = len(plan) == 1 and not plan[0].walked

    import govfmt.docx  # noqa: F401  imported before workers fork, so each starts with it loaded

    view = progress.make_progress(quiet=quiet, terminal=sys.stderr.isatty(), total=len(plan))
    view.start(len(plan))
    try:
        result = batch.run_batch(plan, loaded_style, settings, workers=workers, force=force, soffice=soffice,
                                 on_done=lambda o: None if single and o.status == batch.FAILED else view.done(o),
                                 on_pdf_start=lambda n: view.note(f"rendering {n} PDF{'s' if n > 1 else ''} "
                                                                  "in one LibreOffice session"))
    finally:
        view.stop()

    if result.font_notice and not quiet:
        click.echo(result.font_notice, err=True)
    if debug:
        for outcome in result.failed:
            if outcome.detail:
                click.echo(outcome.detail, err=True)
    if report_path:
        try:
            batch.write_report(Path(report_path), result)
        except OSError as exc:
            raise GovfmtError(f"the report cannot be written ({exc.strerror or exc}); choose another --report path",
                              path=report_path) from None
    if single and not result.interrupted:
        outcome = result.outcomes[0]
        if outcome.status == batch.FAILED:
            raise _Reported(outcome.error, outcome.exit_code)
        if outcome.status == batch.SKIPPED and not quiet:
            click.echo(f"{outcome.job.name}: outputs are up to date; nothing to do (use --force to convert "
                       "again)", err=True)
        return 0
    if not quiet or result.failed or result.interrupted:
        lines = progress.summary_lines(result)
        for line in lines if not quiet else lines[1:]:
            click.echo(line, err=True)
    if result.interrupted:
        click.echo("govfmt: interrupted; finished files are complete, nothing partial was left", err=True)
        return 130
    return 1 if result.failed else 0


class _Reported(GovfmtError):
    """A single input's failure, already phrased as one sentence naming the file."""

    def __init__(self, sentence: str | None, exit_code: int):
        super().__init__(sentence or "conversion failed")
        self.exit_code = exit_code
