"""The head of a draft: titles over several lines, subtitles, 发文字号, addressees, speech heads."""

import pytest

from structure_scoring import blocks, kinds


def test_title_over_three_lines_is_one_block():
    text = "**市人民政府办公室关于2023年度\n全市政务服务工作先进单位和\n先进个人的通报\n*政办〔2024〕7号\n各县（市、区）人民政府：\n正文。\n"
    found = blocks(text)
    assert (found[0].kind, found[0].line_start, found[0].line_end) == ("title", 1, 3)
    assert [b.kind for b in found[1:]] == ["doc_number", "addressee", "body"]


def test_title_wrapped_in_book_title_marks_with_its_adoption_note():
    text = "《**市人民政府关于进一步优化营商环境\n降低市场主体制度性交易成本的若干措施》\n" \
           "（2024年1月5日市人民政府第30次常务会议通过）\n为持续优化营商环境，制定以下措施。\n"
    assert kinds(text) == ["title", "subtitle", "body"]


def test_masked_doc_number():
    assert kinds("**县人民政府关于申请的请示\n*政〔2024〕18号\n**市人民政府：\n正文。\n") == \
        ["title", "doc_number", "addressee", "body"]


def test_doc_number_masked_the_other_ways_drafts_mask_names():
    for mask in ("××", "○○", "XX", "ＸＸ", "＊＊"):
        text = f"{mask}市人民政府办公室文件\n{mask}政办发〔2024〕12号\n关于加强管理的通知\n各区县：\n现通知如下。\n"
        assert kinds(text) == ["issuer_mark", "doc_number", "title", "addressee", "body"], mask


def test_addressee_wrapped_over_two_lines():
    text = "关于加强耕地保护的意见\n各乡镇人民政府，县政府各部门，\n县属各企业：\n耕地是粮食生产的命根子。\n"
    found = blocks(text)
    assert (found[1].kind, found[1].line_start, found[1].line_end) == ("addressee", 2, 3)


def test_one_person_is_an_addressee_an_audience_a_salutation():
    assert kinds("关于邀请参加会议的函\n王**同志：\n特邀请您出席会议。\n")[1] == "addressee"
    assert kinds("在全县会议上的讲话\n各位代表、同志们：\n今天召开会议。\n")[1] == "salutation"


def test_sentence_ending_in_colon_right_after_title_is_body():
    text = "**区民政局2023年工作总结\n2023年,在区委的领导下,我局扎实做好各项工作.现将有关情况报告如下:\n一、工作情况\n"
    assert kinds(text) == ["title", "body", "h1"]


def test_speech_head_with_subtitle_speaker_and_date():
    text = "坚定信心　真抓实干\n奋力开创高质量发展新局面\n——在县委经济工作会议上的讲话\n县委书记　张**\n" \
           "2024年2月5日\n同志们：\n今天，我们召开县委经济工作会议。\n"
    assert kinds(text) == ["title", "subtitle", "subtitle", "date", "salutation", "body"]


def test_speech_date_in_brackets_is_a_subtitle():
    text = "在全市安全生产工作会议上的讲话\n市长　李**\n（2024年1月18日）\n同志们：\n下面，我讲三点意见。\n"
    assert kinds(text) == ["title", "subtitle", "subtitle", "salutation", "body"]


def test_minutes_title_and_its_number():
    assert kinds("**县人民政府常务会议纪要\n（第6次）\n2024年4月10日，县长主持召开常务会议。\n") == \
        ["title", "subtitle", "body"]


def test_issuer_banner_above_the_title():
    text = "**县人民政府办公室文件\n**县人民政府办公室\n关于做好参保缴费工作的通知\n各乡镇人民政府：\n正文。\n"
    assert kinds(text) == ["issuer_mark", "title", "addressee", "body"]


def test_web_leftovers_are_web():
    text = "当前位置：首页 > 信息公开\n**区民政局2023年工作总结\n发布日期：2024-01-12　　来源：**区民政局\n" \
           "2023年，我局扎实做好各项民政工作。\n【打印本页】【关闭窗口】\n"
    assert kinds(text) == ["web", "title", "web", "body", "web"]


def test_meeting_time_line_is_not_web_chrome():
    text = "关于旧城改造项目的专题会议纪要\n时间：2024年3月12日下午\n地点：区政府三楼会议室\n"
    assert kinds(text) == ["title", "body", "body"]


