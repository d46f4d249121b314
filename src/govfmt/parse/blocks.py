"""Group labelled lines into blocks: multi-line titles, hard-wrapped paragraphs, lists, tables."""

from __future__ import annotations

from govfmt.model import Block, Line
from govfmt.parse.lines import compact, display_width, ends_with_terminal, run_in_split
from govfmt.parse.structure import Labeled

# Kinds whose consecutive lines form one block, keeping the author's line breaks.
_GROUPED = {"title", "signature", "attachment_note", "addressee", "table"}
INDENT_WIDTH = 4  # two full-width spaces
# Kinds that can be continued by a hard-wrapped body line.
_WRAPPABLE = {"body", "heading", "addressee", "note", "cc"}


def assemble(labeled: list[Labeled]) -> tuple[Block, ...]:
    wrap = _wrap_width([item.line for item in labeled])
    groups: list[list[Labeled]] = []
    for item in labeled:
        if groups and _joins(groups[-1], item, wrap):
            groups[-1].append(item)
        else:
            groups.append([item])
    return tuple(_block(group) for group in groups)


def _joins(group: list[Labeled], item: Labeled, wrap: int | None) -> bool:
    head, last = group[0], group[-1]
    if item.section != head.section:
        return False
    if item.kind == head.kind and head.kind in _GROUPED:
        if head.kind == "title":
            return True  # title lines may be separated by blank lines
        return item.line.number == last.line.number + 1 or head.kind in ("signature", "table")
    if item.kind != "body" or head.kind not in _WRAPPABLE:
        return False
    if item.line.number != last.line.number + 1 or item.line.indented or wrap is None:
        return False
    return _line_width(last.line) >= wrap - _slack(wrap) and not ends_with_terminal(last.line.text)


def _line_width(line: Line) -> int:
    # Indentation was stripped; a paragraph's first line was indented by about two characters.
    return display_width(line.text) + (INDENT_WIDTH if line.indented else 0)


def _slack(wrap: int) -> int:
    # Lines wrapped by character count come out narrower when they hold digits or Latin letters.
    return max(4, wrap // 8)


def _wrap_width(lines: list[Line]) -> int | None:
    """The width at which a hard-wrapped draft was wrapped, or None if it was not.

    A draft is hard-wrapped when many of its longer lines end close to one common width; a single
    overlong line (a URL, a table row) does not hide that width.
    """
    widths = sorted((w for w in map(_line_width, lines) if w >= 30), reverse=True)
    if len(widths) < 3:
        return None
    for top in dict.fromkeys(widths[: max(3, len(widths) // 10)]):
        near = sum(1 for w in widths if top - _slack(top) <= w <= top)
        if near >= 3 and near >= 0.4 * sum(1 for w in widths if w >= top / 2):
            return top
    return None


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalnum():
            out += " "
        out += part
    return out


def _block(group: list[Labeled]) -> Block:
    head = group[0]
    start, end = head.line.number, group[-1].line.number
    texts = [item.line.text for item in group]
    kind = head.kind
    if kind == "title":
        lines = tuple(compact(t) for t in texts)
        return Block(kind, start, end, "".join(lines), lines=lines)
    if kind in ("signature", "attachment_note"):
        return Block(kind, start, end, "\n".join(texts), lines=tuple(texts))
    if kind == "table":
        rows = tuple(_cells(t) for t in texts)
        return Block(kind, start, end, "\n".join(texts), lines=tuple(texts), cells=rows)
    text = _join(texts)
    if kind == "heading":
        split = run_in_split(text)
        if split is not None:
            return Block(kind, start, end, text, level=head.level, run_in=True, heading_text=text[:split])
        return Block(kind, start, end, text, level=head.level)
    return Block(kind, start, end, text, lines=tuple(texts) if len(texts) > 1 else ())


def _cells(text: str) -> tuple[str, ...]:
    if "\t" in text:
        return tuple(cell.strip() for cell in text.split("\t"))
    stripped = text.strip().strip("|")
    return tuple(cell.strip() for cell in stripped.split("|"))
