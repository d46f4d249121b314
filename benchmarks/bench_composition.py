#!/usr/bin/env python3
"""What composing pages from measurement costs beside the PDF rendering it follows, in one run.

Usage: python benchmarks/bench_composition.py [--repeat 3]

The drafts are the dev corpus and samples/. Each is laid out and written for LibreOffice, and all are
rendered in one LibreOffice session (the PDF time); then every rendering that needs it is measured
(measure_composition, pypdfium2, the last pages only) and recomposed (the measuring time); the few that
need a second layout are written and rendered again in one more session (the second-pass time).
Prints each figure and its share of the first rendering. Target (issue 10): measuring ≤ 10 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govfmt.docx import write_plan  # noqa: E402
from govfmt.layout.composition import Composition, needs_measurement, recompose  # noqa: E402
from govfmt.layout.plan import choose_style, plan_document  # noqa: E402
from govfmt.pdf.measure import measure_composition  # noqa: E402
from govfmt.pdf.render import render_pdfs  # noqa: E402
from govfmt.reader import read_document  # noqa: E402
from govfmt.style import load_style  # noqa: E402

SOURCES = sorted((ROOT / "tests" / "corpus" / "dev" / "docs").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))


def one_run(folder: Path) -> dict[str, float]:
    style = load_style()
    items = []
    for index, source in enumerate(SOURCES):
        document = read_document(source)
        chosen = choose_style(document, None, style)
        items.append((f"{index:03d}", document, chosen, plan_document(document, chosen)))
    for name, _, chosen, plan in items:
        write_plan(plan, chosen, folder / f"{name}.docx", renderer="libreoffice")
    started = time.perf_counter()
    results = render_pdfs([(folder / f"{n}.docx", folder / f"{n}.pdf") for n, *_ in items], style=style)
    rendering = time.perf_counter() - started
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    started = time.perf_counter()
    again = []
    for name, document, chosen, plan in items:
        if not needs_measurement(plan):
            continue
        decided = recompose(measure_composition(folder / f"{name}.pdf", plan, chosen), Composition(), plan, chosen)
        if decided is not None:
            again.append((name, plan_document(document, chosen, decided), chosen))
    measuring = time.perf_counter() - started
    started = time.perf_counter()
    for name, plan, chosen in again:
        write_plan(plan, chosen, folder / f"{name}.docx", renderer="libreoffice")
    if again:
        render_pdfs([(folder / f"{n}.docx", folder / f"{n}.pdf") for n, *_ in again], style=style)
    second = time.perf_counter() - started
    return {"rendering": rendering, "measuring": measuring, "second": second, "again": len(again)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="govfmt-bench-") as folder:
            runs.append(one_run(Path(folder)))
    figure = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"{len(SOURCES)} drafts, median of {args.repeat} runs")
    print(f"  first rendering (one LibreOffice session): {figure['rendering']:.2f} s")
    print(f"  measuring + recomposing every rendering that needs it: {figure['measuring']:.3f} s "
          f"({100 * figure['measuring'] / figure['rendering']:.1f} % of the rendering; target ≤ 10 %)")
    print(f"  second layout and rendering of the {figure['again']:.0f} that needed it: {figure['second']:.2f} s "
          f"({100 * figure['second'] / figure['rendering']:.1f} %)")


if __name__ == "__main__":
    main()
