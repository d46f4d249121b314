"""Word's automatic numbering read back as the labels Word shows: number formats of ECMA-376
ST_NumberFormat, bullets, labels with words around the number, restarts through lvlOverride, and
definitions with missing or malformed parts (which Word reads as if the part were absent)."""

from __future__ import annotations

import pytest

from govfmt.read.numbering import chinese_counting, format_number

from test_read_word_parts import _lines, _p, _part, _r


@pytest.mark.parametrize("value, fmt, shown", [
    (3, "ideographTraditional", "丙"), (11, "ideographTraditional", "甲"),
    (1, "ideographZodiac", "子"), (13, "ideographZodiac", "子"), (0, "ideographZodiac", "0"),
    (12, "decimalFullWidth", "１２"),
    (1, "decimalEnclosedCircle", "①"), (20, "decimalEnclosedCircleChinese", "⑳"), (21, "decimalEnclosedCircle", "21"),
    (2, "decimalEnclosedParen", "⑵"), (3, "decimalEnclosedFullstop", "⒊"),
    (7, "decimalZero", "07"), (12, "decimalZero", "12"),
    (1, "lowerLetter", "a"), (27, "upperLetter", "AA"), (28, "lowerLetter", "bb"),  # Word repeats the letter
    (4, "lowerRoman", "iv"), (1990, "upperRoman", "MCMXC"),
    (105, "chineseCounting", "一百零五"), (1010, "chineseCountingThousand", "一千零一十"),
    (12, "chineseLegalSimplified", "壹拾贰"), (10000, "chineseCounting", "10000"), (0, "chineseCounting", "0"),
    (5, "ordinalText", "5"),  # a format with no rendering of its own: the number
])
def test_number_formats_give_the_label_word_shows(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_chinese_counting_in_the_teens_drops_the_leading_one():
    assert [chinese_counting(n) for n in (10, 11, 19, 20, 21, 110)] == ["十", "十一", "十九", "二十", "二十一", "一百一十"]


def _numbered(levels: str, nums: str, paragraphs: list[tuple[str, int, str]]) -> list[str]:
    """A .docx of numbered paragraphs (numId, ilvl, text); the lines read back."""
    numbering = _part(f"<w:abstractNum w:abstractNumId='1'>{levels}</w:abstractNum>{nums}", "w:numbering", "")
    body = "".join(
        _p(f"<w:pPr><w:numPr><w:ilvl w:val='{ilvl}'/><w:numId w:val='{num}'/></w:numPr></w:pPr>", _r(text))
        for num, ilvl, text in paragraphs)
    return _lines({"word/document.xml": _part(body), "word/numbering.xml": numbering})


def _lvl(ilvl: int, fmt: str, text: str, start: str = "1", suffix: str | None = None) -> str:
    suff = f"<w:suff w:val='{suffix}'/>" if suffix else ""
    return (f"<w:lvl w:ilvl='{ilvl}'><w:start w:val='{start}'/><w:numFmt w:val='{fmt}'/>{suff}"
            f"<w:lvlText w:val='{text}'/></w:lvl>")


NUM_1 = "<w:num w:numId='1'><w:abstractNumId w:val='1'/></w:num>"


def test_bullets_and_unnumbered_levels_show_no_label():
    levels = _lvl(0, "bullet", "\uf0b7") + _lvl(1, "none", "")
    assert _numbered(levels, NUM_1, [("1", 0, "要点一"), ("1", 1, "要点二")]) == ["要点一", "要点二"]


def test_an_empty_label_text_shows_nothing():
    assert _numbered(_lvl(0, "decimal", ""), NUM_1, [("1", 0, "正文")]) == ["正文"]


def test_a_label_with_words_is_followed_by_the_tab_as_a_space():
    """第%1章 ends in no mark, so Word's tab after it reads as a space; %1.%2 shows the chapter in its own
    format (一.1) unless the level is legal numbering (isLgl: 1.1)."""
    levels = (_lvl(0, "chineseCounting", "第%1章") + _lvl(1, "decimal", "%1.%2", suffix="space")
              + _lvl(2, "decimal", "%1.%2.%3", suffix="space").replace("<w:start", "<w:isLgl/><w:start"))
    paragraphs = [("1", 0, "总则"), ("1", 1, "目的"), ("1", 2, "范围"), ("1", 1, "依据"), ("1", 0, "附则")]
    assert _numbered(levels, NUM_1, paragraphs) == ["第一章 总则", "一.1 目的", "1.1.1 范围", "一.2 依据", "第二章 附则"]


def test_a_malformed_start_value_counts_from_one():
    assert _numbered(_lvl(0, "decimal", "%1、", start="x"), NUM_1, [("1", 0, "甲"), ("1", 0, "乙")]) == ["1、甲", "2、乙"]


def test_a_start_override_restarts_the_list_and_forgets_deeper_counters():
    """numId 2 restarts abstract list 1 at 5: the deeper level it does not name starts again too."""
    levels = _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "（%2）")
    nums = (NUM_1 + "<w:num w:numId='2'><w:abstractNumId w:val='1'/>"
            "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='5'/></w:lvlOverride></w:num>")
    paragraphs = [("1", 0, "甲"), ("1", 1, "子"), ("1", 1, "丑"), ("2", 0, "乙"), ("2", 1, "寅")]
    assert _numbered(levels, nums, paragraphs) == ["1.甲", "（1）子", "（2）丑", "5.乙", "（1）寅"]


def test_a_level_override_replaces_the_label_and_a_num_without_a_list_is_ignored():
    nums = ("<w:num w:numId='3'><w:abstractNumId w:val='1'/><w:lvlOverride w:ilvl='0'>"
            + _lvl(0, "upperRoman", "%1、") + "</w:lvlOverride></w:num>"
            "<w:num w:numId='4'/>")
    paragraphs = [("3", 0, "甲"), ("3", 0, "乙"), ("4", 0, "无列表")]
    assert _numbered(_lvl(0, "decimal", "%1."), nums, paragraphs) == ["I、甲", "II、乙", "无列表"]
