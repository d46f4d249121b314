from __future__ import annotations

import click

from govfmt.i18n import _


@click.command("inspect", help=_("Show the structure govfmt detects in FILE, one block a line "
                                 "(FILE - reads standard input)."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=str, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_("text: one block a line; json: the machine-readable structure."))
@click.option("--encoding", default=None, help=_("Override the detected text encoding (e.g. gb18030)."))
def command(file: str, fmt: str, encoding: str | None) -> None:
    from govfmt import inspect as view

    if file == "-":
        from govfmt.parse import parse
        from govfmt.read import read_stdin_source

        document = parse(read_stdin_source("-", encoding=encoding))
    else:
        from govfmt.reader import read_document

        document = read_document(file, encoding=encoding)
    click.echo(view.to_json(document) if fmt == "json" else view.to_text(document))
