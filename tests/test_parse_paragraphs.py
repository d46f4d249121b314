"""Hard-wrapped paragraphs are merged back into one block; separate paragraphs stay apart."""

from structure_scoring import blocks

WRAPPED = (
    "关于加强管理的通知\n各单位：\n"
    "　　城市地下管线是保障城市运行的重要基础设施。近年来，我市地下管线建设\n"
    "规模不断扩大，但管线老化、权属不清、信息不全等问题依然突出，第三方施工\n"
    "破坏管线事故时有发生。\n"
    "　　（一）全面摸清管线底数。各县（市、区）要组织开展地下管线普查，2024\n"
    "年底前完成城市建成区地下管线普查建档工作，建立管线综合信息管理系统，实\n"
    "行动态更新。\n"
    "　　各地各部门要将地下管线安全管理工作纳入重要议事日程，明确责任分工。\n"
)


def test_wrapped_paragraph_is_one_block():
    body = [b for b in blocks(WRAPPED) if b.kind == "body"]
    assert [(b.line_start, b.line_end) for b in body] == [(3, 5), (9, 9)]
    assert body[0].text.endswith("第三方施工破坏管线事故时有发生。")


def test_wrapped_run_in_heading_keeps_its_continuation_lines():
    heading = next(b for b in blocks(WRAPPED) if b.kind == "heading")
    assert (heading.line_start, heading.line_end, heading.run_in) == (6, 8, True)
    assert "2024年底前" in heading.text


def _wrap(text: str, width: int = 28) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def test_unindented_wrap_goes_on_after_a_sentence_end_at_the_line_end():
    first = "地下管线是城市的生命线，事关群众生命财产安全和公共安全。"  # 28 characters
    paragraph = first + "近年来，我市管线建设规模不断扩大，但管线老化问题依然突出，第三方施工" \
                        "破坏管线事故时有发生。"
    lines = _wrap(paragraph)
    assert lines[0].endswith("。")  # a sentence ends exactly at the wrap width
    text = "关于加强管理的通知\n各单位：\n" + "\n".join(lines + _wrap("各地要组织开展普查。" * 6)) + "\n"
    body = [b for b in blocks(text) if b.kind == "body"]
    assert [(b.line_start, b.line_end) for b in body] == [(3, 2 + len(lines)), (3 + len(lines), 5 + len(lines))]


def test_long_unwrapped_paragraphs_are_not_merged():
    paragraphs = ["这是第一段，内容较长，" * 8 + "完毕", "这是第二段，内容也较长，" * 7 + "完毕",
                  "这是第三段，" * 12 + "完毕"]
    text = "关于加强管理的通知\n各单位：\n" + "\n".join(paragraphs) + "\n"
    assert len([b for b in blocks(text) if b.kind == "body"]) == 3


def test_body_line_ending_in_colon_is_not_an_addressee():
    text = "关于加强管理的通知\n各单位：\n会议强调：\n一要压实责任。\n"
    assert [b.kind for b in blocks(text)] == ["title", "addressee", "body", "body"]


# --- a draft with too few wrapped lines to tell its wrap width ---------------------------------------

# A short 函 pasted from a PDF: two paragraphs wrapped over two lines each (two full lines: too few to
# tell a wrap width); the other lines are whole paragraphs, a list, a 联系人 line and the 署名.
SHORT_LETTER = (
    "某某市财政局关于商请提供有关统计数据的函\n"
    "市统计局：\n"
    "　　为做好2024年度全市财政预算编制工作，科学测算各项收入，根据工作需要，\n"
    "现商请贵局提供以下统计数据：\n"
    "　　1.2023年全市地区生产总值；\n"
    "　　2.2023年全市社会消费品零售总额。\n"
    "　　请于2024年3月15日前将上述数据书面反馈我局，并同时发送电子版至指定邮\n"
    "箱。感谢贵局的大力支持！\n"
    "　　联系人：陈**　联系电话：0591-8765****\n"
    "某某市财政局\n"
    "2024年3月4日\n"
)

