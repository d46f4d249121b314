"""Markdown syntax in a draft's source, so that `check` lints the text a reader of the page sees.

The converter reads .md drafts through pandoc: `## 一、总体要求` is the heading 一、总体要求, `[国务院](http://…)`
is the words 国务院 with their address, a fenced block is code. `check` reports positions in the file the
author edits, so instead of rendering the Markdown it marks its syntax: the line prefixes (heading marks,
quote marks) are taken off before the rules run and their width added back to each column; inline syntax
(link and image brackets, addresses and titles, autolinks, code, reference definitions, rules) is a span
no finding may touch, so no rule reports `(` of a link as a half-width parenthesis and no fix breaks one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govfmt import regex_cache


_FENCE = regex_cache.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = regex_cache.compile(r" {0,3}(?:>[ \t]?)+")
_HEADING = regex_cache.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = regex_cache.compile(r"[ \t]+#+[ \t]*$")
_RULE_LINE = regex_cache.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_DEFINITION = regex_cache.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*\S")
_CODE_SPAN = regex_cache.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_AUTOLINK = regex_cache.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
_LINK_OPEN = regex_cache.compile(r"!?\[")
# the part after a link's text: (destination "title"), [reference] or [] (collapsed)
_INLINE_TARGET = regex_cache.compile(
    r"\]\([ \t]*(?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)")
_REFERENCE_TARGET = regex_cache.compile(r"\]\[([^\[\]\n]*)\]")


@dataclass(frozen=True)
class Syntax:
    """Where a Markdown source's syntax is: prefix widths and protected spans, by 1-based line."""

    prefixes: dict[int, int] = field(default_factory=dict)
    spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def stripped(self, lines: list[str]) -> list[str]:
        """The lines as the rules see them: prefixes taken off."""
        return [text[self.prefixes.get(number, 0):] for number, text in enumerate(lines, 1)]

    def touches(self, line: int, start: int, end: int) -> bool:
        """Whether the 0-based half-open range [start, end) of a physical line meets syntax."""
        end = max(end, start + 1)
        return any(start < span_end and span_start < end for span_start, span_end in self.spans.get(line, ()))


def syntax_of(lines: list[str], first_line: int = 1) -> Syntax:
    """The syntax of the Markdown lines from `first_line` on (earlier lines are front matter)."""
    definitions = {match.group(1).strip().lower() for text in lines if (match := _DEFINITION.match(text))}
    prefixes: dict[int, int] = {}
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    fence: str | None = None
    for number, text in enumerate(lines, 1):
        if number < first_line or not text:
            continue
        opening = _FENCE.match(text)
        if fence is not None or opening:
            if fence is None:
                fence = opening.group(1)
            elif opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not text[opening.end():].strip():
                fence = None
            spans[number] = ((0, len(text)),)  # code is quoted, not the document's prose
            continue
        if _RULE_LINE.match(text) or _DEFINITION.match(text):
            spans[number] = ((0, len(text)),)
            continue
        width = _prefix_width(text)
        if width:
            prefixes[number] = width
        found = [(0, width)] if width else []
        found.extend(_inline_spans(text, width, definitions))
        if width and (closing := _CLOSING_HASHES.search(text, width)) and _HEADING.match(text, _quote_end(text)):
            found.append(closing.span())
        if found:
            spans[number] = tuple(sorted(found))
    return Syntax(prefixes, spans)


def _quote_end(text: str) -> int:
    quote = _QUOTE.match(text)
    return quote.end() if quote else 0


def _prefix_width(text: str) -> int:
    position = _quote_end(text)
    heading = _HEADING.match(text, position)
    return heading.end() if heading else position


def _inline_spans(text: str, start: int, definitions: set[str]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for pattern in (_CODE_SPAN, _AUTOLINK):
        found.extend(match.span() for match in pattern.finditer(text, start))
    position = start
    while (opening := _LINK_OPEN.search(text, position)) is not None:
        position = opening.end()
        if any(a <= opening.start() < b for a, b in found):
            continue
        close = _closing_bracket(text, opening.end())
        if close is None:
            continue
        inline = _INLINE_TARGET.match(text, close)
        reference = None if inline else _REFERENCE_TARGET.match(text, close)
        label = text[opening.end():close] if reference is None or not reference.group(1) else reference.group(1)
        if inline:
            target_end = inline.end()
        elif reference and label.strip().lower() in definitions:
            target_end = reference.end()
        elif label.strip().lower() in definitions:  # a shortcut reference, [label]
            target_end = close + 1
        else:
            continue
        found.append(opening.span())
        found.append((close, target_end))
        position = opening.end()
    return found


def _closing_bracket(text: str, position: int) -> int | None:
    """The `]` that closes a link text starting at `position` (brackets inside it balanced)."""
    depth = 0
    index = position
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 1  # an escaped bracket is text
        elif char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return index
            depth -= 1
        index += 1
    return None
