"""Render documents the way govfmt composes pages: lay out, render, measure, lay out again where the
rendering showed a rule broken, render again (many documents share each LibreOffice session)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govfmt.docx import write_plan
from govfmt.layout.composition import Composition, needs_measurement, recompose
from govfmt.layout.plan import choose_style, plan_document
from govfmt.pdf.measure import measure_composition
from govfmt.pdf.render import render_pdfs


@dataclass
class Composed:
    name: str
    document: object
    style: object
    plan: object
    pdf: Path
    composition: Composition
    rounds: int


def compose_all(documents: dict, style, folder: Path, max_rounds: int = 3) -> dict[str, Composed]:
    folder.mkdir(parents=True, exist_ok=True)
    state = {}
    for name, document in documents.items():
        chosen = choose_style(document, None, style)
        state[name] = Composed(name, document, chosen, plan_document(document, chosen), folder / f"{name}.pdf",
                               Composition(), 0)
    todo = list(state)
    while todo:
        for name in todo:
            item = state[name]
            write_plan(item.plan, item.style, folder / f"{name}.docx", renderer="libreoffice")
            item.rounds += 1
        results = render_pdfs([(folder / f"{n}.docx", state[n].pdf) for n in todo], style=style)
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        again = []
        for name in todo:
            item = state[name]
            if item.rounds >= max_rounds or not needs_measurement(item.plan):
                continue
            decided = recompose(measure_composition(item.pdf, item.plan, item.style), item.composition,
                                item.plan, item.style)
            if decided is not None:
                item.composition = decided
                item.plan = plan_document(item.document, item.style, decided)
                again.append(name)
        todo = again
    return state
