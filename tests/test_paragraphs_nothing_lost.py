"""Paragraphs put together again lose nothing: drafts pasted from PDFs and web pages, their paragraphs
hard-wrapped at any width, page numbers and link markers between the halves of a sentence, links on
lines of their own, markdown tables with rule rows. Every character of the draft reaches the DOCX in
the author's order but for the lines named as left out (draft_oracle.py builds the expectation from the
draft file itself)."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfmt.cli import cli

from docx_xml import body_text
from draft_oracle import expectation, ink, losses

_HAN = st.text(st.sampled_from("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
                               "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"),
               min_size=2, max_size=30)
_SENTENCE = st.tuples(_HAN, st.sampled_from(["。", "，", "；", "：", "、", "《规划纲要》", "（试行）", ""])).map("".join)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=5).map(lambda parts: "".join(parts) + "。")
_BREAK = st.sampled_from(["- 1 -", "— 2 —", "第2页 共3页", "[链接]", "【图片】", "http://www.example.gov.cn/a.html",
                          "《", "》，"])


@st.composite
def _pasted(draw) -> str:
    lines = ["某某市人民政府办公室关于做好有关工作的通知", draw(st.sampled_from(["各县（市、区）人民政府：", "市直各单位："]))]
    width = draw(st.integers(6, 60))
    indent = draw(st.sampled_from(["", "　　"]))
    for _ in range(draw(st.integers(1, 4))):
        text = draw(_PARAGRAPH)
        pieces = [text[i:i + width] for i in range(0, len(text), width)] if draw(st.booleans()) else [text]
        pieces[0] = indent + pieces[0]
        for index in range(1, len(pieces)):
            if draw(st.integers(0, 3)) == 0:
                pieces[index] = draw(_BREAK) + "\n" + pieces[index]
        lines.extend(pieces)
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(["一、总体要求", "（一）工作目标", "联系人：张**", "——严禁违规占用耕地；"])))
    if draw(st.booleans()):
        lines += ["| 项目 | 单位 |", draw(st.sampled_from(["| --- | --- |", "|:-|-:|", "| — | — |"])), "| 甲 | 乙 |"]
    lines += ["某某市人民政府办公室", "2024年3月1日"]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(_pasted())
def test_pasted_drafts_put_together_again_lose_nothing(tmp_path_factory, draft):
    folder = tmp_path_factory.mktemp("paras")
    path, out = folder / "d.txt", folder / "d.docx"
    path.write_text(draft, encoding="utf-8")
    runner = CliRunner()
    inspected = runner.invoke(cli, ["inspect", str(path), "--format", "json"])
    assert inspected.exit_code == 0, inspected.output
    converted = runner.invoke(cli, ["convert", str(path), "-o", str(out)])
    assert converted.exit_code == 0, converted.output
    expected = expectation(draft, json.loads(inspected.stdout)["blocks"])
    assert all(str(n) in converted.output for n in expected.web), converted.output
    assert losses(expected, ink(body_text(out))) == [], draft
