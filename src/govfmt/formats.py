"""Drafts in other formats (.docx, .md, .html, .odt, .rtf) to the same `Source` a plain-text draft gives.

Every format ends as text with one paragraph a line, so parsing, linting and layout are shared.
Word drafts are read with python-docx (tables become tab-separated rows, which the parser reads as a
table); the others go through the pandoc that pypandoc-binary installs, read as pandoc's JSON tree.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Iterator

from govfmt.errors import InputError
from govfmt.ingest import MAX_BYTES, decode, read_source
from govfmt.model import Source

PANDOC_READERS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
                  ".odt": "odt", ".rtf": "rtf"}
WORD_SUFFIXES = {".docx"}

# A draft's parts unpack to a few MB at most; more than this is a ZIP bomb or not a draft.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
PANDOC_TIMEOUT_S = 60

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

# Markdown characters that would start emphasis, strike-out or sub/superscripts. In drafts they are
# text (`**县` masks a name, `____` leaves a blank to fill in), so they are swapped for private-use
# characters while pandoc reads the file and put back afterwards.
_MARKDOWN_PROTECTED = {"*": "\U000F0001", "_": "\U000F0002", "~": "\U000F0003", "^": "\U000F0004"}
_MARKDOWN_RESTORE = str.maketrans({v: k for k, v in _MARKDOWN_PROTECTED.items()})
# pandoc's markdown reader without the extensions that rewrite characters or read TeX.
_MARKDOWN_READER = "markdown-smart-tex_math_dollars-raw_tex-subscript-superscript-strikeout"

_SOFT_BREAK = "\x00"
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_SOFT_BREAK_BETWEEN_WIDE = re.compile(f"(?<={_WIDE}){_SOFT_BREAK}(?={_WIDE})")


def read_draft(path: str | Path, encoding: str | None = None, display_name: str | None = None) -> Source:
    """Read a draft of any supported format; plain text is the default for unknown suffixes."""
    name = display_name or str(path)
    suffix = Path(path).suffix.lower()
    if suffix in WORD_SUFFIXES:
        return _as_source(word_lines(path, name), name)
    reader = PANDOC_READERS.get(suffix)
    if reader in ("markdown", "html"):
        return _read_marked_up_text(path, name, reader, encoding)
    if reader in ("odt", "rtf"):
        return _as_source(pandoc_lines(_read_container(path, name, reader), name, reader), name)
    return read_source(path, encoding=encoding, display_name=name)


def _as_source(lines: list[str], name: str, like: Source | None = None) -> Source:
    text = "\n".join(lines) + "\n"
    # decode() applies the same checks as to a text file: empty, too large, over-long lines.
    source = decode(text.encode("utf-8"), name, "utf-8")
    if like is None:
        return source
    return dataclasses.replace(source, encoding=like.encoding, bom=like.bom, newline=like.newline,
                               front_matter=like.front_matter + source.front_matter)


# -- Word ----------------------------------------------------------------------------------------

def word_lines(path: str | Path, name: str) -> list[str]:
    """The text of a .docx draft, one paragraph a line, table rows as tab-separated cells."""
    check_zip_container(path, name, "Word document", required_member="word/document.xml")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(f"cannot be read as a Word document ({_short(exc)}); open it in Word and save "
                         "it again as .docx", path=name) from None
    return list(_block_lines(document.element.body))


def _block_lines(container) -> Iterator[str]:
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            yield from _paragraph_lines(child)
        elif tag == f"{_W}tbl":
            yield from _table_lines(child)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_lines(content)
        elif tag == f"{_W}customXml":
            yield from _block_lines(child)


def _paragraph_lines(paragraph) -> Iterator[str]:
    parts: list[str] = []
    text_boxes: list = []
    _collect_inline(paragraph, parts, text_boxes)
    yield from "".join(parts).split("\n")
    for box in text_boxes:
        yield from _block_lines(box)


def _collect_inline(element, parts: list[str], text_boxes: list) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append(" ")  # a tab inside a paragraph is spacing; "\t" would make it a table row
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}txbxContent":
            text_boxes.append(child)
        elif tag in (f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr", _MC_FALLBACK):
            continue  # deleted text, field codes, formatting, and the duplicate of a drawing
        elif isinstance(child.tag, str):
            _collect_inline(child, parts, text_boxes)


def _table_lines(table) -> Iterator[str]:
    for row in _children(table, f"{_W}tr"):
        yield "\t".join(_cell_text(cell) for cell in _children(row, f"{_W}tc"))


def _children(element, tag: str) -> Iterator:
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == f"{_W}customXml":
            yield from _children(child, tag)


def _cell_text(cell) -> str:
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
        return ""  # the text belongs to the cell this one continues
    lines = (line.replace("\t", " ").strip() for line in _block_lines(cell))
    return " ".join(line for line in lines if line)


# -- pandoc formats ------------------------------------------------------------------------------

def _read_marked_up_text(path: str | Path, name: str, reader: str, encoding: str | None) -> Source:
    text_source = read_source(path, encoding=encoding, display_name=name)
    body = "\n".join(text_source.physical_lines[text_source.body_start - 1:])
    if reader == "markdown":
        body = body.translate(str.maketrans(_MARKDOWN_PROTECTED))
        lines = pandoc_lines(body.encode("utf-8"), name, _MARKDOWN_READER)
        lines = [line.translate(_MARKDOWN_RESTORE) for line in lines]
    else:
        lines = pandoc_lines(body.encode("utf-8"), name, reader)
    return _as_source(lines, name, like=text_source)


def _read_container(path: str | Path, name: str, reader: str) -> bytes:
    if reader == "odt":
        check_zip_container(path, name, "OpenDocument text", required_member="content.xml")
    data = _read_bytes(path, name)
    if reader == "rtf" and not data.lstrip().startswith(b"{\\rtf"):
        raise InputError("is not an RTF file (it does not start with {\\rtf)", path=name, line=1)
    return data


def pandoc_lines(data: bytes, name: str, reader: str) -> list[str]:
    """Run pandoc on a draft's bytes and flatten its document tree to lines."""
    import pypandoc

    command = [pypandoc.get_pandoc_path(), "--sandbox", "-f", reader, "-t", "json"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=PANDOC_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise InputError(f"pandoc did not finish reading it within {PANDOC_TIMEOUT_S} s", path=name) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"cannot be read as {reader.split('-')[0]} ({message[0] if message else 'pandoc failed'})",
                         path=name) from None
    tree = json.loads(done.stdout)
    notes: list[list[str]] = []
    lines = list(_pandoc_blocks(tree["blocks"], notes))
    for note in notes:
        lines.extend(note)
    return lines


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
            yield from _pandoc_blocks(content[1][1], notes)
            yield from _pandoc_blocks(content[2], notes)
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
        # HorizontalRule, RawBlock: layout or markup, no draft text


