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
