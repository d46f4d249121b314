"""Header fields given in front matter are checked against GB/T 9704-2012 before anything is laid out:
each bad value is one sentence naming the file, the line and the form the standard wants (exit code 2);
the 签发人 line of the draft gives its names with or without a colon."""

from __future__ import annotations

import pytest

from govfmt.cli import main
from govfmt.header import header_of
from govfmt.ingest import decode
from govfmt.model import Block
from govfmt.parse import parse

BODY = "关于做好防汛工作的通知\n各区人民政府：\n请做好防汛准备。\n某某市人民政府\n2024年3月1日\n"


@pytest.mark.parametrize("field, value, expected", [
    ("令号", "第012号", "write 第N号 with no leading zero, e.g. 第12号"),  # §10.1: 令号 第N号
    ("印章", "或许", "write 有 or 无"),
    ("格式", "公告", "格式 is 文件, 信函, 命令 or 纪要"),
    ("印发日期", "2024年03月01日", "write the full year and no leading zeros in Arabic digits, e.g. 2024年3月1日"),
    ("份号", "12", "份号 is six Arabic digits, e.g. 000123"),  # §7.2.1
    ("密级", "内部", "write 绝密, 机密 or 秘密, optionally ★ and a term such as ★1年 or ★6个月"),  # §7.2.2
    ("紧急程度", "很急", "紧急程度 is 特急 or 加急 (特提, 平急 for telegrams)"),  # §7.2.3
])
def test_a_bad_front_matter_value_is_refused_with_the_form_wanted(field, value, expected, tmp_path, capsys):
    draft = tmp_path / "通知.txt"
    draft.write_text(f"---\n{field}: {value}\n---\n{BODY}", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["inspect", str(draft)])
    _, err = capsys.readouterr()
    assert stop.value.code == 2
    assert err == f"govfmt: {draft}: line 2: {field} {value!r} is not valid: {expected}\n"


@pytest.mark.parametrize("line, names", [("签发人：张三、李四", ("张三", "李四")), ("签发人:王五", ("王五",))])
def test_the_signer_line_gives_its_names(line, names):
    text = f"某某市人民政府文件\n某政发〔2024〕3号\n{line}\n\n{BODY}"
    document = parse(decode(text.encode("utf-8"), "d.txt"))
    signers = [b for b in document.blocks if b.kind == "signer"]
    if not signers:
        pytest.fail(f"no 签发人 block in {[(b.kind, b.text) for b in document.blocks]}")
    assert header_of(document).signers == names


def test_a_heading_that_is_not_run_in_has_no_rest_text():
    assert Block("heading", 1, 1, "一、总体要求", level=1).rest_text == ""
    run_in = Block("heading", 1, 1, "1.拓展两个市场。积极稳妥推进。", level=3, run_in=True, heading_text="1.拓展两个市场。")
    assert run_in.rest_text == "积极稳妥推进。"
