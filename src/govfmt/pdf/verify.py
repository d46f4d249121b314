"""Measure a PDF against a style: page size, lines per page, characters per line, margins, page numbers, fonts.

Every expected figure is derived from the style, so the check works on PDFs from any tool; only tolerances
live here. Pages are measured as printed (see measure.py for how rows and dash ink are found).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median

from govfmt.errors import InputError
from govfmt.pdf.fonts import role_of_name, role_of_pdf_font
from govfmt.pdf.measure import MM_PER_PT, PageFacts, Row, dash_ink_rows, read_pages
from govfmt.i18n import N_, _, ngettext

# Tolerances (mm unless named otherwise).
PAGE_SIZE_TOL = 0.5
MARGIN_TOL = 1.0  # GB/T 9704 §5.2.1 and §7.5 allow ±1 mm
PITCH_TOL_PT = 0.1  # the page's fitted line pitch (GBT9704.md G-7)
# A single row may sit this far off the grid: LibreOffice sets a row holding Latin glyphs (taller ascent)
# about 1 pt higher; more than this is a visible break in the rhythm of lines.
OFF_GRID_TOL_PT = 1.5
MIN_PITCH_SPAN = 12  # lines a run must span before its fitted pitch is judged (jitter / span stays small)
SIZE_TOL_PT = 0.3
OVERHANG_TOL = 0.3  # a full line may end this far past the type area (GBT9704.md G-4)
# The first baseline of a page lies in the first line of the type area: between these shares of a pitch
# below its top (GBT9704.md G-2: 0.6–1.0, widened a little for other engines).
FIRST_BASELINE_SHARE = (0.5, 1.05)


# The clause of GB/T 9704-2012 each check measures, by the name the check reports.
CLAUSES = {
    "page size": "§5.1",
    "text above the type area (top margin)": "§5.2.1",
    "last baseline below the type area": "§5.2.1",
    "first baseline (text block start)": "§5.2.1",
    "left edge of a full line": "§5.2.1",
    "line pitch": "§5.2.3",
    "line off the line grid": "§5.2.3",
    "lines on a full page": "§5.2.3",
    "right end of a full line": "§5.2.3",
    "characters on a full line": "§5.2.3",
    "characters on most full lines": "§5.2.3",
    "body text font": "§7.3.3",
    "page number": "§7.5",
    "page number text": "§7.5",
    "page number size": "§7.5",
    "page number font": "§7.5",
    "page number right end": "§7.5",
    "page number left end": "§7.5",
    "page number dashes": "§7.5",
    "page number dash height": "§7.5",
    "page number on a blank page or the 版记 page after it": "§7.5",
}


@dataclass(frozen=True)
class Deviation:
    page: int | None  # None: the document as a whole
    what: str
    expected: str
    measured: str

    @property
    def clause(self) -> str:
        return CLAUSES[self.what]


@dataclass(frozen=True)
class Report:
    path: str
    style: str
    pages: int
    deviations: tuple[Deviation, ...]
    measured: dict = field(default_factory=dict)  # summary figures, for people and for tests
    skipped: tuple[str, ...] = ()  # checks the style gives no figure for
    findings: tuple["Finding", ...] = ()  # composition rules the rendering breaks, with their clauses

    @property
    def ok(self) -> bool:
        return not self.deviations and not self.findings

    def to_json(self) -> str:
        return json.dumps({"path": self.path, "style": self.style, "pages": self.pages, "ok": self.ok,
                           "deviations": [{**asdict(d), "clause": d.clause} for d in self.deviations],
                           "measured": self.measured,
                           "skipped": list(self.skipped), "findings": [asdict(f) for f in self.findings]},
                          ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        lines = [ngettext("{path}: {pages} page, style {style}", "{path}: {pages} pages, style {style}", self.pages)
                 .format(path=self.path, pages=self.pages, style=self.style)]
        for key, value in self.measured.items():
            lines.append(f"  {key.replace('_', ' ')}: {value}")
        for note in self.skipped:
            lines.append(_("  not checked: {note}").format(note=note))
        for d in self.deviations:
            where = _("page {page}").format(page=d.page) if d.page is not None else _("document")
            lines.append(_("{path}: {where}: {what}: expected {expected}, measured {measured}").format(
                path=self.path, where=where, what=_(d.what), expected=d.expected, measured=d.measured)
                + f" (GB/T 9704 {d.clause})")
        for f in self.findings:
            lines.append(f"{self.path}: GB/T 9704 {f.clause}: {f.message}")
        count = len(self.deviations) + len(self.findings)
        lines.append(f"{self.path}: " + (_("meets the style") if self.ok else
                                          ngettext("{count} deviation", "{count} deviations", count).format(count=count)))
        return "\n".join(lines)


@dataclass(frozen=True)
class Frame:
    """The figures of a style that a page is measured against, in mm."""
    width: float
    height: float
    left: float
    right: float  # x of the type area's right edge
    top: float
    bottom: float  # y of the type area's bottom edge
    pitch: float
    lines: int
    chars: int
    body_size_pt: float
    body_role: str
    number_size_pt: float
    number_role: str
    number_side: float  # the page number's space from the type-area edge
    number_text: str  # with {page} where the number goes
    duplex: bool
    dash_below: float | None  # the dashes' ink below the type area; None: the style gives no figure
    first_page_numbered: bool = True  # 信函 carry no number on page 1 (§10.1)

    @property
    def body_char(self) -> float:
        return self.body_size_pt * MM_PER_PT

    @classmethod
    def from_style(cls, style) -> "Frame":
        page = style.page
        body = style.element("body")
        number = style.page_number
        return cls(
            width=page.width_mm, height=page.height_mm, left=page.margin_left_mm,
            right=page.width_mm - page.margin_right_mm, top=page.margin_top_mm,
            bottom=page.height_mm - page.margin_bottom_mm, pitch=page.line_pitch_pt * MM_PER_PT,
            lines=page.lines_per_page, chars=page.chars_per_line, body_size_pt=body.size_pt,
            body_role=role_of_name(body.font, style.fonts), number_size_pt=number.size_pt,
            number_role=role_of_name(number.font, style.fonts),
            number_side=number.side_space_chars * number.size_pt * MM_PER_PT, number_text=number.text,
            duplex=page.duplex, dash_below=float(number.dash_below_type_area_mm),
            first_page_numbered=number.first_page,
        )


def verify_pdf(pdf_path, style) -> Report:
    """Measure pdf_path against style. Raises InputError when the file is not a readable PDF."""
    return verify_with_frame(pdf_path, Frame.from_style(style), style.name)


def verify_with_frame(pdf_path, frame: Frame, style_name: str) -> Report:
    path = Path(pdf_path)
    try:
        pages = read_pages(path)
    except FileNotFoundError:
        raise InputError(_("no such file"), path=str(path)) from None
    except Exception as exc:  # pdfium raises its own error for damaged files
        raise InputError(_("not a readable PDF ({name})").format(name=type(exc).__name__), path=str(path)) from None
    if not pages:
        raise InputError(_("the PDF has no pages"), path=str(path))
    dashes = {}
    if frame.dash_below is not None:
        for page in pages:
            if _number_row(page, frame) is not None:
                # from 2 mm under the 版心: the 版记's last rule lies on its bottom edge
                dashes[page.number] = dash_ink_rows(path, page.number - 1, frame.bottom + 2, page.height)
    return check(pages, frame, str(path), style_name, dashes)


def check(pages: list[PageFacts], frame: Frame, path: str, style_name: str,
          dashes: dict[int, float | None] | None = None) -> Report:
    """Pure core of verify_pdf: deviations and summary figures from measured pages."""
    found: list[Deviation] = []
    summary: dict = {}
    found += _page_sizes(pages, frame)
    # Landscape pages hold wide tables (§8); their layout is the table's, not the text grid's.
    turned = [page.number for page in pages if page.width > page.height]
    pages = [page for page in pages if page.width <= page.height]
    if turned:
        summary["landscape_pages"] = ", ".join(str(n) for n in turned) + " (tables; not measured)"
    found += _type_area(pages, frame, summary)
    found += _full_pages(pages, frame, summary)
    found += _full_lines(pages, frame, summary)
    found += _page_numbers(pages, frame, dashes or {}, summary)
    found += _body_font(pages, frame, summary)
    skipped = () if frame.dash_below is not None else (
        "page-number dash height (the style has no page_number.dash_below_type_area_mm)",)
    return Report(path, style_name, len(pages), tuple(found), summary, skipped)


def _mm(value: float) -> str:
    return f"{value:.1f} mm"


def _body_rows(page: PageFacts, frame: Frame) -> list[Row]:
    return [r for r in page.rows if r.baseline <= frame.bottom + MARGIN_TOL
            and abs(r.size - frame.body_size_pt) <= SIZE_TOL_PT]


def _type_area_rows(page: PageFacts, frame: Frame) -> list[Row]:
    return [r for r in page.rows if r.baseline <= frame.bottom + MARGIN_TOL]


def _page_sizes(pages: list[PageFacts], frame: Frame) -> list[Deviation]:
    return [Deviation(p.number, N_("page size"), f"{frame.width:g} × {frame.height:g} mm",
                      f"{p.width:.1f} × {p.height:.1f} mm")
            for p in pages if _off_size(p.width, p.height, frame) and _off_size(p.height, p.width, frame)]


def _off_size(width: float, height: float, frame: Frame) -> bool:
    """Not the style's paper (a page turned to landscape for a table is still A4)."""
    return abs(width - frame.width) > PAGE_SIZE_TOL or abs(height - frame.height) > PAGE_SIZE_TOL


