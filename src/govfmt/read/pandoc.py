"""Markdown, HTML and OpenDocument drafts read by pandoc, its JSON tree flattened to one paragraph a line.

pandoc is optional: the `govfmt[formats]` extra installs it (pypandoc-binary), or a pandoc on PATH is used.
Every character of the draft is kept as text: raw HTML such as `<abc>`, image descriptions, footnotes
(as notes at the end). A Markdown link's address and title are text its author typed, and paper cannot be
clicked, so they follow the link text in brackets, as a print style sheet shows them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Iterator

from govfmt.errors import InputError
from govfmt.i18n import _
from govfmt.read.numbering import roman

PANDOC_TIMEOUT_S = 60

# pandoc's markdown reader without the extensions that rewrite characters, read TeX or drop raw HTML.
MARKDOWN_READER = "markdown-smart-tex_math_dollars-raw_tex-raw_html-raw_attribute-subscript-superscript-strikeout"
# Characters that would start emphasis. In drafts they are text (`**县` masks a name, `____` leaves a blank
# to fill in), so they are swapped for private-use characters absent from the draft while pandoc reads it.
EMPHASIS_MARKS = ("*", "_")

_SOFT_BREAK = "\x00"
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_SOFT_BREAK_BETWEEN_WIDE = re.compile(f"(?<={_WIDE}){_SOFT_BREAK}(?={_WIDE})")


def pandoc_program(name: str, what: str) -> str:
    """The pandoc to run: pypandoc-binary's, else one on PATH; else one sentence saying how to get it."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        pass
    found = shutil.which("pandoc")
    if found:
        return found
    raise InputError(_("reading {what} drafts needs pandoc, which is not installed; install it with "
                       "`pip install \"govfmt[formats]\"` (or your system's pandoc package), or save the draft "
                       "as .docx or .txt").format(what=what), path=name)


def markdown_lines(body: str, name: str) -> list[str]:
    """Markdown text (front matter already split off) to lines, emphasis marks kept as written."""
    used = set(body)
    free = (chr(code) for code in range(0xF0000, 0xFFFFE) if chr(code) not in used)
    swap = {mark: next(free) for mark in EMPHASIS_MARKS}
    restore = str.maketrans({v: k for k, v in swap.items()})
    lines = pandoc_lines(body.translate(str.maketrans(swap)).encode("utf-8"), name, MARKDOWN_READER,
                         print_link_targets=True)
    return [line.translate(restore) for line in lines]


