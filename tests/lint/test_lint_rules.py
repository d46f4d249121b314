"""Every rule on a draft it must flag and on a corrected draft it must pass; fixes give the corrected text."""

from __future__ import annotations

import pytest

from govfmt.errors import GovfmtError
from govfmt.lint.registry import all_rules

from lint_helpers import HEAD, TAIL, codes, diagnostics, draft, fixed

BODY_HEADINGS = "一、总体要求\n\n（一）工作目标\n\n1.加强组织领导。各地要高度重视。\n\n（1）明确责任。做好工作。"

# code -> (draft that breaks the rule, the same draft written correctly)
CASES: dict[str, tuple[str, str]] = {
    "H101": (draft("一.总体要求\n\n二．主要任务"), draft("一、总体要求\n\n二、主要任务")),
    "H102": (draft("一、总体要求\n\n（一）、工作目标\n\n(二)主要任务"),
             draft("一、总体要求\n\n（一）工作目标\n\n（二）主要任务")),
    "H103": (draft("一、总体要求\n\n（一）工作目标\n\n1、加强组织领导。各地要重视。"),
             draft("一、总体要求\n\n（一）工作目标\n\n1.加强组织领导。各地要重视。")),
    "H104": (draft(BODY_HEADINGS.replace("（1）", "(1)")), draft(BODY_HEADINGS)),
    "H105": (draft("一、总体要求\n\n1.加强组织领导。各地要重视。"),
             draft("一、总体要求\n\n（一）加强组织领导。各地要重视。")),
    "H106": (draft("一、总体要求\n\n二、主要任务\n\n四、保障措施"),
             draft("一、总体要求\n\n二、主要任务\n\n三、保障措施")),
    "H107": (draft("一、总体要求\n\n（一）工作目标\n\n（二）基本原则\n\n（二）主要任务"),
             draft("一、总体要求\n\n（一）工作目标\n\n（二）基本原则\n\n（三）主要任务")),
    "H108": (draft("一、总体要求\n\n（一）工作目标\n\n（二）基本原则\n\n二、主要任务\n\n（三）推进改革"
                   "\n\n三、保障措施\n\n（一）加强领导"),
             draft("一、总体要求\n\n（一）工作目标\n\n（二）基本原则\n\n二、主要任务\n\n（一）推进改革"
                   "\n\n三、保障措施\n\n（一）加强领导")),
    "H109": (draft("一、总体要求。\n\n各地要高度重视。"), draft("一、总体要求\n\n各地要高度重视。")),
    "H110": (draft("第一、加强组织领导。第二、落实责任。"), draft("第一，加强组织领导。第二，落实责任。")),
    "P101": (draft("经研究,现将有关事项通知如下:请认真执行!"), draft("经研究，现将有关事项通知如下：请认真执行！")),
    "P102": (draft("建设协同平台(以下简称平台)。"), draft("建设协同平台（以下简称平台）。")),
    "P103": (draft('坚持"房住不炒"定位。'), draft("坚持“房住不炒”定位。")),
    "P104": (draft("深化「放管服」改革。"), draft("深化“放管服”改革。")),
    "P105": (draft("包括土地、房产...都要登记。"), draft("包括土地、房产……都要登记。")),
    "P106": (draft("包括土地、房产……等财产。"), draft("包括土地、房产等财产。")),
    "P107": (draft("我们的目标--全面建成小康社会。"), draft("我们的目标——全面建成小康社会。")),
    "P112": (draft("我们的目标—全面建成小康社会。"), draft("我们的目标——全面建成小康社会。")),
    "P113": (draft("详见《通知》（国发〔2012〕1号（附件））。"), draft("详见《通知》（国发〔2012〕1号〔附件〕）。")),
    "P114": (draft("做好5.12汶川地震灾后重建，学习卡尔•马克思的著作。"),
             draft("做好“5·12”汶川地震灾后重建，学习卡尔·马克思的著作。")),
    "C101": (draft("經研究，同意。"), draft("经研究，同意。")),
    "N111": (draft("本通知自2018年1月1号起施行。"), draft("本通知自2018年1月1日起施行。")),
    "N112": (draft("计划投资4千万元。"), draft("计划投资4000万元。")),
    "E109": (draft("经研究，同意。", head="国发〔2023〕5号\n\n关于做好防汛工作的通知\n\n各区人民政府：\n\n"),
             draft("经研究，同意。", head="国发〔2024〕5号\n\n关于做好防汛工作的通知\n\n各区人民政府：\n\n")),
    "E110": (draft("经研究，同意。", head="关于转发省政府防汛工作的通知的通知\n\n各区人民政府：\n\n"),
             draft("经研究，同意。", head="关于转发省政府防汛工作的通知\n\n各区人民政府：\n\n")),
    "E112": ("---\n发文字号: 国发〔2024〕1号\n---\n国发〔2024〕2号\n\n" + draft("经研究，同意。"),
             "---\n发文字号: 国发〔2024〕2号\n---\n国发〔2024〕2号\n\n" + draft("经研究，同意。")),
    "E111": (draft("经研究，同意。", head="某某市人民政府做好防汛工作的通知\n\n各区人民政府：\n\n"),
             draft("经研究，同意。", head="某某市人民政府关于做好防汛工作的通知\n\n各区人民政府：\n\n")),
    "P108": (draft("高程480-560米的区域。"), draft("高程480～560米的区域。")),
    "P109": (draft("经研究，，同意。"), draft("经研究，同意。")),
    "P110": (draft("土地、房产、等财产。"), draft("土地、房产等财产。")),
    "P111": (draft("根据《中华人民共和国预算法的规定办理。"), draft("根据《中华人民共和国预算法》的规定办理。")),
    "N101": (draft("会议于2024年03月05日召开。"), draft("会议于2024年3月5日召开。")),
    "N102": (draft("经研究，同意。", tail="\n\n某某市人民政府\n2024.3.1\n"), draft("经研究，同意。")),
    "N103": (draft("经研究，同意。", tail="\n\n某某市人民政府\n二〇二四年三月一日\n"), draft("经研究，同意。")),
    "N104": (draft("会议于24年3月5日召开。"), draft("会议于2024年3月5日召开。")),
    "N105": (draft("该办法自二OO六年起施行。"), draft("该办法自二〇〇六年起施行。")),
    "N106": (draft("２０２４年第１季度ＧＤＰ增长。"), draft("2024年第1季度GDP增长。")),
    "N107": (draft("根据《通知》（临政办函[2013]89号）执行。"), draft("根据《通知》（临政办函〔2013〕89号）执行。")),
    "N108": (draft("根据《通知》（国发〔12〕10号）执行。"), draft("根据《通知》（国发〔2012〕10号）执行。")),
    "N109": (draft("根据《通知》（国发〔2012〕第010号）执行。"), draft("根据《通知》（国发〔2012〕10号）执行。")),
    "N110": (draft("增长.5个百分点。"), draft("增长0.5个百分点。")),
    "E101": (draft("经研究，同意。\n\n附件:工作方案", head="关于做好防汛工作的通知\n\n各区人民政府:\n\n"),
             draft("经研究，同意。\n\n附件：工作方案")),
    "E102": (draft("经研究，同意。\n\n附件：1.工作方案。\n      2.责任清单；"),
             draft("经研究，同意。\n\n附件：1.工作方案\n      2.责任清单")),
    "E103": (draft("经研究，同意。\n\n附件：1、工作方案\n      3、责任清单"),
             draft("经研究，同意。\n\n附件：1.工作方案\n      2.责任清单")),
    "E104": (draft("经研究，同意。", tail=TAIL + "\n抄送：市委办公室，市人大常委会办公室\n"),
             draft("经研究，同意。", tail=TAIL + "\n抄送：市委办公室，市人大常委会办公室。\n")),
    "E105": (draft("经研究，同意。", head="关于做好防汛工作的安排\n\n各区人民政府：\n\n"), draft("经研究，同意。")),
    "E106": (draft("经研究，同意。", head="关于加强安全生产，防范事故的通知\n\n各区人民政府：\n\n"),
             draft("经研究，同意。")),
    "E107": (draft("经研究，同意。", tail=TAIL + "\n（此页无正文）\n"), draft("经研究，同意。")),
    "E108": (draft("现将方案印发给你们。\n\n附件：1.工作方案\n2.责任清单",
                   tail=TAIL + "附件1\n工作实施方案\n内容。\n附件2\n责任清单\n内容。\n"),
             draft("现将方案印发给你们。\n\n附件：1.工作方案\n2.责任清单",
                   tail=TAIL + "附件1\n工作方案\n内容。\n附件2\n责任清单\n内容。\n")),
    "S101": (draft("会议于 2024 年 3 月 5 日召开，使用 GDP 指标。"), draft("会议于2024年3月5日召开，使用GDP指标。")),
    "S102": (draft("经研究 ，现将有关事项通知如下： 请执行。"), draft("经研究，现将有关事项通知如下：请执行。")),
    "S103": (draft("指  导  意  见要认真执行。"), draft("指导意见要认真执行。")),
    "S104": (draft("经研究，同意。   "), draft("经研究，同意。")),
    "E114": ("【通知】关于做好防汛工作的通知\n\n各区人民政府：\n\n请做好防汛准备。\n",
             "关于做好防汛工作的通知\n\n各区人民政府：\n\n请做好防汛准备。\n"),
    "E113": ("关于申请资金的请示\n\n县人民政府：\n\n恳请给予支持。\n\n某县教育局\n",
             "关于申请资金的请示\n\n县人民政府：\n\n恳请给予支持。\n\n某县教育局\n2024年3月6日\n"),
    "S105": (draft("经\u200b研究，同意\u00ad。\ufeff请\u202a执行\u202c。"), draft("经研究，同意。请执行。")),
    "G901": (draft("%% govfmt: ignore[P101]\n经研究，同意。"), draft("%% govfmt: ignore[P101]\n经研究,同意。")),
    "G902": (draft("%% govfmt: ignore[P999]\n经研究，同意。"), draft("%% govfmt: ignore[P101]\n经研究,同意。")),
    "G903": ("%% govfmt: 标题\n" + draft("经研究，同意。"), "%% govfmt: 正文\n" + draft("经研究，同意。")),
    "G904": (draft("%% govfmt: 大标题\n经研究，同意。"), draft("%% govfmt: 一级标题\n经研究，同意。")),
    "G905": (draft("经研究，同意。", head="防汛工作提示\n\n各区人民政府：\n\n"), draft("经研究，同意。")),
}