# A notice with one paragraph wrapped over three lines among paragraphs typed on one line each.
ONE_WRAPPED = (
    "关于开展安全生产大检查的通知\n"
    "各县（市、区）人民政府：\n"
    "为深刻吸取近期事故教训，坚决防范遏制重特大事故发生，市政府决定在全市范\n"
    "围内开展安全生产大检查，重点检查企业主体责任落实、隐患排查治理和应急\n"
    "预案演练等情况。\n"
    "各地要于4月30日前报送检查情况。\n"
    "特此通知。\n"
    "某某市人民政府\n"
    "2024年3月1日\n"
)


def test_paragraphs_wrapped_over_two_lines_are_one_block_each():
    found = blocks(SHORT_LETTER)
    body = [(b.line_start, b.line_end) for b in found if b.kind == "body"]
    assert body == [(3, 4), (7, 8), (9, 9)]
    assert next(b for b in found if b.line_start == 7).text.endswith("发送电子版至指定邮箱。感谢贵局的大力支持！")


def test_the_one_paragraph_wrapped_over_three_lines_is_one_block():
    body = [(b.line_start, b.line_end) for b in blocks(ONE_WRAPPED) if b.kind == "body"]
    assert body == [(3, 5), (6, 6), (7, 7)]


def test_unwrapped_lines_without_a_full_stop_stay_apart():
    text = ("关于召开工作会议的通知\n各有关单位：\n"
            "经研究，定于2024年3月20日召开全市安全生产工作会议，现将有关事项通知如下：\n"
            "时间：2024年3月20日上午9时\n地点：市政府三楼会议室\n"
            "参加人员：各县（市、区）分管负责同志、市安委会各成员单位分管负责同志\n"
            "请各单位于3月18日前将参会人员名单报市应急管理局。\n"
            "特此通知\n某某市安全生产委员会办公室\n2024年3月15日\n")
    body = [(b.line_start, b.line_end) for b in blocks(text) if b.kind == "body"]
    assert body == [(3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8)]


def test_a_line_as_wide_as_the_widest_but_ending_a_sentence_ends_its_paragraph():
    text = ("关于加强管理的通知\n各单位：\n"
            "城市地下管线是保障城市运行的重要基础设施，事关群众生命财产安全。\n"
            "各地各部门要将地下管线安全管理工作纳入重要议事日程。\n"
            "某某市人民政府\n2024年3月1日\n")
    assert [(b.line_start, b.line_end) for b in blocks(text) if b.kind == "body"] == [(3, 3), (4, 4)]


def test_list_items_and_a_wrapped_run_in_heading_keep_their_own_blocks():
    text = ("关于加强管理的通知\n各单位：\n"
            "　　一、摸清底数。各县（市、区）要组织开展地下管线普查，2024年底前完成城\n"
            "市建成区地下管线普查建档工作。\n"
            "　　二是压实责任。各地要明确管线权属单位的安全主体责任，建立管线信息共享机\n"
            "——严禁占用耕地植树造林、挖湖造景；\n"
            "某某市人民政府\n2024年3月1日\n")
    found = blocks(text)
    heading, rest = found[2], found[3]
    assert (heading.kind, heading.run_in, rest.kind, rest.continues) == ("heading", True, "body", True)
    assert [(b.line_start, b.continues) for b in found if b.kind == "body"] == [(4, True), (5, False), (6, False)]


# --- a paragraph broken across PDF pages --------------------------------------------------------------

PAGED = (
    "关于做好国土空间规划编制工作的通知\n"
    "各县（市、区）人民政府：\n"
    "为贯彻落实党中央、国务院决策部署，进一步做好国土空间规划编制工作，现就有关事项通知\n"
    "- 1 -\n"
    "如下：各地要高度重视规划编制工作，加强组织领导，落实工作经费。\n"
    "一、高度重视。各地要把规划编制工作摆上重要议事日程，主要负责同志要亲自研究部署\n"
    "— 2 —\n"
    "第2页 共3页\n"
    "，确保按期完成。\n"
    "各地要于2024年6月底前报送规划成果。\n"
    "第3页 共3页\n"
    "请认真抓好落实。\n"
    "某某市人民政府\n"
    "2024年3月1日\n"
)


