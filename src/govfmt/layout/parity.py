"""Where the 版记 must go, read off a rendered PDF (GB/T 9704 §7.4, §7.5; spec J-2, N-5).

Kept for callers that hold no plan: the decision itself is govfmt.layout.composition.recompose, and
the facts come from govfmt.pdf.measure (its last page only).
"""

from __future__ import annotations

from pathlib import Path

from govfmt.layout.composition import BLANK_PAGE_FIRST, NEXT_PAGE, SAME_PAGE, Composition, PageMeasure, recompose

__all__ = ["colophon_placement", "SAME_PAGE", "NEXT_PAGE", "BLANK_PAGE_FIRST"]


def colophon_placement(pdf_path: str | Path, style) -> str:
    """The placement the 版记 needs, from a PDF rendered with SAME_PAGE placement."""
    import pypdfium2 as pdfium

    from govfmt.pdf.measure import RULE_WIDTH_SHARE, is_black, page_text

    page = style.page
    type_top, type_bottom = page.margin_top_mm, page.height_mm - page.margin_bottom_mm
    width = page.width_mm - page.margin_left_mm - page.margin_right_mm
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        count = len(document)
        last = page_text(document, count - 1) if count else None
    finally:
        document.close()
    if last is None:
        return SAME_PAGE
    black = [r for r in last.rules if is_black(r[3]) and r[1] - r[0] >= RULE_WIDTH_SHARE * width]
    if not black or abs(max(r[2] for r in black) - type_bottom) > 3:
        return SAME_PAGE
    highest = min(r[2] for r in black)
    above = any(row.bottom < highest - 0.5 and row.top > type_top - 2 for row in last.rows)
    measure = PageMeasure(pages=count, colophon_page=count, colophon_top=highest,
                          colophon_bottom=max(r[2] for r in black), text_above_colophon=above,
                          type_bottom=type_bottom)
    decided = recompose(measure, Composition(), None, style)
    return decided.colophon if decided is not None else SAME_PAGE
