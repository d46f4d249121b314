"""Where the pages of a plan will break, estimated before any rendering (pure).

A rendering is the truth (govfmt.pdf.measure); this estimate only lets the first layout choose what a
measured rendering would have asked for (govfmt.layout.composition), so that a second rendering is
rare. It sets each paragraph on the line grid the way the layout engine does (§5.2.3: 22 lines a page,
28 characters a line): full-width characters take one cell, digits and Latin letters their advance in
the Latin font, a closing mark never begins a line and an opening mark never ends one (避头尾), a line
break in a title starts a new line; paragraphs of body size take one grid line a line, larger type and
tables their own heights; page breaks, keep-with-next and widow control as the paragraphs ask.

Every estimate carries its doubt (in lines, `slack`): it grows with what is set less surely (each
paragraph, each line broken at a word or a 避头尾 mark, each table row). A composition is chosen from an
estimate only while that doubt is below the style's doubt_limit and every page edge that matters is
at least margin_lines plus the doubt away; otherwise the first layout stays the default one, and the
measured rendering decides as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from govfmt.layout.items import Colophon, JointMark, PageRule, Paragraph, Plan, Table
from govfmt.layout.metrics import advance_em

# A character that never begins a line, and one that never ends a line (GB/T 15834 5.1.1; the layout
# engine's rules for Chinese line breaking).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%‰℃,.;:?!)]}")
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,%")


@dataclass(frozen=True)
class Line:
    """One line of a paragraph as set: its page (1-based), its top on that page (twips from the top of
    the 版心) and its height (twips)."""

    page: int
    top: int
    height: int
    text: bool  # printed text on it (not a blank line)


@dataclass(frozen=True)
class Estimate:
    """What a rendering of the plan is expected to show, with how sure that is."""

    pages: int  # pages of text (the 版记 not counted when it goes on a page of its own)
    last_text_page: int  # the page holding the last line of text before the 版记
    last_text_bottom: int  # twips from the top of the 版心 to the bottom of that line
    page_height: int  # twips of the 版心 the lines fill
    pitch: int  # twips a grid line
    signature_page: int | None = None  # page of the first line of the 署名 (or the date)
    signature_top: int | None = None  # its top, twips from the top of the 版心
    text_rows_above_signature: int | None = None  # lines of text above it on that page
    chain_height: int = 0  # twips of the 署名 block that go to a page together (blank lines, 署名, 日期 …)
    room_before_signature: int | None = None  # twips free on the page where the text above the 署名 ends
    colophon_height: int | None = None  # twips the 版记 takes at the bottom of the last page
    slack: float = 0.0  # uncertainty of the positions at the end of the text, in grid lines
    signature_slack: float = 0.0  # the same where the 署名 block starts
    text_keeps_with_signature: bool = False  # the paragraph above it is kept with it already
    sure: bool = True  # nothing in the plan the estimate cannot set (landscape pages, joint marks)

    @property
    def signature_alone(self) -> bool:
        return self.signature_page is not None and self.signature_page > 1 and self.text_rows_above_signature == 0


@dataclass(frozen=True)
class Metrics:
    """The numbers of the estimate, from the style (pagination section) and the page."""

    pitch: int
    rows: int
    type_width: int
    body_size: float
    tracking_twips: float
    slack_per_paragraph: float
    slack_per_long_line: float
    slack_per_table_row: float


def metrics_of(style) -> Metrics:
    page = style.page
    rules = style.pagination
    return Metrics(pitch=round(page.line_pitch_pt * 20), rows=page.lines_per_page,
                   type_width=page.type_width_twips, body_size=style.element("body").size_pt,
                   tracking_twips=page.char_tracking_pt * 20, slack_per_paragraph=rules.slack_per_paragraph,
                   slack_per_long_line=rules.slack_per_line, slack_per_table_row=rules.slack_per_table_row)


def set_lines(plan: Plan, style) -> tuple[dict[int, list[Line]], dict[int, float]]:
    """Every line of the plan's text as set, by the index of its item, and the doubt gathered up to
    and including each item (grid lines); the 版记 and rules at fixed places are not in the flow."""
    m = metrics_of(style)
    page_height = m.pitch * m.rows
    flow = _Flow(page_height)
    slack = 0.0
    doubt: dict[int, float] = {}
    blocks = []  # (index, line heights, keep with next, widow control, page break before, table)
    for index, item in enumerate(plan.items):
        if isinstance(item, (Colophon, PageRule)):
            continue
        if isinstance(item, JointMark):
            blocks.append((index, [item.line_twips] * len(item.names), False, False, False, False))
        elif isinstance(item, Table):
            heights = _table_rows(item, style, m)
            slack += m.slack_per_table_row * len(heights)
            blocks.append((index, heights, False, False, item.landscape, True))
        else:
            heights, uncertain = _paragraph_lines(item, style, m)
            slack += uncertain
            element = style.element(item.element)
            keep = item.keep_next if item.keep_next is not None else element.keep_with_next
            widow = item.widow_control if item.widow_control is not None else style.page.widow_control
            blocks.append((index, heights, keep, widow, item.page_break_before or element.page_break_before, False))
        doubt[index] = slack
    placed: dict[int, list[Line]] = {}
    position = 0
    while position < len(blocks):
        # paragraphs kept with the next go to the next page together when they and the first line of
        # the one after them do not fit (a run longer than a page is set as it falls)
        end = position
        while end < len(blocks) - 1 and blocks[end][2] and not blocks[end][5]:
            end += 1
        if blocks[position][4]:
            flow.new_page()
        if end > position and not flow.at_top():
            following = blocks[end][1][:2 if blocks[end][3] else 1]
            need = sum(sum(block[1]) for block in blocks[position:end]) + sum(following)
            if need <= page_height and flow.room() < need:
                flow.new_page()
        for k in range(position, end + 1):
            index, heights, _keep, widow, page_break, table = blocks[k]
            if k > position and page_break:
                flow.new_page()
            placed[index] = flow.place(heights, widow, _is_text(plan.items[index]))
        position = end + 1
    return placed, doubt


def estimate(plan: Plan, style) -> Estimate:
    """Where the pages of plan are expected to break (see the module's docstring)."""
    m = metrics_of(style)
    page_height = m.pitch * m.rows
    placed, doubt = set_lines(plan, style)
    sure = not any(isinstance(item, (Table, JointMark)) and getattr(item, "landscape", True) for item in plan.items)
    signature_index = _signature_index(plan)
    lines = [line for index in sorted(placed) for line in placed[index]]
    text_lines = [line for line in lines if line.text] or lines or [Line(1, 0, 0, False)]
    last = text_lines[-1]
    facts = {}
    if signature_index is not None and signature_index in placed:
        first = placed[signature_index][0]
        start = _chain_start(plan, signature_index)
        prior = [line for index in sorted(placed) if index < start for line in placed[index] if line.text]
        facts = dict(signature_page=first.page, signature_top=first.top,
                     text_rows_above_signature=sum(1 for line in prior if line.page == first.page),
                     chain_height=_kept_height(plan, style, placed, start),
                     room_before_signature=page_height - (prior[-1].top + prior[-1].height) if prior else None,
                     signature_slack=doubt.get(signature_index, 0.0),
                     text_keeps_with_signature=_keeps(plan, style, start))
    colophon = next((item for item in plan.items if isinstance(item, Colophon)), None)
    return Estimate(pages=max(line.page for line in text_lines), last_text_page=last.page,
                    last_text_bottom=last.top + last.height, page_height=page_height, pitch=m.pitch,
                    colophon_height=_colophon_height(colophon, style, m) if colophon is not None else None,
                    slack=max(doubt.values(), default=0.0), sure=sure, **facts)


class _Flow:
    """Lines set down the pages of the 版心."""

    def __init__(self, page_height: int):
        self.page_height = page_height
        self.page = 1
        self.y = 0

    def at_top(self) -> bool:
        return self.y == 0

    def room(self) -> int:
        return self.page_height - self.y

    def new_page(self) -> None:
        if self.y > 0:
            self.page += 1
            self.y = 0

    def place(self, heights: list[int], widow: bool, text: bool) -> list[Line]:
        lines: list[Line] = []
        count = len(heights)
        if widow and count >= 4 and not self.at_top():
            # at least two lines at the foot of a page and two at the head of the next
            fits = self._fitting(heights)
            if fits < 2:
                self.new_page()
            elif count - fits == 1:
                heights_first = heights[:fits - 1]
                lines.extend(self._set(heights_first, text))
                self.new_page()
                return lines + self._set(heights[fits - 1:], text)
        elif widow and 1 < count < 4 and not self.at_top() and self._fitting(heights) < count:
            self.new_page()
        return lines + self._set(heights, text)

    def _fitting(self, heights: list[int]) -> int:
        y, fits = self.y, 0
        for height in heights:
            if y + height > self.page_height:
                break
            y += height
            fits += 1
        return fits

    def _set(self, heights: list[int], text: bool) -> list[Line]:
        lines = []
        for height in heights:
            if self.y + height > self.page_height and self.y > 0:
                self.page += 1
                self.y = 0
            lines.append(Line(self.page, self.y, height, text))
            self.y += height
        return lines


def _is_text(item) -> bool:
    return not isinstance(item, Paragraph) or bool(item.text.strip())


def _signature_index(plan: Plan) -> int | None:
    """The plan's first 署名 (or 成文日期 without one) that a measure looks for."""
    for index, item in enumerate(plan.items):
        if isinstance(item, Paragraph) and item.element in ("signature", "date") and item.text.strip():
            return index
    return None


def _chain_start(plan: Plan, signature_index: int) -> int:
    index = signature_index
    while index > 0 and isinstance(plan.items[index - 1], Paragraph) and not plan.items[index - 1].runs:
        index -= 1
    return index


def _kept_height(plan: Plan, style, placed: dict[int, list[Line]], start: int) -> int:
    """Twips of the run of items from start that are kept with the next, and the first line (two,
    under widow control) of the one after them: what has to fit on a page for the run to stay."""
    total = 0
    for index in range(start, len(plan.items)):
        item = plan.items[index]
        if index not in placed or not isinstance(item, Paragraph):
            return total
        element = style.element(item.element)
        keep = item.keep_next if item.keep_next is not None else element.keep_with_next
        heights = [line.height for line in placed[index]]
        if keep:
            total += sum(heights)
            continue
        widow = item.widow_control if item.widow_control is not None else style.page.widow_control
        return total + sum(heights[:2 if widow else 1])
    return total


def _keeps(plan: Plan, style, start: int) -> bool:
    """Whether the text right above the 署名 block is kept with it already (a short last paragraph)."""
    if start == 0 or not isinstance(plan.items[start - 1], Paragraph):
        return False
    item = plan.items[start - 1]
    keep = item.keep_next if item.keep_next is not None else style.element(item.element).keep_with_next
    return bool(keep)


def char_twips(ch: str, size_pt: float, tracking: float) -> float:
    return advance_em(ch) * size_pt * 20 + tracking


def line_count(pieces: list[tuple[str, float, float]], first_width: float, width: float) -> tuple[int, int]:
    """Lines a paragraph's text takes: pieces are (text, size pt, tracking twips); and how many of its
    lines broke where a word or a line-breaking rule moved characters (each may be off by one)."""
    cells: list[tuple[str, float]] = []
    for text, size, tracking in pieces:
        for ch in text:
            if ch == "\u200b":
                continue
            cells.append((ch, char_twips(ch, size, tracking) if ch != "\t" else 0.0))
    lines, used, limit, doubtful = 1, 0.0, first_width, 0
    i = 0
    count = len(cells)
    while i < count:
        ch, w = cells[i]
        if used + w <= limit + 0.5 or used == 0:
            used += w
            i += 1
            continue
        # cells[i] starts the next line: a closing mark cannot, a word is not split, an opening mark
        # does not end the line above
        back = i
        if ch in _NO_LINE_START:
            back -= 1
        while back > 0 and cells[back][0] in _WORD and cells[back - 1][0] in _WORD:
            back -= 1
        while back > 0 and cells[back - 1][0] in _NO_LINE_END:
            back -= 1
        if back <= 0 or back < i - 40:
            back = i
        if back != i or ch in _WORD:
            doubtful += 1
        lines += 1
        used = 0.0
        limit = width
        i = back
    return lines, doubtful


def _paragraph_lines(item: Paragraph, style, m: Metrics) -> tuple[list[int], float]:
    """Heights (twips) of a paragraph's lines, and the uncertainty they add (grid lines)."""
    element = style.element(item.element)
    snapped = element.size_pt <= m.body_size and element.line_pitch_pt is None and not item.off_grid
    line = m.pitch if snapped else (item.line_twips or round((element.line_pitch_pt or style.page.line_pitch_pt) * 20))
    if not item.runs:
        return [line], 0.0
    first = item.first_line_twips if item.first_line_twips is not None else \
        round(element.first_line_indent_chars * element.char_twips)
    left = item.left_twips if item.left_twips is not None else round(element.left_indent_chars * element.char_twips)
    right = item.right_twips if item.right_twips is not None else round(element.right_indent_chars * element.char_twips)
    width = m.type_width - left - right
    total = 0
    doubtful = 0
    segment: list[tuple[str, float, float]] = []
    for run in item.runs:
        run_element = style.element(run.element)
        size = run.size_pt or run_element.size_pt
        tracking = m.tracking_twips if size == m.body_size else 0.0
        segment.append((run.text, size, tracking))
        if run.break_after:
            lines, odd = line_count(segment, width - first if not total else width, width)
            total += lines
            doubtful += odd
            segment = []
    if segment or not total:
        lines, odd = line_count(segment, width - first if not total else width, width)
        total += lines
        doubtful += odd
    uncertain = m.slack_per_paragraph + m.slack_per_long_line * doubtful
    heights = [line] * total
    if item.border_bottom is not None:
        heights[-1] += item.border_bottom.space_pt * 20 + item.border_bottom.eighths_pt * 20 // 8
    return heights, uncertain


def _table_rows(item: Table, style, m: Metrics) -> list[int]:
    element = style.element(item.element)
    line = round((element.line_pitch_pt or style.page.line_pitch_pt) * 20)
    margins = style.pagination.table_cell_margin_twips
    columns = item.column_twips or (m.type_width // max(1, max(len(r) for r in item.rows)),) * max(len(r) for r in item.rows)
    heights = []
    for row in item.rows:
        if len(row) == 1 and len(columns) > 1:
            widths = [sum(columns)]
        else:
            widths = list(columns)
        tallest = 1
        for cell, width in zip(row, widths):
            for part in (cell.split("\n") if cell else [""]):
                lines, _ = line_count([(part, element.size_pt, 0.0)], width - 2 * margins, width - 2 * margins)
                tallest = max(tallest, lines) if part else tallest
        heights.append(tallest * line + style.pagination.table_row_extra_twips)
    return heights


def _colophon_height(colophon: Colophon, style, m: Metrics) -> int:
    """The 版记's rows at the foot of the last page, its rules included (§7.4)."""
    total = 0
    for row in colophon.rows:
        heights, _ = _paragraph_lines(row, style, m)
        total += sum(heights)
    return total + style.pagination.colophon_rules_twips


def first_composition(plan: Plan, style):
    """The Composition a measured rendering of plan would ask for, when the estimate is sure enough
    (every margin at least margin_lines plus the doubt gathered, that doubt below doubt_limit); the
    default Composition() otherwise. Pure: the plan is the default layout's."""
    from govfmt.layout.composition import (BLANK_PAGE_FIRST, CARRY_STEP, NEXT_PAGE, SAME_PAGE, Composition,
                                           needs_measurement)
    from govfmt.layout.plan import signature_can_carry

    rules = style.pagination
    if not rules.enabled or not needs_measurement(plan):
        return Composition()
    found = estimate(plan, style)
    if not found.sure:
        return Composition()
    pitch = found.pitch
    carry = 0
    if found.signature_alone and not found.text_keeps_with_signature and found.room_before_signature is not None \
            and found.signature_slack < rules.doubt_limit and signature_can_carry(plan):
        margin = (rules.margin_lines + found.signature_slack) * pitch
        room, need = found.room_before_signature, found.chain_height
        if room >= margin and need - room >= margin:  # one line more or less above still leaves it alone
            carry = CARRY_STEP
    placement = SAME_PAGE
    if found.colophon_height is not None and style.page.duplex and found.slack < rules.doubt_limit:
        margin = (rules.margin_lines + found.slack) * pitch
        bottom = found.last_text_bottom
        # the 版记 stands at the foot of the 版心 with the paragraph it is anchored to above it
        excess = style.page.type_height_twips - found.colophon_height - bottom - pitch
        page = found.last_text_page
        if bottom >= pitch + margin:  # the text's last page is that page, one line more or less
            if excess >= margin and page % 2 == 1:
                placement = NEXT_PAGE
            elif excess <= -margin and found.page_height - bottom >= margin and page % 2 == 0:
                placement = BLANK_PAGE_FIRST
    return Composition(colophon=placement, carry_lines=carry)
