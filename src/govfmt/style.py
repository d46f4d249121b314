"""Style files: load, validate (naming the bad key), inherit, and resolve to plain numbers."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from govfmt.errors import StyleError
from govfmt.i18n import _

STYLES_DIR = Path(__file__).with_name("styles")
DEFAULT_STYLE = "gbt9704"

# Chinese type sizes (字号) in points: a typographic convention, not a layout choice.
SIZE_NAMES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}
ALIGNMENTS = ("left", "center", "right", "both", "distribute")

_NUMBER = (int, float)
_PAGE_KEYS = {
    "width_mm": _NUMBER, "height_mm": _NUMBER, "margin_top_mm": _NUMBER, "margin_left_mm": _NUMBER,
    "margin_right_mm": _NUMBER, "margin_bottom_mm": _NUMBER, "lines_per_page": int, "chars_per_line": int,
    "line_pitch_pt": _NUMBER, "char_tracking_pt": _NUMBER, "widow_control": bool,
    "header_distance_mm": _NUMBER, "footer_distance_mm": _NUMBER, "duplex": bool,
}
_FONT_ROLES = ("fangsong", "heiti", "kaiti", "songti", "xiaobiaosong", "latin")
_ELEMENT_KEYS = {
    "font": str, "size": (str, int, float), "bold": bool, "align": str,
    "first_line_indent_chars": _NUMBER, "left_indent_chars": _NUMBER, "right_indent_chars": _NUMBER,
    "blank_lines_before": int, "blank_lines_after": int, "keep_with_next": bool, "outline_level": int,
    "page_break_before": bool, "max_line_fill": _NUMBER, "color": str, "line_pitch_pt": _NUMBER,
}
ELEMENTS = (
    "copy_number", "classification", "urgency", "issuer_mark", "signer", "signer_name", "body", "title", "subtitle", "doc_number", "addressee", "salutation", "heading1", "heading2", "heading3",
    "heading4", "chapter", "attachment_note", "signature", "date", "note", "attachment_mark",
    "attachment_title", "table", "cc", "printed_by", "attendance_label", "other",
)
_SIGNATURE_KEYS = {
    "sealed": bool, "unsealed_right_chars": _NUMBER, "date_offset_chars": _NUMBER,
    "date_min_right_chars": _NUMBER, "sealed_date_right_chars": _NUMBER, "sealed_blank_lines": int,
    "seal_diameter_mm": _NUMBER, "seal_centre_above_ratio": _NUMBER,
}
_MASTHEAD_KEYS = {
    "mark_top_mm": _NUMBER, "mark_line_ratio": _NUMBER, "doc_number_gap_lines": int, "ink_offsets_mm": _NUMBER,
    "text_ink_offset_mm": _NUMBER, "rule_gap_mm": _NUMBER,
    "rule_thickness_pt": _NUMBER, "glyph_descent_mm": _NUMBER, "title_gap_lines": int,
    "signer_side_chars": _NUMBER, "mark_suffix": str, "rule": str, "rule_width_mm": _NUMBER,
    "number_align": str, "number_gap_pt": _NUMBER, "bottom_rule_mm": _NUMBER, "body_gap_lines": int,
}
_TABLE_KEYS = {"max_column_chars": _NUMBER, "landscape_ratio": _NUMBER, "landscape_min_columns": int}
_COLOPHON_KEYS = {"outer_rule_pt": _NUMBER, "inner_rule_pt": _NUMBER, "gap_lines": int}
_PAGINATION_KEYS = {
    "colophon_rules_twips": int, "table_cell_margin_twips": int, "table_row_extra_twips": int,
    "slack_per_paragraph": _NUMBER, "slack_per_line": _NUMBER, "slack_per_table_row": _NUMBER,
    "margin_lines": _NUMBER, "doubt_limit": _NUMBER,
}
_PAGE_NUMBER_KEYS = {"font": str, "size": (str, int, float), "text": str, "side_space_chars": _NUMBER,
                     "first_page": bool, "dash_below_type_area_mm": _NUMBER}
_COLOR_KEYS = {"red": str, "text": str}
_TOP_KEYS = {"name": str, "description": str, "extends": str}
_TABLES = {
    "page": _PAGE_KEYS, "fonts": {k: str for k in _FONT_ROLES}, "colors": _COLOR_KEYS,
    "signature": _SIGNATURE_KEYS, "page_number": _PAGE_NUMBER_KEYS, "masthead": _MASTHEAD_KEYS,
    "colophon": _COLOPHON_KEYS, "table": _TABLE_KEYS, "pagination": _PAGINATION_KEYS,
}
_OPTIONAL_TABLES = frozenset({"pagination"})  # a style without it keeps the measured route alone


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class ElementStyle:
    """Font, size, alignment and indents of one kind of paragraph."""

    name: str
    font: str  # the font name written to the document
    size_pt: float
    bold: bool = False
    align: str = "both"
    first_line_indent_chars: float = 0
    left_indent_chars: float = 0
    right_indent_chars: float = 0
    blank_lines_before: int = 0
    blank_lines_after: int = 0
    keep_with_next: bool = False
    outline_level: int | None = None
    page_break_before: bool = False
    max_line_fill: float = 1.0
    color: str | None = None
    line_pitch_pt: float | None = None

    @property
    def char_twips(self) -> int:
        """One 字 of this element: one character of its own size (§3.1), in twips."""
        return round(self.size_pt * 20)


@dataclass(frozen=True)
class PageStyle:
    """Paper, margins, line grid and page-level flags."""

    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_left_mm: float
    margin_right_mm: float
    margin_bottom_mm: float
    lines_per_page: int
    chars_per_line: int
    line_pitch_pt: float
    char_tracking_pt: float
    widow_control: bool
    header_distance_mm: float
    footer_distance_mm: float
    duplex: bool

    @property
    def type_width_pt(self) -> float:
        return (self.width_mm - self.margin_left_mm - self.margin_right_mm) * 72 / 25.4

    @property
    def type_width_twips(self) -> int:
        """The 版心 width exactly as the page and margins are written (each rounded to whole twips)."""
        return _twips(self.width_mm) - _twips(self.margin_left_mm) - _twips(self.margin_right_mm)

    @property
    def type_height_twips(self) -> int:
        return _twips(self.height_mm) - _twips(self.margin_top_mm) - _twips(self.margin_bottom_mm)

    @property
    def type_height_pt(self) -> float:
        return (self.height_mm - self.margin_top_mm - self.margin_bottom_mm) * 72 / 25.4


@dataclass(frozen=True)
class SignatureStyle:
    """How the 署名, 成文日期 and seal are placed."""

    sealed: bool
    unsealed_right_chars: float
    date_offset_chars: float
    date_min_right_chars: float
    sealed_date_right_chars: float
    sealed_blank_lines: int
    seal_diameter_mm: float
    seal_centre_above_ratio: float


@dataclass(frozen=True)
class MastheadStyle:
    """Positions and sizes of the 版头."""

    mark_top_mm: float
    mark_line_ratio: float
    doc_number_gap_lines: int
    ink_offsets_mm: float
    text_ink_offset_mm: float
    rule_gap_mm: float
    rule_thickness_pt: float
    glyph_descent_mm: float
    title_gap_lines: int
    signer_side_chars: float
    mark_suffix: str  # 文件 after the organ's name (§7.2.4); 命令, 纪要, or nothing for letters (§10)
    rule: str  # the red rule under the 发文字号: single (§7.2.7), double (§10.1 信函) or none (§10.2)
    rule_width_mm: float  # 0: as wide as the 版心
    number_align: str  # where the 发文字号 stands: center (§7.2.5) or right (§10.1)
    number_gap_pt: float  # 信函: the 发文字号 this far below the double rule (§10.1)
    bottom_rule_mm: float  # 信函: a second double rule this far above the page's bottom edge; 0: none
    body_gap_lines: int  # 命令: blank lines between the 令号 and the body (§10.2)


@dataclass(frozen=True)
class TableStyle:
    """How tables are set."""

    max_column_chars: float
    landscape_ratio: float
    landscape_min_columns: int


@dataclass(frozen=True)
class ColophonStyle:
    """The rules and text of the 版记."""

    outer_rule_pt: float
    inner_rule_pt: float
    gap_lines: int


@dataclass(frozen=True)
class PaginationStyle:
    """What the first layout's estimate of the page breaks (govfmt.layout.pagination) takes as given;
    None everywhere: the style has no [pagination] table, and no estimate is made."""

    colophon_rules_twips: int | None = None
    table_cell_margin_twips: int | None = None
    table_row_extra_twips: int | None = None
    slack_per_paragraph: float | None = None
    slack_per_line: float | None = None
    slack_per_table_row: float | None = None
    margin_lines: float | None = None
    doubt_limit: float | None = None

    @property
    def enabled(self) -> bool:
        return None not in (self.colophon_rules_twips, self.table_cell_margin_twips, self.table_row_extra_twips,
                            self.slack_per_paragraph, self.slack_per_line, self.slack_per_table_row,
                            self.margin_lines, self.doubt_limit)


@dataclass(frozen=True)
class PageNumberStyle:
    """Font, size and place of the page number."""

    font: str
    size_pt: float
    text: str
    side_space_chars: float
    first_page: bool  # 信函 carry no number on page 1 (§10.1)
    dash_below_type_area_mm: float  # §7.5 一字线距版心下边缘 7 mm (checked by govfmt verify)


@dataclass(frozen=True)
class Style:
    """A whole style file: page, elements and the rules for each part of a document."""

    name: str
    description: str
    origin: str  # the file it was loaded from
    page: PageStyle
    fonts: Mapping[str, str]
    colors: Mapping[str, str]
    elements: Mapping[str, ElementStyle]
    signature: SignatureStyle
    page_number: PageNumberStyle
    masthead: MastheadStyle
    colophon: ColophonStyle
    table: TableStyle
    pagination: PaginationStyle = PaginationStyle()
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)

    @property
    def latin_font(self) -> str:
        return self.fonts["latin"]

    def element(self, name: str) -> ElementStyle:
        return self.elements[name]


def load_style(name_or_path: str | None = None) -> Style:
    """Load a style by name (a file in styles/) or by path, following `extends`."""
    path = locate_style(name_or_path or DEFAULT_STYLE)
    data = _load_merged(path, seen=())
    return resolve(data, str(path))


def locate_style(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists() or "/" in name_or_path or "\\" in name_or_path:
        if not candidate.is_file():
            raise StyleError(_("style file {name_or_path} does not exist").format(name_or_path=name_or_path))
        return candidate
    builtin = STYLES_DIR / f"{name_or_path}.toml"
    if builtin.is_file():
        return builtin
    known = ", ".join(sorted(p.stem for p in STYLES_DIR.glob("*.toml")))
    raise StyleError(_("unknown style {name_or_path!r}; use one of {known}, or a path to a .toml file")
                      .format(name_or_path=name_or_path, known=known))


def _load_merged(path: Path, seen: tuple[Path, ...]) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise StyleError(_("{path}: not valid TOML ({exc})").format(path=path, exc=exc)) from None
    except UnicodeDecodeError:
        raise StyleError(_("{path}: not UTF-8 text; save the style file as UTF-8").format(path=path)) from None
    base_name = data.get("extends")
    if base_name is None:
        return data
    if not isinstance(base_name, str):
        raise StyleError(_("{path}: key 'extends' must be a style name or path (text)").format(path=path))
    base_path = path.parent / base_name if (path.parent / base_name).is_file() else locate_style(base_name)
    if base_path.resolve() in [p.resolve() for p in (*seen, path)]:
        raise StyleError(_("{path}: 'extends' makes a loop through {base_path}")
                          .format(path=path, base_path=base_path))
    base = _load_merged(base_path, (*seen, path))
    return _deep_merge(base, {k: v for k, v in data.items() if k != "extends"})


def _deep_merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _check_table(where: str, table: Any, schema: Mapping[str, Any], origin: str, required: bool = True) -> dict:
    if not isinstance(table, dict):
        raise StyleError(_("{origin}: [{where}] must be a table").format(origin=origin, where=where))
    for key, value in table.items():
        if key not in schema:
            allowed = ", ".join(schema)
            raise StyleError(_("{origin}: unknown key '{where}.{key}'; allowed keys are {allowed}")
                              .format(origin=origin, where=where, key=key, allowed=allowed))
        expected = schema[key]
        if isinstance(value, bool) and expected is not bool and (
                expected in _NUMBER or expected == _NUMBER or (isinstance(expected, tuple) and bool not in expected)):
            raise StyleError(_("{origin}: key '{where}.{key}' must be {type_name_expected}, not true/false")
                              .format(origin=origin, where=where, key=key, type_name_expected=_type_name(expected)))
        if not isinstance(value, expected):
            raise StyleError(_("{origin}: key '{where}.{key}' must be {type_name_expected}, not {name} {value!r}")
                              .format(origin=origin, where=where, key=key, type_name_expected=_type_name(expected), name=type(value).__name__, value=value))
    if required:
        missing = [k for k in schema if k not in table]
        if missing:
            raise StyleError(_("{origin}: key '{where}.{missing}' is missing")
                              .format(origin=origin, where=where, missing=missing[0]))
    return table


def _type_name(expected: Any) -> str:
    if expected is bool:
        return "true or false"
    if expected is int:
        return "a whole number"
    if expected is str:
        return "text"
    if expected == _NUMBER:
        return "a number"
    return "a number or a size name such as 三号"


def _size(value: Any, key: str, origin: str) -> float:
    if isinstance(value, str):
        if value in SIZE_NAMES:
            return float(SIZE_NAMES[value])
        raise StyleError(_("{origin}: key '{key}' has unknown size {value!r}; use pt or one of {names}")
                         .format(origin=origin, key=key, value=value, names="、".join(SIZE_NAMES)))
    if value <= 0 or value > 200:
        raise StyleError(_("{origin}: key '{key}' must be between 0 and 200 pt, not {value}")
                          .format(origin=origin, key=key, value=value))
    return float(value)


def resolve(data: Mapping[str, Any], origin: str = "<style>") -> Style:
    for key, value in data.items():
        if key in _TOP_KEYS:
            if not isinstance(value, str):
                raise StyleError(_("{origin}: key '{key}' must be text").format(origin=origin, key=key))
        elif key not in _TABLES and key != "element":
            raise StyleError(_("{origin}: unknown key '{key}'; allowed are {allowed}")
                             .format(origin=origin, key=key, allowed=", ".join([*_TOP_KEYS, *_TABLES, "element"])))
    tables = {name: _check_table(name, data.get(name, {}), schema, origin, name not in _OPTIONAL_TABLES)
              for name, schema in _TABLES.items()}
    page = PageStyle(**tables["page"])
    _check_page(page, origin)
    fonts = dict(tables["fonts"])
    for key in ("red", "text"):
        _check_color(tables["colors"][key], f"colors.{key}", origin)
    elements_raw = data.get("element", {})
    if not isinstance(elements_raw, dict):
        raise StyleError(_("{origin}: [element] must hold tables such as [element.body]").format(origin=origin))
    elements = {}
    for name in ELEMENTS:
        if name not in elements_raw:
            raise StyleError(_("{origin}: table [element.{name}] is missing").format(origin=origin, name=name))
    for name, table in elements_raw.items():
        if name not in ELEMENTS:
            raise StyleError(_("{origin}: unknown element '[element.{name}]'; known are {known}")
                             .format(origin=origin, name=name, known=", ".join(ELEMENTS)))
        elements[name] = _element(name, _check_table(f"element.{name}", table, _ELEMENT_KEYS, origin, False),
                                  fonts, origin)
    number = tables["page_number"]
    page_number = PageNumberStyle(font=_font(number["font"], fonts), size_pt=_size(number["size"], "page_number.size", origin),
                                  text=number["text"], side_space_chars=number["side_space_chars"],
                                  first_page=number["first_page"],
                                  dash_below_type_area_mm=number["dash_below_type_area_mm"])
    masthead = MastheadStyle(**tables["masthead"])
    if masthead.rule not in ("single", "double", "none"):
        raise StyleError(_("{origin}: key 'masthead.rule' must be single, double or none, not {rule!r}")
                          .format(origin=origin, rule=masthead.rule))
    if masthead.number_align not in ("center", "right"):
        raise StyleError(_("{origin}: key 'masthead.number_align' must be center or right").format(origin=origin))
    if "{page}" not in page_number.text:
        raise StyleError(_("{origin}: key 'page_number.text' must contain {{page}} where the number goes")
                          .format(origin=origin))
    _check_font_names({**{f"fonts.{k}": v for k, v in fonts.items()},
                       **{f"element.{k}.font": e.font for k, e in elements.items()},
                       "page_number.font": page_number.font}, origin)
    return Style(
        name=data.get("name", Path(origin).stem), description=data.get("description", ""), origin=origin,
        page=page, fonts=MappingProxyType(fonts), colors=MappingProxyType(dict(tables["colors"])),
        elements=MappingProxyType(elements), signature=SignatureStyle(**tables["signature"]),
        page_number=page_number, masthead=masthead,
        colophon=ColophonStyle(**tables["colophon"]), table=TableStyle(**tables["table"]),
        pagination=PaginationStyle(**tables["pagination"]),
        raw=MappingProxyType(dict(data)),
    )


def _font(value: str, fonts: Mapping[str, str]) -> str:
    return fonts.get(value, value)


def _element(name: str, table: dict, fonts: Mapping[str, str], origin: str) -> ElementStyle:
    if "font" not in table or "size" not in table:
        raise StyleError(_("{origin}: key 'element.{name}.{value}' is missing")
                          .format(origin=origin, name=name, value='font' if 'font' not in table else 'size'))
    values = dict(table)
    align = values.get("align", "both")
    if align not in ALIGNMENTS:
        raise StyleError(_("{origin}: key 'element.{name}.align' must be one of {value}, not {align!r}")
                          .format(origin=origin, name=name, value=', '.join(ALIGNMENTS), align=align))
    if "color" in values:
        _check_color(values["color"], f"element.{name}.color", origin)
    level = values.get("outline_level")
    if level is not None and not 1 <= level <= 9:
        raise StyleError(_("{origin}: key 'element.{name}.outline_level' must be 1 to 9")
                          .format(origin=origin, name=name))
    fill = values.get("max_line_fill", 1.0)
    if not 0.3 <= fill <= 1.0:
        raise StyleError(_("{origin}: key 'element.{name}.max_line_fill' must be between 0.3 and 1")
                          .format(origin=origin, name=name))
    values["font"] = _font(values["font"], fonts)
    values["size_pt"] = _size(values.pop("size"), f"element.{name}.size", origin)
    return ElementStyle(name=name, **values)


def _check_color(value: str, key: str, origin: str) -> None:
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise StyleError(_("{origin}: key '{key}' must be a hex colour such as FF0000, not {value!r}")
                          .format(origin=origin, key=key, value=value))


def _check_font_names(names: Mapping[str, str], origin: str) -> None:
    for key, name in names.items():
        if not name.strip() or any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in name):
            raise StyleError(_("{origin}: key '{key}' must be a font name without control characters, not {name!r}")
                              .format(origin=origin, key=key, name=name))


def _check_page(page: PageStyle, origin: str) -> None:
    for key in ("lines_per_page", "chars_per_line"):
        if not 1 <= getattr(page, key) <= 200:
            raise StyleError(_("{origin}: key 'page.{key}' must be a whole number from 1 to 200, not {getattr_page}")
                              .format(origin=origin, key=key, getattr_page=getattr(page, key)))
    if page.line_pitch_pt <= 0:
        raise StyleError(_("{origin}: key 'page.line_pitch_pt' must be above 0, not {line_pitch_pt}")
                          .format(origin=origin, line_pitch_pt=page.line_pitch_pt))
    if page.type_width_pt <= 50 or page.type_height_pt <= 50:
        raise StyleError(_("{origin}: key 'page.margin_*' leaves no room for text on the page").format(origin=origin))
    if page.line_pitch_pt * page.lines_per_page > page.type_height_pt + 0.5:
        raise StyleError(_("{origin}: key 'page.line_pitch_pt' ({line_pitch_pt}) × page.lines_per_page "
                            "({lines_per_page}) is taller than the type area ({type_height_pt:.1f} pt)")
                          .format(origin=origin, line_pitch_pt=page.line_pitch_pt, lines_per_page=page.lines_per_page, type_height_pt=page.type_height_pt))
