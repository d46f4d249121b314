"""Suppression comments: whole lines that silence named rules and never reach the DOCX or PDF.

Syntax (one directive a line; the line may be indented):

    %% govfmt: ignore[P101]             the next non-blank line
    %% govfmt: disable[P107,S103]       from here ...
    %% govfmt: enable[P107,S103]        ... to here (or to the end of the file)
    %% govfmt: ignore-file[N103]        the whole file (ignore-file[ALL] silences every rule)

Rules are named by code, code prefix (P1) or kebab name. A suppression that silences nothing is
reported as G901, one that names no known rule or cannot be read as G902.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from govfmt import regex_cache
from govfmt.lint.diagnostic import WARNING, Diagnostic
from govfmt.lint.registry import resolve

_DIRECTIVE_START = regex_cache.compile(r"^[ \t\u3000\ufeff]*%%[ \t\u3000]*govfmt\b", re.IGNORECASE)
_DIRECTIVE = regex_cache.compile(
    r"^[ \t\u3000\ufeff]*%%[ \t\u3000]*govfmt[ \t]*:[ \t]*(?P<action>ignore-file|ignore|disable|enable)"
    r"[ \t]*\[(?P<selectors>[^\]]*)\][ \t\u3000]*$",
    re.IGNORECASE,
)

UNUSED_CODE, UNUSED_NAME = "G901", "unused-suppression"
INVALID_CODE, INVALID_NAME = "G902", "invalid-suppression"


def is_directive_line(text: str) -> bool:
    """True for a govfmt comment line (`%% govfmt: …`), which the converter must drop from the output."""
    return "%" in text and _DIRECTIVE_START.match(text) is not None  # a one-character find first: cheap


@dataclass
class Directive:
    """One suppression comment: what it does, the rules it names, the lines it covers."""

    line: int
    action: str
    selectors: tuple[str, ...]
    codes: dict[str, list[str]]  # selector -> the codes it names
    first: int = 0  # lines covered, inclusive
    last: int = 0
    used: set[str] = field(default_factory=set)  # selectors that silenced something


@dataclass
class Suppressions:
    """A draft's suppression comments, and what is wrong with any of them."""

    directives: list[Directive]
    problems: list[tuple[int, str]]  # (line, message) for G902

    def covers(self, diagnostic: Diagnostic) -> bool:
        hit = False
        for directive in self.directives:
            if not (directive.first <= diagnostic.line <= directive.last):
                continue
            for selector, codes in directive.codes.items():
                if diagnostic.code in codes:
                    directive.used.add(selector)
                    hit = True
        return hit


def directive_lines(lines: list[str]) -> set[int]:
    return {number for number, text in enumerate(lines, 1) if is_directive_line(text)}


def parse_suppressions(lines: list[str]) -> Suppressions:
    """Read every directive of a file and work out which lines each one covers."""
    directives: list[Directive] = []
    problems: list[tuple[int, str]] = []
    open_ranges: dict[str, Directive] = {}
    total = len(lines)
    for number, text in enumerate(lines, 1):
        if not is_directive_line(text):
            continue
        match = _DIRECTIVE.match(text)
        if not match and _is_correction(text):
            continue  # `%% govfmt: 标题` sets a block's kind (govfmt.parse.directives), silences nothing
        if not match:
            problems.append((number, "cannot read this govfmt comment; write e.g. %% govfmt: ignore[P101]"))
            continue
        action = match.group("action").lower()
        selectors = tuple(s.strip() for s in match.group("selectors").split(",") if s.strip())
        if not selectors:
            problems.append((number, f"{action}[] names no rule; name the codes, e.g. {action}[P101]"))
            continue
        codes: dict[str, list[str]] = {}
        for selector in selectors:
            named = resolve(selector)
            if selector.upper() == "ALL" and action != "ignore-file":
                problems.append((number, "ALL is only allowed in ignore-file[ALL]; name the codes"))
            elif not named:
                problems.append((number, f"{selector!r} is not a govfmt rule code or name"))
            else:
                codes[selector] = named
        if action == "enable":
            for selector in selectors:
                started = open_ranges.pop(selector.upper(), None)
                if started is None:
                    problems.append((number, f"enable[{selector}] without an earlier disable[{selector}]"))
                else:
                    started.last = number
            continue
        if not codes:
            continue
        directive = Directive(number, action, selectors, codes)
        if action == "ignore":
            target = _next_text_line(lines, number)
            directive.first = directive.last = target if target else number
        elif action == "ignore-file":
            directive.first, directive.last = 1, total
        else:
            directive.first, directive.last = number, total
            for selector in codes:
                open_ranges[selector.upper()] = directive
        directives.append(directive)
    return Suppressions(directives, problems)


def _is_correction(text: str) -> bool:
    from govfmt.parse.directives import is_kind_directive  # govfmt.parse imports this module

    return is_kind_directive(text)


def _next_text_line(lines: list[str], after: int) -> int | None:
    for number in range(after + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip(" \t\u3000") and not is_directive_line(text):
            return number
    return None


def meta_diagnostics(path: str, suppressions: Suppressions, enabled: Iterable[str]) -> list[Diagnostic]:
    """G901 for selectors that silenced nothing (among enabled rules), G902 for unreadable directives."""
    enabled = set(enabled)
    out = []
    if INVALID_CODE in enabled:
        for line, message in suppressions.problems:
            out.append(Diagnostic(path, line, 1, line, 1, INVALID_CODE, INVALID_NAME, WARNING, message))
    if UNUSED_CODE in enabled:
        for directive in suppressions.directives:
            for selector, codes in directive.codes.items():
                if selector not in directive.used and enabled.intersection(codes):
                    out.append(Diagnostic(path, directive.line, 1, directive.line, 1, UNUSED_CODE, UNUSED_NAME,
                                          WARNING, f"{directive.action}[{selector}] silences nothing; remove it"))
    return out
