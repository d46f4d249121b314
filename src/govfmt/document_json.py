"""The Document as JSON (`govfmt inspect --format json`) and back (`govfmt convert draft.json`).

The contract of DESIGN.md (kind, level, line_start, line_end, text, run_in, heading_text) is kept
as it is; the record adds what a faithful round trip needs: a block's own line breaks (`lines`),
table `cells`, `confidence`, and for the document its header `fields`, `body_start` and the draft's
physical lines (`draft`), against which the text of every block is checked when it is read back.
A script may change kinds, levels and block boundaries; it may not change the text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

from govfmt import __version__, regex_cache
from govfmt.errors import InputError
from govfmt.header import normalise_fields
from govfmt.i18n import _
from govfmt.ingest import split_front_matter, strip_line
from govfmt.model import KINDS, Block, Document, Source
from govfmt.parse.tables import table_cells
from govfmt.parse.directives import is_any_directive as is_directive_line
from govfmt.parse.lines import run_in_split

_WHITESPACE = regex_cache.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]+")


# -- writing --------------------------------------------------------------------------------------

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
    if block.lines:
        record["lines"] = list(block.lines)
    if block.cells:
        record["cells"] = [list(row) for row in block.cells]
    if block.continues:
        record["continues"] = True
    if block.rule_rows:
        record["rule_rows"] = list(block.rule_rows)
    if block.confidence is not None:
        record["confidence"] = round(block.confidence, 3)
    return record


def document_record(document: Document, source: Source | None = None) -> dict:
    record = {
        "govfmt": __version__,
        "source": document.source,
        "encoding": document.encoding,
        "blocks": [block_record(b) for b in document.blocks],
        "body_start": document.body_start,
        "fields": [[key, value] for key, value in document.fields],
    }
    if source is not None:
        record["draft"] = source.physical_lines
    return record


def to_json(document: Document, source: Source | None = None) -> str:
    return json.dumps(document_record(document, source), ensure_ascii=False, indent=2)


# -- reading --------------------------------------------------------------------------------------

def document_from_json(text: str, source_name: str) -> Document:
    """The Document an `inspect --format json` record describes; InputError naming the block if it
    breaks the contract (unknown kind, overlapping lines, text that is not the draft's)."""
    return read_json(text, source_name)[0]


def read_json(text: str, source_name: str) -> tuple[Document, Source | None]:
    """The Document and, when the record carries the draft, the draft as a Source."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(_("is not valid JSON (line {line}, column {column}: {reason}); give the output of "
                           "`govfmt inspect --format json`").format(line=exc.lineno, column=exc.colno, reason=exc.msg), path=source_name) from None
    if not isinstance(record, dict) or not isinstance(record.get("blocks"), list):
        raise InputError(_('is not a govfmt document: it has no "blocks" list; give the output of '
                           "`govfmt inspect --format json`"), path=source_name)
    draft = _draft(record, source_name)
    encoding = record.get("encoding", "utf-8")
    if not isinstance(encoding, str):
        raise InputError(_('"encoding" must be a string such as "utf-8"'), path=source_name)
    body_start, fields = _head(record, draft, source_name)
    blocks = tuple(_block(raw, index, source_name) for index, raw in enumerate(record["blocks"]))
    if not blocks:
        raise InputError(_('has no blocks; "blocks" is empty, so there is nothing to lay out'), path=source_name)
    _check_order(blocks, source_name)
    if draft is not None:
        _check_against_draft(blocks, draft, body_start, source_name)
    document = Document(source=source_name, encoding=encoding, blocks=blocks, fields=fields, body_start=body_start)
    source = None
    if draft is not None:
        source = Source(path=source_name, text="\n".join(draft), encoding=encoding, body_start=body_start)
    return document, source


def read_json_file(path, display_name: str | None = None) -> tuple[Document, Source | None]:
    """A `.json` input, as `govfmt inspect --format json` writes it."""
    from govfmt.read import read_bytes

    name = display_name or str(path)
    return read_json_bytes(read_bytes(path, name), name)


def read_json_bytes(data: bytes, name: str) -> tuple[Document, Source | None]:
    """JSON is UTF-8 (RFC 8259), with or without a byte-order mark."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(_("is not UTF-8 (byte {byte}); JSON input must be UTF-8, as `govfmt inspect --format json` "
                           "writes it").format(byte=exc.start), path=name) from None
    return read_json(text, name)