def _type_area(pages: list[PageFacts], frame: Frame, summary: dict) -> list[Deviation]:
    found = []
    first_baselines = []
    for page in pages:
        rows = _type_area_rows(page, frame)
        if not rows:
            continue
        # Type larger than the body's (a 标志 set on its first line) may rise above its line box.
        ordinary = [r for r in rows if max(g.size for g in r.glyphs) <= frame.body_size_pt + 1]
        if not ordinary:
            continue
        highest = min(r.top for r in ordinary)
        if highest < frame.top - MARGIN_TOL:
            found.append(Deviation(page.number, N_("text above the type area (top margin)"),
                                   f"glyph tops at or below {_mm(frame.top)}", _mm(highest)))
        lowest = max(r.baseline for r in rows)
        if lowest > frame.bottom + OVERHANG_TOL:
            found.append(Deviation(page.number, N_("last baseline below the type area"),
                                   f"at most {_mm(frame.bottom)}", _mm(lowest)))
        body = _body_rows(page, frame)
        if page.number > 1 and body and rows[0] is body[0]:
            first = body[0].baseline
            low, high = (frame.top + share * frame.pitch for share in FIRST_BASELINE_SHARE)
            first_baselines.append(first)
            if not low <= first <= high:
                found.append(Deviation(page.number, N_("first baseline (text block start)"),
                                       f"{low:.1f}–{high:.1f} mm (first line below {_mm(frame.top)})", _mm(first)))
    if first_baselines:
        summary["first_baseline"] = f"{median(first_baselines):.2f} mm"
    return found


