"""Read back what a DOCX really says: parts as lxml trees, and the text in reading order."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def part(path: Path, name: str):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def attr(element, name: str) -> str | None:
    return element.get(f"{{{W}}}{name}")


def body_text(path: Path) -> str:
    """All text of the main document (paragraphs and tables) in order, without line breaks."""
    root = part(path, "word/document.xml")
    return "".join(t.text or "" for t in root.iter(f"{{{W}}}t"))


def paragraphs(path: Path):
    root = part(path, "word/document.xml")
    return root.findall(".//w:body/w:p", NS)


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def style_of(p) -> str | None:
    found = p.find("w:pPr/w:pStyle", NS)
    return attr(found, "val") if found is not None else None
