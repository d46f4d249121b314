"""Headings by ordinal, run-in headings, and lines that only look like headings."""

import pytest

from structure_scoring import blocks, kind_of, kinds

HEAD = "关于做好有关工作的通知\n各单位：\n现将有关事项通知如下。\n"


@pytest.mark.parametrize("line, kind", [
    ("一、总体要求", "h1"),
    ("十二、加强组织领导", "h1"),
    ("二，有关要求", "h1"),  # a comma typed for the 顿号: still the heading (check says so)
    ("三,其他事项", "h1"),
    ("（一）坚持问题导向", "h2"),
    ("(二)强化责任落实", "h2"),
    ("1.拓展市场", "h3"),
    ("2．完善机制", "h3"),
    ("3、加强督查", "h3"),
    ("1.2023年全市地区生产总值；", "h3"),
    ("（1）落实门前三包", "h4"),
    ("一是压实责任，二是加强督查。", "body"),
    ("——坚持项目为王。全年谋划重点项目120个。", "body"),
    ("第一，要把责任落到人头。", "body"),
    ("1.5亿元以上的项目，应当开展评估。", "body"),
    ("2024年起，全县隐患点全部纳入监测。", "body"),
    ("第一条　为加强管理，制定本办法。", "body"),
])
def test_line_kind_by_its_start(line, kind):
    assert kind_of(HEAD + line + "\n", 4) == kind


def test_run_in_heading_splits_at_first_sentence_end():
    text = HEAD + "（一）坚持规划先行，科学布局村庄建设。按照“多规合一”要求编制村庄规划。\n"
    heading = blocks(text)[-1]
    assert (heading.kind, heading.level, heading.run_in) == ("heading", 2, True)
    assert heading.heading_text == "（一）坚持规划先行，科学布局村庄建设。"


def test_run_in_heading_ignores_full_stops_inside_brackets():
    text = HEAD + "1.规范收费（含协会商会收费。下同）。全面清理规范收费。\n"
    heading = blocks(text)[-1]
    assert heading.heading_text == "1.规范收费（含协会商会收费。下同）。"


def test_a_half_width_full_stop_after_chinese_ends_a_run_in_heading():
    # as a chat or an English keyboard gives it; a `.` in a number, an address or a file name does not
    heading = blocks(HEAD + "(一)2024年度工作总结.主要包括工作完成情况和2025年工作打算.\n")[-1]
    assert (heading.level, heading.run_in, heading.heading_text) == (2, True, "(一)2024年度工作总结.")
    for line in ("（二）增长1.5倍以上的产业集群建设", "（三）登录www.gov.cn填报材料", "（四）填写附件.docx模板"):
        assert not blocks(HEAD + line + "\n")[-1].run_in, line


def test_heading_alone_on_its_line_is_not_run_in():
    heading = blocks(HEAD + "二、重点任务\n")[-1]
    assert heading.level == 1 and not heading.run_in


def test_decimal_outline_of_a_plan_counts_by_depth():
    text = "应急预案\n1　总则\n1.1　编制目的\n做好应急处置。\n1.2　适用范围\n2.1.1　指挥部职责\n" \
           "1.5亿元以上的工程应当评估。\n"
    assert [kind_of(text, n) for n in range(2, 8)] == ["h1", "h2", "body", "h2", "h3", "body"]


@pytest.mark.parametrize("title", ["某市人民政府关于城区禁止燃油助力车通行的通告", "某市人民政府公告", "某市人民政府关于修改部分规章的决定"])
def test_the_numbered_sentences_of_a_notice_or_decision_are_its_clauses(title):
    text = (f"{title}\n为加强道路交通安全管理，现就有关事项公布如下：\n一、自2024年7月1日起，本市城区范围内禁止燃油助力车通行。\n"
            "二、本通告自发布之日起施行。\n某市人民政府\n2024年6月1日\n")
    assert kinds(text) == ["title", "body", "body", "body", "signature", "date"]


def test_a_decision_s_heading_phrases_are_still_headings():
    text = ("某县人民政府关于表彰2023年度先进集体的决定\n各乡镇人民政府：\n现将有关事项决定如下。\n一、表彰对象\n"
            "县财政局等10个单位。\n二、有关要求\n希望受表彰的单位再接再厉。\n")
    assert kinds(text) == ["title", "addressee", "body", "h1", "body", "h1", "body"]