def _is_full_line(row: Row, frame: Frame) -> bool:
    return row.x1 >= frame.right - 0.5 * frame.body_char and row.x1 - row.x0 >= (frame.right - frame.left) * 0.8


def _full_pages(pages: list[PageFacts], frame: Frame, summary: dict) -> list[Deviation]:
    """Line pitch on every page, and full pages (ending inside a paragraph) hold lines_per_page lines."""
    found = []
    counts, pitches, offsets = [], [], []
    for page in pages:
        rows = _type_area_rows(page, frame)
        body = _body_rows(page, frame)
        for run in _body_runs(rows, body, frame.pitch):
            fitted, worst = _fit_pitch(run, frame.pitch)
            if fitted is None:
                continue
            pitches.append(fitted)
            offsets.append(worst)
            if abs(fitted - frame.pitch) > PITCH_TOL_PT * MM_PER_PT:
                found.append(Deviation(page.number, N_("line pitch"), f"{frame.pitch / MM_PER_PT:.2f} pt",
                                       f"{fitted / MM_PER_PT:.2f} pt over {len(run)} lines from {_mm(run[0].baseline)}"))
            if worst > OFF_GRID_TOL_PT * MM_PER_PT:
                found.append(Deviation(page.number, N_("line off the line grid"), f"within {OFF_GRID_TOL_PT:g} pt",
                                       f"{worst / MM_PER_PT:.2f} pt"))
        if not _ends_inside_a_paragraph(page, pages, frame) or len(rows) != len(body):
            continue
        lines = round((body[-1].baseline - body[0].baseline) / frame.pitch) + 1
        counts.append(lines)
        if lines != frame.lines:
            found.append(Deviation(page.number, N_("lines on a full page"), str(frame.lines), str(lines)))
    if counts:
        summary["full_pages"] = f"{len(counts)} (lines: {_tally(counts)})"
    if pitches:
        summary["line_pitch"] = f"{median(pitches) / MM_PER_PT:.3f} pt (rows off the grid by up to " \
                                f"{max(offsets) / MM_PER_PT:.2f} pt)"
    return found


