"""Any supported input file to a parsed Document (the I/O edge of the pipeline)."""

from __future__ import annotations

from pathlib import Path

from govfmt.ingest import read_source
from govfmt.model import Document, Source
from govfmt.parse import parse


def read_text_source(path: str | Path, encoding: str | None = None) -> Source:
    return read_source(path, encoding=encoding)


def read_document(path: str | Path, encoding: str | None = None) -> Document:
    return parse(read_text_source(path, encoding))
