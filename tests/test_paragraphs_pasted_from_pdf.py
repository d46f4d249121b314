"""The labelled documents as a PDF's text gives them: every paragraph hard-wrapped at the page's width
(28 字, a 2-字 indent on its first line, or none), a page number (`- 3 -`) now and then between two
of its lines. Detection gives the paragraphs back whole: each body paragraph of the draft is one
paragraph again (one block, or blocks chained by `continues`), never parts of it and rarely merged
with another. Generated from the genre (how a PDF wraps), over documents the rules were not written on
line by line."""

from __future__ import annotations

import random

import pytest

from govfmt.ingest import decode
from govfmt.parse import parse

from conftest import CORPUS
from structure_scoring import gold_labels

DOCS = sorted((CORPUS / "docs").glob("*.txt"))
PAGE_CELLS = 56  # 28 字 a line (GB/T 9704 §5.2.3), in half-width cells
_NO_LINE_START = "，。、；：！？）》”"


def _cells(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _wrapped(text: str, indent: bool) -> list[str]:
    """The lines a page of 28 字 sets a paragraph in; no line starts with a closing mark (避头)."""
    lines, line, room = [], "", PAGE_CELLS - (4 if indent else 0)
    for ch in text:
        if line and _cells(line + ch) > room and ch not in _NO_LINE_START:
            lines.append(line)
            line, room = "", PAGE_CELLS
        line += ch
    lines.append(line)
    if indent:
        lines[0] = "\u3000\u3000" + lines[0]
    return lines


def _pasted(doc, indent: bool, rng: random.Random, running: bool = False) -> tuple[str, list[int | None]]:
    """The draft as pasted from its PDF, and for each of its lines the document's line it comes from;
    running: each page number comes with the page's running head, the document's title."""
    gold = gold_labels(doc.parent.parent, doc.stem)
    head = next((doc.read_text(encoding="utf-8").split("\n")[n - 1].strip() for n, label in sorted(gold.items())
                 if label == "title"), None) if running else None
    out: list[str] = []
    origin: list[int | None] = []
    for number, text in enumerate(doc.read_text(encoding="utf-8").split("\n"), 1):
        label = gold.get(number, "")
        if label in ("", "other") or label.startswith("title") or (_cells(text.strip()) <= PAGE_CELLS and label != "body"):
            out.append(text)
            origin.append(number if text.strip() else None)
            continue
        for index, line in enumerate(_wrapped(text.strip(), indent)):
            if index and rng.random() < 0.15:
                out.append(f"- {rng.randint(1, 9)} -")
                origin.append(None)
                if head:
                    out.append(head)
                    origin.append(None)
            out.append(line)
            origin.append(number)
    return "\n".join(out) + "\n", origin


def _paragraphs_whole(indent: bool, seed: int, running: bool = False) -> tuple[int, int, int]:
    rng = random.Random(seed)
    total = whole = merged = 0
    for doc in DOCS:
        draft, origin = _pasted(doc, indent, rng, running)
        document = parse(decode(draft.encode("utf-8"), "pasted.txt"))
        if running:  # the running heads are left out with their page numbers, nothing else is
            left = {n for b in document.blocks if b.kind == "web" for n in range(b.line_start, b.line_end + 1)}
            pasted = {n for n, o in enumerate(origin, 1) if o is None and draft.split("\n")[n - 1].strip()}
            assert left & pasted == pasted and not {n for n in left - pasted if origin[n - 1] is not None and
                                                    gold_labels(doc.parent.parent, doc.stem).get(origin[n - 1],
                                                                                              "other") != "other"}, doc.name
        paragraphs: list[set[int]] = []
        for block in document.blocks:
            if block.kind == "web":
                continue
            sources = {origin[n - 1] for n in range(block.line_start, block.line_end + 1) if origin[n - 1]}
            if block.continues and paragraphs:
                paragraphs[-1] |= sources
            else:
                paragraphs.append(sources)
        gold = gold_labels(doc.parent.parent, doc.stem)
        for number, label in gold.items():
            if label != "body" and not label.endswith("_inline"):
                continue
            total += 1
            holding = [p for p in paragraphs if number in p]
            whole += holding == [{number}]
            merged += len(holding) == 1 and len(holding[0]) > 1
    return total, whole, merged


@pytest.mark.parametrize("seed", range(2))
def test_indented_paragraphs_pasted_from_a_pdf_come_back_whole(seed):
    total, whole, merged = _paragraphs_whole(indent=True, seed=seed)
    assert whole / total >= 0.95, f"{whole}/{total} whole"
    assert merged == 0


def test_unindented_paragraphs_pasted_from_a_pdf_come_back_whole_or_rarely_merged():
    # Without indentation a full line that ends a sentence may end its paragraph or go on: a merge
    # is the lesser harm (nothing is lost, the text reads on).
    total, whole, merged = _paragraphs_whole(indent=False, seed=0)
    assert whole / total >= 0.88, f"{whole}/{total} whole"
    assert merged / total <= 0.1, f"{merged}/{total} merged"


def test_paragraphs_pasted_from_a_pdf_with_its_running_head_come_back_whole():
    total, whole, merged = _paragraphs_whole(indent=True, seed=3, running=True)
    assert whole / total >= 0.95, f"{whole}/{total} whole"
    assert merged == 0
