#!/usr/bin/env python3
"""How well the first layout's page estimate (govfmt.layout.pagination) matches real renderings.

Usage: python benchmarks/bench_pagination.py [-n 60] [--verbose]

Drafts: the ones benchmarks/bench_pdf.py makes (the dev corpus and samples/, cycled to N, each copy
retitled). Every draft with a 署名 or a 版记 is laid out with the default composition and rendered
once with LibreOffice; its rendering is measured (govfmt.pdf.measure) and compared with the estimate:
text rows on each page, the 署名's page and the rows above it, the 版记's page. Then the composition
the estimate chooses is compared with the one the measured rendering asks for (recompose): agreed,
missed (the default kept, a second rendering follows as before) or wrong (a second rendering corrects
it). Prints each distribution.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_pdf import make_drafts  # noqa: E402
from govfmt.docx import write_plan  # noqa: E402
from govfmt.layout.composition import Composition, needs_measurement, recompose  # noqa: E402
from govfmt.layout.pagination import estimate, first_composition, set_lines  # noqa: E402
from govfmt.layout.plan import choose_style, plan_document  # noqa: E402
from govfmt.pdf.measure import measure_composition, page_text  # noqa: E402
from govfmt.pdf.render import render_pdfs  # noqa: E402
from govfmt.reader import read_document  # noqa: E402
from govfmt.style import load_style  # noqa: E402


def _rows_per_page(pdf: Path, type_bottom: float, colophon_top: float | None, colophon_page: int | None) -> list[int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        counts = []
        for index in range(len(document)):
            rows = [r for r in page_text(document, index, rules=False).rows if r.baseline < type_bottom + 1 and r.compact]
            if colophon_page == index + 1 and colophon_top is not None:
                rows = [r for r in rows if r.baseline < colophon_top]
            counts.append(len(rows))
        return counts
    finally:
        document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--verbose", action="store_true", help="name every draft the estimate got wrong")
    args = parser.parse_args()
    style = load_style()
    work = Path(tempfile.mkdtemp(prefix="govfmt-pagination-"))
    items = []
    for path in make_drafts(work / "in", args.n):
        document = read_document(path)
        chosen = choose_style(document, None, style)
        plan = plan_document(document, chosen)
        if needs_measurement(plan):
            write_plan(plan, chosen, work / f"{path.stem}.docx", renderer="libreoffice")
            items.append((path.stem, chosen, plan))
    results = render_pdfs([(work / f"{name}.docx", work / f"{name}.pdf") for name, *_ in items], style=style)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    rows_off, signature_off, colophon_off, decisions, second = Counter(), Counter(), Counter(), Counter(), Counter()
    unsure = 0
    for name, chosen, plan in items:
        pdf = work / f"{name}.pdf"
        measured = measure_composition(pdf, plan, chosen)
        found = estimate(plan, chosen)
        if not found.sure:
            unsure += 1
        placed, _ = set_lines(plan, chosen)
        predicted = Counter(line.page for lines in placed.values() for line in lines if line.text)
        rendered = _rows_per_page(pdf, measured.type_bottom, measured.colophon_top, measured.colophon_page)
        for page, count in enumerate(rendered, 1):
            rows_off[predicted.get(page, 0) - count] += 1
        if measured.signature_page is not None:
            if found.signature_page != measured.signature_page:
                signature_off[f"page {found.signature_page} for {measured.signature_page}"] += 1
            else:
                signature_off[found.text_rows_above_signature - measured.rows_above_signature] += 1
        if measured.colophon_page is not None:
            fits = chosen.page.type_height_twips - found.colophon_height - found.last_text_bottom - found.pitch >= 0
            colophon_off[found.last_text_page + (0 if fits else 1) - measured.colophon_page] += 1
        wanted = recompose(measured, Composition(), plan, chosen) or Composition()
        first = first_composition(plan, chosen)
        for part, default in (("colophon", "same-page"), ("carry_lines", 0)):
            want, got = getattr(wanted, part), getattr(first, part)
            verdict = ("agreed" if want != default else "agreed (default)") if want == got else \
                ("missed" if got == default else "wrong")
            decisions[part, verdict] += 1
            if args.verbose and verdict in ("missed", "wrong"):
                print(f"  {part} {verdict}: {name} estimate {got!r}, rendering {want!r}")
        second[wanted != Composition(), (first.colophon, first.carry_lines) != (wanted.colophon, wanted.carry_lines)] += 1
    print(f"{len(items)} drafts with a 署名 or a 版记 ({unsure} the estimate is not sure of: landscape pages, "
          f"joint marks), {sum(rows_off.values())} pages")
    print("  text rows a page, estimated − rendered:", dict(sorted(rows_off.items())))
    print("  rows above the 署名 on its page, estimated − rendered:", dict(sorted(signature_off.items(), key=str)))
    print("  版记's page, estimated − rendered:", dict(sorted(colophon_off.items())))
    for part in ("colophon", "carry_lines"):
        print(f"  first composition's {part} against the measured one:",
              {verdict: count for (name, verdict), count in sorted(decisions.items()) if name == part})
    without = second[True, True] + second[True, False]
    print(f"  drafts whose first rendering asks for another layout: {second[True, True] + second[False, True]} "
          f"with the estimate, {without} without")


if __name__ == "__main__":
    main()