# Fixable rules: the bad draft, fixed (with unsafe fixes where the rule's fix is unsafe), is the good one.
FIX_EXPECTED = {"H101", "H102", "H103", "H104", "H109", "H110", "P101", "P102", "P103", "P104", "P105", "P107",
                "P112", "C101", "N111", "N112", "E110",
                "P109", "P110", "N101", "N102", "N103", "N105", "N106", "N107", "N109", "N110", "E101", "E102",
                "E104", "S101", "S102", "S103", "S104", "S105", "E114"}


def test_every_rule_has_a_case():
    assert set(CASES) == {rule.code for rule in all_rules()}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_flags_the_bad_draft(code):
    bad, _ = CASES[code]
    assert code in codes(bad)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_the_good_draft(code):
    _, good = CASES[code]
    assert code not in codes(good)


@pytest.mark.parametrize("code", sorted(FIX_EXPECTED))
def test_fix_turns_the_bad_draft_into_the_good_one(code):
    bad, good = CASES[code]
    rule = {r.code: r for r in all_rules()}[code]
    assert fixed(bad, unsafe=rule.fix == "unsafe") == good


def test_unsafe_fixes_wait_for_the_flag():
    bad = draft("经研究，，同意。")
    assert fixed(bad) == bad
    assert fixed(bad, unsafe=True) == draft("经研究，同意。")