def _list_item(marker: str, item: list, notes: list) -> Iterator[str]:
    lines = list(_pandoc_blocks(item, notes))
    if lines:
        lines[0] = marker + lines[0]
    yield from lines


def _ordered_marker(number: int, style: str, delim: str) -> str:
    if style == "LowerAlpha":
        label = chr(ord("a") + (number - 1) % 26)
    elif style == "UpperAlpha":
        label = chr(ord("A") + (number - 1) % 26)
    elif style in ("LowerRoman", "UpperRoman"):
        label = _roman(number)
        label = label.lower() if style == "LowerRoman" else label
    else:
        label = str(number)
    if delim == "OneParen":
        return f"{label}) "
    if delim == "TwoParens":
        return f"({label}) "
    return f"{label}. "


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


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
        # Image, RawInline: no draft text


# -- containers ----------------------------------------------------------------------------------

def check_zip_container(path: str | Path, name: str, what: str, required_member: str) -> None:
    """Refuse a broken ZIP, a ZIP bomb, or XML with a DOCTYPE (external entities) before any parser runs."""
    _check_size(path, name)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise InputError(f"holds {len(members):,} parts, far more than any {what}; refusing to "
                                 "unpack it", path=name)
            unpacked = sum(info.file_size for info in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise InputError(f"unpacks to {unpacked / 1048576:,.0f} MB (the limit is "
                                 f"{MAX_UNPACKED_BYTES // 1048576} MB), which no {what} does; refusing it "
                                 "as a possible ZIP bomb", path=name)
            names = {info.filename for info in members}
            if required_member not in names:
                raise InputError(f"is not a {what} (a ZIP archive without {required_member})", path=name)
            for info in members:
                if info.filename.endswith((".xml", ".rels")) and _declares_doctype(archive.read(info)):
                    raise InputError(f"has a DOCTYPE or entity declaration in {info.filename}, which a "
                                     f"{what} never needs; refusing it because it could read other files",
                                     path=name)
    except zipfile.BadZipFile as exc:
        raise InputError(f"is not a valid {what}: the file is damaged ({_short(exc)})", path=name) from None
    except (OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"is not a valid {what}: the file cannot be unpacked ({_short(exc)})",
                         path=name) from None


def _declares_doctype(xml: bytes) -> bool:
    if _DOCTYPE.search(xml):
        return True
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00<" in xml[:64] or b"<\x00" in xml[:64]:
        for codec in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                decoded = xml.decode(codec)
            except UnicodeDecodeError:
                continue
            if _DOCTYPE.search(decoded.encode("utf-8")):
                return True
    return False


def _check_size(path: str | Path, name: str) -> None:
    try:
        size = Path(path).stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    if size > MAX_BYTES:
        raise InputError(f"too large for a draft ({size / 1048576:.0f} MB, the limit is "
                         f"{MAX_BYTES // 1048576} MB)", path=name)
    if size == 0:
        raise InputError("is empty; nothing to convert", path=name)


def _read_bytes(path: str | Path, name: str) -> bytes:
    _check_size(path, name)
    try:
        return Path(path).read_bytes()
    except PermissionError:
        raise InputError("cannot be read (permission denied)", path=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=name) from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:120]
