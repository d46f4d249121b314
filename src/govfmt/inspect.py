"""`govfmt inspect`: the detected structure as text or as the JSON contract."""

from __future__ import annotations

from govfmt.document_json import block_record, to_json  # noqa: F401  (the JSON view lives there)
from govfmt.model import Document

# Below this confidence a block's kind is a guess worth a look (marked `?` in the text view).
UNSURE_BELOW = 0.7
UNSURE_MARK = "?"
CORRECTED_MARK = "*"  # the kind was set by a `%% govfmt: …` line
CONTINUES_MARK = "…"  # the text goes on with the paragraph above (broken by a page number, a link)


def to_text(document: Document, width: int = 60) -> str:
    corrected = [c.target for c in document.corrections if c.status == "applied"]
    rows = []
    for block in document.blocks:
        kind = f"h{block.level}" if block.kind == "heading" else block.kind
        if block.run_in:
            kind += "+"
        if block.kind != "directive" and any(block.line_start <= t <= block.line_end for t in corrected):
            kind += CORRECTED_MARK
        elif block.confidence is not None and block.confidence < UNSURE_BELOW:
            kind += UNSURE_MARK
        span = f"{block.line_start}" if block.line_start == block.line_end else f"{block.line_start}-{block.line_end}"
        text = block.text.replace("\n", " / ")
        if block.continues:
            text = CONTINUES_MARK + text
        if len(text) > width:
            text = text[: width - 1] + "…"
        rows.append(f"{span:>9}  {kind:<16} {text}")
    return "\n".join(rows)
