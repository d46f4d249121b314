from __future__ import annotations

import click


@click.command("inspect")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one block a line; json: the machine-readable structure.")
@click.option("--encoding", default=None, help="Override the detected text encoding (e.g. gb18030).")
def command(file: str, fmt: str, encoding: str | None) -> None:
    """Show the structure govfmt detects in FILE, one block a line."""
    from govfmt import inspect as view
    from govfmt.reader import read_document

    document = read_document(file, encoding=encoding)
    click.echo(view.to_json(document) if fmt == "json" else view.to_text(document))