def _ends_inside_a_paragraph(page: PageFacts, pages: list[PageFacts], frame: Frame) -> bool:
    """The page's last line is full and the next page goes on with a line at the margin, not a new paragraph."""
    if page is pages[-1]:
        return False
    rows = _type_area_rows(page, frame)
    following = _type_area_rows(pages[pages.index(page) + 1], frame)
    return bool(rows and following) and _is_full_line(rows[-1], frame) and \
        following[0].x0 <= frame.left + 0.5 * frame.body_char


def _body_runs(rows: list[Row], body: list[Row], pitch: float) -> list[list[Row]]:
    """Body rows in runs not interrupted by other elements (a title has its own line height). A gap of
    blank lines that is not a whole number of lines also starts a new run: the rows above it sit in a
    版头 whose rules and marks are placed off the grid on purpose."""
    runs: list[list[Row]] = []
    body_ids = {id(r) for r in body}
    for row in rows:
        if id(row) in body_ids:
            if runs and runs[-1] is not None and runs[-1]:
                gap = (row.baseline - runs[-1][-1].baseline) / pitch
                if gap > 1.5 and abs(gap - round(gap)) > 0.15:
                    runs.append(None)
            if not runs or runs[-1] is None:
                runs.append([])
            runs[-1].append(row)
        elif runs and runs[-1] is not None:
            runs.append(None)
    return [r for r in runs if r]


def _fit_pitch(run: list[Row], pitch: float) -> tuple[float | None, float]:
    """Least-squares pitch of a run of rows on a grid, and the largest distance of a row from that grid."""
    slots = [round((r.baseline - run[0].baseline) / pitch) for r in run]
    if len(run) < 3 or slots[-1] < MIN_PITCH_SPAN:
        return None, 0.0
    ys = [r.baseline for r in run]
    mean_n, mean_y = sum(slots) / len(slots), sum(ys) / len(ys)
    spread = sum((n - mean_n) ** 2 for n in slots)
    fitted = sum((n - mean_n) * (y - mean_y) for n, y in zip(slots, ys)) / spread
    start = mean_y - fitted * mean_n
    worst = max(abs(y - (start + fitted * n)) for n, y in zip(slots, ys))
    return fitted, worst


def _full_lines(pages: list[PageFacts], frame: Frame, summary: dict) -> list[Deviation]:
    """Flush-left full lines of pure Chinese text hold chars_per_line characters and start at the margin."""
    found = []
    counts: list[int] = []
    x0s, x1s = [], []
    for page in pages:
        rows = _body_rows(page, frame)
        for index, row in enumerate(rows):
            if not _is_full_line(row, frame) or row.x0 > frame.left + 0.5 * frame.body_char:
                continue
            x0s.append(row.x0)
            if abs(row.x0 - frame.left) > MARGIN_TOL:
                found.append(Deviation(page.number, N_("left edge of a full line"), _mm(frame.left), _mm(row.x0)))
            if any(g.half_width for g in row.inked):
                continue
            if index + 1 < len(rows) and _starts_unbreakable(rows[index + 1]):
                continue  # the line was closed early so a number or a bracketed run stays whole (禁则)
            count = round(row.characters())
            if count < frame.chars and index + 1 < len(rows) and \
                    _closed_for_a_mark(rows[index + 1], frame.chars - count):
                continue  # closed early: the marks that may not start a line went down with a character
            counts.append(count)
            if count == frame.chars:
                x1s.append(row.x1)
                if row.x1 > frame.right + OVERHANG_TOL:
                    found.append(Deviation(page.number, N_("right end of a full line"), f"at most {_mm(frame.right)}",
                                           _mm(row.x1)))
            elif abs(count - frame.chars) > 1:  # one more or less is line-breaking rules (禁则) at work
                found.append(Deviation(page.number, N_("characters on a full line"), str(frame.chars),
                                       f"{count} ({row.text[:12]}…)"))
    if counts:
        usual = Counter(counts).most_common(1)[0][0]
        summary["full_lines"] = f"{len(counts)} (characters: {_tally(counts)})"
        if usual != frame.chars:
            found.append(Deviation(None, N_("characters on most full lines"), str(frame.chars), str(usual)))
    if x0s:
        summary["left_edge"] = f"{median(x0s):.2f} mm"
    if x1s:
        summary["right_edge"] = f"{median(x1s):.2f} mm"
    return found


