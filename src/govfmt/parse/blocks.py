"""Group labelled lines into blocks: multi-line titles, hard-wrapped paragraphs, lists, tables."""

from __future__ import annotations

from dataclasses import dataclass

from govfmt.model import Block, Line
from govfmt.parse import patterns as p
from govfmt.parse.lines import compact, display_width, ends_with_terminal, run_in_split
from govfmt.parse.structure import Labeled

# Kinds whose consecutive lines form one block, keeping the author's line breaks.
_GROUPED = {"title", "signature", "attachment_note", "addressee", "table"}
_CONTINUED_TAIL = {"cc", "note"}  # a 抄送 list or 附注 wrapped onto the next line
INDENT_WIDTH = 4  # two full-width spaces
INDENTED_SHARE = 0.2
WRAP_SLACK = 6
MIN_WRAP_WIDTH = 30  # narrower lines are headings, names and dates, never wrapped text
WRAPPED_SHARE = 0.5  # of the longer lines, how many must end near the wrap width
# Kinds that can be continued by a hard-wrapped body line.
_WRAPPABLE = {"body", "heading", "addressee", "note", "cc"}


@dataclass(frozen=True)
class _Wrapping:
    width: int | None  # the width the draft was hard-wrapped at, None if it was not
    indents_paragraphs: bool  # the author indented the first line of each paragraph


def assemble(labeled: list[Labeled]) -> tuple[Block, ...]:
    lines = [item.line for item in labeled]
    wrapping = _Wrapping(_wrap_width(lines), _indents_paragraphs(labeled))
    groups: list[list[Labeled]] = []
    for item in labeled:
        if groups and _joins(groups[-1], item, wrapping):
            groups[-1].append(item)
        else:
            groups.append([item])
    return tuple(_block(group) for group in groups)


def _joins(group: list[Labeled], item: Labeled, wrapping: _Wrapping) -> bool:
    head, last = group[0], group[-1]
    if item.section != head.section:
        return False
    adjacent = item.line.number == last.line.number + 1
    if item.kind == head.kind and head.kind in _GROUPED:
        if head.kind == "title":
            return True  # title lines may be separated by blank lines
        return adjacent or head.kind in ("signature", "table")
    if item.kind == head.kind == "cc":
        near = item.line.number - last.line.number <= 2
        return near and not ends_with_terminal(last.line.text) and not p.CC.match(compact(item.line.text))
    if item.kind == head.kind and head.kind in _CONTINUED_TAIL:
        return adjacent and not ends_with_terminal(last.line.text) and not last.line.text.endswith(("）", ")"))
    if item.kind != "body" or head.kind not in _WRAPPABLE:
        return False
    if not adjacent or item.line.indented or wrapping.width is None:
        return False
    if _line_width(last.line) < wrapping.width - _slack(wrapping.width):
        return False
    # A full line ending a sentence ends the paragraph only when paragraphs are marked by indentation;
    # otherwise the sentence most likely goes on (a paragraph has several sentences, one end).
    return not ends_with_terminal(last.line.text) or not wrapping.indents_paragraphs


def _indents_paragraphs(labeled: list[Labeled]) -> bool:
    paragraphs = [item for item in labeled if item.kind in ("body", "heading")]
    indented = sum(1 for item in paragraphs if item.line.indented)
    return bool(paragraphs) and indented >= INDENTED_SHARE * len(paragraphs)


def _line_width(line: Line) -> int:
    # Indentation was stripped; a paragraph's first line was indented by about two characters.
    return display_width(line.text) + (INDENT_WIDTH if line.indented else 0)


def _slack(wrap: int) -> int:
    # Wrapping never breaks before a closing mark such as ，。” so a line may end one character short
    # or long; a Latin word kept whole costs a few more cells.
    return WRAP_SLACK


def _wrap_width(lines: list[Line]) -> int | None:
    """The width at which a hard-wrapped draft was wrapped, or None if it was not.

    A draft is hard-wrapped when most of its longer lines end close to one common width and hardly
    any line is wider; a stray overlong line (a URL, a table row) does not hide that width.
    """
    widths = sorted((w for w in map(_line_width, lines) if w >= MIN_WRAP_WIDTH), reverse=True)
    allowed_wider = max(1, len(widths) // 20)
    for wider, top in enumerate(widths[: allowed_wider + 1]):
        if wider and top == widths[wider - 1]:
            continue
        near = sum(1 for w in widths if top - _slack(top) <= w <= top)
        if near >= 3 and near >= WRAPPED_SHARE * sum(1 for w in widths if w >= top / 2):
            return top
    return None


def join_wrapped(parts) -> str:
    """Hard-wrapped lines as one paragraph: a space only between two Latin letters or digits."""
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
        rows = tuple(table_cells(t) for t in texts)
        return Block(kind, start, end, "\n".join(texts), lines=tuple(texts), cells=rows)
    text = join_wrapped(texts)
    if kind == "heading":
        split = run_in_split(text)
        if split is not None:
            return Block(kind, start, end, text, level=head.level, run_in=True, heading_text=text[:split])
        return Block(kind, start, end, text, level=head.level)
    return Block(kind, start, end, text, lines=tuple(texts) if len(texts) > 1 else ())


def table_cells(text: str) -> tuple[str, ...]:
    if "\t" in text:
        return tuple(cell.strip() for cell in text.split("\t"))
    stripped = text.strip().strip("|")
    return tuple(cell.strip() for cell in stripped.split("|"))
