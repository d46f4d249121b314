import pytest

from govfmt.errors import InputError
from govfmt.ingest import decode, draft_lines

DRAFT = "国务院办公厅关于开展工作的通知\n\n各省、自治区、直辖市人民政府：\n　　现将有关事项通知如下。\n"


@pytest.mark.parametrize("codec,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
                                       ("gbk", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_decodes_office_encodings(codec, bom):
    source = decode(bom + DRAFT.encode(codec), "d.txt")
    assert source.text == DRAFT
    assert source.bom == bool(bom)


def test_big5_is_detected():
    text = "臺灣地區的政府機關公文格式說明，請各機關依照辦理。\n"
    assert decode(text.encode("big5"), "t.txt").text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_newlines_are_normalised_and_remembered(newline):
    source = decode(DRAFT.replace("\n", newline).encode(), "d.txt")
    assert "\r" not in source.text
    assert source.newline == newline


def test_whitespace_only_lines_are_blank_and_indentation_is_stripped():
    raw = "标题\n \u3000\u200b \n\u3000\u3000正文第一段。\n\t\n"
    lines = draft_lines(decode(raw.encode(), "d.txt"))
    assert [(ln.number, ln.text) for ln in lines] == [(1, "标题"), (3, "正文第一段。")]
    assert lines[1].indented


@pytest.mark.parametrize("data,words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00rest", "PNG image"),
    (b"PK\x03\x04abc", "ZIP archive"),
    (b"%PDF-1.7\n...", "PDF"),
    (b"abc\x00def", "NUL"),
    (b"", "empty"),
    (b"  \n\n", "empty"),
])
def test_binary_or_empty_input_is_refused_with_one_sentence(data, words):
    with pytest.raises(InputError) as info:
        decode(data, "bad.txt")
    message = str(info.value)
    assert words in message and message.startswith("bad.txt")
    assert "\n" not in message


def test_undecodable_bytes_name_the_line():
    data = "第一行\n".encode() + b"\x81\x20\xff\xfe\x00"[:0] + b"\xff\xff\xff\n"
    with pytest.raises(InputError) as info:
        decode(data, "x.txt")
    assert "line 2" in str(info.value)


def test_front_matter_is_split_off_with_line_numbers():
    raw = "---\n发文字号: 国发〔2024〕1号\n格式: 文件\n---\n标题\n"
    source = decode(raw.encode(), "f.txt")
    assert source.front_matter == (("发文字号", "国发〔2024〕1号", 2), ("格式", "文件", 3))
    assert [ln.number for ln in draft_lines(source)] == [5]


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(InputError, match="never ends"):
        decode("---\n发文字号: 1\n格式: 文件\n".encode(), "f.txt")


@pytest.mark.parametrize("text", ["各单位：\n", "会议纪要\n", "请示\n", "通知\n", "项目\t数量\n"])
def test_short_gbk_drafts_are_not_taken_for_big5_or_utf8(text):
    source = decode(text.encode("gbk"), "s.txt")
    assert source.encoding == "gb18030" and source.text == text


def test_a_draft_of_only_full_width_and_zero_width_spaces_is_refused():
    from govfmt.errors import InputError
    from govfmt.parse import parse

    source = decode("\n\n   \n\u3000\n\u200b\n".encode(), "b.txt")
    with pytest.raises(InputError, match="b.txt: has no text"):
        parse(source)


@pytest.mark.parametrize("text", ["á", "café", "Renée 与 José"])
def test_accented_latin_in_utf8_is_not_taken_for_gbk(text):
    from govfmt.ingest import decode

    source = decode(text.encode("utf-8"))
    assert source.text == text and source.encoding == "utf-8"
