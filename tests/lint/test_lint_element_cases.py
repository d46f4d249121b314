"""The element rules of GB/T 9704-2012 on whole drafts, each seen to fire and seen to hold back where the
standard allows the form: the 附件说明 (§7.3.4) with names that wrap, a first item without its number;
the 抄送 list (§7.4.2); a title with a version number (§7.3.1); attachments against their 附件说明 (§7.3.7)."""

from __future__ import annotations

from lint_helpers import diagnostics

HEAD = "关于做好防汛工作的通知\n\n各区人民政府：\n\n请认真贯彻执行。\n\n"
SIGNED = "\n某某市人民政府\n2024年3月1日\n"


def found(text: str, prefix: str = "E") -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in diagnostics(text) if d.code.startswith(prefix)]


def test_an_attachment_name_that_wraps_is_one_name_without_a_finding():
    """§7.3.4 lets a long name run on to the next line; its first line may end at a 、."""
    note = "附件：1.市直各部门、\n      各区县名单\n      2.责任清单\n"
    assert found(HEAD + note + SIGNED) == []


def test_an_attachment_name_after_a_bare_heading_line_is_checked():
    note = "附件：\n1.工作方案。\n2.责任清单\n"
    assert found(HEAD + note + SIGNED) == [("E102", 8, "attachment name ends with 。; remove it")]


def test_a_first_attachment_without_its_number_is_reported():
    note = "附件：工作方案\n      2.责任清单\n"
    assert found(HEAD + note + SIGNED) == [
        ("E103", 7, "attachment has no number while the others do; write 1. before it"),
        ("E103", 8, "attachment number 2 where 1 is expected")]


def test_a_cc_list_ending_in_a_comma_is_reported():
    colophon = "\n抄送：市委办公室，市人大常委会办公室，\n某某市人民政府办公室          2024年3月1日印发\n"
    assert found(HEAD + SIGNED + colophon) == [("E104", 11, "抄送 list ends with ，; end it with 。")]


def test_a_cc_list_wrapped_onto_a_second_line_ends_there():
    colophon = ("\n抄送：市委办公室，市人大常委会办公室，各县（市、区）\n语委办。\n"
                "某某市人民政府办公室          2024年3月1日印发\n")
    assert found(HEAD + SIGNED + colophon) == []


def test_a_version_number_in_the_title_is_not_punctuation():
    assert found("关于印发数据规范2.0版的通知\n\n各区人民政府：\n\n请认真贯彻执行。\n" + SIGNED, "E106") == []
    assert found("关于印发数据规范.版的通知\n\n各区人民政府：\n\n请认真贯彻执行。\n" + SIGNED, "E106") == [
        ("E106", 1, ". in the title")]


NOTE = "附件：1.工作方案\n      2.责任清单\n"


def test_fewer_attachments_than_the_note_lists_are_reported_at_the_first():
    text = HEAD + NOTE + SIGNED + "\n附件1\n\n工作方案\n\n内容。\n"
    assert found(text) == [("E108", 13, "the 附件说明 lists 2 attachment(s) but 1 follow the text")]


def test_an_attachment_labelled_out_of_turn_is_reported():
    text = HEAD + NOTE + SIGNED + "\n附件1\n\n工作方案\n\n内容。\n\n附件3\n\n责任清单\n\n内容。\n"
    assert found(text) == [("E108", 19, "attachment 2 is labelled '附件3'; write 附件2")]


def test_a_wrapped_attachment_name_matches_its_title_whole():
    note = "附件：1.关于某某工作的\n      实施方案\n      2.责任清单\n"
    text = HEAD + note + SIGNED + "\n附件1\n\n关于某某工作的实施方案\n\n内容。\n\n附件2\n\n责任清单\n\n内容。\n"
    assert found(text) == []
    other = text.replace("\n关于某某工作的实施方案\n", "\n关于某某工作的方案\n")
    assert found(other) == [("E108", 16, "attachment title differs from the 附件说明 item '关于某某工作的实施方案'")]


def test_many_traditional_characters_in_a_simplified_draft_are_each_reported():
    """Over 20 traditional characters, but under 30 % of the draft's Han characters: a simplified draft with
    slips, so each character gets its own finding and fix, not one verdict on the whole draft."""
    slips = "國務院關於調整數據統計報送與審計監督業務範圍並實現數據開放的說明"  # 25 of its 32 are traditional
    simplified = "各单位要按照统一部署，认真组织开展自查自纠工作，确保各项任务按期完成。" * 4
    text = HEAD.replace("请认真贯彻执行。", slips + "。" + simplified) + SIGNED
    findings = [(d.line, d.message) for d in diagnostics(text) if d.code == "C101"]
    assert len(findings) == 25 and all(line == 5 for line, _ in findings)
    assert ("traditional character 國; the simplified form is 国") in [message for _, message in findings]
    assert not any("written in traditional characters" in message for _, message in findings)
