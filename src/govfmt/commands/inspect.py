from __future__ import annotations

import click

from govfmt.i18n import _


@click.command("inspect", help=_("Show the structure govfmt detects in FILE, one block a line "
                                 "(FILE - reads standard input).") + " "
               + _("The JSON is the document itself: `govfmt convert FILE.json` lays it out, so a script may "
                   "change kinds and levels in between. In the text view ? marks a kind govfmt is unsure of, "
                   "* one that a %% govfmt: line set."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=str, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=_("text: one block a line; json: the machine-readable structure."))
@click.option("--encoding", default=None, help=_("Override the detected text encoding (e.g. gb18030)."))
def command(file: str, fmt: str, encoding: str | None) -> None:
    from govfmt import inspect as view

    if file == "-":
        document, source = _read_stdin(encoding)
    else:
        from govfmt.reader import read_document_and_source

        document, source = read_document_and_source(file, encoding=encoding)
    click.echo(view.to_json(document, source) if fmt == "json" else view.to_text(document))


def _read_stdin(encoding: str | None):
    """A draft, or a document written by `inspect --format json`, piped in on standard input."""
    from govfmt.document_json import looks_like_document_json, read_json_bytes
    from govfmt.parse import parse
    from govfmt.read import read_data, read_stdin, sniff_suffix

    data = read_stdin("-")
    if looks_like_document_json(data):
        return read_json_bytes(data, "-")
    source = read_data(data, "-", sniff_suffix(data), encoding)
    return parse(source), source
