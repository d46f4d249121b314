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
    return read_document_and_source(path, encoding, display_name)[0]


def read_document_and_source(path: str | Path, encoding: str | None = None,
                             display_name: str | None = None) -> tuple[Document, Source | None]:
    """The Document, and the draft it was parsed from (None for a JSON document that does not carry it)."""
    if Path(path).suffix.lower() == ".json":  # a Document written by `govfmt inspect --format json`
        from govfmt.document_json import read_json_file

        return read_json_file(path, display_name)
    source = read_text_source(path, encoding, display_name)
    return parse(source), source
