"""Source text to Document: pure functions, no I/O."""

from __future__ import annotations

from dataclasses import replace

from govfmt.errors import InputError
from govfmt.header import canonical_key, normalise_fields
from govfmt.ingest import draft_lines, strip_line
from govfmt.lint.suppress import is_directive_line
from govfmt.model import Block, Document, Source
from govfmt.parse.blocks import assemble
from govfmt.parse.budget import DEFAULT_SECONDS, Budget
from govfmt.parse.confidence import rated
from govfmt.parse.directives import corrected
from govfmt.parse.structure import classify
from govfmt.i18n import _


def parse(source: Source, time_budget: float = DEFAULT_SECONDS) -> Document:
    lines = draft_lines(source)
    if not lines:
        raise InputError(_("has no text (only blank lines and spaces); nothing to convert"), path=source.path)
    # Linter directives (%% govfmt: …) are reported as their own blocks and never laid out.
    # every directive has a %: a draft without one needs no look at its lines
    directive = [is_directive_line(line.text) for line in lines] if "%" in source.text else [False] * len(lines)
    directives = tuple(Block("directive", line.number, line.number, line.text)
                       for line, is_directive in zip(lines, directive) if is_directive)
    budget = Budget(time_budget, source.path)
    text_blocks = assemble(classify([line for line, is_directive in zip(lines, directive) if not is_directive],
                                    budget))
    blocks = tuple(sorted(_front_matter_blocks(source) + directives + text_blocks, key=lambda b: b.line_start))
    fields = normalise_fields(source.front_matter, source.path)
    document = Document(source=source.path, encoding=source.encoding, blocks=blocks, fields=fields,
                        body_start=source.body_start)
    return corrected(rated(document), lines)


def keep_web(document: Document) -> Document:
    """The document with its web-page chrome kept as plain text (`--keep-web`)."""
    blocks = tuple(replace(b, kind="other") if b.kind == "web" else b for b in document.blocks)
    return replace(document, blocks=blocks)


def left_out_lines(document: Document) -> tuple[int, ...]:
    """Physical lines of the draft that are web-page chrome, left out of the DOCX and PDF."""
    return tuple(line for b in document.blocks if b.kind == "web" for line in range(b.line_start, b.line_end + 1))


def table_rule_lines(document: Document) -> tuple[int, ...]:
    """Physical lines of markdown rule rows (`| --- |`): the grid of a table, left out of its cells."""
    return tuple(line for b in document.blocks if b.kind == "table" for line in b.rule_rows)


# The block kind a front-matter field reports as in `inspect` (its value is laid out there).
_FIELD_KINDS = {"copy_number": "copy_number", "classification": "classification", "urgency": "urgency",
                "issuer": "issuer_mark", "issuer_mark": "issuer_mark", "doc_number": "doc_number",
                "order_number": "doc_number", "signer": "signer", "cc": "cc", "moved_addressee": "cc",
                "printed_by": "printed_by", "printed_date": "printed_by"}


def _front_matter_blocks(source: Source) -> tuple[Block, ...]:
    if source.body_start <= 1:
        return ()
    by_line = {line: (key, value) for key, value, line in source.front_matter}
    blocks = []
    for number, raw in enumerate(source.physical_lines[: source.body_start - 1], 1):
        text = strip_line(raw)
        if not text:
            continue
        if number in by_line:
            key, value = by_line[number]
            kind = _FIELD_KINDS.get(canonical_key(key) or "", "other")
            blocks.append(Block(kind, number, number, value))
        else:
            blocks.append(Block("other", number, number, text))
    return tuple(blocks)
