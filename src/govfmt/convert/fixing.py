"""`convert --fix`: the draft's text with the safe fixes of `govfmt check --fix` applied, laid out instead of
the text as typed. The draft file itself is never changed; the rules and their settings are those `check`
uses for the same file (the nearest pyproject.toml or govfmt.toml)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from govfmt.model import Source


def fixed_source(source: Source, path: str) -> tuple[Source, tuple[tuple[str, int], ...]]:
    """The source with every safe fix applied until none is left, and how many of each rule's were made."""
    from govfmt.lint.config import ConfigResolver
    from govfmt.lint.fixer import fix_text
    from govfmt.lint.linter import lint_source

    settings = ConfigResolver().for_path(path)
    outcome = fix_text(source.text, lambda text: list(lint_source(replace(source, text=text), settings,
                                                                  path=path).diagnostics))
    if not outcome.applied:
        return source, ()
    counts = Counter(code for code, _name in outcome.codes)
    return replace(source, text=outcome.text), tuple(sorted(counts.items()))