_REST_OF_HEAD = "\n\n各区人民政府：\n\n请做好防汛准备。" + TAIL
_PLACES = {  # where an example stands in a draft: in the body, as the head, under the title, alone
    "body": draft,
    "head": lambda example: example + _REST_OF_HEAD,
    "under the title": lambda example: "关于做好防汛工作的通知\n\n" + example + "\n\n请做好防汛准备。" + TAIL,
    "alone": lambda example: example,
}


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.check is not None], ids=lambda r: r.code)
def test_the_documented_examples_are_what_the_rule_says(rule):
    """`govfmt rules CODE` shows a bad and a good example: somewhere in a draft the bad one is reported
    and the good one, in the same place, is not."""
    def fires(text: str) -> bool:
        try:
            return rule.code in codes(text)
        except GovfmtError:  # an example that is no draft on its own
            return False

    places = [name for name, place in _PLACES.items() if fires(place(rule.bad))]
    assert places, f"{rule.code}: its bad example is reported nowhere"
    assert any(not fires(_PLACES[name](rule.good)) for name in places), \
        f"{rule.code}: its good example is reported where the bad one is ({places})"


def test_every_rule_documents_itself():
    for rule in all_rules():
        assert rule.summary and rule.why and rule.bad and rule.good, rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name


# -- exceptions that real documents need ---------------------------------------------------------