def test_chrome_above_the_head_is_left_out_and_can_be_kept():
    from govfmt.ingest import decode
    from govfmt.parse import keep_web, left_out_lines, parse

    text = "**市教育局关于做好寒假安全工作的通知\n\n文章来源：本站原创 作者：佚名 发布时间：2024年1月5日 点击数：  次\n" \
           "**市教育局文件\n*教〔2024〕3号\n**市教育局关于做好\n寒假安全工作的通知\n各县（市、区）教育局：\n" \
           "现就做好寒假安全工作通知如下。\n"
    document = parse(decode(text.encode("utf-8"), "draft.txt"))
    assert left_out_lines(document) == (1, 3)
    kept = keep_web(document)
    assert left_out_lines(kept) == ()
    assert [b.kind for b in kept.blocks][:2] == ["other", "other"]
    assert [b.kind for b in document.blocks][2:] == ["issuer_mark", "doc_number", "title", "addressee", "body"]


def test_a_title_whose_name_mark_runs_over_two_lines_is_one_title_below_chrome():
    # The first line ends with 纲要, a kind of document, but its 《 is still open: the title goes on.
    head = "国务院关于印发《全民科学素质行动规划纲要\n（2021—2035年）》的通知\n国发〔2021〕9号\n" \
           "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n" \
           "现将《全民科学素质行动规划纲要（2021—2035年）》印发给你们，请认真贯彻执行。\n国务院\n2021年6月3日\n"
    for draft in (head, "首页 > 政策 > 文件库\n发布时间：2021-06-25\n" + head):
        found = blocks(draft)
        assert [b.text for b in found if b.kind == "title"] == [
            "国务院关于印发《全民科学素质行动规划纲要（2021—2035年）》的通知"]
        assert [b.kind for b in found if b.text.startswith("国发")] == ["doc_number"]
        assert [b.kind for b in found if b.text.startswith("各省")] == ["addressee"]


SPEECH = "在全市安全生产工作会议上的讲话\n市长　王**\n（2024年2月19日）\n\n同志们：\n" \
         "今天召开全市安全生产工作会议，主要任务是总结去年工作，部署今年任务。\n一、清醒认识当前安全生产形势\n"
SPEECH_KINDS = ["title", "subtitle", "subtitle", "salutation", "body", "h1"]


def test_a_speech_pasted_under_its_page_title_and_site_line():
    # A browser page's title is the document's title with the site after it: not a first title line.
    for page_title in ("在全市安全生产工作会议上的讲话-**市人民政府网", "在全市安全生产工作会议上的讲话_**市应急管理局",
                       "在全市安全生产工作会议上的讲话｜**市人民政府门户网站"):
        draft = page_title + "\n**市人民政府网　www.xx.gov.cn　2024-02-20 09:30\n" + SPEECH
        assert kinds(draft) == ["web", "web"] + SPEECH_KINDS, page_title


def test_a_short_line_above_a_speech_without_its_salutation_is_kept():
    # Without a salutation or a 主送 under it, nothing in the head is certain: the line above stays.
    draft = "**市安全生产委员会\n在全市安全生产工作会议上的讲话\n市长　王**\n（2024年2月19日）\n" \
            "今天召开全市安全生产工作会议，主要任务是总结去年工作，部署今年任务。\n"
    assert "web" not in kinds(draft)


def test_the_number_of_a_minutes_under_its_title_belongs_to_the_title():
    for number in ("〔2024〕第5次", "2024年第3期", "第12次", "（第6次）"):
        text = f"**县人民政府常务会议纪要\n{number}\n2024年4月10日，县长主持召开县人民政府常务会议。\n"
        assert kinds(text) == ["title", "subtitle", "body"], number
    # the same words as a sentence of the text stay text
    assert kinds("**县人民政府常务会议纪要\n第5次会议研究了有关事项。\n") == ["title", "body"]


def test_a_head_under_a_metadata_table_whose_text_opens_with_a_sentence_ending_in_a_colon():
    text = ("索引号：11330600002542313Y/2024-00123  主题分类：其他\n发布机构：市政府办公室  生成日期：2024-03-05\n"
            "名称：某市人民政府办公室关于做好春季森林防火工作的通知\n某市人民政府办公室关于做好春季森林防火工作的通知\n"
            "某政办发〔2024〕8号\n各区县人民政府，市政府各部门：\n"
            "当前正值森林防火关键期，经市政府同意，现就有关事项通知如下：\n一、压实防火责任\n严禁野外用火。\n")
    assert kinds(text) == ["web", "web", "web", "title", "doc_number", "addressee", "body", "h1", "body"]


def test_an_opening_sentence_ending_in_a_colon_is_text_and_a_recipient_list_is_not():
    text = ("关于做好春季森林防火工作的通知\n各区县人民政府，市政府各部门：\n"
            "当前正值森林防火关键期，经市政府同意，现就有关事项通知如下：\n一、压实责任\n严禁野外用火。\n")
    assert kinds(text) == ["title", "addressee", "body", "h1", "body"]
    assert kinds(text.replace("一、压实责任\n", "")) == ["title", "addressee", "body", "body"]


