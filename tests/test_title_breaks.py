"""Title lines (GB/T 9704 §7.3.1): words and names kept whole, 《》 kept whole where it fits a line."""

import pytest

from govfmt.layout.title import break_allowed, split_title

MAX = 0.9 * 442.25 / 22  # 二号 characters in 90 % of the 版心's width (styles/gbt9704.toml)
NO_LINE_START = "，、。：；？！》）”’〕】"


def _joined(lines):
    return "".join(lines)


@pytest.mark.parametrize("title, whole", [
    ("舟山市人民政府关于印发舟山市国家综合性消防救援车辆管理办法的通知", ["舟山市人民政府", "国家综合性", "消防救援车辆"]),
    ("国务院办公厅关于做好2024年春节期间安全生产和值班值守工作的通知", ["国务院办公厅", "2024年", "值班值守"]),
    ("浙江省舟山市人民政府办公室关于进一步加强城市管理工作的通知", ["舟山市人民政府办公室", "城市管理"]),
    ("某某市人民政府关于印发《某某市城市管理条例实施办法》的通知", ["《某某市城市管理条例实施办法》"]),
])
def test_names_and_numbers_stay_on_one_line(title, whole):
    lines = split_title((title,), MAX)
    assert _joined(lines) == title
    assert all(len(line) <= MAX for line in lines)
    for name in whole:
        assert any(name in line for line in lines), (name, lines)


def test_a_bracketed_name_wider_than_a_line_breaks_between_its_words():
    title = "国务院办公厅关于印发《国家综合性消防救援车辆悬挂应急救援专用号牌管理规定》的通知"
    lines = split_title((title,), MAX)
    assert _joined(lines) == title
    assert not any(line[0] in NO_LINE_START for line in lines[1:]), lines
    assert lines[-1] not in ("的通知", "通知", "》的通知")
    assert all(name in _joined(lines) and any(name in line for line in lines)
               for name in ("消防救援车辆", "国务院办公厅"))


def test_the_verify_rule_knows_a_break_inside_a_name_from_one_between_words():
    title = "舟山市人民政府关于印发舟山市国家综合性消防救援车辆管理办法的通知"
    assert not break_allowed(title, title.index("人民政府"))  # 舟山市 / 人民政府
    assert break_allowed(title, title.index("关于"))
    named = "关于印发《城市管理条例》的通知"
    assert not break_allowed(named, named.index("管理条例"))