@pytest.mark.parametrize("line", [
    "增长3.5%，达到8:30开放。",
    "详见www.gov.cn/zhengce/index.htm和http://www.xm.gov.cn/a,b.html。",
    "联系邮箱：office@example.gov.cn。",
    "比例尺为1:500，共1,000份。",
    "The State Council, Beijing.",
    "第5.1.2条规定的情形。",
])
def test_halfwidth_marks_that_belong(line):
    assert "P101" not in codes(draft(line))


@pytest.mark.parametrize("line", ["1）加强领导。", "（1）加强领导。", "a)加强领导（试行）。"])
def test_list_markers_are_not_unpaired_brackets(line):
    assert "P111" not in codes(draft(line))


@pytest.mark.parametrize("line", ["乐政发〔2018〕59号", "2025年3月27日印发", "第3季度完成", "附件：1.工作方案"])
def test_chinese_and_digits_written_solid_pass(line):
    found = codes(draft(line))
    assert "S101" not in found and "S102" not in found


def test_decimal_outline_separator_is_not_a_stray_space():
    text = draft("1　总则\n\n1.1　编制目的\n\n为了做好工作。\n\n1.2　编制依据\n\n依据有关法律。")
    assert "S101" not in codes(text)


def test_range_of_dates_with_one_dash_is_not_a_broken_dash():
    assert "P107" not in codes(draft("2004年9月21日—23日，专家组进行了调查。"))


def test_doc_number_in_ordinary_brackets_is_left_alone():
    assert "N107" not in codes(draft("《规划（2016—2020年）》已印发。"))


def test_first_second_quarter_is_not_an_enumeration():
    assert "H110" not in codes(draft("第一、二季度完成。"))


def test_run_in_heading_keeps_its_full_stop():
    assert "H109" not in codes(draft("一、总体要求\n\n（一）加强组织领导。各地要高度重视。"))


def test_numbering_restarts_after_an_attachment_mark():
    text = draft("一、总体要求\n\n二、主要任务", tail=TAIL + "\n附件1\n\n工作方案\n\n一、目标\n\n二、任务\n")
    assert not {"H106", "H108"} & set(codes(text))


def test_doc_number_with_wrong_brackets_is_not_also_reported_as_half_width():
    found = codes(draft("经研究，同意。\n\n根据临政办函(2013)89号执行。"))
    assert "N107" in found and "P102" not in found


# -- false alarms against GB/T 15834/15835 that published documents showed -------------------------

@pytest.mark.parametrize("line", ["推进云—端融合发展。", "开通北京—上海高速列车。", "举办中国—欧盟领导人会晤。",
                                  "2004年9月21日—23日，专家组进行了调查。"])
def test_connector_dash_between_names_is_right(line):
    found = codes(draft(line))
    assert "P107" not in found and "P112" not in found


def test_a_subtitle_opened_with_one_dash_is_a_broken_dash():
    text = draft("经研究，同意。", head="在全市工作会议上的讲话\n—在全市防汛工作会议上\n\n同志们：\n\n")
    assert "P107" in codes(text)