_OPENING = "〔（《“‘【〈「『"


_NO_LINE_START = "，、。；：？！）》”’〕】」』…—·"


def _closed_for_a_mark(following: Row, shortfall: int) -> bool:
    """Whether the next row opens with the characters a line closed `shortfall` early gave it for a mark
    that may not start a line (GB/T 15834 5.1.1: no mark hangs, none starts a line)."""
    return any(ch in _NO_LINE_START for ch in following.text.lstrip()[:shortfall + 1])


def _starts_unbreakable(row: Row) -> bool:
    """Whether a row begins with what may not be split from the line above: digits, Latin letters,
    or an opening bracket."""
    first = row.text[:1]
    return bool(first) and (first in _OPENING or (first.isascii() and first.isalnum()))


def _tally(values: list[int]) -> str:
    return ", ".join(f"{v}×{n}" for v, n in sorted(Counter(values).items()))


def _number_row(page: PageFacts, frame: Frame) -> Row | None:
    below = [r for r in page.rows if r.baseline > frame.bottom + MARGIN_TOL and r.text.strip()]
    return below[0] if below else None


def _page_numbers(pages: list[PageFacts], frame: Frame, dashes: dict[int, float | None],
                  summary: dict) -> list[Deviation]:
    found = []
    unnumbered = _unnumbered_pages(pages, frame)
    if not frame.first_page_numbered:
        unnumbered = unnumbered | {1}
    positions: dict[str, list[float]] = {"odd_right_end": [], "even_left_end": [], "dash_ink": []}
    for page in pages:
        row = _number_row(page, frame)
        if page.number in unnumbered:
            if row is not None:
                found.append(Deviation(page.number, N_("page number on a blank page or the 版记 page after it"),
                                       "none", row.text.strip()))
            continue
        shown = frame.number_text.replace("{page}", str(page.number))
        if row is None:
            found.append(Deviation(page.number, N_("page number"), shown, "none"))
            continue
        text = row.text.strip()
        if not number_pattern(frame.number_text, page.number).fullmatch(text):
            found.append(Deviation(page.number, N_("page number text"), shown, text))
        sizes = {g.size for g in row.inked}
        if any(abs(s - frame.number_size_pt) > SIZE_TOL_PT for s in sizes):
            found.append(Deviation(page.number, N_("page number size"), f"{frame.number_size_pt:g} pt",
                                   ", ".join(f"{s:g} pt" for s in sorted(sizes))))
        roles = {role_of_pdf_font(g.font) for g in row.inked}
        if roles != {frame.number_role}:
            fonts = ", ".join(sorted({g.font for g in row.inked}))
            found.append(Deviation(page.number, N_("page number font"), f"a {frame.number_role} font", fonts))
        if page.number % 2 == 1 or not frame.duplex:
            expected, measured, key = frame.right - frame.number_side, row.x1, "odd_right_end"
            what = N_("page number right end")
        else:
            expected, measured, key = frame.left + frame.number_side, row.x0, "even_left_end"
            what = N_("page number left end")
        positions[key].append(measured)
        if abs(measured - expected) > MARGIN_TOL:
            found.append(Deviation(page.number, what, _mm(expected), _mm(measured)))
        if frame.dash_below is not None:
            ink = dashes.get(page.number)
            expected_ink = frame.bottom + frame.dash_below
            if ink is None:
                found.append(Deviation(page.number, N_("page number dashes"), f"ink at {_mm(expected_ink)}", "no dash ink"))
            else:
                positions["dash_ink"].append(ink)
                if abs(ink - expected_ink) > MARGIN_TOL:
                    found.append(Deviation(page.number, N_("page number dash height"), _mm(expected_ink), _mm(ink)))
    for key, values in positions.items():
        if values:
            summary[key] = f"{median(values):.2f} mm"
    return found


