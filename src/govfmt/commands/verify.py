from __future__ import annotations

import click
from govfmt.i18n import _


@click.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--style", "style_name", default=None, metavar="NAME|PATH",
              help=_("Style to measure against (default gbt9704)."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_("text: figures and one line per deviation; json: one object per file."))
@click.pass_context
def command(ctx: click.Context, files: tuple[str, ...], style_name: str | None, fmt: str) -> None:
    """Measure rendered PDFs against the style: page size, lines and characters, margins, page numbers, fonts.

    Exit code 0 when every file meets the style, 1 when there are deviations, 2 when a file cannot be read.
    """
    import json

    from govfmt.errors import GovfmtError
    from govfmt.pdf.verify import verify_pdf
    from govfmt.style import load_style

    style = load_style(style_name)
    reports, unreadable = [], []
    for file in files:
        try:
            reports.append(verify_pdf(file, style))
        except GovfmtError as exc:
            unreadable.append(exc)
            click.echo(_("govfmt: {exc}").format(exc=exc), err=True)
    if fmt == "json":
        objects = [json.loads(r.to_json()) for r in reports]
        click.echo(json.dumps(objects[0] if len(files) == 1 and objects else objects, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            click.echo(report.to_text())
    if unreadable:
        ctx.exit(2)
    ctx.exit(0 if all(r.ok for r in reports) else 1)
