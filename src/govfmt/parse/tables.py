"""Rows of a table typed in a draft: tab-separated cells, or markdown pipes with their rule rows."""

from __future__ import annotations

from collections.abc import Sequence

from govfmt import regex_cache
from govfmt.model import Block, Line
from govfmt.parse.lines import is_organ_name
from govfmt.parse import build

# A cell of a markdown delimiter row: dashes with optional colons for alignment (`---`, `:--:`); typed
# with a Chinese input method the dashes may be full-width or em dashes.
_RULE_CELL = regex_cache.compile(r"^[:：]?[-－—―─]{3,}[:：]?$")
_SHORT_RULE_CELL = regex_cache.compile(r"^[:：]?[-－—―─]{1,}[:：]?$")


# Columns lined up with spaces, as a table copied from a web page or a PDF arrives: two spaces or more
# (or a full-width one beside another space) between cells.
_SPACE_GAP = regex_cache.compile(r"[ \u3000]{2,}")
MIN_SPACE_COLUMNS = 3  # two cells a gap apart are a label and its value (市长　王某), not a table


def table_cells(text: str) -> tuple[str, ...]:
    if "\t" in text:
        return tuple(cell.strip() for cell in text.split("\t"))
    stripped = text.strip()
    if not stripped.startswith("|"):
        return tuple(cell for cell in _SPACE_GAP.split(stripped) if cell)
    return tuple(cell.strip() for cell in stripped.strip("|").split("|"))


def space_columns(text: str) -> int:
    """How many cells a line of columns lined up with spaces has (0: it is no such line). Letter-spaced
    words (国  家  粮  食) and a label with its names (出席：王某  李某  张某) are not columns."""
    stripped = text.strip()
    if "\t" in stripped or stripped.startswith("|") or not _SPACE_GAP.search(stripped):
        return 0
    cells = [cell for cell in _SPACE_GAP.split(stripped) if cell]
    if all(is_organ_name(cell) for cell in cells):
        return 0  # a list of organs set apart with spaces (a 名单 under a 决定), not a table
    letter_spaced = sum(1 for cell in cells if len(cell) == 1 and not cell.isascii()) >= len(cells) - 1  # 一、总  体
    if len(cells) < MIN_SPACE_COLUMNS or letter_spaced or any(mark in cells[0] for mark in "：:") \
            or stripped[-1] in "。！？；":
        return 0
    return len(cells)


def space_table_rows(lines: Sequence[Line]) -> set[int]:
    """Indices of the lines that are rows of a table lined up with spaces: two or more lines in a row with
    the same number of columns (three or more)."""
    rows: set[int] = set()
    counts = [space_columns(line.text) if ("  " in line.text or "\u3000" in line.text) else 0 for line in lines]
    for index in range(1, len(lines)):
        if counts[index] and counts[index] == counts[index - 1] \
                and lines[index].number - lines[index - 1].number <= 2:
            rows.update((index - 1, index))
    return rows


def is_rule_row(text: str, second: bool = False) -> bool:
    """A markdown rule row (`| --- | :---: |`): the grid of the table, not text of it.

    The row under the header may use short rules (`|-|-|`), as markdown allows; elsewhere every cell
    must be a rule of three dashes or more, so a row of `—` (nothing to report) stays a row of text."""
    stripped = text.strip()
    if "\t" in text or not stripped.startswith("|"):
        return False
    cells = [cell.replace(" ", "").replace("\u3000", "") for cell in table_cells(text)]
    pattern = _SHORT_RULE_CELL if second else _RULE_CELL
    return bool(cells) and all(pattern.match(cell) for cell in cells)


def table_block(lines: Sequence[Line], confidence: float | None = None) -> Block:
    """The table these lines of the draft type, its rule rows named and left out of its cells."""
    rules = tuple(line.number for row, line in enumerate(lines) if is_rule_row(line.text, second=row == 1))
    if len(rules) == len(lines):
        rules = ()  # rules with no table around them are what the author typed
    texts = tuple(line.text for line in lines)
    cells = tuple(table_cells(line.text) for line in lines if line.number not in rules)
    return build.block("table", lines[0].number, lines[-1].number, "\n".join(texts), lines=texts, cells=cells,
                 confidence=confidence, rule_rows=rules)