def number_pattern(text: str, number: int) -> re.Pattern:
    """The page-number text with {page} filled in; spaces in it are optional (practice varies)."""
    def literal(part: str) -> str:
        return r"\s*".join(re.escape(piece) for piece in part.split())
    return re.compile(rf"\s*{number}\s*".join(literal(part) for part in text.split("{page}")))


def _unnumbered_pages(pages: list[PageFacts], frame: Frame) -> set[int]:
    """GB/T 9704 §7.5: a blank page before the 版记 page, and that last page, carry no number."""
    if len(pages) >= 2 and not _type_area_rows(pages[-2], frame):
        return {pages[-2].number, pages[-1].number}
    return set()


def _body_font(pages: list[PageFacts], frame: Frame, summary: dict) -> list[Deviation]:
    fonts: Counter[str] = Counter()
    for page in pages:
        for row in _body_rows(page, frame):
            fonts.update(g.font for g in row.glyphs if g.ideograph)
    total = sum(fonts.values())
    if not total:
        return []
    top = ", ".join(f"{font} {n / total:.0%}" for font, n in fonts.most_common(3))
    summary["body_fonts"] = top
    # Headings share the body size in other faces (黑体, 楷体), so the check is on the most used font.
    if role_of_pdf_font(fonts.most_common(1)[0][0]) != frame.body_role:
        return [Deviation(None, N_("body text font"), f"a {frame.body_role} font for most body text", top)]
    return []


# -- rules a finished rendering of a known document still breaks -----------------------------------

@dataclass(frozen=True)
class Finding:
    clause: str  # where the rule comes from (GB/T 9704 unless named)
    message: str  # one sentence naming what is wrong and where
    page: int | None = None


# Characters that print nothing, so are not looked for on the page.
_UNPRINTED_CATEGORIES = ("Cc", "Cf", "Zs", "Zl", "Zp")
PUNCTUATION = frozenset("，、。；：？！…—·“”‘’《》〈〉（）〔〕【】「」『』,.;:?!()")