def test_a_document_introduced_by_a_news_item_keeps_its_head():
    text = ("市政府办公室印发通知 部署春季森林防火工作\n"
            "近日，市政府办公室印发《关于做好春季森林防火工作的通知》，全文如下。\n"
            "某市人民政府办公室关于做好春季森林防火工作的通知\n某政办发〔2024〕8号\n各区县人民政府，市政府各部门：\n"
            "当前正值森林防火关键期，经市政府同意，现就有关事项通知如下：\n一、压实防火责任\n严禁野外用火。\n"
            "某市人民政府办公室\n2024年3月4日\n")
    found = blocks(text)
    assert [b.kind for b in found[2:]] == ["title", "doc_number", "addressee", "body", "heading", "body",
                                           "signature", "date"]
    assert found[1].kind == "other" and found[1].text.startswith("近日")  # kept, not left out


def test_a_forwarding_notice_keeps_its_own_head_above_the_forwarded_one():
    text = ("关于转发《某省人民政府办公厅关于做好春季森林防火工作的通知》的通知\n各区县人民政府，市政府各部门：\n"
            "现将《某省人民政府办公厅关于做好春季森林防火工作的通知》转发给你们，请认真贯彻执行。\n"
            "某市人民政府办公室\n2024年3月5日\n"
            "某省人民政府办公厅关于做好春季森林防火工作的通知\n某政办发〔2024〕1号\n各市、县（市、区）人民政府：\n"
            "经省政府同意，现就有关事项通知如下：\n")
    assert kinds(text) == ["title", "addressee", "body", "signature", "date", "title", "doc_number", "addressee",
                           "body"]


ORDER = ("中华人民共和国国务院令\n第789号\n《国务院关于修改和废止部分行政法规的决定》已经2024年12月6日国务院第48次常务会议"
         "通过，现予公布，自2025年1月20日起施行。\n总理　李强\n2024年12月30日\n")


def test_a_pasted_order_has_its_mark_and_its_order_number():
    from govfmt.header import header_of
    from govfmt.ingest import decode
    from govfmt.parse import parse

    assert kinds(ORDER) == ["issuer_mark", "doc_number", "body", "signature", "date"]
    header = header_of(parse(decode(ORDER.encode("utf-8"), "令.txt")))
    assert (header.format, header.issuer_mark, header.order_number, header.doc_number) == \
        ("order", "中华人民共和国国务院令", "第789号", "")


def test_an_order_s_title_or_a_mark_without_its_number_stays_a_title():
    assert kinds("国务院关于授予某部队荣誉称号的命令\n第1号\n正文。\n")[0] == "title"
    assert kinds("中华人民共和国国务院令\n《某条例》已经国务院常务会议通过，现予公布。\n")[0] == "title"


@pytest.mark.parametrize("line, kind", [
    ("为进一步做好安全生产工作，根据上级要求，结合我县实际，特制定如下措施：", "body"),
    ("按照省委部署，现就有关事项通知如下：", "body"),
    ("经济开发区管委会，各乡镇人民政府：", "addressee"),
    ("经信局、发改局、财政局：", "addressee"),
    ("国务院各部委、各直属机构，各省、自治区、直辖市人民政府：", "addressee"),
])
def test_a_sentence_of_short_clauses_ending_in_a_colon_is_no_addressee(line, kind):
    text = f"关于做好防汛工作的通知\n{line}\n当前已进入主汛期，为切实做好防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。\n"
    assert kinds(text)[1] == kind


@pytest.mark.parametrize("mark", [
    "中共某县委办公室\n某县人民政府办公室\n文件\n",
    "中共某县委办公室文件\n某县人民政府办公室\n",
    "中共某县委办公室\n某县人民政府办公室文件\n",
])
def test_a_joint_mark_pasted_one_organ_a_line_is_the_mark_of_both(mark):
    from govfmt.header import header_of
    from govfmt.ingest import decode
    from govfmt.parse import parse

    text = mark + "某委办发〔2024〕12号\n关于印发工作要点的通知\n各乡镇：\n现印发给你们，请认真贯彻落实。\n"
    found = kinds(text)
    assert found == ["issuer_mark"] * (len(found) - 4) + ["doc_number", "title", "addressee", "body"]
    header = header_of(parse(decode(text.encode("utf-8"), "通知.txt")))
    assert (header.issuers, header.issuer_mark) == (("中共某县委办公室", "某县人民政府办公室"), "")


def test_a_joint_signature_is_no_mark():
    text = "关于印发工作要点的通知\n各乡镇：\n现印发给你们，请认真贯彻落实。\n\n中共某县委办公室\n某县人民政府办公室\n2024年3月1日\n"
    assert kinds(text)[-2:] == ["signature", "date"] and "issuer_mark" not in kinds(text)
