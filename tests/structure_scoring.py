"""Structure detection under test: drafts given as text, and line-level scoring of a labelled corpus
(docs/NNN.txt + labels/NNN.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govfmt.ingest import decode
from govfmt.model import Block, Document
from govfmt.parse import parse
from govfmt.reader import read_document


@dataclass(frozen=True)
class CorpusScore:
    accuracy: float
    per_doc: dict[str, float]
    misses: list[str]  # "NNN:line gold→predicted" for every wrong line

    @property
    def worst(self) -> tuple[str, float]:
        stem = min(self.per_doc, key=self.per_doc.get)
        return stem, self.per_doc[stem]


def gold_labels(corpus: Path, stem: str) -> dict[int, str]:
    gold = {}
    for row in (corpus / "labels" / f"{stem}.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip():
            line, label = row.split("\t")[:2]
            gold[int(line)] = label.strip().removesuffix("_inline")
    return gold


def line_labels(document: Document) -> dict[int, str]:
    out = {}
    for block in document.blocks:
        label = f"h{block.level}" if block.kind == "heading" else block.kind
        for line in range(block.line_start, block.line_end + 1):
            out[line] = label
    return out


def score_corpus(corpus: Path) -> CorpusScore:
    total = correct = 0
    per_doc: dict[str, float] = {}
    misses: list[str] = []
    for doc in sorted((corpus / "docs").glob("*.txt")):
        gold, pred = gold_labels(corpus, doc.stem), line_labels(read_document(doc))
        scored = [(line, label) for line, label in gold.items() if label != "other"]
        hits = 0
        for line, label in scored:
            if pred.get(line) == label:
                hits += 1
            else:
                misses.append(f"{doc.stem}:{line} {label}→{pred.get(line)}")
        per_doc[doc.stem] = hits / len(scored)
        total += len(scored)
        correct += hits
    return CorpusScore(correct / total, per_doc, misses)


def assert_blocks_cover_every_line(corpus: Path) -> None:
    """Every non-blank line is in exactly one block, and blocks are in source order."""
    for doc in sorted((corpus / "docs").glob("*.txt")):
        document = read_document(doc)
        covered = []
        for block in document.blocks:
            covered.extend(range(block.line_start, block.line_end + 1))
        lines = doc.read_text(encoding="utf-8").split("\n")
        nonblank = {i for i, text in enumerate(lines, 1) if text.strip(" \t\u3000\u200b\ufeff\xa0")}
        assert nonblank <= set(covered), doc.name
        assert len(covered) == len(set(covered)), doc.name
        starts = [b.line_start for b in document.blocks]
        assert starts == sorted(starts), doc.name


# -- drafts given as text ----------------------------------------------------------------------------
def blocks(text: str) -> list[Block]:
    return list(parse(decode(text.encode("utf-8"), "draft.txt")).blocks)


def kinds(text: str) -> list[str]:
    return [f"h{b.level}" if b.kind == "heading" else b.kind for b in blocks(text)]


def kind_of(text: str, line: int) -> str:
    for block in blocks(text):
        if block.line_start <= line <= block.line_end:
            return f"h{block.level}" if block.kind == "heading" else block.kind
    raise AssertionError(f"line {line} is in no block")
