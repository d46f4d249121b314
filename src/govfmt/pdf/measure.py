"""What a PDF page holds, in mm from the top-left corner: text rows by baseline, and the page-number dashes' ink.

Everything is read with pypdfium2: glyphs from pdfium's text page, baselines from each glyph's origin, boxes
from its advance and font size (not the ink). The dashes of a page number are found in a raster, because a
dash's ink sits well above its baseline and its box says nothing about where.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

MM_PER_PT = 25.4 / 72
# Glyphs whose baselines differ by less than this (pt) share a row: mixed fonts on one line differ slightly.
SAME_ROW_PT = 1.5
# Ink counts as a page-number dash when a dark horizontal run is at least this long (a 四号 digit is ~2.5 mm).
DASH_MIN_RUN_MM = 3.0
RASTER_DPI = 300
DARK = 128  # grey level (0 black … 255 white) below which a pixel is ink
_GENERATED = {0x0D, 0x0A, 0xFFFE, 0x02}  # line ends and soft hyphens pdfium adds to the text


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
    """Every page's size and text rows, as the page is shown (its /Rotate applied). Raises
    FileNotFoundError for a missing file and pypdfium2's PdfiumError for one pdfium cannot open."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [_page_facts(document, index) for index in range(len(document))]
    finally:
        document.close()


def _page_facts(document, index: int) -> PageFacts:
    """A page's glyphs from pdfium's text page. A glyph's box is its advance across and one font size up from
    the baseline, in the orientation the page is shown: the em box pdfplumber gives for fonts that
    declare no descent, which is how LibreOffice embeds them."""
    import ctypes

    import pypdfium2.raw as raw

    page = document[index]
    textpage = page.get_textpage()
    try:
        width_pt, height_pt = page.get_size()
        shown = _Shown(page.get_mediabox(), page.get_rotation())
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        matrix = raw.FS_MATRIX()
        runs: dict[int, tuple] = {}  # text object → (font name, font size, font, matrix a b c d)
        advances: dict[tuple[int, int], float] = {}
        glyphs = []
        for k in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(textpage.raw, k)
            if code in _GENERATED or code == 0 or code == 0x20 and raw.FPDFText_IsGenerated(textpage.raw, k) == 1:
                continue  # pdfium's own line ends and word spaces
            if 0xDC00 <= code <= 0xDFFF and glyphs and 0xD800 <= ord(glyphs[-1].text[-1]) <= 0xDBFF:
                # where wchar_t is 16 bits (Windows) pdfium gives a supplementary character in two halves
                high = ord(glyphs[-1].text[-1])
                glyphs[-1] = replace(glyphs[-1], text=chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)))
                continue
            text_object = raw.FPDFText_GetTextObject(textpage.raw, k)
            key = ctypes.cast(text_object, ctypes.c_void_p).value or 0
            if key not in runs:
                raw.FPDFText_GetMatrix(textpage.raw, k, ctypes.byref(matrix))  # the text object's, for each glyph
                runs[key] = (*_font_of(textpage, k, text_object), (matrix.a, matrix.b, matrix.c, matrix.d))
            font_name, font_size, font, turn = runs[key]
            if (key, code) not in advances:
                advances[key, code] = _advance(font, code, font_size, textpage, k)
            raw.FPDFText_GetCharOrigin(textpage.raw, k, origin_x, origin_y)
            glyphs.append(_glyph(chr(min(code, 0x10FFFF)), origin_x.value, origin_y.value, advances[key, code],
                                 font_size, turn, font_name, shown))
    finally:
        textpage.close()
        page.close()
    return PageFacts(index + 1, width_pt * MM_PER_PT, height_pt * MM_PER_PT, group_rows(glyphs))


@dataclass(frozen=True)
class _Shown:
    """Maps PDF user space (y up) to the page as shown: origin top-left, y down, /Rotate turned clockwise."""

    box: tuple[float, float, float, float]  # the media box: left, bottom, right, top
    rotation: int  # 0, 90, 180 or 270

    def point(self, x: float, y: float) -> tuple[float, float]:
        left, bottom, right, top = self.box
        x, y = x - left, y - bottom
        if self.rotation == 0:
            return x, top - bottom - y
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return right - left - x, y
        return top - bottom - y, right - left - x

    def upright(self, a: float, b: float, c: float, d: float) -> bool:
        """Text set upright as shown, in pdfminer's sense: no turn, no mirror, no shear across."""
        turn = {0: (a, b, c, d), 90: (b, -a, d, -c), 180: (-a, -b, -c, -d), 270: (-b, a, -d, c)}[self.rotation]
        a, b, c, d = turn
        return a * d > 0 and b * c <= 0