def looks_like_document_json(data: bytes) -> bool:
    """Bytes without a file name (standard input) that hold a document rather than a draft."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"blocks"' in data


def _draft(record: dict, name: str) -> list[str] | None:
    draft = record.get("draft")
    if draft is None:
        return None
    if not isinstance(draft, list) or not all(isinstance(line, str) for line in draft):
        raise InputError(_('"draft" must be the list of the draft\'s lines, as `govfmt inspect --format json` '
                           "writes it"), path=name)
    return draft


def _head(record: dict, draft: list[str] | None, name: str) -> tuple[int, tuple[tuple[str, str], ...]]:
    if "body_start" in record:
        body_start = record["body_start"]
        if not _is_int(body_start) or body_start < 1:
            raise InputError(_('"body_start" must be the line number where the draft text starts (1 or more)'),
                             path=name)
    elif draft is not None:
        body_start = split_front_matter("\n".join(draft), name)[1]
    else:
        body_start = 1
    if "fields" in record:
        pairs = record["fields"]
        if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2
                                                  and all(isinstance(v, str) for v in p) for p in pairs):
            raise InputError(_('"fields" must be a list of [key, value] pairs of strings'), path=name)
    elif draft is not None:
        pairs = [[key, value] for key, value, _ in split_front_matter("\n".join(draft), name)[0]]
    else:
        pairs = []
    return body_start, normalise_fields([tuple(p) for p in pairs], name)


def _where(index: int, raw: dict) -> str:
    start, end = raw.get("line_start"), raw.get("line_end")
    if _is_int(start) and _is_int(end) and start != end:
        return _("block {number} (lines {start}-{end})").format(number=index + 1, start=start, end=end)
    if _is_int(start):
        return _("block {number} (line {start})").format(number=index + 1, start=start)
    return _("block {number}").format(number=index + 1)


def _refuse(name: str, index: int, raw: dict, what: str) -> InputError:
    return InputError(f"{_where(index, raw)}: {what}", path=name)


def _block(raw, index: int, name: str) -> Block:
    if not isinstance(raw, dict):
        raise InputError(_("block {number} is not an object with kind, line_start, line_end and text")
                         .format(number=index + 1), path=name)
    kind = raw.get("kind")
    if kind not in KINDS:
        known = ", ".join(KINDS)
        raise _refuse(name, index, raw, _("kind {kind!r} is not a block kind; use one of {known}").format(kind=kind, known=known))
    start, end, text = raw.get("line_start"), raw.get("line_end"), raw.get("text")
    if not (_is_int(start) and _is_int(end)) or not 1 <= start <= end:
        raise _refuse(name, index, raw, _("line_start and line_end must be line numbers with line_start <= line_end"))
    if not isinstance(text, str) or not text.strip():
        raise _refuse(name, index, raw, _('"text" must be the block\'s text'))
    lines = _strings(raw.get("lines", []), name, index, raw, "lines")
    cells = raw.get("cells", [])
    if not isinstance(cells, list) or not all(isinstance(row, list) and all(isinstance(c, str) for c in row)
                                             for row in cells):
        raise _refuse(name, index, raw, _('"cells" must be a list of rows, each a list of strings'))
    cells = tuple(tuple(row) for row in cells)
    if kind == "table" and not cells:
        cells = tuple(table_cells(row) for row in (lines or tuple(text.split("\n"))))
    confidence = raw.get("confidence")
    if confidence is not None and (isinstance(confidence, bool) or not isinstance(confidence, (int, float))
                                   or not math.isfinite(confidence) or not 0 <= confidence <= 1):
        raise _refuse(name, index, raw, _('"confidence" must be a number from 0 to 1'))
    for part, label in ((lines, "lines"), (tuple(c for row in cells for c in row), "cells")):
        if part and not _is_subsequence(_squash("".join(part)), _squash(text)):
            raise _refuse(name, index, raw, _('its "{label}" do not hold the text of the block').format(label=label))
    rule_rows = raw.get("rule_rows", [])
    if not isinstance(rule_rows, list) or not all(_is_int(n) and start <= n <= end for n in rule_rows):
        raise _refuse(name, index, raw, _('"rule_rows" must be a list of line numbers inside the block'))
    continues = raw.get("continues", False)
    if not isinstance(continues, bool):
        raise _refuse(name, index, raw, _('"continues" must be true or false'))
    if kind != "heading":
        return Block(kind, start, end, text, lines=lines, cells=cells, confidence=confidence,
                     rule_rows=tuple(rule_rows) if kind == "table" else (), continues=continues and kind == "body")
    level = raw.get("level")
    if not _is_int(level) or not 1 <= level <= 4:
        raise _refuse(name, index, raw, _("a heading needs a level from 1 to 4"))
    run_in = raw.get("run_in")
    heading_text = raw.get("heading_text")
    if run_in is None:  # a block a script turned into a heading: split it as detection would
        split = run_in_split(text)
        run_in, heading_text = split is not None, (text[:split] if split is not None else None)
    if not isinstance(run_in, bool):
        raise _refuse(name, index, raw, _('"run_in" must be true or false'))
    if run_in:
        if heading_text is None:
            split = run_in_split(text)
            heading_text = text[:split] if split is not None else None
        if not isinstance(heading_text, str) or not heading_text or not text.startswith(heading_text) \
                or heading_text == text:
            raise _refuse(name, index, raw, _('a run-in heading needs "heading_text", the start of its text'))
    else:
        heading_text = None
    return Block(kind, start, end, text, lines=lines, level=level, run_in=run_in, heading_text=heading_text,
                 cells=cells, confidence=confidence)


def _strings(value, name: str, index: int, raw: dict, label: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _refuse(name, index, raw, _('"{label}" must be a list of strings').format(label=label))
    return tuple(value)


def _check_order(blocks: Sequence[Block], name: str) -> None:
    """Blocks in source order; no line in two blocks (a directive line may sit inside a block's span)."""
    previous: tuple[int, Block] | None = None
    directive_lines: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind == "directive":
            if block.line_start != block.line_end or block.line_start in directive_lines:
                raise _refuse(name, index, _raw(block), _("a directive is one line of its own"))
            directive_lines.add(block.line_start)
            continue
        if previous is not None:
            before_index, before = previous
            if block.line_start <= before.line_end:
                raise _refuse(name, index, _raw(block), _("its lines overlap block {number} (lines {start}-{end}); a line belongs to one block")
                              .format(number=before_index + 1, start=before.line_start, end=before.line_end))
        previous = (index, block)
    starts = [b.line_start for b in blocks]
    if starts != sorted(starts):
        position = next(i for i in range(1, len(starts)) if starts[i] < starts[i - 1])
        raise _refuse(name, position, _raw(blocks[position]), _("blocks must be in the order of their lines"))


def _check_against_draft(blocks: Sequence[Block], draft: list[str], body_start: int, name: str) -> None:
    """Every block holds exactly the text of its lines; every line of text is in a block."""
    directive_lines = {b.line_start for b in blocks if b.kind == "directive"}
    covered: set[int] = set()
    for index, block in enumerate(blocks):
        if block.line_end > len(draft):
            raise _refuse(name, index, _raw(block), _("the draft has only {count} lines").format(count=len(draft)))
        numbers = [n for n in range(block.line_start, block.line_end + 1) if strip_line(draft[n - 1])
                   and (block.kind == "directive" or n not in directive_lines)]
        if not numbers:
            raise _refuse(name, index, _raw(block), _("its lines of the draft are blank"))
        if block.kind == "directive" and not is_directive_line(draft[block.line_start - 1]):
            raise _refuse(name, index, _raw(block), _("a directive block must be a %% govfmt: line of the draft"))
        if block.kind != "directive" and any(is_directive_line(draft[n - 1]) for n in numbers):
            raise _refuse(name, index, _raw(block), _('a %% govfmt: line is never laid out; give it a block of '
                                                      'kind "directive"'))
        own = _squash("".join(draft[n - 1] for n in numbers))
        text = _squash(block.text)
        if block.line_start < body_start:
            matches = text in own  # a front-matter field: its value without the key
        else:
            matches = text == own
        if not matches:
            raise _refuse(name, index, _raw(block), _("its text is not the text of those lines of the draft; change kinds, levels and block "
                            "boundaries, not the text (edit the draft itself)"))
        covered.update(numbers)
    for number, line in enumerate(draft, 1):
        if strip_line(line) and number not in covered:
            raise InputError(_('line {number} of the draft ({text!r}) is in no block; every line of text belongs to '
                               'one block (kind "web" leaves a line out)').format(number=number,
                                                                                 text=strip_line(line)[:20]),
                             path=name)


def _raw(block: Block) -> dict:
    return {"line_start": block.line_start, "line_end": block.line_end}


def _squash(text: str) -> str:
    return _WHITESPACE.sub("", text)


def _is_subsequence(part: str, whole: str) -> bool:
    chars = iter(whole)
    return all(ch in chars for ch in part)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
