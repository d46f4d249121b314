"""Drafts in encodings a clerk's machine produces, and bytes that are no draft: each read the way its
author saw it, or refused in one sentence naming the file and the line (exit code 2)."""

from __future__ import annotations

import pytest

from govfmt.cli import main
from govfmt.errors import InputError
from govfmt.ingest import MAX_LINE_CHARS, decode

DRAFT = "关于开展检查的通知\n各单位：\n请做好准备。\n"


def _inspect(path, capsys, *options):
    with pytest.raises(SystemExit) as stop:
        main(["inspect", str(path), *options])
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def _refused(tmp_path, capsys, data: bytes, *options) -> str:
    path = tmp_path / "稿.txt"
    path.write_bytes(data)
    code, out, err = _inspect(path, capsys, *options)
    assert code == 2 and not out and err.count("\n") == 1 and "Traceback" not in err, (code, out, err)
    assert err.startswith(f"govfmt: {path}: "), err
    return err[len(f"govfmt: {path}: "):].strip()


def test_a_named_encoding_the_bytes_do_not_fit_names_the_line(tmp_path, capsys):
    said = _refused(tmp_path, capsys, DRAFT.encode("utf-8"), "--encoding", "ascii")
    assert said == "line 1: is not valid ascii (byte 0); check --encoding"
    said = _refused(tmp_path, capsys, "Notice\nTo all:\n请做好准备。\n".encode("utf-8"), "--encoding", "ascii")
    assert said.startswith("line 3: is not valid ascii (byte 15)")


def test_a_codec_that_is_not_a_text_encoding_is_refused(tmp_path, capsys):
    said = _refused(tmp_path, capsys, DRAFT.encode("utf-8"), "--encoding", "base64")
    assert said == "unknown encoding 'base64'; use e.g. utf-8, gb18030, big5 or utf-16"


def test_a_utf8_byte_order_mark_before_bytes_that_are_not_utf8_is_named(tmp_path, capsys):
    data = b"\xef\xbb\xbf" + "关于开展检查的通知\n".encode("utf-8") + "各单位：\n".encode("gbk")
    assert _refused(tmp_path, capsys, data) == ("line 2: is marked as utf-8 but is not valid utf-8; save it again "
                                                "as UTF-8")


def test_an_overlong_line_is_refused_at_its_number(tmp_path, capsys):
    data = ("关于开展检查的通知\n各单位：\n" + "中" * (MAX_LINE_CHARS + 1) + "\n").encode("utf-8")
    said = _refused(tmp_path, capsys, data)
    assert said.startswith(f"line 3: has a line of {MAX_LINE_CHARS + 1:,} characters, longer than any draft's")


def test_front_matter_that_is_not_key_value_is_refused_at_its_line(tmp_path, capsys):
    data = "---\n发文字号: 国发〔2024〕1号\n这一行没有冒号\n---\n关于开展检查的通知\n".encode("utf-8")
    assert _refused(tmp_path, capsys, data) == ("line 3: front matter line '这一行没有冒号' is not `key: value`; write "
                                                "one field a line, or remove the leading ---")


def test_utf16_without_bom_whose_text_has_control_characters_is_not_taken_for_text(tmp_path, capsys):
    data = "甲\x01乙\n".encode("utf-16-le")
    assert _refused(tmp_path, capsys, data).endswith("not text (contains NUL bytes, a binary file?); give a plain-text "
                                                     "draft")


def test_utf16_without_bom_that_does_not_decode_is_not_text():
    data = "关于".encode("utf-16-le") + b"\x00\xdc" + "通知\n".encode("utf-16-le")  # a lone low surrogate
    with pytest.raises(InputError) as caught:
        decode(data, "稿.txt")
    assert "not text (contains NUL bytes" in str(caught.value)


@pytest.mark.parametrize("text, codec", [
    ("Notice: meeting on Friday at 3 pm.\n", "utf-8"),  # plain ASCII
    ("Café crème, déjà vu, Ångström.\n", "utf-8"),  # accented Latin: not GBK by accident
    ("關於開展檢查的通知\n各單位：\n", "big5"),  # Big5 that GB18030 would read as rare characters
    ("关于开展检查的通知\n各单位：\n请做好准备。\n", "gb18030"),
])
def test_legacy_and_plain_encodings_are_recognised(text, codec):
    source = decode(text.encode(codec), "稿.txt")
    assert source.text == text and source.encoding == codec


def test_bytes_that_are_utf8_by_accident_but_not_gbk_stay_utf8():
    """Cyrillic text is valid UTF-8 whose bytes are not GB18030 Chinese: it is read as UTF-8."""
    text = "Приказ № 5\n"
    assert decode(text.encode("utf-8"), "稿.txt").encoding == "utf-8"
