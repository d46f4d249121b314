"""Page composition from a measured rendering (GB/T 9704 §7.3.5.5, §7.4, §7.5).

Where the body ends and where a page edge falls are known only after a layout engine has set the
text. A first rendering is measured (govfmt.pdf.measure.measure_composition gives a PageMeasure); from
those facts `recompose` decides a Composition, a typed input of the next `plan_document`:

- the 版记 stands on an even page (printing is double-sided and its last rule closes the last side):
  kept where it is on an even page; moved alone to the next page when it shares an odd page with text;
  on an odd page of its own, a blank page goes first and neither page carries a number (§7.5);
- the 署名 and 成文日期 never stand alone on a page (§7.3.5.5): body lines are carried over to their page.

Composition() is "nothing measured yet": the layout then does what it can without a rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

SAME_PAGE = "same-page"  # the 版记 at the bottom of the page where the text ends
NEXT_PAGE = "next-page"  # alone on the next page (the text ended on an odd page)
BLANK_PAGE_FIRST = "blank-page-first"  # on the next even page, after an unnumbered blank page
COLOPHON_PLACEMENTS = (SAME_PAGE, NEXT_PAGE, BLANK_PAGE_FIRST)

# How many body lines go with the 署名 when it would stand alone (a widow-safe pair), and how many
# carries are tried before the layout gives up.
CARRY_STEP = 2
MAX_CARRY = 6


@dataclass(frozen=True)
class Composition:
    """Facts from a measured rendering, as inputs of the layout."""

    colophon: str = SAME_PAGE  # one of COLOPHON_PLACEMENTS
    carry_lines: int = 0  # body lines carried to the page of the 署名 (0: as the text falls)
    measured: bool = False  # decided from a rendering


@dataclass(frozen=True)
class PageMeasure:
    """What a rendering shows at the places a page edge matters, in mm from the page's top-left."""

    pages: int
    colophon_page: int | None = None  # page holding the 版记 (1-based); None: no 版记 found
    colophon_top: float | None = None  # its first rule
    colophon_bottom: float | None = None  # its last rule
    text_above_colophon: bool = False  # other text on the 版记's page, above it
    signature_page: int | None = None  # page holding the first line of the 署名 (or the date)
    rows_above_signature: int | None = None  # text rows in the type area above it on that page
    type_bottom: float | None = None  # the 版心's bottom edge the rendering was measured against
    room_before_signature: float | None = None  # mm free under the text of the page before the 署名's
    line_pitch: float | None = None  # mm a line (to count room_before_signature in lines)

    @property
    def signature_alone(self) -> bool:
        return self.signature_page is not None and self.signature_page > 1 and self.rows_above_signature == 0

    @property
    def colophon_on_edge(self) -> bool:
        return self.colophon_bottom is None or self.type_bottom is None or \
            abs(self.colophon_bottom - self.type_bottom) <= 1.0


def needs_measurement(plan) -> bool:
    """Whether the plan has something whose page only a rendering can tell: a 版记 or a 署名 block."""
    from govfmt.layout.items import Colophon, Paragraph

    for item in plan.items:
        if isinstance(item, Colophon):
            return True
        if isinstance(item, Paragraph) and item.element in ("signature", "date"):
            return True
    return False


def recompose(measure: PageMeasure, composition: Composition, plan, style) -> Composition | None:
    """The composition the next layout needs, from a rendering made with `composition`; None when the
    rendering is right as it is (or nothing more can be done)."""
    wanted = composition
    if _carry_unneeded(measure, composition):
        # The estimate carried lines that a rendering without the carry would have kept where they fell.
        wanted = replace(wanted, carry_lines=0)
    elif measure.signature_alone and composition.carry_lines < MAX_CARRY and (
            composition.carry_lines == 0 or _can_carry(plan)):
        # With nothing to carry (a table above), one more layout opens the page with the 署名 instead.
        # Lines move onto a page that exists already: the page count, and so the 版记's page, stays.
        wanted = replace(wanted, carry_lines=composition.carry_lines + CARRY_STEP)
    if measure.colophon_page is not None and style.page.duplex and measure.colophon_page % 2 == 1:
        wanted = replace(wanted, colophon=_even_page_placement(measure, composition))
    if wanted == composition:
        return None
    return replace(wanted, measured=True)


def _carry_unneeded(measure: PageMeasure, composition: Composition) -> bool:
    """A carry chosen before any rendering (not measured) that was not needed: the text above the 署名
    on its page would not all have gone back into the room left on the page before, so without the
    carry the 署名 would not have stood alone."""
    if composition.measured or not composition.carry_lines or measure.signature_page is None:
        return False
    if measure.signature_page == 1:
        return True  # nothing stands alone on the first page
    if measure.room_before_signature is None or not measure.line_pitch or measure.rows_above_signature is None:
        return False
    room = measure.room_before_signature / measure.line_pitch
    return room + 0.5 < measure.rows_above_signature


def _even_page_placement(measure: PageMeasure, composition: Composition) -> str:
    """An odd 版记 page under the placement used tells where the text ends, and so what puts it even."""
    if composition.colophon == NEXT_PAGE:
        return SAME_PAGE  # the text ends on the even page before it
    if composition.colophon == BLANK_PAGE_FIRST:
        return NEXT_PAGE  # the text ends on an odd page
    return NEXT_PAGE if measure.text_above_colophon else BLANK_PAGE_FIRST


def _can_carry(plan) -> bool:
    from govfmt.layout.plan import signature_can_carry

    return plan is None or signature_can_carry(plan)
