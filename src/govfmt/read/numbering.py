"""Word's automatic numbering (w:numPr) rendered to the text Word shows: 一、 （一） 1. （1） …

The labels come from numbering.xml: each level's lvlText ("%1、", "（%1）", "%1.%2"), numFmt, start value
and lvlRestart, with a w:num's startOverride restarting its list. Counters belong to the abstract
numbering a w:num points at, as in Word: two w:num of one abstract numbering continue one list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")
_DIGITS = "零一二三四五六七八九"
_TRADITIONAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# Labels that end in a mark are followed by the text at once; others get a space for Word's tab.
_CLOSING_MARKS = "、.．)）]】:：" + "。"


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # lvlRestart: 0 never restarts; None restarts after any higher level
    legal: bool = False  # isLgl: every placeholder as a decimal number
    suffix: str = "tab"


@dataclass
class Numbering:
    """Numbering definitions plus the running counters of one document read in order."""

    abstract_levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_parent: dict[str, str] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started_overrides: set[str] = field(default_factory=set)

    def label(self, paragraph) -> str:
        """The label Word shows before this paragraph ("" when it is not numbered), counting it."""
        num_id, ilvl = self._numbering_of(paragraph)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract = self.nums[num_id]
        levels = {**self.abstract_levels.get(abstract, {}), **self.level_overrides.get(num_id, {})}
        ilvl = min(max(ilvl or 0, 0), 8)
        level = levels.get(ilvl, Level())
        counters = self._counters.setdefault(abstract, {})
        if num_id in self.overrides and num_id not in self._started_overrides:
            self._started_overrides.add(num_id)
            for over_level, start in self.overrides[num_id].items():
                counters[over_level] = start - 1
            for deeper in [k for k in counters if k > min(self.overrides[num_id])]:
                if deeper not in self.overrides[num_id]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl + 1 <= restart):
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        def placeholder(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            other = levels.get(index, Level())
            value = counters.get(index, other.start)
            return format_number(value, "decimal" if level.legal and index != ilvl else other.fmt)
        text = _PLACEHOLDER.sub(placeholder, level.text)
        if not text:
            return ""
        if level.suffix != "nothing" and not text.endswith(tuple(_CLOSING_MARKS)):
            text += " "
        return text

    def _numbering_of(self, paragraph) -> tuple[str | None, int | None]:
        props = paragraph.find(f"{W}pPr")
        num_id = ilvl = None
        style = None
        if props is not None:
            num_pr = props.find(f"{W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{W}numId"))
                ilvl = _int(_val(num_pr.find(f"{W}ilvl")))
            style = _val(props.find(f"{W}pStyle"))
        if num_id is None and style is not None:
            style_num, style_lvl = self._style_numbering(style)
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        return num_id, ilvl

    def _style_numbering(self, style: str) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numbering:
                return self.style_numbering[style]
            style = self.style_parent.get(style)
        return None, None


def read_numbering(numbering_xml, styles_xml) -> Numbering:
    numbering = Numbering()
    if numbering_xml is not None:
        for abstract in numbering_xml.findall(f"{W}abstractNum"):
            key = abstract.get(f"{W}abstractNumId")
            numbering.abstract_levels[key] = {int(lvl.get(f"{W}ilvl", "0")): _level(lvl)
                                              for lvl in abstract.findall(f"{W}lvl")}
        for num in numbering_xml.findall(f"{W}num"):
            num_id = num.get(f"{W}numId")
            abstract_id = _val(num.find(f"{W}abstractNumId"))
            if num_id is None or abstract_id is None:
                continue
            numbering.nums[num_id] = abstract_id
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                start = _int(_val(override.find(f"{W}startOverride")))
                if start is not None:
                    numbering.overrides.setdefault(num_id, {})[ilvl] = start
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    numbering.level_overrides.setdefault(num_id, {})[ilvl] = _level(lvl)
    if styles_xml is not None:
        for style in styles_xml.findall(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            parent = _val(style.find(f"{W}basedOn"))
            if style_id and parent:
                numbering.style_parent[style_id] = parent
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if style_id and num_pr is not None:
                numbering.style_numbering[style_id] = (_val(num_pr.find(f"{W}numId")),
                                                       _int(_val(num_pr.find(f"{W}ilvl"))))
    return numbering


def _level(lvl) -> Level:
    restart = _int(_val(lvl.find(f"{W}lvlRestart")))
    start = _int(_val(lvl.find(f"{W}start")))
    legal = lvl.find(f"{W}isLgl")
    return Level(
        fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
        text=_val(lvl.find(f"{W}lvlText")) or "",
        start=1 if start is None else start,
        restart=restart,
        legal=legal is not None and _val(legal) not in ("0", "false", "off"),
        suffix=_val(lvl.find(f"{W}suff")) or "tab",
    )


def _val(element) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def format_number(value: int, fmt: str) -> str:
    """One counter value in a Word number format (ST_NumberFormat)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return chinese_counting(value)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_counting(value, _TRADITIONAL_DIGITS, "拾佰仟")
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(value - 1) % 10] if value > 0 else str(value)
    if fmt == "ideographZodiac":
        return _EARTHLY_BRANCHES[(value - 1) % 12] if value > 0 else str(value)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and value > 0:
        numeral = roman(value)
        return numeral.lower() if fmt == "lowerRoman" else numeral
    return str(value)


def chinese_counting(value: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """1 一, 10 十, 11 十一, 20 二十, 101 一百零一, 1010 一千零一十."""
    if value <= 0 or value >= 10000:
        return str(value)
    parts = []
    places = [(1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    zero_pending = False
    for size, unit in places:
        digit = value // size % 10
        if digit == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append(digits[0])
            zero_pending = False
        if not (size == 10 and digit == 1 and not parts and digits is _DIGITS):
            parts.append(digits[digit])
        parts.append(unit)
    return "".join(parts)


def roman(number: int) -> str:
    """The number in upper-case Roman numerals."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out
