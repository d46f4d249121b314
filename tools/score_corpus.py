#!/usr/bin/env python3
"""Write line labels for a labelled corpus from govfmt's structure detection, then score them.

Usage: python tools/score_corpus.py CORPUS_DIR [SCORER] [--json] [--docs 105,122] [--summary]
CORPUS_DIR holds docs/NNN.txt and labels/NNN.tsv; SCORER defaults to ../shared/tools/score_structure.py.
--summary prints only aggregate figures (line accuracy, macro-F1, per-document accuracy, labelled lines
left out as web chrome, `other` lines laid out per document), never a line or its text: the way to score
documents kept out of sight.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from govfmt.reader import read_document


def labels_for(path: Path) -> dict[int, str]:
    rows = {}
    for block in read_document(path).blocks:
        label = f"h{block.level}" if block.kind == "heading" else block.kind
        for line in range(block.line_start, block.line_end + 1):
            rows[line] = label
    return rows


def gold_for(corpus: Path, stem: str) -> dict[int, str]:
    gold = {}
    for row in (corpus / "labels" / f"{stem}.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip():
            line, label = row.split("\t")[:2]
            gold[int(line)] = label.strip()
    return gold


def _docs(corpus: Path, argv: list[str]) -> list[Path]:
    docs = sorted((corpus / "docs").glob("*.txt"))
    if "--docs" in argv:
        wanted = set(argv[argv.index("--docs") + 1].split(","))
        docs = [d for d in docs if d.stem in wanted]
    return docs


def _default_scorer() -> Path:
    """shared/tools/score_structure.py beside the checkout (or beside the folder of worktrees)."""
    for folder in Path(__file__).resolve().parents[1:4]:
        candidate = folder / "shared" / "tools" / "score_structure.py"
        if candidate.exists():
            return candidate
    raise SystemExit("score_structure.py not found; give its path as the second argument")


def main(argv: list[str]) -> int:
    corpus = Path(argv[1])
    scorer = Path(argv[2]) if len(argv) > 2 and not argv[2].startswith("--") else _default_scorer()
    docs = _docs(corpus, argv)
    lost = laid_out = 0
    laid_out_per_doc = {}
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            predicted = labels_for(doc)
            (Path(tmp) / f"{doc.stem}.tsv").write_text(
                "".join(f"{line}\t{label}\n" for line, label in sorted(predicted.items())), encoding="utf-8")
            gold = gold_for(corpus, doc.stem)
            lost += sum(1 for line, label in gold.items() if label != "other" and predicted.get(line) == "web")
            kept = sum(1 for line, label in gold.items()
                       if label == "other" and predicted.get(line) not in ("web", "directive"))
            laid_out += kept
            laid_out_per_doc[doc.stem] = kept
        selection = ["--docs", ",".join(d.stem for d in docs)]
        if "--summary" not in argv:
            extra = ["--json"] if "--json" in argv else []
            return subprocess.call([sys.executable, str(scorer), str(corpus), tmp, *selection, *extra])
        result = json.loads(subprocess.run([sys.executable, str(scorer), str(corpus), tmp, *selection, "--json"],
                                           check=True, capture_output=True, text=True).stdout)
    print(f"documents={len(docs)} lines={result['lines']} line_accuracy={result['line_accuracy']:.4f} "
          f"macro_f1={result['macro_f1']:.4f} min_doc_accuracy={result['min_doc_accuracy']:.4f}")
    print("per-doc accuracy:", " ".join(f"{stem}:{score}" for stem, score in result["per_doc"].items()))
    print(f"labelled lines left out as web: {lost}; `other` lines laid out: {laid_out} "
          f"(per doc: {' '.join(f'{k}:{v}' for k, v in laid_out_per_doc.items())})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
