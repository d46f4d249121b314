"""`govfmt check`: lint rules for 公文 drafts, the fixer, configuration, suppressions and reporters.

Public entry points: `lint_source` (Source → diagnostics) and `fix_text` (text → fixed text).
Nothing here imports python-docx, lxml or other heavy libraries: `govfmt check` must start fast.
"""

from govfmt.lint.linter import LintResult, lint_source

__all__ = ["LintResult", "lint_source"]
