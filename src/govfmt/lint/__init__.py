"""`govfmt check`: lint rules for 公文 drafts, the fixer, configuration, suppressions and reporters.

Public entry point: `lint_source` (Source → diagnostics). It is loaded on first use, so that the parser
can import `govfmt.lint.suppress.is_directive_line` without an import cycle. Nothing here imports
python-docx, lxml or other heavy libraries: `govfmt check` must start fast.
"""

__all__ = ["LintResult", "lint_source"]


def __getattr__(name: str):
    if name in __all__:
        from govfmt.lint import linter

        return getattr(linter, name)
    raise AttributeError(f"module 'govfmt.lint' has no attribute {name!r}")
