"""Unit conversions in one place: millimetres (the standard's unit), points (fonts, PDF), twips (OOXML)."""

from __future__ import annotations

MM_PER_INCH = 25.4
PT_PER_INCH = 72
TWIPS_PER_PT = 20
MM_PER_PT = MM_PER_INCH / PT_PER_INCH


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_PT


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def mm_to_twips(mm: float) -> int:
    return round(mm * PT_PER_INCH * TWIPS_PER_PT / MM_PER_INCH)


def twips_to_pt(twips: float) -> float:
    return twips / TWIPS_PER_PT


def twips_to_mm(twips: float) -> float:
    return pt_to_mm(twips_to_pt(twips))
