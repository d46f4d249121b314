"""Structure detection on the labelled real documents: line accuracy ≥ 0.97, no document below 0.85."""

from pathlib import Path

from govfmt.reader import read_document

from conftest import CORPUS


def _gold(stem: str) -> dict[int, str]:
    gold = {}
    for row in (CORPUS / "labels" / f"{stem}.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip():
            line, label = row.split("\t")[:2]
            gold[int(line)] = label.strip().removesuffix("_inline")
    return gold


def _predicted(path: Path) -> dict[int, str]:
    out = {}
    for block in read_document(path).blocks:
        label = f"h{block.level}" if block.kind == "heading" else block.kind
        for line in range(block.line_start, block.line_end + 1):
            out[line] = label
    return out


def test_line_accuracy_on_dev_corpus():
    total = correct = 0
    per_doc = {}
    for doc in sorted((CORPUS / "docs").glob("*.txt")):
        gold, pred = _gold(doc.stem), _predicted(doc)
        scored = [(line, label) for line, label in gold.items() if label != "other"]
        hits = sum(1 for line, label in scored if pred.get(line) == label)
        per_doc[doc.stem] = hits / len(scored)
        total += len(scored)
        correct += hits
    accuracy = correct / total
    assert accuracy >= 0.97, f"line accuracy {accuracy:.4f}"
    worst = min(per_doc, key=per_doc.get)
    assert per_doc[worst] >= 0.85, f"{worst}: {per_doc[worst]:.3f}"


def test_every_nonblank_line_is_in_exactly_one_block():
    for doc in sorted((CORPUS / "docs").glob("*.txt")):
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