def test_numbering_that_runs_on_through_the_document_is_a_convention():
    text = draft("一、总体要求\n\n（一）工作目标\n\n1.加强领导。\n\n2.落实责任。\n\n（二）基本原则"
                 "\n\n3.统筹推进。\n\n4.分类指导。\n\n二、主要任务\n\n（三）推进改革\n\n5.深化改革。")
    assert not {"H106", "H108"} & set(codes(text))


def test_title_mark_closed_on_the_next_title_line():
    text = draft("经研究，同意。", head="国务院关于印发《全民科学素质行动\n规划纲要》的通知\n\n"
                 "各省、自治区、直辖市人民政府：\n\n")
    assert "P111" not in codes(text)


def test_title_mark_never_closed_is_still_reported():
    assert "P111" in codes(draft("根据《预算法\n的规定办理。\n\n按期完成。"))


def test_a_bracket_closed_only_by_a_list_marker_below_is_never_closed():
    # the ） of 1） is the list marker's (GB/T 15834-2011 §4.9.3.3), not the partner of the （ above it
    found = [d for d in diagnostics(draft("根据有关规定（\n1）做好准备工作，加强值守。")) if d.code == "P111"]
    assert [(d.line, d.message) for d in found] == [(found[0].line, "（ is never closed; add ）")]


def test_quotes_opened_twice_on_a_line_are_not_nested():
    assert "P113" not in codes(draft("坚持“房住不炒”定位，落实“四个最严”要求。"))
    assert "P113" in codes(draft("他指出“要坚持“房住不炒”定位”。"))


@pytest.mark.parametrize("tail", ["\n\n国务院　中央军委\n2024年3月1日\n",
                                  "\n\n鹤岗市人民政府 鹤岗市中级人民法院\n2024年3月1日\n"])
def test_joint_signature_spaced_between_organs_passes(tail):
    assert "S103" not in codes(draft("经研究，同意。", tail=tail))


@pytest.mark.parametrize("line", ["主  任：李文钢", "组    长：李文钢", "副组长：冯 镭（市府办）", "李 震（市委宣传部）",
                                  "根据《建设部 国家语言文字工作委员会关于加强管理的通知》执行。"])
def test_padded_labels_names_and_joint_organs_pass(line):
    assert "S103" not in codes(draft(line))


def test_salutation_colon_is_not_called_an_addressee():
    text = draft("今天我们召开会议。", head="在全市工作会议上的讲话\n\n同志们:\n\n")
    found = [d for d in diagnostics(text) if d.code == "E101"]
    assert found and "主送机关" not in found[0].message


def test_forwarding_title_without_guanyu_is_a_real_form():
    text = draft("经研究，同意。", head="国务院办公厅转发国家发展改革委节能减排方案的通知\n\n各区人民政府：\n\n")
    assert "E111" not in codes(text)


@pytest.mark.parametrize("line", ["发生2.5级地震。", "做好5号楼的改造。", "投资3000万元，长5千米，重2千克，增长3个百分点。",
                                  "1.6事件分级", "本规定所称的乾隆年间著作。"])
def test_numbers_that_only_look_like_new_rule_targets(line):
    found = codes(draft(line))
    assert not {"P114", "N111", "N112", "C101"} & set(found)


def test_short_year_and_zero_padded_day_in_the_signing_date():
    found = codes(draft("经研究，同意。", tail="\n\n某某市人民政府\n24年3月05日\n"))
    assert "N104" in found and "N101" in found


def test_compact_signing_date():
    assert "N102" in codes(draft("经研究，同意。", tail="\n\n某某市人民政府\n20240301\n"))


def test_old_rule_name_still_selects_its_code():
    from govfmt.lint.registry import resolve

    assert resolve("heading-number-not-restarted") == ["H108"]


SPEECH_HEAD = "在全市安全生产工作会议上的讲话\n市长{gap}王某某\n（2024年2月19日）\n\n同志们：\n"


