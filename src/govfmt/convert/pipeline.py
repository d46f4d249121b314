"""One document's whole route: read → parse → header → plan → write → render → measure → plan again.

Each stage is a plain function of values. The DOCX stage (read, parse, lay out, write) runs in a worker;
what a second layout pass needs (the parsed document, its style and plan) travels back with the outcome,
so the pass after a rendering re-plans from those values, never from the file.
"""

from __future__ import annotations

import dataclasses
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from govfmt.convert.incremental import settings_stamp
from govfmt.convert.jobs import Job
from govfmt.convert.outcome import CONVERTED, Outcome, failure
from govfmt.errors import GovfmtError, InputError
from govfmt.model import Document
from govfmt.parse import keep_web, left_out_lines, table_rule_lines
from govfmt.i18n import _


@dataclass(frozen=True)
class Settings:
    """The options of a run that every document is converted with."""

    style: str | None = None  # name or path, loaded once in every worker
    encoding: str | None = None
    fields: tuple[tuple[str, str], ...] = ()  # --set KEY=VALUE, merged over the draft's own fields
    keep_web: bool = False  # lay out web-page chrome too instead of leaving it out
    fix: bool = False  # lay out the text with check's safe fixes applied (the draft is not changed)


@dataclass(frozen=True)
class Laid:
    """A document laid out once: enough to measure its rendering and lay it out again."""

    document: Document
    plan: object
    composition: object


# -- stages ----------------------------------------------------------------------------------------

def read(job: Job, settings: Settings) -> tuple[Document, tuple[tuple[str, int], ...]]:
    """The draft's Document, and (with --fix) how many fixes of each rule its text was given."""
    from govfmt.reader import read_document_and_source

    document, source = read_document_and_source(job.source, settings.encoding, display_name=job.name)
    fixes: tuple[tuple[str, int], ...] = ()
    if settings.fix and source is not None:  # a Document read from JSON has no text to fix
        from govfmt.convert.fixing import fixed_source
        from govfmt.parse import parse

        source, fixes = fixed_source(source, str(job.source))
        if fixes:
            document = parse(source)
    document = with_fields(document, settings.fields)
    return (keep_web(document) if settings.keep_web else document), fixes


def with_fields(document: Document, overrides: Sequence[tuple[str, str]]) -> Document:
    """The document with --set values replacing (or added to) its front-matter fields."""
    if not overrides:
        return document
    given = dict(overrides)
    merged = [(k, given.pop(k) if k in given else v) for k, v in document.fields]
    merged.extend(given.items())
    return dataclasses.replace(document, fields=tuple(merged), overrides=tuple(k for k, _ in overrides))




def style_for(document: Document, settings: Settings, default):
    """The style a document is laid out with: --style when given, else the one its 格式 asks for."""
    from govfmt.layout.plan import choose_style

    return choose_style(document, settings.style, default)


def lay_out(document: Document, style, composition=None, predict: bool = False) -> Laid:
    """The document laid out with composition (None: as nothing measured says). predict: a rendering
    follows, so the first layout takes the composition its pages are estimated to need (see
    govfmt.layout.pagination) when the estimate is sure; the rendering's measure still corrects it."""
    from govfmt.layout.composition import Composition
    from govfmt.layout.plan import plan_document

    if composition is not None:
        return Laid(document, plan_document(document, style, composition), composition)
    plan = plan_document(document, style, Composition())
    if predict:
        from govfmt.layout.pagination import first_composition

        chosen = first_composition(plan, style)
        if chosen != Composition():
            return Laid(document, plan_document(document, style, chosen), chosen)
    return Laid(document, plan, Composition())


def write(laid: Laid, style, target: Path | None, settings: Settings, render_target: Path | None = None) -> None:
    """The DOCX for Word and WPS at target (None when only a PDF is wanted); with render_target, also the
    same layout written for LibreOffice to render (it reads w:overflowPunct inverted and spaces
    Chinese–digit joints itself)."""
    from govfmt import fsutil
    from govfmt.docx.writer import LIBREOFFICE, write_plan

    if target is not None:
        with fsutil.atomic_output(target) as temporary:
            write_plan(laid.plan, style, temporary, stamp=settings_stamp(settings))
    if render_target is not None:
        write_plan(laid.plan, style, render_target, stamp=settings_stamp(settings), renderer=LIBREOFFICE)


