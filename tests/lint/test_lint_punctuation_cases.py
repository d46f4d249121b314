"""Punctuation rules (GB/T 15834-2011) where the half-width or unusual form is right and must not be
reported, beside a case where the same rule fires: numbers with separators, Latin text in brackets,
marks inside web addresses, doubled ellipses, standard codes, and dashes of the GBK era."""

from __future__ import annotations

import pytest

from lint_helpers import diagnostics, draft


def found(body: str, code: str) -> list[tuple[int, str]]:
    return [(d.column, d.message) for d in diagnostics(draft(body)) if d.code == code]


@pytest.mark.parametrize("code, body", [
    ("P101", "全市共有1,000人参加，会议于8:30开始，比例尺为1:500。"),  # digits either side: number notation
    ("P102", "按公式 f(x) = 2x 计算。"),  # a formula's brackets among Latin characters
    ("P102", "详见网站http://www.gov.cn/a(1).htm的说明。"),  # a bracket inside a web address
    ("P105", "此处略去两段。…………以下是结论。"),  # a doubled ellipsis marks omitted paragraphs (§4.11.3.2)
    ("P105", "详见http://www.gov.cn/a...b的说明。"),
    ("P108", "按照GB/T 9704-2012的规定执行。"),  # a standard's code joins with a hyphen
    ("P108", "按照GB/T9704-2012的规定执行。"),
    ("P108", "详见http://www.gov.cn/2011-2015年规划的说明。"),
])
def test_a_correct_form_is_not_reported(code, body):
    assert found(body, code) == []


def test_a_range_with_spaces_around_the_hyphen_is_reported_at_the_hyphen():
    assert found("规划期为2011 -2015年。", "P108") == [(10, "range written with -; use — (years)")]


def test_a_dash_of_two_u2015_is_written_with_u2014():
    assert found("一是加强领导――这是关键。", "P107") == [(7, "破折号 written with U+2015; use —— (U+2014)")]


def test_a_half_width_bracket_pair_around_chinese_is_reported():
    assert [column for column, _ in found("本规定所称开放数据(公开数据)，是指公开的数据。", "P102")] == [10, 15]