@pytest.mark.parametrize("gap", ["　", "  ", " "])
def test_a_speech_head_passes_its_title_and_the_speaker_s_spacing(gap):
    # A speech is no 公文: no 文种 in its title; its speaker line puts a space between post and name.
    found = codes(SPEECH_HEAD.format(gap=gap) + "今天召开全市安全生产工作会议，我讲三点意见。\n")
    assert "E105" not in found and "S103" not in found


@pytest.mark.parametrize("title", ["坚定信心　真抓实干\n——在县委经济工作会议上的讲话", "在2024年新春团拜会上的致辞"])
def test_speech_titles_without_a_salutation_pass_the_document_type_rule(title):
    assert "E105" not in codes(title + "\n\n今天，我们欢聚一堂。\n")


def test_a_titled_speech_with_its_salutation_passes_the_document_type_rule():
    assert "E105" not in codes("坚定信心　真抓实干\n县委书记　张某\n\n同志们：\n\n今天，我们召开县委经济工作会议。\n")


def test_spaces_inside_a_speech_s_words_are_still_reported():
    text = SPEECH_HEAD.format(gap="　") + "今天召开全市安全 生产工作会议。\n"
    assert "S103" in codes(text)
    assert "E105" in codes("关于做好2024年防汛工作的安排\n\n各区人民政府：\n\n今天召开会议。\n")


ATTACHED_RULES = ("附件：某省中小学课后服务管理办法（征求意见稿）\n\n某省教育厅办公室\n2024年6月10日\n\n附件\n\n"
                  "某省中小学课后服务管理办法\n{subtitle}\n第一章　总则\n第一条　为规范课后服务工作，制定本办法。\n")


def test_an_attachment_title_with_its_subtitle_line_agrees_with_the_note():
    text = draft("请认真研究并提出意见。", tail="\n\n" + ATTACHED_RULES.format(subtitle="（征求意见稿）"))
    assert "E108" not in codes(text)


def test_an_attachment_title_that_differs_from_the_note_is_still_reported():
    text = draft("请认真研究并提出意见。", tail="\n\n" + ATTACHED_RULES.format(subtitle="（试行）"))
    assert "E108" in codes(text)


@pytest.mark.parametrize("line", ["出  席：李某某  王某某  张某某  赵某某", "列席：县政府办公室　县财政局　县住建局",
                                  "参加人员：李某某 王某某 张某某", "记  录：陈某某"])
def test_the_names_a_minutes_lists_a_space_apart_pass(line):
    assert "S103" not in codes(draft(line))


def test_a_doc_number_and_its_signer_a_space_apart_pass():
    head = "某县教育局关于申请拨付校舍维修资金的请示\n某教〔2024〕15号                   签发人：王某某\n\n县人民政府：\n\n"
    assert "S103" not in codes(draft("妥否，请批示。", head=head))


@pytest.mark.parametrize("line", ["会议出席 人员有李某某。", "出席会议的有李某 某。"])
def test_a_space_inside_words_near_a_roster_label_is_still_reported(line):
    assert "S103" in codes(draft(line))


def test_a_comma_typed_after_a_level_one_ordinal_is_fixed_to_the_enumeration_comma():
    text = draft("现将有关事项通知如下：\n一,参会人员\n各科室负责人。\n二，有关要求\n请按时参会。")
    found = [(d.code, d.line) for d in diagnostics(text) if d.code in ("H101", "P101")]
    first = HEAD.count("\n") + 2
    assert found == [("H101", first), ("H101", first + 2)]
    assert "一、参会人员\n各科室负责人。\n二、有关要求" in fixed(text)


def test_a_circled_number_heading_is_a_level_4_marker():
    # ⑴ is a digit for str.isdigit but no \d: its marker is the level-4 one, not a decimal or 1.
    text = draft("一、总体要求\n\n（一）工作目标\n\n1.加强领导\n\n⑴明确责任\n\n⑵、落实任务")
    found = [d for d in diagnostics(text) if d.code == "H104"]
    assert [d.message for d in found] == ["level-4 heading marker '⑴'; write （1）",
                                          "level-4 heading marker '⑵、'; write （2）"]
