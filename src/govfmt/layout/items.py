"""What the layout produces: paragraphs, tables and rules with every number resolved (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """Text in one element's font, size and weight."""

    text: str
    element: str  # whose font, size and weight the run takes
    break_after: bool = False  # a line break inside the paragraph (multi-line titles)
    size_pt: float | None = None  # when it differs from the element's size (the auto-sized 标志)


@dataclass(frozen=True)
class Seal:
    """A seal image floated over the 署名 and 成文日期 (§7.3.5.1), placed from its paragraph."""

    image: str
    diameter_twips: int
    left_twips: int  # from the left edge of the type area
    top_twips: int  # from the top of the paragraph it is anchored to (negative: above it)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph with its style and what it changes of it."""

    element: str  # the paragraph style
    runs: tuple[Run, ...] = ()
    first_line_twips: int | None = None  # None: from the style; negative: hanging
    left_twips: int | None = None
    right_twips: int | None = None
    align: str | None = None
    keep_next: bool | None = None
    widow_control: bool | None = None  # None: as the page style says (off, for 22-line pages)
    page_break_before: bool = False
    right_tab_twips: int | None = None  # a right-aligned tab stop (印发机关 … 印发日期)
    line_twips: int | None = None  # exact line height when it differs from the grid pitch
    off_grid: bool = False  # keep line_twips exactly instead of snapping to the line grid
    border_bottom: "Rule | None" = None  # a rule under the paragraph (the red rule of the 版头)
    border_top: "Rule | None" = None
    seal: Seal | None = None
    source: tuple[int, int] | None = None  # first and last line of the draft

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Rule:
    """A line drawn as a border."""

    color: str
    eighths_pt: int  # thickness in eighths of a point, as OOXML counts it
    space_pt: int = 0  # gap between the text and the rule
    kind: str = "single"  # single, thickThin (thick above thin) or thinThick (§10.1 信函)


@dataclass(frozen=True)
class Table:
    """A table of text cells."""

    rows: tuple[tuple[str, ...], ...]
    element: str = "table"
    source: tuple[int, int] | None = None
    landscape: bool = False  # wider than the 版心: laid out on a landscape page (§8)
    header_rows: int = 1
    column_twips: tuple[int, ...] = ()


@dataclass(frozen=True)
class Colophon:
    """The 版记 (§7.4): lines between rules, anchored to the bottom of the type area of the last page."""

    rows: tuple[Paragraph, ...]
    outer_rule: Rule
    inner_rule: Rule
    separated: tuple[bool, ...]  # for each row after the first: a thin rule above it
    placement: str = "same-page"  # a govfmt.layout.composition placement: where the 版记's page is


@dataclass(frozen=True)
class JointMark:
    """The 发文机关标志 of a joint document: names stacked, the suffix (文件) beside them (§7.2.4)."""

    names: tuple[str, ...]
    suffix: str
    size_pt: float
    line_twips: int  # each name's line


@dataclass(frozen=True)
class PageRule:
    """A rule at a fixed place on the page where it is laid out (the 信函's lower double rule, §10.1)."""

    top_mm: float  # from the top edge of the page
    left_mm: float
    width_mm: float
    rule: Rule


@dataclass(frozen=True)
class Plan:
    """A document laid out: its items in order."""

    items: tuple[Paragraph | Table | Colophon | PageRule | JointMark, ...]
    notes: tuple[str, ...] = field(default=())  # things the layout could not do as asked


