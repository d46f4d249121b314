#!/usr/bin/env python3
"""Write line labels for a labelled corpus from govfmt's structure detection, then score them.

Usage: python tools/score_corpus.py CORPUS_DIR [SCORER] [--json]
CORPUS_DIR holds docs/NNN.txt and labels/NNN.tsv; SCORER defaults to ../shared/tools/score_structure.py.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from govfmt.reader import read_document


def labels_for(path: Path) -> list[str]:
    rows = []
    for block in read_document(path).blocks:
        label = f"h{block.level}" if block.kind == "heading" else block.kind
        for line in range(block.line_start, block.line_end + 1):
            rows.append(f"{line}\t{label}")
    return rows


def write_predictions(corpus: Path, out: Path) -> None:
    for doc in sorted((corpus / "docs").glob("*.txt")):
        (out / f"{doc.stem}.tsv").write_text("\n".join(labels_for(doc)) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    corpus = Path(argv[1])
    scorer = Path(argv[2]) if len(argv) > 2 and not argv[2].startswith("--") else \
        Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score_structure.py"
    with tempfile.TemporaryDirectory() as tmp:
        write_predictions(corpus, Path(tmp))
        extra = ["--json"] if "--json" in argv else []
        return subprocess.call([sys.executable, str(scorer), str(corpus), tmp, *extra])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
