"""What every rule sees: the physical lines of the draft, each with the parsed block it belongs to."""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple
from functools import cached_property, partial

from govfmt.ingest import strip_line
from govfmt.model import Block, Document, Source

# Lines that are not the author's prose: tables are columns; "other" and "web" are text that is not part of the
# document proper (web-page leftovers, tables of contents, banners).
_NOT_PROSE = {"table", "other", "web", "directive"}


_INDENT = " \t\u3000\u00a0\u200b\ufeff"


class LineInfo(NamedTuple):
    """One physical line (immutable; a named tuple, as a draft has many lines and every file builds them)."""

    number: int  # 1-based physical line
    text: str  # the physical line as written (indentation and trailing spaces kept)
    block: Block | None  # None for blank lines, front matter and suppression comments
    content_start: int  # index of the first character after the indentation

    @property
    def kind(self) -> str | None:
        return self.block.kind if self.block else None

    @property
    def is_prose(self) -> bool:
        """Text written by the author that the punctuation, spacing and number rules look at."""
        return self.block is not None and self.block.kind not in _NOT_PROSE

    def has_any(self, characters: str) -> bool:
        """Whether the line has one of these characters: the rules' cheap first test."""
        text = self.text
        for ch in characters:
            if ch in text:
                return True
        return False


_make_line = partial(tuple.__new__, LineInfo)


class LintContext:
    """The draft as lines and blocks; built once per file and shared by all rules."""

    def __init__(self, source: Source, document: Document, physical_lines: list[str] | None = None):
        self.source = source
        self.document = document
        self._memo: dict = {}
        owner: dict[int, Block] = {}
        for block in document.blocks:
            if block.line_start < document.body_start or block.kind == "directive":
                continue  # front matter and linter directives are not the document's text
            owner.update(dict.fromkeys(range(block.line_start, block.line_end + 1), block))
        texts = source.physical_lines if physical_lines is None else physical_lines
        get = owner.get
        blocks = [get(number) for number in range(1, len(texts) + 1)]
        for index, block in enumerate(blocks):
            if block is not None and not strip_line(texts[index]):
                blocks[index] = None  # a blank line inside a block (between the lines of a title)
        starts = [len(text) - len(text.lstrip(_INDENT)) for text in texts]
        # the named tuples made by tuple.__new__ itself (their __new__ is a Python function)
        self.lines: tuple[LineInfo, ...] = tuple(map(_make_line, zip(range(1, len(texts) + 1), texts, blocks, starts)))

    def line(self, number: int) -> LineInfo:
        return self.lines[number - 1]

    @cached_property
    def prose_lines(self) -> list[LineInfo]:
        return [info for info in self.lines if info.block is not None and info.block.kind not in _NOT_PROSE]

    @cached_property
    def _prose_text(self) -> tuple[str, list[int]]:
        """The prose lines joined by newlines, and the offset where each starts."""
        starts, offset = [], 0
        for info in self.prose_lines:
            starts.append(offset)
            offset += len(info.text) + 1
        return "\n".join(info.text for info in self.prose_lines), starts

    def prose_lines_matching(self, pattern, needs="") -> list[LineInfo]:
        """The prose lines a pattern may match in, found by one search of the joined prose instead of one per
        line: every line a match of the joined text touches. A superset of the lines where the pattern matches
        on its own for patterns that match no newline and whose look-arounds treat a newline like the edge of
        the line (no ^ or $, no \\s or negated class in a negative look-around); each rule using it says so.
        `needs`: characters of which every match has one, or a cheap test of the joined text that is true
        wherever the pattern can match (a simpler pattern's search); when it fails nothing is searched."""
        text, starts = self._prose_text
        if needs and not (needs(text) if callable(needs) else any(map(text.__contains__, needs))):
            return []
        lines = self.prose_lines
        found: list[LineInfo] = []
        last = -1
        search = pattern.search
        position = 0
        count = len(starts)
        # once a line is found the search goes on from the start of the next one: the other matches of a
        # line change nothing (matches end on their line, and look-behinds see the text before the position)
        while True:
            match = search(text, position)
            if match is None:
                break
            first = bisect_right(starts, match.start()) - 1
            final = bisect_right(starts, max(match.end() - 1, match.start())) - 1
            for index in range(max(first, last + 1), final + 1):
                found.append(lines[index])
            last = max(last, final)
            if last + 1 >= count:
                break
            position = max(starts[last + 1], match.end())
        return found

    def block_lines(self, block: Block) -> list[LineInfo]:
        """The non-blank physical lines of a block."""
        key = ("block_lines", id(block))
        found = self._memo.get(key)
        if found is None or found[0] is not block:
            lines = self.lines[block.line_start - 1:block.line_end]
            found = self._memo[key] = (block, [info for info in lines if info.block is block])
        return found[1]

    def memo(self, key: str, compute):
        """A value several rules derive from the document (heading markers), computed once."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def blocks(self, *kinds: str) -> list[Block]:
        if not kinds:
            return list(self.document.blocks)
        key = ("blocks", kinds)
        found = self._memo.get(key)  # several rules ask for the same kinds
        if found is None:
            found = self._memo[key] = tuple(b for b in self.document.blocks if b.kind in kinds)
        return list(found)