def _glyph(text: str, x: float, y: float, advance: float, size: float, m: tuple, font: str, shown: _Shown) -> Glyph:
    a, b, c, d = m
    if shown.rotation == 0 and b == 0 and c == 0 and a > 0 and d > 0:  # the usual case, in short
        x0, baseline = shown.point(x, y)
        return Glyph(text=text, x0=x0 * MM_PER_PT, x1=(x0 + a * advance) * MM_PER_PT,
                     top=(baseline - d * size) * MM_PER_PT, baseline=baseline * MM_PER_PT, size=round(d * size, 2),
                     font=font)
    corners = [shown.point(x + a * u + c * v, y + b * u + d * v) for u in (0.0, advance) for v in (0.0, size)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    top, bottom = min(ys), max(ys)
    baseline = shown.point(x, y)[1] if shown.upright(a, b, c, d) else bottom
    return Glyph(text=text, x0=min(xs) * MM_PER_PT, x1=max(xs) * MM_PER_PT, top=top * MM_PER_PT,
                 baseline=baseline * MM_PER_PT, size=round(bottom - top, 2), font=font)


def _font_of(textpage, k: int, text_object) -> tuple[str, float, object]:
    """The font's name without the subset prefix, the font size in text space, and the font handle."""
    import ctypes

    import pypdfium2.raw as raw

    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(text_object, ctypes.byref(size))
    needed = raw.FPDFText_GetFontInfo(textpage.raw, k, None, 0, None)
    buffer = ctypes.create_string_buffer(max(needed, 1))
    raw.FPDFText_GetFontInfo(textpage.raw, k, buffer, needed, None)
    name = buffer.value.decode("utf-8", "replace").split("+", 1)[-1]
    return name, float(size.value), raw.FPDFTextObj_GetFont(text_object)


def _advance(font, code: int, size: float, textpage, k: int) -> float:
    """How far the glyph moves the pen, in text space (pt at the font size): the width the PDF gives the
    glyph (pdfium maps the character back to its code), not its ink; the ink's width if that fails."""
    import ctypes

    import pypdfium2.raw as raw

    width = ctypes.c_float()
    if font and raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(size), ctypes.byref(width)):
        return float(width.value)
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharBox(textpage.raw, k, left, right, bottom, top)
    return max(right.value - left.value, 0.0)


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


# -- the few facts page composition needs, read with pypdfium2 ------------------------------------

# A black rule of the 版记 is at least this share of the 版心's width (cell borders may fall short
# by the border's own width at each end).
RULE_WIDTH_SHARE = 0.95


@dataclass(frozen=True)
class TextRow:
    """One row of printed text as pdfium reads it: characters, baseline and extent in mm."""

    chars: tuple[tuple[str, float, float], ...]  # (character, x0, x1)
    baseline: float
    top: float
    bottom: float

    @property
    def text(self) -> str:
        return "".join(ch for ch, _, _ in self.chars)

    @functools.cached_property  # looked at for every row by each check of a page
    def compact(self) -> str:
        return "".join(ch for ch, _, _ in self.chars if not ch.isspace())


@dataclass(frozen=True)
class PageText:
    number: int  # 1-based
    width: float
    height: float
    rows: tuple[TextRow, ...]  # in reading order
    rules: tuple[tuple[float, float, float, tuple[int, int, int]], ...]  # (x0, x1, y, rgb) of horizontal rules


