"""Word drafts as a clerk makes them: headings numbered by Word's automatic numbering, built with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# The ordinals of GB/T 9704 §7.3.3 headings: level, pattern, numFmt, lvlText.
ORDINALS = (
    (0, re.compile(r"^([一二三四五六七八九十]+)、"), "chineseCounting", "%1、"),
    (1, re.compile(r"^（([一二三四五六七八九十]+)）"), "chineseCounting", "（%2）"),
    (2, re.compile(r"^(\d+)([.．])"), "decimal", None),
    (3, re.compile(r"^（(\d+)）"), "decimal", "（%4）"),
)


def ordinal_of(line: str) -> tuple[int, str, str] | None:
    """(level, ordinal text, rest of the line) for a line that starts with a heading ordinal."""
    for level, pattern, _fmt, _text in ORDINALS:
        match = pattern.match(line)
        if match:
            return level, match.group(0), line[match.end():]
    return None


def abstract_numbering_xml(abstract_id: int, level_texts: dict[int, str], starts: dict[int, int] | None = None,
                           restarts: dict[int, int] | None = None, suffix: str = "nothing") -> str:
    levels = []
    for level, _pattern, fmt, text in ORDINALS:
        text = level_texts.get(level, text or "%3.")
        start = (starts or {}).get(level, 1)
        restart = (restarts or {}).get(level)
        restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
        levels.append(f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{restart_xml}'
                      f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    return f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def add_numbering(document, abstract_xml: str, num_id: int, abstract_id: int,
                  start_overrides: dict[int, int] | None = None) -> None:
    numbering = document.part.numbering_part.element
    existing_abstract = numbering.findall(qn("w:abstractNum"))
    abstract = parse_xml(abstract_xml)
    if existing_abstract:
        existing_abstract[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for lvl, start in (start_overrides or {}).items())
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f"{overrides}</w:num>"))


def number_paragraph(paragraph, num_id: int, level: int) -> None:
    props = paragraph._p.get_or_add_pPr()
    props.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def numbered_draft(text: str, path: Path) -> Path:
    """The draft as a .docx whose heading ordinals are Word numbering instead of typed text."""
    lines = [line for line in text.split("\n")]
    level_texts = {}
    for line in lines:
        found = ordinal_of(line.strip())
        if found and found[0] == 2:
            level_texts[2] = "%3" + found[1][-1]
    document = docx.Document()
    add_numbering(document, abstract_numbering_xml(90, level_texts), num_id=90, abstract_id=90)
    for line in lines:
        found = ordinal_of(line.strip())
        paragraph = document.add_paragraph(found[2] if found else line)
        if found:
            number_paragraph(paragraph, 90, found[0])
    document.save(path)
    return path


def ordinals_run_in_sequence(text: str) -> bool:
    """Whether Word's numbering (each level restarting under a higher one) gives the draft's own ordinals."""
    from govfmt.read.numbering import format_number

    if "\t" in text:
        return False  # a tab inside a Word paragraph is spacing, so such lines do not read back the same
    counters: dict[int, int] = {}
    marks = set()
    for line in text.split("\n"):
        found = ordinal_of(line.strip())
        if not found:
            continue
        level, ordinal, _rest = found
        if level == 2:
            marks.add(ordinal[-1])
            if len(marks) > 1:
                return False  # one list definition gives one point after 1, not both 1. and 1．
        counters[level] = counters.get(level, 0) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        number = format_number(counters[level], ORDINALS[level][2])
        expected = {0: f"{number}、", 1: f"（{number}）", 2: f"{number}{ordinal[-1]}", 3: f"（{number}）"}[level]
        if ordinal != expected:
            return False
    return True
