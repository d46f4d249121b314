"""`govfmt rules`: the lint rules, each with what it checks, why (the clause), and examples."""

from __future__ import annotations

import click
from govfmt.i18n import _


@click.command("rules")
@click.argument("selectors", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(selectors: tuple[str, ...], fmt: str) -> None:
    """List every lint rule, or explain the rules named by code, prefix or name (govfmt rules P101)."""
    from govfmt.commands.check import _tolerant_output
    from govfmt.lint.registry import RULES, all_rules, resolve

    _tolerant_output()
    if selectors:
        codes: list[str] = []
        for selector in selectors:
            found = resolve(selector)
            if not found:
                raise click.UsageError(_("no rule {selector!r}; `govfmt rules` lists them").format(selector=selector))
            codes.extend(code for code in found if code not in codes)
        chosen = [RULES[code] for code in codes]
    else:
        chosen = all_rules()
    if fmt == "json":
        import json

        records = [{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity, "fix": r.fix,
                    "summary": r.summary, "why": r.why, "bad": r.bad, "good": r.good} for r in chosen]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif selectors:
        click.echo("\n\n".join(_explain(r) for r in chosen))
    else:
        click.echo(_table(chosen))


def _table(rules) -> str:
    width = max(len(r.name) for r in rules)
    lines = []
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            lines.append(("" if not lines else "\n") + f"{r.code[0]}: {family}")
        fix = {"safe": "fix", "unsafe": "fix*", "none": ""}[r.fix]
        lines.append(f"  {r.code}  {r.name:<{width}}  {r.severity:<7}  {fix:<4}  {r.summary}")
    lines.append("\nfix = fixed by --fix; fix* = only with --unsafe-fixes. `govfmt rules CODE` explains a rule.")
    lines.append("Silence a rule for one line with a comment line above it: %% govfmt: ignore[CODE]")
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.split("\n"))


def _explain(r) -> str:
    fix = {"safe": "safe (applied by --fix)", "unsafe": "unsafe (applied only with --unsafe-fixes)",
           "none": "none (fix by hand)"}[r.fix]
    return "\n".join([
        f"{r.code} {r.name} ({r.severity}, {r.family})",
        "",
        f"What it checks: {r.summary}",
        f"Why: {r.why}",
        "",
        "Bad:",
        _indent(r.bad),
        "Good:",
        _indent(r.good),
        "",
        f"Fix: {fix}",
        f"Silence: a line `%% govfmt: ignore[{r.code}]` above the text, or ignore = [\"{r.code}\"] in [tool.govfmt].",
    ])
