"""Where the 版记 must go, read off a rendered PDF (GB/T 9704 §7.4, §7.5; spec J-2, N-5).

Printing is double-sided and the 版记's last rule closes the last side, so the 版记 stands on an even
page. Only a rendering knows where the text ends; this reads the first rendering and says how to place
the 版记 in the second:
- 版记 on an even page: keep it (same page);
- on an odd page that also holds text: move it alone to the next page, which keeps its page number;
- on an odd page of its own (the text filled the page before): a blank page first, and neither the
  blank page nor the 版记 page carries a page number.
"""

from __future__ import annotations

from pathlib import Path

from govfmt.docx.writer import BLANK_PAGE_FIRST, NEXT_PAGE, SAME_PAGE

_MM = 25.4 / 72


def colophon_placement(pdf_path: str | Path, style) -> str:
    """The placement the 版记 needs, from a PDF rendered with SAME_PAGE placement."""
    import pdfplumber

    type_bottom = style.page.height_mm - style.page.margin_bottom_mm
    type_top = style.page.margin_top_mm
    width = style.page.width_mm - style.page.margin_left_mm - style.page.margin_right_mm
    with pdfplumber.open(str(pdf_path)) as pdf:
        pages = pdf.pages
        for index in range(len(pages) - 1, -1, -1):
            page = pages[index]
            rules = [line for line in page.lines + page.rects
                     if abs((line["x1"] - line["x0"]) * _MM - width) < 2 and line["top"] * _MM > type_top
                     and abs(line["top"] * _MM - type_bottom) < 3 and _is_black(line)]
            if not rules:
                continue
            number = index + 1
            if number % 2 == 0:
                return SAME_PAGE
            highest_rule = min(line["top"] for line in page.lines + page.rects
                               if abs((line["x1"] - line["x0"]) * _MM - width) < 2 and _is_black(line))
            text_above = [c for c in page.chars if type_top < c["top"] * _MM and c["bottom"] < highest_rule - 1]
            return NEXT_PAGE if text_above else BLANK_PAGE_FIRST
    return SAME_PAGE


def _is_black(line) -> bool:
    color = line.get("stroking_color") or line.get("non_stroking_color")
    if color is None:
        return True
    values = list(color) if isinstance(color, (list, tuple)) else [color]
    return all(v < 0.3 for v in values) if len(values) in (1, 3) else values[-1] > 0.7