def pandoc_lines(data: bytes, name: str, reader: str, *, print_link_targets: bool = False) -> list[str]:
    """Run pandoc on a draft's bytes and flatten its document tree to lines.

    `print_link_targets`: links and images whose address or title the author typed (Markdown) show them.
    """
    what = {"html": ".html", "odt": ".odt"}.get(reader.split("-")[0], ".md")
    command = [pandoc_program(name, what), "--sandbox", "-f", reader, "-t", "json"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=PANDOC_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise InputError(_("pandoc did not finish reading it within {seconds} s").format(seconds=PANDOC_TIMEOUT_S),
                         path=name) from None
    except OSError as exc:
        raise InputError(_("pandoc ({program}) could not be started: {reason}")
                         .format(program=command[0], reason=exc.strerror or exc), path=name) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(_("cannot be read as {format} ({reason})")
                         .format(format=reader.split("-")[0], reason=message[0] if message else "pandoc failed"),
                         path=name) from None
    try:
        tree = json.loads(done.stdout)
        notes: list[list[str]] = []
        blocks = _with_printed_targets(tree["blocks"]) if print_link_targets else tree["blocks"]
        lines = list(_pandoc_blocks(blocks, notes))
    except RecursionError:
        raise InputError(_("nests quotes or lists hundreds of levels deep, which no draft does; flatten it"),
                         path=name) from None
    for number, note in enumerate(notes, 1):
        if note:
            lines.append(f"注{number}：" + note[0])
            lines.extend(note[1:])
    return lines


def _with_printed_targets(node):
    """The tree with each link's address and title, and each image's title, written after its text."""
    if isinstance(node, list):
        return [_with_printed_targets(item) for item in node]
    if not isinstance(node, dict):
        return node
    kind, content = node.get("t"), node.get("c")
    if kind in ("Link", "Image"):
        attr, inlines, (url, title) = content
        inlines = _with_printed_targets(inlines)
        shown = _plain(inlines)
        said = [part for part in ((url if kind == "Link" else ""), title) if part and not _says(shown, part)]
        if said:
            inlines = inlines + [{"t": "Str", "c": "（" + " ".join(said) + "）"}]
        return {"t": kind, "c": [attr, inlines, [url, title]]}
    if content is None:
        return node
    return {"t": kind, "c": _with_printed_targets(content)}


def _says(shown: str, target: str) -> bool:
    """The link text already is the address (an autolink `<http://…>`, `<mail@…>`) or the title."""
    bare = target.removeprefix("mailto:")
    return shown in (target, bare) or shown.rstrip("/") == bare.rstrip("/")


def _plain(inlines: list) -> str:
    parts: list[str] = []
    _collect_pandoc_inline(inlines, parts, [])
    return "".join(parts).replace(_SOFT_BREAK, " ")


def _pandoc_blocks(blocks: list, notes: list) -> Iterator[str]:
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            yield from _inline_lines(content, notes)
        elif kind == "Header":
            yield from _inline_lines(content[2], notes)
        elif kind == "LineBlock":
            for line in content:
                yield from _inline_lines(line, notes)
        elif kind == "CodeBlock":
            yield from content[1].split("\n")
        elif kind in ("BlockQuote",):
            yield from _pandoc_blocks(content, notes)
        elif kind == "Div":
            yield from _pandoc_blocks(content[1], notes)
        elif kind == "Figure":
            caption = list(_pandoc_blocks(content[1][1], notes))
            shown = list(_pandoc_blocks(content[2], notes))
            yield from (shown if caption == shown else caption + shown)  # pandoc repeats the alt text
        elif kind == "OrderedList":
            start, style, delim = content[0]
            for offset, item in enumerate(content[1]):
                yield from _list_item(_ordered_marker(start + offset, style["t"], delim["t"]), item, notes)
        elif kind == "BulletList":
            for item in content:
                yield from _list_item("- ", item, notes)
        elif kind == "DefinitionList":
            for term, definitions in content:
                yield from _inline_lines(term, notes)
                for definition in definitions:
                    yield from _pandoc_blocks(definition, notes)
        elif kind == "Table":
            yield from _pandoc_table(content, notes)
        # HorizontalRule: layout, no draft text. Raw blocks never come: the readers keep raw HTML as text.


def _list_item(marker: str, item: list, notes: list) -> Iterator[str]:
    lines = list(_pandoc_blocks(item, notes))
    if lines:
        lines[0] = marker + lines[0]
    yield from lines


def _ordered_marker(number: int, style: str, delim: str) -> str:
    if style in ("LowerAlpha", "UpperAlpha") and number > 0:
        label = _letters(number)
        label = label.upper() if style == "UpperAlpha" else label
    elif style in ("LowerRoman", "UpperRoman") and number > 0:
        label = roman(number)
        label = label.lower() if style == "LowerRoman" else label
    else:
        label = str(number)
    if delim == "OneParen":
        return f"{label}) "
    if delim == "TwoParens":
        return f"({label}) "
    return f"{label}. "


def _letters(number: int) -> str:
    """a … z, aa, ab …: how a browser letters a list (CSS lower-alpha), the 27th item being aa."""
    label = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


def _pandoc_table(content: list, notes: list) -> Iterator[str]:
    _attr, caption, _colspecs, head, bodies, foot = content
    yield from _pandoc_blocks(caption[1], notes)
    rows = list(head[1])
    for body in bodies:
        rows.extend(body[2])
        rows.extend(body[3])
    rows.extend(foot[1])
    for row in rows:
        cells = []
        for cell in row[1]:
            text = " ".join(line.replace("\t", " ").strip() for line in _pandoc_blocks(cell[4], notes))
            cells.append(text.strip())
            cells.extend([""] * (cell[3] - 1))  # keep later cells under their column when one spans
        yield "\t".join(cells)


def _inline_lines(inlines: list, notes: list) -> list[str]:
    parts: list[str] = []
    _collect_pandoc_inline(inlines, parts, notes)
    text = _SOFT_BREAK_BETWEEN_WIDE.sub("", "".join(parts)).replace(_SOFT_BREAK, " ")
    return text.split("\n")


def _collect_pandoc_inline(inlines: list, parts: list[str], notes: list) -> None:
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind == "Space":
            parts.append(" ")
        elif kind == "SoftBreak":
            parts.append(_SOFT_BREAK)
        elif kind == "LineBreak":
            parts.append("\n")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            _collect_pandoc_inline(content, parts, notes)
        elif kind == "Quoted":
            left, right = ("“", "”") if content[0]["t"] == "DoubleQuote" else ("‘", "’")
            parts.append(left)
            _collect_pandoc_inline(content[1], parts, notes)
            parts.append(right)
        elif kind in ("Span", "Link"):
            _collect_pandoc_inline(content[1], parts, notes)
        elif kind == "Cite":
            _collect_pandoc_inline(content[1], parts, notes)
        elif kind in ("Code", "Math"):
            parts.append(content[1])
        elif kind == "Note":
            notes.append(list(_pandoc_blocks(content, notes)))
        elif kind == "Image":
            _collect_pandoc_inline(content[1], parts, notes)  # its description is text the author wrote