def test_the_halves_of_a_paragraph_around_page_numbers_are_one_paragraph():
    found = blocks(PAGED)
    assert [(b.kind, b.line_start, b.continues) for b in found if b.kind in ("body", "heading", "web")] == [
        ("body", 3, False), ("web", 4, False), ("body", 5, True), ("heading", 6, False), ("web", 7, False),
        ("web", 8, False), ("body", 9, True), ("body", 10, False), ("web", 11, False), ("body", 12, False)]


def test_the_docx_sets_a_paragraph_broken_by_page_numbers_as_one(tmp_path):
    from click.testing import CliRunner

    from govfmt.cli import cli
    from docx_xml import paragraph_text, paragraphs

    draft = tmp_path / "paged.txt"
    draft.write_text(PAGED, encoding="utf-8")
    out = tmp_path / "paged.docx"
    result = CliRunner().invoke(cli, ["convert", str(draft), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "left out 3 lines of web-page chrome: 4, 7, 8, 11" not in result.output  # four lines, named
    assert "left out 4 lines of web-page chrome: 4, 7, 8, 11" in result.output
    texts = [paragraph_text(p) for p in paragraphs(out) if paragraph_text(p).strip()]
    assert "为贯彻落实党中央、国务院决策部署，进一步做好国土空间规划编制工作，现就有关事项通知如下：各地要高度重视规划编制工作，" \
           "加强组织领导，落实工作经费。" in texts
    assert "一、高度重视。各地要把规划编制工作摆上重要议事日程，主要负责同志要亲自研究部署，确保按期完成。" in texts
    assert "各地要于2024年6月底前报送规划成果。" in texts and "请认真抓好落实。" in texts


# --- lines broken by web links ------------------------------------------------------------------------

LINKED = (
    "关于做好规划编制工作的通知\n"
    "各县（市、区）人民政府：\n"
    "根据《\n"
    "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要\n"
    "》，国务院编制了《\n"
    "全国国土空间规划纲要\n"
    "》，现就有关事项通知如下。\n"
    "请认真学习纲要全文（详见\n"
    "[链接]\n"
    "），抓好贯彻落实。\n"
    "有关材料请登录\n"
    "http://www.example.gov.cn/ghgy/2024.html\n"
    "下载。\n"
    "联系人：张**\n"
    "某某市人民政府\n"
    "2024年3月1日\n"
)


def test_sentences_broken_by_links_are_one_paragraph_and_the_link_marker_is_chrome():
    found = blocks(LINKED)
    spans = [(b.kind, b.line_start, b.line_end, b.continues) for b in found if b.kind in ("body", "web")]
    assert spans == [("body", 3, 7, False), ("body", 8, 8, False), ("web", 9, 9, False), ("body", 10, 10, True),
                     ("body", 11, 13, False), ("body", 14, 14, False)]
    assert found[2].text == ("根据《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》，国务院编制了"
                             "《全国国土空间规划纲要》，现就有关事项通知如下。")
    assert found[-4].text == "有关材料请登录http://www.example.gov.cn/ghgy/2024.html下载。"


def test_a_bracketless_word_that_a_page_shows_for_a_link_is_the_author_s():
    text = "关于报送材料的通知\n各单位：\n请报送以下材料：\n图片\n视频\n请于3月底前报送。\n"
    assert [b.kind for b in blocks(text)][2:5] == ["body", "body", "body"]


def test_inspect_shows_and_carries_the_continuation_and_a_script_may_set_it(tmp_path):
    import json

    from click.testing import CliRunner

    from govfmt.cli import cli
    from docx_xml import paragraph_text, paragraphs

    draft = tmp_path / "paged.txt"
    draft.write_text(PAGED, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(cli, ["inspect", str(draft)])
    assert "body             …如下：各地要高度重视" in shown.output
    record = json.loads(runner.invoke(cli, ["inspect", str(draft), "--format", "json"]).stdout)
    assert [b["line_start"] for b in record["blocks"] if b.get("continues")] == [5, 9]
    for block in record["blocks"]:
        block.pop("continues", None)  # a script says the halves are paragraphs of their own
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "edited.docx"
    assert runner.invoke(cli, ["convert", str(edited), "-o", str(out)]).exit_code == 0
    texts = [paragraph_text(p) for p in paragraphs(out)]
    assert "如下：各地要高度重视规划编制工作，加强组织领导，落实工作经费。" in texts
