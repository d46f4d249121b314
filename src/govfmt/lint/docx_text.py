"""The text of a .docx draft, one paragraph a line, read with the standard library only.

`govfmt check` must start fast, so this path never imports python-docx or lxml. Diagnostics on a
.docx point at paragraph numbers (counted from 1, empty paragraphs included) instead of lines.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from govfmt.errors import InputError
from govfmt.model import Source

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_XML_BYTES = 50 * 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def docx_paragraphs(path: str | Path, name: str) -> list[str]:
    """Body paragraphs of word/document.xml in order; table cells are joined by tabs, one row a line."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > _MAX_XML_BYTES:
                raise InputError("word/document.xml is too large for a draft", path=name)
            xml = archive.read(info)
    except KeyError:
        raise InputError("is not a Word document (no word/document.xml inside)", path=name) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"cannot be opened as a .docx ({exc})", path=name) from None
    if _DOCTYPE.search(xml[:4096]):
        raise InputError("word/document.xml declares a DOCTYPE; refusing to read it", path=name)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise InputError(f"word/document.xml is not valid XML ({exc})", path=name) from None
    body = root.find(f"{_W}body")
    return list(_block_text(body)) if body is not None else []


def _block_text(container) -> list[str]:
    for child in container:
        if child.tag == f"{_W}p":
            yield _paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                cells = ["".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")) for cell in row.iter(f"{_W}tc")]
                yield "\t".join(cells)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_text(content)


def _paragraph_text(paragraph) -> str:
    parts = []
    for element in paragraph.iter():
        if element.tag == f"{_W}t" and element.text:
            parts.append(element.text)
        elif element.tag == f"{_W}tab":
            parts.append("\t")
    return "".join(parts).replace("\n", "")


def read_docx_source(path: str | Path, name: str | None = None) -> Source:
    name = name or str(path)
    paragraphs = docx_paragraphs(path, name)
    if not any(p.strip() for p in paragraphs):
        raise InputError("has no text", path=name)
    return Source(path=name, text="\n".join(paragraphs), encoding="docx")
