"""Any supported input file to a parsed Document (the I/O edge of the pipeline)."""

from __future__ import annotations

from pathlib import Path

from govfmt.model import Document, Source
from govfmt.parse import parse
from govfmt.read import read_source


def read_text_source(path: str | Path, encoding: str | None = None, display_name: str | None = None) -> Source:
    """A draft in any supported format (plain text, .docx, .doc, .wps, .rtf, .md, .html, .odt) as a `Source`."""
    return read_source(path, encoding=encoding, display_name=display_name)


def read_document(path: str | Path, encoding: str | None = None, display_name: str | None = None) -> Document:
    return parse(read_text_source(path, encoding, display_name))
