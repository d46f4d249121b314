"""The layout calls the pipeline makes, under the names agreed with the layout package.

plan_document(document, style, composition), write_plan(plan, style, path, stamp), needs_measurement,
measure_composition, recompose and preload are taken from govfmt.layout / govfmt.docx / govfmt.pdf where
they exist; until then they are built here from the 版记 placement of govfmt.layout.parity.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

try:  # the layout package's own interface
    from govfmt.layout.composition import Composition, needs_measurement, recompose  # noqa: F401
    from govfmt.layout.plan import plan_document  # noqa: F401
    from govfmt.docx.writer import write_plan  # noqa: F401
    from govfmt.pdf.measure import measure_composition  # noqa: F401
    NATIVE = True
except ImportError:
    NATIVE = False

if not NATIVE:
    from govfmt.docx.writer import SAME_PAGE

    @dataclass(frozen=True)
    class Composition:  # type: ignore[no-redef]
        """Facts read off a rendering; the default means nothing was measured yet."""

        colophon_placement: str = SAME_PAGE

    @dataclass(frozen=True)
    class _Planned:
        plan: object  # govfmt.layout.items.Plan
        composition: Composition

    def plan_document(document, style, composition: Composition = Composition()):  # type: ignore[no-redef]
        from govfmt.layout import plan as layout_plan

        return _Planned(layout_plan.plan_document(document, style), composition)

    def write_plan(plan, style, path, stamp=None) -> None:  # type: ignore[no-redef]
        from govfmt.docx.writer import DocxWriter

        writer = DocxWriter(style, plan.composition.colophon_placement)
        writer.render(plan.plan)
        if stamp:
            writer.doc.core_properties.identifier = stamp
        writer.save(path)

    def needs_measurement(plan) -> bool:  # type: ignore[no-redef]
        from govfmt.layout.items import Colophon

        return any(isinstance(item, Colophon) for item in plan.plan.items)

    def measure_composition(pdf_path: Path, plan, style) -> str:  # type: ignore[no-redef]
        from govfmt.layout.parity import colophon_placement

        return colophon_placement(pdf_path, style)

    def recompose(measure, composition, plan, style):  # type: ignore[no-redef]
        if measure == composition.colophon_placement or composition != Composition():
            return None
        return Composition(measure)


def preload() -> None:
    """Load the title word list once, before worker processes fork, so that they share it."""
    try:
        from govfmt.layout.title import preload as title_preload
    except ImportError:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        return
    title_preload()


def rendering_findings(pdf_path: Path, document, plan, style) -> list:
    """The rules a finished PDF still breaks, where the verifier offers them; nothing otherwise."""
    try:
        from govfmt.pdf.verify import rendering_findings as findings
    except ImportError:
        return []
    return findings(pdf_path, document, plan, style)