def page_text(document, index: int, *, rules: bool = True) -> PageText:
    """Rows and horizontal rules of one page of an open pypdfium2 document."""
    import pypdfium2.raw as raw

    page = document[index]
    width_pt, height_pt = page.get_size()
    textpage = page.get_textpage()
    rows: list[list] = []
    x_pt, y_pt = ctypes_double(), ctypes_double()
    box = [ctypes_double() for _ in range(4)]  # left, right, bottom, top: reused for every character
    handle, get_unicode, get_box, get_origin = textpage.raw, raw.FPDFText_GetUnicode, raw.FPDFText_GetCharBox, \
        raw.FPDFText_GetCharOrigin
    for k in range(textpage.count_chars()):
        code = get_unicode(handle, k)
        if code in _GENERATED or code == 0:
            continue
        if not get_box(handle, k, *box):
            raise pdfium_error("Failed to get charbox.")
        left, right, bottom, top = box[0].value, box[1].value, box[2].value, box[3].value
        get_origin(handle, k, x_pt, y_pt)
        baseline = (height_pt - y_pt.value) * MM_PER_PT
        ch = chr(code)
        if ch.isspace() and rows and rows[-1]:
            rows[-1].append((ch, rows[-1][-1][2], rows[-1][-1][2], baseline, baseline, baseline))
            continue
        entry = (ch, left * MM_PER_PT, right * MM_PER_PT, baseline, (height_pt - top) * MM_PER_PT,
                 (height_pt - bottom) * MM_PER_PT)
        if rows and rows[-1] and abs(rows[-1][0][3] - baseline) < SAME_ROW_PT * MM_PER_PT and \
                entry[1] >= rows[-1][-1][1] - 0.5:
            rows[-1].append(entry)
        else:
            rows.append([entry])
    found_rules = _horizontal_rules(page, height_pt) if rules else ()
    textpage.close()
    page.close()
    text_rows = []
    for row in rows:
        inked = [e for e in row if not e[0].isspace()] or row
        text_rows.append(TextRow(tuple((e[0], e[1], e[2]) for e in row), baseline=row[0][3],
                                 top=min(e[4] for e in inked), bottom=max(e[5] for e in inked)))
    return PageText(index + 1, width_pt * MM_PER_PT, height_pt * MM_PER_PT, tuple(text_rows), found_rules)


def pdfium_error(message: str) -> Exception:
    from pypdfium2 import PdfiumError

    return PdfiumError(message)


def ctypes_double():
    import ctypes

    return ctypes.c_double()


def _horizontal_rules(page, height_pt: float) -> tuple:
    """Path objects at least 20 mm wide and under 1.5 mm high: the rules of the 版头, 版记 and 信函."""
    import ctypes

    import pypdfium2.raw as raw

    found = []
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * MM_PER_PT < 20 or (top - bottom) * MM_PER_PT > 1.5:
            continue
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
        if stroke.value:
            raw.FPDFPageObj_GetStrokeColor(obj.raw, red, green, blue, alpha)
        else:
            raw.FPDFPageObj_GetFillColor(obj.raw, red, green, blue, alpha)
        found.append((left * MM_PER_PT, right * MM_PER_PT, (height_pt - (top + bottom) / 2) * MM_PER_PT,
                      (red.value, green.value, blue.value)))
    return tuple(sorted(found, key=lambda r: r[2]))


def is_black(rgb: tuple[int, int, int]) -> bool:
    return max(rgb) < 80


def measure_composition(pdf_path, plan, style, pages=None, read=None, page_before: bool = False):
    """The facts govfmt.layout.composition needs, read from the last pages of a rendering of plan:
    where the 版记 stands and whether text shares its page, and whether the 署名 block has text above
    it on its page. Pages are read from the end, only until both are found; with pages (every page of
    that rendering as page_text read it, the last one with its rules), the PDF is not opened again.
    read: a dict that is given each page read here (by index), for a later reader of the same PDF.
    page_before: also how much room the page before the 署名's leaves under its text."""
    if pages is not None:
        return _measure(plan, style, len(pages), lambda index, rules: pages[index], lambda index, compact: True,
                        page_before)
    import pypdfium2 as pdfium

    kept = {} if read is None else read

    def text_of(index: int, rules: bool) -> PageText:
        kept[index] = page_text(document, index, rules=rules)
        return kept[index]

    # A page whose text lacks the 署名 is passed over without its geometry, unless a reader of the same
    # PDF comes next: that one reads every page, and each page is read once.
    mentions = (lambda index, compact: True) if read is not None else \
        (lambda index, compact: _mentions(document, index, compact))
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return _measure(plan, style, len(document), text_of, mentions, page_before)
    finally:
        document.close()


