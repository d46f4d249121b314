from __future__ import annotations

import click
from govfmt.i18n import _


@click.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--style", "style_name", default=None, metavar="NAME|PATH",
              help=_("Style to measure against (default gbt9704)."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_("text: figures and one line per deviation; json: one object per file."))
@click.option("--draft", "drafts", multiple=True, type=click.Path(dir_okay=False, exists=True, path_type=str),
              metavar="DRAFT", help=_("The draft a PDF was made from (once per PDF, in the same order): its text "
                                       "is looked for on the pages, and the 署名 block's page is checked."))
@click.pass_context
def command(ctx: click.Context, files: tuple[str, ...], style_name: str | None, fmt: str,
            drafts: tuple[str, ...]) -> None:
    """Measure rendered PDFs against the style: page size, lines and characters, margins, page numbers, fonts,
    and the composition rules of GB/T 9704 (版记 on an even page ending on the 版心's bottom edge §7.4, no mark
    past the 版心 §5.2.1; with --draft also: every character of the draft printed §6.1, the 署名 never alone
    on a page §7.3.5.5, titles not broken inside a name §7.3.1).

    Exit code 0 when every file meets the style, 1 when there are deviations, 2 when a file cannot be read.
    """
    import json

    from govfmt.errors import GovfmtError
    from govfmt.pdf.verify import verify_pdf
    from govfmt.style import load_style

    style = load_style(style_name)
    if drafts and len(drafts) != len(files):
        raise click.UsageError(_("give --draft once for each PDF ({count_files} PDFs, {count_drafts} drafts)")
                                .format(count_files=len(files), count_drafts=len(drafts)))
    reports, unreadable = [], []
    for index, file in enumerate(files):
        try:
            reports.append(_verified(file, drafts[index] if drafts else None, style, style_name))
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


def _verified(pdf: str, draft: str | None, style, style_name: str | None):
    """The style's figures, and the composition rules (all of them when the draft is known)."""
    import dataclasses

    from govfmt.pdf.verify import page_findings, rendering_findings, verify_pdf

    if draft is None:
        report = verify_pdf(pdf, style)
        return dataclasses.replace(report, findings=tuple(page_findings(pdf, style)))
    from govfmt.layout.plan import choose_style, plan_document
    from govfmt.reader import read_document

    document = read_document(draft)
    # The draft's kind decides the style its PDF was made with (a 信函 has no number on page 1, §10.1).
    chosen = choose_style(document, style_name, style)
    report = verify_pdf(pdf, chosen)
    # The layout the PDF was made with is not known; the placements it needs are re-derived from it.
    plan = plan_document(document, chosen)
    return dataclasses.replace(report, findings=tuple(rendering_findings(pdf, document, plan, chosen)))
