"""Every draft format to one `Source`: a table from file suffix to reader, used by convert and check.

Plain text is the default for suffixes not in the table. Readers import their libraries only when a
file of their kind is read, so `govfmt check` on text drafts starts without them.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Callable

from govfmt.errors import InputError
from govfmt.i18n import _
from govfmt.ingest import decode
from govfmt.model import Source
from govfmt.read.files import MAX_BYTES, read_bytes, read_stdin

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["MAX_BYTES", "READERS", "TEXT_SUFFIXES", "read_source", "read_data", "read_bytes", "read_stdin",
           "is_text_draft", "sniff_suffix", "suffix_of"]


def _text(data: bytes, name: str, encoding: str | None) -> Source:
    return decode(data, name, encoding)


def _word(data: bytes, name: str, encoding: str | None) -> Source:
    from govfmt.read.word import word_lines

    return lines_source(word_lines(data, name), name)


def _office(suffix: str) -> Callable[[bytes, str, str | None], Source]:
    def read(data: bytes, name: str, encoding: str | None) -> Source:
        from govfmt.read.office import office_to_docx
        from govfmt.read.word import word_lines

        return lines_source(word_lines(office_to_docx(data, name, suffix), name), name)
    return read


def _markdown(data: bytes, name: str, encoding: str | None) -> Source:
    from govfmt.read.pandoc import markdown_lines

    text = decode(data, name, encoding)
    body = "\n".join(text.physical_lines[text.body_start - 1:])
    return lines_source(markdown_lines(body, name), name, like=text)


def _html(data: bytes, name: str, encoding: str | None) -> Source:
    from govfmt.read.pandoc import pandoc_lines

    text = decode(data, name, encoding)
    body = "\n".join(text.physical_lines[text.body_start - 1:])
    return lines_source(pandoc_lines(body.encode("utf-8"), name, "html"), name, like=text)


def _odt(data: bytes, name: str, encoding: str | None) -> Source:
    from govfmt.read.package import Package
    from govfmt.read.pandoc import pandoc_lines

    package = Package(data, name, _("OpenDocument text"), required_member="content.xml")
    for member in package.names:
        if member.endswith(".xml"):
            package.xml(member)  # refuses DOCTYPEs and entities before pandoc sees the file
    return lines_source(pandoc_lines(data, name, "odt"), name)


# suffix -> reader(bytes, display name, --encoding) -> Source
READERS: dict[str, Callable[[bytes, str, str | None], Source]] = {
    ".txt": _text,
    ".text": _text,
    ".docx": _word,
    ".doc": _office(".doc"),
    ".wps": _office(".wps"),
    ".rtf": _office(".rtf"),
    ".md": _markdown,
    ".markdown": _markdown,
    ".html": _html,
    ".htm": _html,
    ".odt": _odt,
}
# Drafts whose bytes are the text itself: `check --fix` can rewrite them.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})


def suffix_of(path: str | Path) -> str:
    """`Path(path).suffix` without loading pathlib (`govfmt check` of a text draft has no other use for it):
    the last dot and what follows it in the file's name, '' for names like '.txt' or 'notes.'."""
    name = ""
    rest = os.path.splitdrive(os.fspath(path))[1]
    while rest and not name:
        head, name = os.path.split(rest)
        rest = head if head != rest else ""
        name = "" if name == "." else name  # Path drops '.' parts and trailing separators
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def is_text_draft(path: str | Path) -> bool:
    suffix = suffix_of(path).lower()
    return suffix in TEXT_SUFFIXES or suffix not in READERS


def read_source(path: str | Path, encoding: str | None = None, display_name: str | None = None) -> Source:
    """Read a draft of any supported format from disk; plain text for unknown suffixes."""
    name = display_name or str(path)
    return read_data(read_bytes(path, name), name, suffix_of(path), encoding)


def read_data(data: bytes, name: str, suffix: str = ".txt", encoding: str | None = None) -> Source:
    """A draft's bytes (e.g. from standard input) read as the format `suffix` names."""
    reader = READERS.get(suffix.lower(), _text)
    if reader is not _text and not data.strip():
        raise InputError(_("is empty; nothing to convert"), path=name)
    return reader(data, name, encoding)


def sniff_suffix(data: bytes) -> str:
    """The format of bytes without a file name (standard input): Word, RTF, or else plain text."""
    if data.startswith(b"PK\x03\x04"):
        return ".odt" if b"mimetypeapplication/vnd.oasis.opendocument.text" in data[:100] else ".docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    if data.lstrip().startswith(b"{\\rtf"):
        return ".rtf"
    return ".txt"


def lines_source(lines: list[str], name: str, like: Source | None = None) -> Source:
    """A Source of lines read from a structured format, checked like a text file (empty, over-long lines)."""
    text = "\n".join(lines) + "\n"
    source = decode(text.encode("utf-8"), name, "utf-8")
    if like is None:
        return source
    return dataclasses.replace(source, encoding=like.encoding, bom=like.bom, newline=like.newline,
                               front_matter=like.front_matter + source.front_matter)