def _measure(plan, style, count: int, read, mentions, page_before: bool = False):
    from govfmt.layout.composition import PageMeasure
    from govfmt.layout.items import Colophon

    page_style = style.page
    type_top = page_style.margin_top_mm
    type_bottom = page_style.height_mm - page_style.margin_bottom_mm
    type_width = page_style.width_mm - page_style.margin_left_mm - page_style.margin_right_mm
    colophon = next((item for item in plan.items if isinstance(item, Colophon)), None)
    signature = _signature_lines(plan)
    facts: dict = {"pages": count, "type_bottom": type_bottom}
    wanted_signature = signature is not None
    index = count - 1
    if colophon is not None and count:
        last = read(index, True)
        facts.update(_colophon_facts(last, colophon, type_top, type_width))
        if wanted_signature:
            found = _signature_facts(last, signature, type_top, type_bottom)
            if found:
                facts.update(found)
                wanted_signature = False
        index -= 1
    while wanted_signature and index >= 0:
        if not mentions(index, signature[0]):
            index -= 1
            continue  # the page's text, read in one call, does not hold the 署名: no geometry needed
        found = _signature_facts(read(index, False), signature, type_top, type_bottom)
        if found:
            facts.update(found)
            wanted_signature = False
        index -= 1
    if page_before and facts.get("signature_page", 1) > 1:
        above = read(facts["signature_page"] - 2, False)
        rows = [row for row in above.rows if row.top > type_top - 2 and row.baseline < type_bottom + 1]
        lowest = max((row.bottom for row in rows), default=type_top)
        facts["room_before_signature"] = max(0.0, type_bottom - lowest)
        facts["line_pitch"] = style.page.line_pitch_pt * MM_PER_PT
    return PageMeasure(**facts)


def needs_pages(plan) -> bool:
    """Whether measuring a rendering of plan reads any page (a 版记 or a 署名 to find)."""
    from govfmt.layout.items import Colophon

    return _signature_lines(plan) is not None or any(isinstance(item, Colophon) for item in plan.items)


def _mentions(document, index: int, compact: str) -> bool:
    page = document[index]
    textpage = page.get_textpage()
    try:
        text = "".join(textpage.get_text_range().split())
    finally:
        textpage.close()
        page.close()
    return compact in text


def _signature_lines(plan) -> tuple[str, ...] | None:
    """Compact text of the main document's 署名 block, line by line: the 署名 lines and the date."""
    from govfmt.layout.items import Paragraph

    lines: list[str] = []
    for item in plan.items:
        if isinstance(item, Paragraph) and item.element in ("signature", "date") and item.text.strip():
            lines.append("".join(item.text.split()))
            if item.element == "date":
                break
        elif lines:
            break
    return tuple(lines) or None


def _colophon_facts(page: PageText, colophon, type_top: float, type_width: float) -> dict:
    black = [rule for rule in page.rules if is_black(rule[3]) and rule[1] - rule[0] >= RULE_WIDTH_SHARE * type_width]
    first_row = "".join(colophon.rows[0].text.split())[:6] if colophon.rows else ""
    text_row = next((row for row in page.rows if first_row and row.compact.startswith(first_row)), None)
    if not black or text_row is None:
        return {}
    above = [rule for rule in black if rule[2] <= text_row.top + 0.5]
    top = max(rule[2] for rule in above) if above else min(rule[2] for rule in black)
    others = [row for row in page.rows if row.bottom < top - 0.5 and row.top > type_top - 2]
    return {"colophon_page": page.number, "colophon_top": top, "colophon_bottom": max(rule[2] for rule in black),
            "text_above_colophon": bool(others)}


def _signature_facts(page: PageText, lines: tuple[str, ...], type_top: float, type_bottom: float) -> dict:
    """Where the 署名 block starts on this page: the last run of rows that reads as its lines (the
    name alone may also be a title's first line or the issuer's mark)."""
    rows = page.rows
    for position in range(len(rows) - 1, -1, -1):
        row = rows[position]
        if row.compact != lines[0] or row.baseline > type_bottom + 1:
            continue
        following = [r.compact for r in rows[position + 1:position + len(lines)]]
        if following and following != list(lines[1:len(following) + 1]):
            continue
        above = [r for r in rows[:position] if r.top > type_top - 2 and r.bottom < row.top]
        return {"signature_page": page.number, "rows_above_signature": len(above)}
    return {}
