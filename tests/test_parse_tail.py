"""The tail of a draft: 附件说明, 署名, 成文日期, 附注, 抄送, 印发, and attachments after it."""

import pytest

from structure_scoring import blocks, kinds

HEAD = "关于申请资金的请示\n县人民政府：\n恳请县政府给予支持。\n"


@pytest.mark.parametrize("date", ["2024年3月6日", "二〇二四年三月一日", "二○一一年八月九日", "2024 年 4 月 12 日"])
def test_date_forms(date):
    assert kinds(HEAD + "**县教育局\n" + date + "\n")[-2:] == ["signature", "date"]


def test_attachment_note_with_wrapped_item_names():
    text = HEAD + "附件：1.**镇特色小镇创建方案\n　　　2.**镇建设项目清单及三年投资计划\n　　　　（2024—2026年）\n" \
                  "　　　3.领导小组成员名单\n\n**县人民政府\n2024年3月6日\n"
    found = blocks(text)
    note = next(b for b in found if b.kind == "attachment_note")
    assert (note.line_start, note.line_end) == (4, 7)
    assert [b.kind for b in found[-2:]] == ["signature", "date"]


def test_attachment_name_continuation_is_not_the_signature():
    text = HEAD + "附件：**县农村义务教育学校校舍维修改造\n　　　项目明细表\n**县教育局\n二〇二四年三月一日\n"
    assert kinds(text)[-3:] == ["attachment_note", "signature", "date"]


def test_indented_signature_after_attachment_note_stays_signature():
    text = HEAD + "附件：项目明细表\n　　　　　　　　**县教育局\n　　　　　　　　2024年3月1日\n"
    assert kinds(text)[-3:] == ["attachment_note", "signature", "date"]


def test_attachment_heading_alone_with_items_below():
    text = HEAD + "附件：\n1.项目基本情况\n2.项目可行性研究报告（送审稿）\n**县人民政府办公室\n2024年4月3日\n"
    assert kinds(text)[-3:] == ["attachment_note", "signature", "date"]


def test_joint_signature_on_two_lines():
    text = HEAD + "中共**县委员会\n**县人民政府\n2024年2月20日\n（此件发至乡镇）\n"
    found = blocks(text)
    signature = next(b for b in found if b.kind == "signature")
    assert signature.lines == ("中共**县委员会", "**县人民政府")
    assert found[-1].kind == "note"


def test_closing_formula_and_contact_line_are_not_signature():
    text = HEAD + "特此函告\n联系人：张**　联系电话：0779-123****\n**县交通运输局\n2024年1月22日\n"
    assert kinds(text)[-4:] == ["body", "body", "signature", "date"]


def test_wrapped_note_and_cc_and_printed_by():
    text = HEAD + "**县人民政府办公室\n2023年8月25日\n（联系人：综合科，\n联系电话：0731-8899****）\n" \
                  "抄送：县委办公室，县人大常委会办公室，县政协办公室，\n县纪委监委。\n" \
                  "**县人民政府办公室　　　　2023年8月25日印发\n"
    found = blocks(text)
    assert [(b.kind, b.line_start, b.line_end) for b in found[-3:]] == \
        [("note", 6, 7), ("cc", 8, 9), ("printed_by", 10, 10)]


def test_attachment_page_has_its_own_title_and_headings():
    text = HEAD + "**县人民政府\n2024年2月28日\n附件\n先进单位和先进个人名单\n一、先进单位（10个）\n" \
                  "**区行政审批服务局、市不动产登记中心\n"
    assert kinds(text)[-5:] == ["date", "attachment_mark", "title", "h1", "body"]


def test_forwarded_rules_after_the_date():
    text = "关于印发管理办法的通知\n各区人民政府：\n现印发给你们，请认真贯彻执行。\n**市人民政府办公室\n2024年4月2日\n" \
           "**市城市公共停车场建设管理办法\n（试行）\n第一章　总　　则\n第一条　为加强管理，制定本办法。\n"
    assert kinds(text)[-4:] == ["title", "subtitle", "chapter", "body"]


def test_imprint_line_in_the_middle_of_a_repost_closes_the_first_document():
    text = HEAD + "**县人民政府办公室　　二OO三年十月十六日印发\n关于做好防汛工作的通知\n各乡镇：\n请做好防汛。\n"
    assert kinds(text)[-4:] == ["printed_by", "title", "addressee", "body"]


def test_a_sentence_ending_in_a_print_date_is_no_imprint():
    text = HEAD + "会议决定，由县政府办公室于2023年8月25日印发。\n"
    assert "printed_by" not in kinds(text)


@pytest.mark.parametrize("after", ["", "附件1\n资金使用计划\n", "抄送：县财政局。\n"])
def test_an_organ_s_name_after_the_last_sentence_is_the_signature_without_its_date(after):
    found = kinds(HEAD + "\n某县教育局\n" + after)
    assert found[:4] == ["title", "addressee", "body", "signature"]


@pytest.mark.parametrize("last", ["特此请示", "二、保障措施", "某县教育局党组会议研究决定，", "联系人：某县教育局"])
def test_a_last_line_that_is_no_organ_s_name_stays_what_it_is(last):
    assert "signature" not in kinds(HEAD + last + "\n")


def test_a_name_under_a_line_that_goes_on_is_no_signature():
    assert "signature" not in kinds("关于申请资金的请示\n县人民政府：\n为保障学校运转，现申请由县\n教育局\n")


def test_attachments_a_page_lists_after_the_date_are_a_list_not_a_title():
    tail = "某县教育局\n2024年3月6日\n（此件公开发布）\n附件1：某某项目清单\n附件2：资金测算表\n"
    assert kinds(HEAD + tail)[-2:] == ["note", "attachment_note"]
    # an attachment whose title is on its mark's line and whose text follows is still an attachment
    found = kinds(HEAD + "某县教育局\n2024年3月6日\n附件1：统计表\n序号\t单位\t人数\n1\t办公室\t12\n")
    assert found[-2:] == ["title", "table"]
