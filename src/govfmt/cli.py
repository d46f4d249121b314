"""Command line: options in, exit code out. Heavy modules are imported inside the commands."""

from __future__ import annotations

import sys

import click

from govfmt import __version__
from govfmt.errors import GovfmtError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="govfmt")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Lay out Chinese official documents to GB/T 9704-2012, and check drafts."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Override the detected text encoding.")
def inspect(file: str, fmt: str, encoding: str | None) -> None:
    """Show the structure govfmt detects in FILE, one block a line."""
    from govfmt import inspect as inspect_view
    from govfmt.reader import read_document

    document = read_document(file, encoding=encoding)
    click.echo(inspect_view.to_json(document) if fmt == "json" else inspect_view.to_text(document))


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False)
    except GovfmtError as exc:
        if debug:
            raise
        click.echo(f"govfmt: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("govfmt: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("govfmt: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(0)
