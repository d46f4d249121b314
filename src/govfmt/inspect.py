"""`govfmt inspect`: the detected structure as text or as the JSON contract."""

from __future__ import annotations

import json

from govfmt import __version__
from govfmt.model import Block, Document


def block_record(block: Block) -> dict:
    record: dict = {"kind": block.kind}
    if block.kind == "heading":
        record["level"] = block.level
    record["line_start"] = block.line_start
    record["line_end"] = block.line_end
    record["text"] = block.text
    if block.kind == "heading":
        record["run_in"] = block.run_in
        if block.run_in:
            record["heading_text"] = block.heading_text
    return record


def to_json(document: Document) -> str:
    payload = {
        "govfmt": __version__,
        "source": document.source,
        "encoding": document.encoding,
        "blocks": [block_record(b) for b in document.blocks],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def to_text(document: Document, width: int = 60) -> str:
    rows = []
    for block in document.blocks:
        kind = f"h{block.level}" if block.kind == "heading" else block.kind
        if block.run_in:
            kind += "+"
        span = f"{block.line_start}" if block.line_start == block.line_end else f"{block.line_start}-{block.line_end}"
        text = block.text.replace("\n", " / ")
        if len(text) > width:
            text = text[: width - 1] + "…"
        rows.append(f"{span:>9}  {kind:<16} {text}")
    return "\n".join(rows)
