"""DOCX output: `write_plan(plan, style, path)`; `write_docx(document, style, path)` lays out first."""

from govfmt.docx.writer import write_docx, write_plan

__all__ = ["write_docx", "write_plan"]
