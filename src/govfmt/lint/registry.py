"""The rule catalogue: one record per rule, filled by the rule modules, looked up by code, prefix or name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govfmt import regex_cache
from govfmt.lint.diagnostic import ERROR, SEVERITIES

if TYPE_CHECKING:
    from govfmt.lint.context import LintContext
    from govfmt.lint.diagnostic import Finding

CODE_PATTERN = regex_cache.compile(r"^[A-Z]\d{3}$")
FAMILIES = {
    "H": "heading hierarchy",
    "P": "punctuation",
    "N": "numbers and dates",
    "E": "document elements",
    "S": "spacing",
    "C": "characters and script",
    "G": "govfmt comments (suppressions and corrections)",
}
# Old names keep working in configurations and suppressions (codes are forever; names may be renamed).
NAME_REDIRECTS = {"heading-number-not-restarted": "H108"}


@dataclass(frozen=True)
class Rule:
    """One lint rule: code, name, severity, its explanation and the check function."""

    code: str
    name: str
    severity: str
    summary: str  # what it checks, one sentence
    why: str  # the reason, with the clause it comes from
    bad: str
    good: str
    fix: str  # "safe", "unsafe" or "none"
    # None for rules the linter reports itself (the G9xx suppression checks)
    check: Callable[[LintContext], Iterable[Finding]] | None = field(compare=False, repr=False)
    shadows: tuple[str, ...] = ()  # generic rules whose findings on the same characters this one replaces

    @property
    def family(self) -> str:
        return FAMILIES[self.code[0]]


RULES: dict[str, Rule] = {}


def rule(*, code: str, name: str, severity: str = ERROR, summary: str, why: str, bad: str, good: str,
         fix: str = "none", shadows: tuple[str, ...] = ()) -> Callable:
    """Register the decorated check function as a rule."""
    if not CODE_PATTERN.match(code) or code[0] not in FAMILIES:
        raise ValueError(f"bad rule code {code!r}")
    if severity not in SEVERITIES or fix not in ("safe", "unsafe", "none"):
        raise ValueError(f"bad severity or fix kind for {code}")

    def register(check: Callable | None) -> Callable | None:
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        RULES[code] = Rule(code, name, severity, summary, why, bad, good, fix, check, shadows)
        _ORDERED.clear()
        return check

    return register


_ORDERED: list[Rule] = []  # RULES in code order, worked out once (every file's check asks); a registration empties it


def all_rules() -> list[Rule]:
    """Every rule, in code order (imports the rule modules on first use)."""
    if not _ORDERED or len(_ORDERED) != len(RULES):
        from govfmt.lint import rules  # noqa: F401  (registers the rules)

        _ORDERED[:] = [RULES[code] for code in sorted(RULES)]
    return list(_ORDERED)


def by_name() -> dict[str, Rule]:
    return {r.name: r for r in all_rules()}


def resolve(selector: str) -> list[str]:
    """Codes a selector means: ALL, a code, a code prefix (P, P1, P10) or a kebab name. [] if none."""
    selector = selector.strip()
    rules = all_rules()
    if selector.upper() == "ALL":
        return [r.code for r in rules]
    upper = selector.upper()
    if re.fullmatch(r"[A-Z]\d{0,3}", upper):
        return [r.code for r in rules if r.code.startswith(upper)]
    named = by_name().get(selector.lower())
    if named is None and selector.lower() in NAME_REDIRECTS:
        return [NAME_REDIRECTS[selector.lower()]]
    return [named.code] if named else []


def split_selectors(values: Iterable[str]) -> list[str]:
    """Flatten `--select P1,S101 --select H` into ['P1', 'S101', 'H']."""
    out = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out
