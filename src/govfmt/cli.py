"""Command line: options in, exit code out. Each subcommand lives in govfmt/commands/."""

from __future__ import annotations

import importlib
import sys

import click

from govfmt import __version__, i18n, startup
from govfmt.errors import GovfmtError, forget_handled_interrupt
from govfmt.i18n import _

i18n.translate_click()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Subcommand modules under govfmt.commands (`govfmt --help` lists them in alphabetical order).
COMMAND_MODULES = [
    "inspect",
    "check",
    "rules",
    "doctor",
    "verify",
    "convert",
]


class _LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand runs (or help lists them all): `govfmt check`
    never loads what `convert` needs (Click's documented pattern for lazily loaded subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"govfmt.commands.{cmd_name}")
            self.add_command(_translated(module.command), cmd_name)
        startup.resume_collector()  # the command's module is in: start-up is over
        return self.commands.get(cmd_name)


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    i18n.set_language(value)  # None: follow the locale
    return value


@click.group(
    cls=_LazyGroup,
    context_settings=CONTEXT,
    help=_("Lay out Chinese official documents (公文) to GB/T 9704-2012 as DOCX and PDF, and check drafts."),
)
@click.version_option(__version__, prog_name="govfmt", message=_("%(prog)s, version %(version)s"))
@click.option("--debug", is_flag=True, help=_("Show tracebacks for errors."))
@click.option(
    "--lang", type=click.Choice(i18n.LANGUAGES), default=None, is_eager=True, expose_value=False,
    callback=_choose_language,
    help=_("Language of messages: zh (Chinese) or en (English); default from the locale (zh_* is Chinese)."),
)
def cli(debug: bool) -> None:
    pass


def _translated(command: click.Command) -> click.Command:
    """A command whose help comes from its docstring shows it in the user's language too."""
    if command.help:
        import inspect

        command.help = _(inspect.cleandoc(command.help))
    if command.help and i18n.language() == "zh" and not command.short_help:
        command.short_help = _short_chinese_help(command.help)
    return command


def _short_chinese_help(text: str) -> str:
    # Click shortens help at spaces, which Chinese sentences do not have.
    first = text.split("\n", 1)[0].split("。", 1)[0].split("；", 1)[0]
    if len(first) <= 36:
        return first
    cut = first.rfind("，", 0, 36)
    return first[:cut] if cut > 10 else first[:35] + "…"


def main(argv: list[str] | None = None) -> None:
    """Entry point: every error a user can cause ends as one sentence and exit code 1 or 2."""
    args = sys.argv[1:] if argv is None else argv
    i18n.set_language(i18n.language_from_argv(args))
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="govfmt", standalone_mode=False)
    except GovfmtError as exc:
        if debug:
            raise
        click.echo(f"govfmt: {exc}", err=True)
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Click turns Ctrl-C in a command into Abort
        click.echo("govfmt: " + _("interrupted"), err=True)
        forget_handled_interrupt()
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
