"""Rows of a table typed in a draft: tab-separated cells, or markdown pipes with their rule rows."""

from __future__ import annotations

from collections.abc import Sequence

from govfmt import regex_cache
from govfmt.model import Block, Line
from govfmt.parse import build

# A cell of a markdown delimiter row: dashes with optional colons for alignment (`---`, `:--:`); typed
# with a Chinese input method the dashes may be full-width or em dashes.
_RULE_CELL = regex_cache.compile(r"^[:：]?[-－—―─]{3,}[:：]?$")
_SHORT_RULE_CELL = regex_cache.compile(r"^[:：]?[-－—―─]{1,}[:：]?$")


def table_cells(text: str) -> tuple[str, ...]:
    if "\t" in text:
        return tuple(cell.strip() for cell in text.split("\t"))
    stripped = text.strip().strip("|")
    return tuple(cell.strip() for cell in stripped.split("|"))


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
