from __future__ import annotations

import click

# Where the open stand-ins come from on Debian/Ubuntu, named in advice for what is missing.
PACKAGES = {
    "fangsong": "texlive-lang-chinese (FandolFang)",
    "heiti": "texlive-lang-chinese (FandolHei) or fonts-noto-cjk",
    "kaiti": "texlive-lang-chinese (FandolKai) or fonts-arphic-ukai",
    "songti": "texlive-lang-chinese (FandolSong) or fonts-noto-cjk",
    "xiaobiaosong": "fonts-noto-cjk (Noto Serif CJK SC Bold)",
    "latin": "fonts-liberation",
}


@click.command("doctor")
@click.option("--style", "style_name", default=None, metavar="NAME|PATH", help="Style whose fonts to check.")
@click.option("--soffice", default=None, metavar="PATH", help="LibreOffice program to check.")
@click.pass_context
def command(ctx: click.Context, style_name: str | None, soffice: str | None) -> None:
    """Show what PDF output needs: LibreOffice, and which installed font stands in for each official font.

    Exit code 0 when PDFs can be made (substituted fonts included), 1 when LibreOffice or a font is missing.
    """
    import sys

    from govfmt import __version__
    from govfmt.errors import RenderError
    from govfmt.pdf.fonts import font_plan
    from govfmt.pdf.soffice import find_soffice, soffice_version
    from govfmt.style import load_style

    style = load_style(style_name)
    problems = 0
    click.echo(f"govfmt {__version__} (Python {sys.version.split()[0]}), style {style.name}")
    try:
        program = find_soffice(soffice)
        click.echo(f"LibreOffice: {program} ({soffice_version(program) or 'version unknown'})")
    except RenderError as exc:
        click.echo(f"LibreOffice: missing — {exc}")
        problems += 1
    plan = font_plan(style)
    if not plan.fc_list:
        click.echo("fonts: fontconfig (fc-list) is not available, so fonts cannot be checked; "
                   "LibreOffice will choose its own replacements")
    else:
        click.echo("fonts (official name → font used in PDFs):")
        for choice in plan.choices:
            if choice.used is None:
                problems += 1
                state = f"missing; install {PACKAGES.get(choice.role, 'a font for this role')}"
            elif choice.substitute:
                state = "substitute"
            else:
                state = "installed"
            click.echo(f"  {choice.describe()} ({state})")
        if plan.font_dirs:
            click.echo("font folders added for PDF output: " + ", ".join(plan.font_dirs))
    click.echo("ready for PDF output" if not problems else f"{problems} problem{'s' if problems > 1 else ''} "
               "stand in the way of PDF output")
    ctx.exit(1 if problems else 0)
