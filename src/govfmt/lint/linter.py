"""Lint one draft: parse it like the converter does, run the selected rules, apply suppressions."""

from __future__ import annotations

from dataclasses import dataclass, replace

from govfmt.lint.config import Settings
from govfmt.lint.context import LintContext
from govfmt.lint.diagnostic import Diagnostic, Finding
from govfmt.lint.files import MARKDOWN_SUFFIXES
from govfmt.lint.registry import Rule, all_rules
from govfmt.lint.suppress import directive_lines, meta_diagnostics, parse_suppressions
from govfmt.ingest import draft_lines
from govfmt.model import Document, Source
from govfmt.parse import parse
from govfmt.parse.directives import corrected


@dataclass(frozen=True)
class LintResult:
    source: Source
    document: Document
    diagnostics: tuple[Diagnostic, ...]


def masked_source(source: Source, lines: list[str] | None = None) -> Source:
    """The source with suppression comments blanked, as the converter sees it; line numbers unchanged.
    `lines`: its physical lines, when the caller has them already."""
    lines = source.physical_lines if lines is None else lines
    hidden = directive_lines(lines)
    if not hidden:
        return source
    return replace(source, text="\n".join("" if n in hidden else text for n, text in enumerate(lines, 1)))


def prepare() -> None:
    """Import every rule and compile its patterns (a process that forks workers does it once for all)."""
    from govfmt.lint.chars import compile_lazy_patterns
    from govfmt.lint.rules.script import load_converter

    all_rules()
    compile_lazy_patterns()
    load_converter()


def lint_source(source: Source, settings: Settings | None = None, path: str | None = None) -> LintResult:
    settings = settings or Settings()
    path = path or source.path
    physical = source.physical_lines  # split once: the masking, the context and the suppressions read them
    # every govfmt comment has a %: a draft without one has no line to mask or to read as a suppression
    commented = "%" in source.text
    visible = masked_source(source, physical) if commented else source
    syntax = _markdown_syntax(visible, path)
    if syntax is not None and syntax.prefixes:  # `## 一、总体要求` is the heading 一、总体要求, as the converter reads it
        visible = replace(visible, text="\n".join(syntax.stripped(visible.physical_lines)))
    # the kinds `%% govfmt: 标题` lines set apply here too; unknown ones are reported, not raised
    document = corrected(parse(visible), draft_lines(source), strict=False)
    context = LintContext(visible, document, physical if visible is source else None)
    enabled = settings.enabled_codes(path)
    raw: list[tuple[Rule, Finding]] = []
    for rule in all_rules():
        # a rule that is not selected runs only when its findings may hide a selected rule's (shadows)
        if rule.check is not None and (rule.code in enabled or not enabled.isdisjoint(rule.shadows)):
            raw.extend((rule, finding) for finding in rule.check(context))
    kept = [(rule, finding) for rule, finding in _drop_shadowed(raw) if rule.code in enabled]
    if syntax is not None and syntax.spans:
        kept = [(rule, _moved(finding, syntax.prefixes.get(finding.line, 0))) for rule, finding in kept]
        kept = [(rule, finding) for rule, finding in kept
                if not syntax.touches(finding.line, finding.start, finding.end)]
    diagnostics = [_diagnostic(path, rule, finding, settings) for rule, finding in kept]
    suppressions = parse_suppressions(physical if commented else [])
    diagnostics = [d for d in diagnostics if not suppressions.covers(d)]
    diagnostics.extend(d for d in meta_diagnostics(path, suppressions, enabled) if not _silenced_meta(d, settings))
    diagnostics.sort(key=lambda d: (d.line, d.column, d.code))
    return LintResult(source, document, tuple(_unique(diagnostics)))


def _markdown_syntax(source: Source, path: str | None):
    """Where a Markdown draft's syntax is; None for any other draft (which never loads its patterns)."""
    if not path or not path.lower().endswith(MARKDOWN_SUFFIXES):
        return None
    from govfmt.lint.markdown import syntax_of

    return syntax_of(source.physical_lines, source.body_start)


def _moved(finding: Finding, width: int) -> Finding:
    return replace(finding, start=finding.start + width, end=finding.end + width) if width else finding


def _silenced_meta(diagnostic: Diagnostic, settings: Settings) -> bool:
    return settings.severity_of(diagnostic.code, diagnostic.severity) == "off"


def _drop_shadowed(raw: list[tuple[Rule, Finding]]) -> list[tuple[Rule, Finding]]:
    """Drop a generic rule's finding where a more specific rule reports the same characters."""
    shadowing: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for rule, finding in raw:
        for code in rule.shadows:
            shadowing.setdefault((code, finding.line), []).append(_span(finding))
    if not shadowing:
        return raw
    out = []
    for rule, finding in raw:
        spans = shadowing.get((rule.code, finding.line), ())
        start, end = _span(finding)
        if not any(start < other_end and other_start < end for other_start, other_end in spans):
            out.append((rule, finding))
    return out


def _span(finding: Finding) -> tuple[int, int]:
    return finding.start, max(finding.end, finding.start + 1)


def _diagnostic(path: str, rule: Rule, finding: Finding, settings: Settings) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=finding.line,
        column=finding.start + 1,
        end_line=finding.line,
        end_column=finding.end + 1,
        code=rule.code,
        name=rule.name,
        severity=settings.severity_of(rule.code, rule.severity),
        message=finding.message,
        fix=finding.fix,
    )


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen = set()
    out = []
    for diagnostic in diagnostics:
        key = (diagnostic.line, diagnostic.column, diagnostic.end_column, diagnostic.code)
        if key not in seen:
            seen.add(key)
            out.append(diagnostic)
    return out
