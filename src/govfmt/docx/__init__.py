"""DOCX output: `write_docx(document, style, path)`."""

from govfmt.docx.writer import write_docx

__all__ = ["write_docx"]
