from __future__ import annotations

import click


@click.command("inspect")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one block a line; json: the machine-readable structure.")
@click.option("--encoding", default=None, help="Override the detected text encoding (e.g. gb18030).")
def command(file: str, fmt: str, encoding: str | None) -> None:
    """Show the structure govfmt detects in FILE, one block a line.

    \b
    The JSON is the document itself: `govfmt convert FILE.json` lays it out, so a script may
    change kinds and levels in between. A `?` after a kind marks a guess govfmt is unsure of.
    """
    from govfmt import inspect as view
    from govfmt.reader import read_document_and_source

    document, source = read_document_and_source(file, encoding=encoding)
    click.echo(view.to_json(document, source) if fmt == "json" else view.to_text(document))
