from __future__ import annotations

import click

from govfmt.i18n import N_, _, ngettext

# Where the open stand-ins come from on Debian/Ubuntu, named in advice for what is missing.
PACKAGES = {
    "fangsong": "texlive-lang-chinese (FandolFang)",
    "heiti": "texlive-lang-chinese (FandolHei) or fonts-noto-cjk",
    "kaiti": "texlive-lang-chinese (FandolKai) or fonts-arphic-ukai",
    "songti": "texlive-lang-chinese (FandolSong) or fonts-noto-cjk",
    "xiaobiaosong": "fonts-noto-cjk (Noto Serif CJK SC Bold)",
    "latin": "fonts-liberation",
}
STATES = {"installed": N_("installed"), "substitute": N_("substitute"), "missing": N_("missing")}
SHOWN_PER_DRAFT = 20


@click.command("doctor", help=_(
    "Show what PDF output needs: LibreOffice (found, its version, whether it converts), which installed font "
    "stands in for each official font, and, for DRAFT files, characters no installed font can print.\n\n"
    "Exit code 0 when PDFs can be made (substituted fonts included), 1 when LibreOffice or a font is missing "
    "or a draft has characters that cannot be printed."))
@click.argument("drafts", nargs=-1, type=click.Path(dir_okay=False, path_type=str), metavar="[DRAFT]...")
@click.option("--style", "style_name", default=None, metavar="NAME|PATH", help=_("Style whose fonts to check."))
@click.option("--soffice", default=None, metavar="PATH", help=_("LibreOffice program to check."))
@click.pass_context
def command(ctx: click.Context, drafts: tuple[str, ...], style_name: str | None, soffice: str | None) -> None:
    import sys

    from govfmt import __version__
    from govfmt.pdf.fonts import font_coverage, font_plan, unprintable
    from govfmt.pdf.probe import probe_soffice
    from govfmt.style import load_style

    style = load_style(style_name)
    problems = 0
    click.echo(_("govfmt {version} (Python {python}), style {style}").format(
        version=__version__, python=sys.version.split()[0], style=style.name))
    probe = probe_soffice(soffice)
    click.echo(probe.sentence())
    problems += 0 if probe.works else 1
    plan = font_plan(style)
    if not plan.fc_list:
        click.echo(_("fonts: the installed fonts cannot be listed here (no fontconfig, no known font folder), so "
                     "they were not checked; LibreOffice will choose its own replacements"))
    else:
        how = (_("fontconfig, for the LibreOffice that govfmt starts") if plan.method == "fontconfig"
               else _("the font replacement table of govfmt's private LibreOffice profile"))
        click.echo(_("fonts (official name → font used in PDFs, mapped through {how}):").format(how=how))
        for choice in plan.choices:
            if choice.used is None:
                problems += 1
                advice = PACKAGES.get(choice.role)
                state = _(STATES["missing"]) + ("; " + _("install {package}").format(package=advice) if advice else "")
            else:
                state = _(STATES["substitute"] if choice.substitute else STATES["installed"])
            click.echo(f"  {choice.describe()} ({state})")
        if plan.font_dirs:
            click.echo(_("font folders added for PDF output: {folders}").format(folders=", ".join(plan.font_dirs)))
    if drafts:
        problems += _report_coverage(drafts, plan, font_coverage, unprintable)
    if not problems:
        click.echo(_("ready for PDF output"))
    else:
        click.echo(ngettext("{count} problem stands in the way of PDF output",
                            "{count} problems stand in the way of PDF output", problems).format(count=problems))
    ctx.exit(1 if problems else 0)


def _report_coverage(drafts, plan, font_coverage, unprintable) -> int:
    from govfmt.errors import GovfmtError
    from govfmt.read import read_source

    coverage = font_coverage(plan)
    if coverage is None:
        click.echo(_("characters: which characters the fonts have can only be checked where LibreOffice uses "
                     "fontconfig (Linux); `govfmt verify` checks the PDF itself"))
        return 0
    problems = 0
    for draft in drafts:
        try:
            source = read_source(draft)
        except GovfmtError as exc:
            click.echo(f"{exc}")
            problems += 1
            continue
        missing = unprintable(source.text, coverage)
        if not missing:
            click.echo(_("{draft}: every character can be printed").format(draft=draft))
            continue
        problems += 1
        shown = ", ".join(f"{char} (U+{ord(char):04X}, " + _("line {line}").format(line=lines[0]) + ")"
                          for char, lines in list(missing.items())[:SHOWN_PER_DRAFT])
        more = len(missing) - SHOWN_PER_DRAFT
        click.echo(ngettext("{draft}: {count} character no installed font has: {chars}",
                            "{draft}: {count} characters no installed font has: {chars}", len(missing))
                   .format(draft=draft, count=len(missing), chars=shown)
                   + (_(" and {more} more").format(more=more) if more > 0 else ""))
    return problems
