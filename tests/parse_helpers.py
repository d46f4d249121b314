"""Parse a draft given as text, for the focused structure tests."""

from __future__ import annotations

from govfmt.ingest import decode
from govfmt.model import Block
from govfmt.parse import parse


def blocks(text: str) -> list[Block]:
    return list(parse(decode(text.encode("utf-8"), "draft.txt")).blocks)


def kinds(text: str) -> list[str]:
    return [f"h{b.level}" if b.kind == "heading" else b.kind for b in blocks(text)]


def kind_of(text: str, line: int) -> str:
    for block in blocks(text):
        if block.line_start <= line <= block.line_end:
            return f"h{block.level}" if block.kind == "heading" else block.kind
    raise AssertionError(f"line {line} is in no block")
