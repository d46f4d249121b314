"""A .docx draft's text, one paragraph a line, with what Word shows but does not store as text.

Read with the standard library's XML parser behind defusedxml (no python-docx or lxml: `govfmt check`
reads Word files too and must start fast). Kept: automatic numbering rendered to its label, text boxes
(after their paragraph), tables as tab-separated rows, footnotes and endnotes as notes at the end.
Refused by name: text in page headers and footers, which a laid-out 公文 has no place for.
"""

from __future__ import annotations

import re
from typing import Iterator

from govfmt.errors import InputError
from govfmt.i18n import _
from govfmt.read.numbering import W, Numbering, read_numbering
from govfmt.read.package import Package

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{W}pPr", f"{W}rPr", f"{W}tblPr",
            f"{W}sectPr", f"{_MC}Fallback", f"{W}footnotePr", f"{W}endnotePr"}
# Page furniture Word users type around the page-number field: 第 1 页 共 3 页, - 1 -, 1/3.
_PAGE_FURNITURE = re.compile(r"^[\s\d第页共/\-—–．.PpAaGgEe]*$")
_NOTE_KINDS = ("footnote", "endnote")
_TEXT_LEAVES = {f"{W}t", f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}sym"}


def word_lines(data: bytes, name: str) -> list[str]:
    """The text of a .docx draft: one paragraph a line, notes at the end."""
    package = Package(data, name, _("Word document"), required_member="word/document.xml")
    main = _main_part(package)
    document = package.xml(main)
    body = document.find(f"{W}body") if document is not None else None
    if body is None:
        raise InputError(_("is not a Word document ({member} has no body)").format(member=main), path=name)
    _refuse_header_text(package, name)
    reader = _Reader(read_numbering(package.xml("word/numbering.xml"), package.xml("word/styles.xml")))
    lines = list(reader.blocks(body))
    for kind in _NOTE_KINDS:
        notes = package.xml(f"word/{kind}s.xml")
        if notes is None:
            continue
        by_id = {note.get(f"{W}id"): note for note in notes.findall(f"{W}{kind}")}
        for number, note_id in enumerate(reader.references[kind], 1):
            note = by_id.get(note_id)
            if note is None:
                continue
            text = [line for line in _Reader(reader.numbering).blocks(note) if line.strip()]
            if text:
                # document text, not a message: the same in every interface language
                label = f"注{number}：" if kind == "footnote" else f"尾注{number}："
                lines.append(label + text[0])
                lines.extend(text[1:])
    return lines


def _main_part(package: Package) -> str:
    rels = package.xml("_rels/.rels")
    if rels is not None:
        for rel in rels.findall(f"{_REL}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in package.names:
                    return target
    return "word/document.xml"


def _refuse_header_text(package: Package, name: str) -> None:
    for member in package.names:
        match = re.fullmatch(r"word/(header|footer)\d*\.xml", member)
        if not match:
            continue
        root = package.xml(member)  # listed in the package, so present
        text = " ".join(line.strip() for line in _Reader(Numbering(), fields=False).blocks(root) if line.strip())
        if text and not _PAGE_FURNITURE.match(text):
            where = _("page header") if match.group(1) == "header" else _("page footer")
            raise InputError(_("has text in its {where} (“{text}”), which a laid-out document has no place for; "
                               "move it into the body or delete it in Word, then convert again")
                             .format(where=where, text=text[:60]), path=name)


class _Reader:
    def __init__(self, numbering: Numbering, fields: bool = True):
        self.numbering = numbering
        self.fields = fields  # False: leave out field results (page numbers in headers)
        self.references: dict[str, list[str]] = {kind: [] for kind in _NOTE_KINDS}

    def blocks(self, container) -> Iterator[str]:
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                yield from self.paragraph(child)
            elif tag == f"{W}tbl":
                yield from self.table(child)
            elif tag in (f"{W}sdt",):
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    yield from self.blocks(content)
            elif tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo", f"{W}smartTag", f"{_MC}AlternateContent",
                         f"{_MC}Choice", f"{W}footnote", f"{W}endnote", f"{W}txbxContent"):
                yield from self.blocks(child)

    def paragraph(self, paragraph) -> Iterator[str]:
        parts: list[str] = [self.numbering.label(paragraph)]
        boxes: list = []
        self._inline(paragraph, parts, boxes, [False])
        yield from "".join(parts).split("\n")
        for box in boxes:
            yield from self.blocks(box)

    def _inline(self, element, parts: list[str], boxes: list, in_result: list[bool]) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                in_result[0] = kind == "separate" if kind in ("separate", "end") else in_result[0]
                continue
            if not self.fields and (tag == f"{W}fldSimple" or (in_result[0] and tag in _TEXT_LEAVES)):
                continue  # a run may hold the field's end mark, so only its text is left out
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag == f"{W}tab" or tag == f"{W}ptab":
                parts.append(" ")  # a tab inside a paragraph is spacing; "\t" would make it a table row
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}sym":
                code = child.get(f"{W}char", "")
                try:
                    parts.append(chr(int(code, 16)))
                except ValueError:
                    pass
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                self.references[kind].append(child.get(f"{W}id"))
            elif tag == f"{W}txbxContent":
                boxes.append(child)
            else:
                self._inline(child, parts, boxes, in_result)

    def table(self, table) -> Iterator[str]:
        for row in _children(table, f"{W}tr"):
            yield "\t".join(self.cell(cell) for cell in _children(row, f"{W}tc"))

    def cell(self, cell) -> str:
        merge = cell.find(f"{W}tcPr/{W}vMerge")
        if merge is not None and merge.get(f"{W}val", "continue") == "continue":
            return ""  # the text belongs to the cell this one continues
        lines = (line.replace("\t", " ").strip() for line in self.blocks(cell))
        return " ".join(line for line in lines if line)


def _children(element, tag: str) -> Iterator:
    """Direct children with `tag`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in (f"{W}customXml", f"{W}ins"):
            yield from _children(child, tag)