def rendering_findings(pdf_path, document, plan, style, measure=None, read=None) -> list[Finding]:
    """What a PDF rendering of plan (laid out from document) still breaks: the 署名 alone on a page
    (§7.3.5.5), the 版记 on an odd page or off the 版心's bottom edge (§7.4), marks hanging past the
    版心 (§5.2.1), characters of the text missing from the page (§6.1), a title broken inside a name
    (§7.3.1). measure: that rendering's PageMeasure when it was taken already, and read the pages taking
    it read (by index, as measure_composition gives them): each page is read once.
    Raises InputError for an unreadable PDF."""
    import pypdfium2 as pdfium

    from govfmt.layout.items import Colophon
    from govfmt.pdf.measure import measure_composition, page_text

    path = Path(pdf_path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except FileNotFoundError:
        raise InputError(_("no such file"), path=str(path)) from None
    except Exception as exc:  # pdfium raises its own error for damaged files
        raise InputError(_("not a readable PDF ({name})").format(name=type(exc).__name__), path=str(path)) from None
    try:
        # the 版记's rules are looked for on the last page only
        ruled = len(pdf) - 1 if measure is None and any(isinstance(item, Colophon) for item in plan.items) else -1
        known = read if measure is not None and read else {}
        pages = [known.get(index) or page_text(pdf, index, rules=index == ruled) for index in range(len(pdf))]
    finally:
        pdf.close()
    if measure is None:
        measure = measure_composition(path, plan, style, pages=pages)
    found = composition_findings(measure, style)
    found += hanging_marks(pages, style)
    found += missing_characters(pages, plan)
    found += broken_titles(pages, plan)
    return found


def composition_findings(measure, style) -> list[Finding]:
    found = []
    if measure.signature_alone:
        found.append(Finding("§7.3.5.5", _("page {signature_page} holds the 署名 and 成文日期 without any text of the "
                                             "body above them").format(signature_page=measure.signature_page), measure.signature_page))
    if measure.colophon_page is not None:
        if style.page.duplex and measure.colophon_page % 2 == 1:
            found.append(Finding("§7.4", _("the 版记 is on page {colophon_page}, an odd page; printed on both sides "
                                             "it must close the document on an even page")
                                           .format(colophon_page=measure.colophon_page), measure.colophon_page))
        if not measure.colophon_on_edge:
            found.append(Finding("§7.4.1", _("the 版记's last rule lies at {colophon_bottom:.1f} mm, not on the "
                                               "版心's bottom edge at {type_bottom:.1f} mm (±1 mm)")
                                             .format(colophon_bottom=measure.colophon_bottom, type_bottom=measure.type_bottom),
                                 measure.colophon_page))
    return found


def hanging_marks(pages, style) -> list[Finding]:
    """Characters printed past the right edge of the 版心 on portrait pages (punctuation hung into the
    margin by the layout engine)."""
    right = style.page.width_mm - style.page.margin_right_mm
    bottom = style.page.height_mm - style.page.margin_bottom_mm
    found = []
    for page in pages:
        if page.width > page.height:
            continue
        for row in page.rows:
            if row.baseline > bottom + MARGIN_TOL:
                continue
            past = [ch for ch, _, x1 in row.chars if not ch.isspace() and x1 > right + OVERHANG_TOL]
            if past:
                found.append(Finding("§5.2.1", _("page {number}: {value!r} printed past the 版心's right edge "
                                                   "({right:.0f} mm) at the end of the line {value2!r}")
                                                 .format(number=page.number, value=''.join(past), right=right, value2=row.text.strip()[-10:]), page.number))
    return found


def _printed(ch: str) -> bool:
    known = _PRINTED.get(ch)
    if known is None:
        import unicodedata

        known = _PRINTED[ch] = not ch.isspace() and unicodedata.category(ch) not in _UNPRINTED_CATEGORIES
    return known


_PRINTED: dict[str, bool] = {}  # by character: a page holds a few hundred distinct ones, each many times


def _expected_pieces(plan) -> list[tuple[str, tuple[int, int] | None]]:
    """The text a rendering of plan must show, item by item in reading order, with its source lines."""
    from govfmt.layout.items import Colophon, JointMark, Paragraph, Table

    pieces = []
    for item in plan.items:
        if isinstance(item, Paragraph):
            pieces.append((item.text, item.source))
        elif isinstance(item, Table):
            pieces.extend(("".join(cell for cell in row), item.source) for row in item.rows)
        elif isinstance(item, Colophon):
            pieces.extend((row.text, row.source) for row in item.rows)
        elif isinstance(item, JointMark):  # names and 文件 are cells, drawn in an order of their own
            pieces.extend((text, None) for text in (*item.names, item.suffix))
    return [("".join(ch for ch in text if _printed(ch)), source) for text, source in pieces
            if any(_printed(ch) for ch in text)]


def missing_characters(pages, plan) -> list[Finding]:
    """Characters of the text that the rendering does not show, found by aligning each piece of text
    with the page text that follows the previous piece (pdfium reads the page in drawing order)."""
    from difflib import SequenceMatcher

    printed = "".join(ch for page in pages for row in page.rows for ch, _, _ in row.chars if _printed(ch))
    missing: dict[tuple[int, int] | None, list[str]] = {}
    cursor = 0
    for text, source in _expected_pieces(plan):
        if printed.startswith(text, cursor):  # printed in full where expected: nothing to align
            cursor += len(text)
            continue
        start = cursor
        window = printed[start:start + 2 * len(text) + 64]
        matcher = SequenceMatcher(None, text, window, autojunk=False)
        matched = _matched(matcher)
        if sum(matched) * 2 < len(text):  # not where it was expected: drawn elsewhere (frames, floats)
            anchor = printed.find(text[:6])
            if anchor >= 0:
                start = anchor
                window = printed[start:start + 2 * len(text) + 64]
                matcher = SequenceMatcher(None, text, window, autojunk=False)
                matched = _matched(matcher)
        blocks = matcher.get_matching_blocks()
        if sum(matched) and start == cursor:
            last = [b for b in blocks if b.size]
            cursor = start + last[-1].b + last[-1].size
        lost = [ch for ch, ok in zip(text, matched) if not ok]
        if lost:
            missing.setdefault(source, []).extend(lost)
    found = []
    for source, chars in missing.items():
        where = _("the 版头 or 版记") if source is None else (
            _("line {line}").format(line=source[0]) if source[0] == source[1]
            else _("lines {first}–{last}").format(first=source[0], last=source[1]))
        marks = [ch for ch in chars if ch in PUNCTUATION]
        kind = _("punctuation ") if marks and len(marks) == len(chars) else ""
        found.append(Finding("§6.1", _("{where}: {kind}missing from the PDF: {listed_chars}")
                                       .format(where=where, kind=kind, listed_chars=_listed(chars))))
    return found


def _matched(matcher) -> list[bool]:
    flags = [False] * len(matcher.a)
    for block in matcher.get_matching_blocks():
        for index in range(block.a, block.a + block.size):
            flags[index] = True
    return flags


def _listed(chars: list[str]) -> str:
    counts = Counter(chars)
    return ", ".join(f"{ch!r} (U+{ord(ch):04X})" + (f" ×{n}" if n > 1 else "") for ch, n in counts.items())


def broken_titles(pages, plan) -> list[Finding]:
    """Title lines as printed: a break the layout did not ask for must fall between words, never inside
    a name, a number or 《》 (§7.3.1)."""
    from govfmt.layout.items import Paragraph
    from govfmt.layout.title import break_allowed

    rows = [(page.number, row.compact) for page in pages for row in page.rows if row.compact]
    found = []
    for item in plan.items:
        if not (isinstance(item, Paragraph) and item.element in ("title", "attachment_title")):
            continue
        text = "".join(item.text.split())
        planned, position = set(), 0
        for run in item.runs[:-1]:
            position += len("".join(run.text.split()))
            if run.break_after:
                planned.add(position)
        for index, (number, compact) in enumerate(rows):
            if not (compact and text.startswith(compact)):
                continue
            breaks, length, cursor = [], 0, index
            while cursor < len(rows) and length < len(text) and text[length:].startswith(rows[cursor][1]):
                length += len(rows[cursor][1])
                breaks.append(length)
                cursor += 1
            if length != len(text):
                continue
            for at in breaks[:-1]:
                if at not in planned and not break_allowed(text, at):
                    found.append(Finding("§7.3.1", _("page {number}: the title is broken inside a word or name: "
                                                       "{text!r} / {text2!r}")
                                                     .format(number=number, text=text[:at], text2=text[at:]), number))
            break
    return found


def page_findings(pdf_path, style) -> list[Finding]:
    """The composition rules that need no draft: the 版记 on an even page ending on the 版心's bottom
    edge (found by its rules on the last page), and no mark past the 版心's right edge."""
    import pypdfium2 as pdfium

    from govfmt.layout.composition import PageMeasure
    from govfmt.pdf.measure import RULE_WIDTH_SHARE, is_black, page_text

    page = style.page
    bottom = page.height_mm - page.margin_bottom_mm
    width = page.width_mm - page.margin_left_mm - page.margin_right_mm
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = [page_text(pdf, index) for index in range(len(pdf))]
    finally:
        pdf.close()
    found = hanging_marks(pages, style)
    if pages:
        last = pages[-1]
        black = [r for r in last.rules if is_black(r[3]) and r[1] - r[0] >= RULE_WIDTH_SHARE * width]
        # a 版记 closes the document with two or more full-width rules, the last near the bottom edge
        if len(black) >= 2 and max(r[2] for r in black) > bottom - 30:
            measure = PageMeasure(pages=len(pages), colophon_page=last.number,
                                  colophon_bottom=max(r[2] for r in black), type_bottom=bottom)
            found = composition_findings(measure, style) + found
    return found