def needs_measurement(laid: Laid) -> bool:
    """A 版记 or a 署名: where a page edge falls decides their layout, and only a rendering shows it."""
    from govfmt.layout.composition import needs_measurement as plan_needs

    return plan_needs(laid.plan)


def has_colophon(laid: Laid) -> bool:
    """A 版记 lands on an odd page about half the time, so its document is the likeliest to need a
    second layout (rendered first, so that second layout can start early)."""
    from govfmt.layout.items import Colophon

    return any(isinstance(item, Colophon) for item in laid.plan.items)


def measure(laid: Laid, pdf: Path, style, read: dict | None = None):
    """Where the rendering at pdf put what its layout depends on (a PageMeasure); read is given the pages
    this took, for findings on the same PDF."""
    from govfmt.pdf.measure import measure_composition

    composition = laid.composition
    # a carry the estimate chose is checked against the page before the 署名's (recompose undoes it there)
    estimated_carry = bool(composition.carry_lines) and not composition.measured
    return measure_composition(pdf, laid.plan, style, read=read, page_before=estimated_carry)


def relaid(laid: Laid, measure, style) -> Laid | None:
    """The layout again with what the rendering (its measure) showed, or None when that rendering is right."""
    from govfmt.layout.composition import recompose

    composition = recompose(measure, laid.composition, laid.plan, style)
    if composition is None:
        return None
    return lay_out(laid.document, style, composition)


def findings(laid: Laid, pdf: Path, style, measure=None, read: dict | None = None) -> tuple[str, ...]:
    """The rules the finished PDF still breaks, one sentence each (clause first); measure: that PDF's
    PageMeasure when it was taken already, with the pages taking it read."""
    from govfmt.pdf.verify import rendering_findings

    return tuple(f"{f.clause}: {f.message}"
                 for f in rendering_findings(pdf, laid.document, laid.plan, style, measure=measure, read=read))


def prepare(style) -> None:
    """Import and build now what the first draft would need: the readers, the layout and the DOCX
    template of the style (a worker started early does it while the run is still planning)."""
    import importlib

    for module in ("govfmt.reader", "govfmt.layout.plan"):
        importlib.import_module(module)
    from govfmt.docx.writer import DocxWriter

    DocxWriter(style)


# -- the DOCX stage as one call ------------------------------------------------------------------

def convert_one(job: Job, docx_target: Path | None, style, settings: Settings, render_target: Path | None = None) -> Outcome:
    """Read, parse and lay out one draft and write its DOCX to docx_target (None: a PDF alone is wanted);
    every failure becomes an Outcome. With render_target (a PDF is wanted), the DOCX LibreOffice renders goes there too and the
    outcome carries the layout for measuring the rendering."""
    started = time.perf_counter()
    try:
        document, fixes = read(job, settings)
        chosen = style_for(document, settings, style)
        laid = lay_out(document, chosen, predict=render_target is not None)
        write(laid, chosen, docx_target, settings, render_target)
    except GovfmtError as exc:
        if exc.path is None:  # raised where the draft is not known (the seal image, a style value): name it
            exc.path = job.name
        return failure(job, exc, time.perf_counter() - started)
    except OSError as exc:  # the output folder or disk, not the draft
        target = job.docx or docx_target or render_target
        return failure(job, GovfmtError(_("{target} cannot be written ({value}); check the output folder")
                                         .format(target=target, value=exc.strerror or type(exc).__name__), path=job.name), time.perf_counter() - started)
    except (MemoryError, RecursionError) as exc:
        return failure(job, InputError(_("is too large or too deeply nested to lay out ({name})")
                                        .format(name=type(exc).__name__),
                                       path=job.name), time.perf_counter() - started)
    except Exception as exc:  # a bug must not stop the other files of the batch
        error = GovfmtError(_("internal error while converting it ({name}: {exc}); run with --debug for details")
                             .format(name=type(exc).__name__, exc=exc), path=job.name)
        return dataclasses.replace(failure(job, error, time.perf_counter() - started),
                                   detail=traceback.format_exc())
    revisit = laid if render_target is not None else None
    return Outcome(job, CONVERTED, outputs=tuple(p for p in (job.docx,) if p is not None),
                   seconds=time.perf_counter() - started, left_out=left_out_lines(document),
                   rule_rows=table_rule_lines(document), fixes=fixes, revisit=revisit)
