"""Command line: options in, exit code out. Each subcommand lives in govfmt/commands/."""

from __future__ import annotations

import importlib
import sys

import click

from govfmt import __version__
from govfmt.errors import GovfmtError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Subcommand modules under govfmt.commands, in the order `govfmt --help` lists them.
COMMAND_MODULES = [
    "inspect",
    "check",
    "rules",
    "doctor",
    "verify",
    "convert",
]


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="govfmt")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """Lay out Chinese official documents (公文) to GB/T 9704-2012 as DOCX and PDF, and check drafts."""


for _name in COMMAND_MODULES:
    cli.add_command(importlib.import_module(f"govfmt.commands.{_name}").command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: every error a user can cause ends as one sentence and exit code 1 or 2."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="govfmt", standalone_mode=False)
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
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("govfmt: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
