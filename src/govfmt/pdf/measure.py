"""What a PDF page holds, in mm from the top-left corner: text rows by baseline, and the page-number dashes' ink.

Glyph boxes come from pdfplumber; baselines from each glyph's text matrix (a box carries the font's ascent
and descent, not the ink). The dashes of a page number are found in a raster (pypdfium2), because a dash's
ink sits well above its baseline and its box says nothing about where.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MM_PER_PT = 25.4 / 72
# Glyphs whose baselines differ by less than this (pt) share a row: mixed fonts on one line differ slightly.
SAME_ROW_PT = 1.5
# Ink counts as a page-number dash when a dark horizontal run is at least this long (a 四号 digit is ~2.5 mm).
DASH_MIN_RUN_MM = 3.0
RASTER_DPI = 300
DARK = 128  # grey level (0 black … 255 white) below which a pixel is ink


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    baseline: float
    size: float  # pt
    font: str  # as the PDF names it, without the subset prefix

    @property
    def ideograph(self) -> bool:
        return any(0x3400 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF for ch in self.text)

    @property
    def half_width(self) -> bool:
        """Digits, Latin letters and the like; East Asian Ambiguous marks (“ ” …) go by the glyph's width."""
        width = unicodedata.east_asian_width(self.text[:1]) if self.text else "Na"
        if width in ("W", "F"):
            return False
        if width == "A":
            return (self.x1 - self.x0) < 0.7 * self.size * MM_PER_PT
        return True


@dataclass(frozen=True)
class Row:
    glyphs: tuple[Glyph, ...]  # left to right

    @property
    def baseline(self) -> float:
        return Counter(round(g.baseline, 2) for g in self.glyphs).most_common(1)[0][0]

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.inked)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.inked)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def inked(self) -> tuple[Glyph, ...]:
        return tuple(g for g in self.glyphs if g.text.strip()) or self.glyphs

    @property
    def size(self) -> float:
        return Counter(g.size for g in self.inked).most_common(1)[0][0]

    def characters(self) -> float:
        """Characters on the row in 字: a half-width glyph (digit, Latin letter) counts one half."""
        return sum(0.5 if g.half_width else 1.0 for g in self.inked)


@dataclass(frozen=True)
class PageFacts:
    number: int  # 1-based page index
    width: float
    height: float
    rows: tuple[Row, ...]  # top to bottom


def group_rows(glyphs: list[Glyph]) -> tuple[Row, ...]:
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if rows and glyph.baseline - rows[-1][-1].baseline < SAME_ROW_PT * MM_PER_PT:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    return tuple(Row(tuple(sorted(r, key=lambda g: g.x0))) for r in rows)


def read_pages(path: Path) -> list[PageFacts]:
    """Every page's size and text rows. Raises whatever pdfplumber raises for an unreadable file."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            height_pt = float(page.height)
            glyphs = [
                Glyph(text=c["text"], x0=c["x0"] * MM_PER_PT, x1=c["x1"] * MM_PER_PT, top=c["top"] * MM_PER_PT,
                      baseline=(height_pt - c["matrix"][5]) * MM_PER_PT if c.get("upright", True) else
                      c["bottom"] * MM_PER_PT,
                      size=round(float(c["size"]), 2), font=str(c.get("fontname", "")).split("+", 1)[-1])
                for c in page.chars
            ]
            pages.append(PageFacts(number, float(page.width) * MM_PER_PT, height_pt * MM_PER_PT,
                                   group_rows(glyphs)))
    return pages


def dash_ink_rows(path: Path, page_index: int, band_top_mm: float, band_bottom_mm: float,
                  dpi: int = RASTER_DPI) -> float | None:
    """Centre (mm from the top) of the long horizontal ink runs in a band of a page; None if there are none."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[page_index]
        width_pt, height_pt = page.get_size()
        top_pt, bottom_pt = band_top_mm / MM_PER_PT, min(band_bottom_mm / MM_PER_PT, height_pt)
        bitmap = page.render(scale=dpi / 72, crop=(0, height_pt - bottom_pt, 0, top_pt), grayscale=True)
        rows = dark_run_rows(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                             round(DASH_MIN_RUN_MM / 25.4 * dpi))
    finally:
        document.close()
    if not rows:
        return None
    centre_px = (min(rows) + max(rows) + 1) / 2
    return band_top_mm + centre_px * 25.4 / dpi


def dark_run_rows(buffer: bytes, width: int, height: int, stride: int, min_run: int) -> list[int]:
    """Indices of pixel rows holding a run of at least min_run dark pixels (1 byte a pixel, grey)."""
    to_marks = bytes(49 if value < DARK else 48 for value in range(256))  # dark → "1", light → "0"
    needle = b"1" * min_run
    return [y for y in range(height) if needle in buffer[y * stride:y * stride + width].translate(to_marks)]
