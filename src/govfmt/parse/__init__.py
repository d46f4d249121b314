"""Source text to Document: pure functions, no I/O."""

from __future__ import annotations

from govfmt.ingest import draft_lines
from govfmt.model import Document, Source
from govfmt.parse.blocks import assemble
from govfmt.parse.structure import classify


def parse(source: Source) -> Document:
    lines = draft_lines(source)
    blocks = assemble(classify(lines))
    fields = tuple((key, value) for key, value, _ in source.front_matter)
    return Document(source=source.path, encoding=source.encoding, blocks=blocks, fields=fields)
