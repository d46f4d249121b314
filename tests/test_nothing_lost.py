"""Nothing the author wrote is lost: every printable character of the raw draft reaches the DOCX (and the
PDF) in the author's order, but for the moves GB/T 9704 makes (版头 fields to the top, 抄送/印发 to the
版记) and the lines named as left out. The expectation is built from the draft file itself (see
draft_oracle.py); the parser only says which lines may move."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govfmt.cli import cli

from conftest import TESTS
from docx_xml import body_text
from draft_oracle import expectation, ink, losses

DEV = sorted((TESTS / "corpus" / "dev" / "docs").glob("*.txt"))
SYNTHETIC = sorted((TESTS / "corpus" / "synthetic" / "docs").glob("*.txt"))
SAMPLES = sorted((TESTS.parent / "samples").glob("*.txt"))


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _blocks(path: Path) -> list[dict]:
    return json.loads(_run("inspect", str(path), "--format", "json").stdout)["blocks"]


def _raw(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _docx_losses(path: Path, out: Path) -> list[str]:
    result = _run("convert", str(path), "-o", str(out))
    expected = expectation(_raw(path), _blocks(path))
    if expected.web:  # web-page chrome left out is named to the user, by line number
        assert all(str(n) in result.output for n in expected.web), result.output
    return losses(expected, ink(body_text(out)))


@pytest.mark.parametrize("path", DEV + SYNTHETIC + SAMPLES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_draft_of_the_corpora_reaches_the_docx(path, tmp_path):
    assert _docx_losses(path, tmp_path / "out.docx") == []


def test_the_oracle_sees_a_lost_wrapped_line(tmp_path):
    """The oracle itself: a 抄送 whose second line is missing from the output is reported."""
    draft = tmp_path / "d.txt"
    draft.write_text("关于做好某项工作的通知\n各单位：\n现将有关事项通知如下。\n某某办公室\n2024年3月1日\n"
                     "抄送：甲单位，乙单位，\n丙单位。\n", encoding="utf-8")
    blocks = _blocks(draft)
    expected = expectation(draft.read_text(encoding="utf-8"), blocks)
    assert expected.tail == (ink("抄送：甲单位，乙单位，"), ink("丙单位。"))
    whole = "关于做好某项工作的通知各单位：现将有关事项通知如下。某某办公室2024年3月1日抄送：甲单位，乙单位，丙单位。"
    assert losses(expected, ink(whole)) == []
    assert losses(expected, ink(whole.replace("丙单位。", ""))) != []
    assert losses(expected, ink(whole.replace("现将", ""))) != []
    assert losses(expected, ink(whole.replace("某某办公室2024年3月1日", "2024年3月1日某某办公室"))) != []


# --- generated drafts ----------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "关于", "通知", "各省、自治区、直辖市人民政府：", "一、", "（一）", "1.", "（1）", "一是", "——", "附件：",
    "附件1", "抄送：", "国办发〔2019〕3号", "2024年3月1日", "二〇二四年三月一日", "（此件公开发布）", "。", "，",
    "：", ":", ",", "“", "”", "《", "》", "**县", "*", "\t", "|", " ", "\u3000", "同志们：", "目录", "第一章",
    "印发", "2024年3月1日印发", "1.5亿元", "8:30", "http://example.gov.cn/a.html", "ABC", "---", "&<>\"'",
    "密级：秘密", "特急", "签发人：张三", "000123", "（联系人：李四，电话：12345678）",
])
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_LINE = st.lists(st.one_of(_PIECES, st.text(_CHARS, max_size=12)), max_size=8).map("".join)
_FREE_DRAFT = st.lists(_LINE, min_size=1, max_size=30).map("\n".join)

_HAN = st.text(st.sampled_from("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
                               "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"),
               min_size=1, max_size=40)
_SENTENCE = st.tuples(_HAN, st.sampled_from("。，；：！？")).map("".join)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=6).map("".join)


def _wrapped(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


@st.composite
def _documents(draw) -> str:
    """A whole 公文 draft: optional front matter, title, 主送, headings, wrapped paragraphs, a table,
    附件说明, 署名, 日期, a wrapped 附注, a wrapped 抄送 and 印发."""
    parts = []
    if draw(st.booleans()):
        parts.append("---\n份号: 000123\n密级: 秘密★1年\n发文机关: 某某市人民政府办公室\n发文字号: 某政办发〔2024〕7号\n"
                     + draw(st.sampled_from(["", "签发人: 张三\n", "抄送: 市委办公室，市人大常委会办公室。\n"]))
                     + "---")
    parts.append(f"某某市人民政府办公室关于{draw(_HAN)}的通知")
    parts.append(draw(st.sampled_from(["各区人民政府，市政府各部门：", "市直各单位：", ""])))
    width = draw(st.integers(8, 40))
    for number in "一二三"[:draw(st.integers(0, 3))]:
        parts.append(f"{number}、{draw(_HAN)}")
        parts.append(_wrapped(draw(_PARAGRAPH), width))
    parts.append(_wrapped(draw(_PARAGRAPH), width))
    if draw(st.booleans()):
        separator = draw(st.sampled_from(["\t", "|"]))
        rows = draw(st.lists(st.lists(_HAN.map(lambda s: s[:8]), min_size=2, max_size=2), min_size=1, max_size=4))
        table = [["序号", "事项", "单位"]] + [[str(i), *row] for i, row in enumerate(rows, 1)]
        if separator == "|":
            lines = [f"| {' | '.join(row)} |" for row in table]
            lines.insert(1, "|---|---|---|")
        else:
            lines = ["\t".join(row) for row in table]
        parts.append("\n".join(lines))
    if draw(st.booleans()):
        parts.append("附件：1.某某工作方案\n2.某某情况统计表")
    parts.append("某某市人民政府办公室\n2024年3月1日")
    if draw(st.booleans()):
        parts.append(_wrapped(f"（{draw(_PARAGRAPH)}）", width))
    if draw(st.booleans()):
        parts.append(_wrapped("抄送：" + "，".join(draw(st.lists(_HAN.map(lambda s: s[:6] + "委员会"), min_size=1,
                                                             max_size=8))) + "。", width))
    if draw(st.booleans()):
        parts.append("某某市人民政府办公室          2024年3月1日印发")
    blank = draw(st.sampled_from(["\n", "\n\n"]))
    return blank.join(p for p in parts if p) + "\n"


def _generated_losses(tmp_path_factory, draft: str) -> list[str] | None:
    folder = tmp_path_factory.mktemp("gen")
    path = folder / "gen.txt"
    path.write_bytes(draft.encode("utf-8"))
    runner = CliRunner()
    inspected = runner.invoke(cli, ["inspect", str(path), "--format", "json"])
    if inspected.exit_code != 0:
        # refused drafts (empty, all spaces, front matter it cannot take) say why, in one sentence, and stop
        assert inspected.exit_code in (1, 2) and isinstance(inspected.exception, Exception), inspected.output
        return None
    out = folder / "gen.docx"
    converted = runner.invoke(cli, ["convert", str(path), "-o", str(out)])
    if converted.exit_code != 0:
        assert converted.exit_code in (1, 2) and not out.exists(), converted.output
        return None
    expected = expectation(draft, json.loads(inspected.stdout)["blocks"])
    return losses(expected, ink(body_text(out)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(_FREE_DRAFT)
@example("关于某事的通知\n抄送：甲单位，乙单位，\n丙单位。")
@example("序号\t名称\n1\t甲|乙\n附注：（此件公开发布）")
def test_generated_fragments_lose_nothing(tmp_path_factory, draft):
    assert _generated_losses(tmp_path_factory, draft) in (None, [])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(_documents())
def test_generated_documents_lose_nothing(tmp_path_factory, draft):
    found = _generated_losses(tmp_path_factory, draft)
    assert found == [], draft  # whole documents are never refused


# --- PDFs ----------------------------------------------------------------------------------------------

_FOOTER_TOP_MM = 262.0 + 2.0  # GB/T 9704 §5.2.1: the 版心 ends 262 mm from the top; page numbers lie below


def _pdf_ink(pdf: Path) -> tuple[str, Counter]:
    """The PDF's text above the page numbers in reading order, outside its ruled tables; and the
    characters inside those tables, counted (a cell wrapped over lines reads across its neighbours)."""
    import pdfplumber

    parts, in_tables = [], Counter()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            limit = _FOOTER_TOP_MM / 25.4 * 72 if page.height > page.width else page.height
            boxes = [table.bbox for table in page.find_tables()]

            def in_box(obj, boxes=boxes) -> bool:
                return any(x0 - 1 <= obj["x0"] and obj["x1"] <= x1 + 1 and top - 1 <= obj["top"]
                           and obj["bottom"] <= bottom + 1 for x0, top, x1, bottom in boxes)

            for char in page.chars:
                if char["top"] < limit and in_box(char):
                    in_tables.update(ink(char["text"]))
            inside = page.filter(lambda obj: obj.get("object_type") != "char"
                                 or (obj["top"] < limit and not in_box(obj)))
            text = ink(inside.extract_text() or "")
            if page.height < page.width:  # a turned page keeps its number at its own foot (§8)
                text = re.sub(r"—\d+—$", "", text)
            parts.append(text)
    return "".join(parts), in_tables


def _without_tables(raw: str, blocks: list[dict]) -> tuple[str, list[dict], Counter]:
    """The draft with its table lines blanked (and those blocks dropped), and the table text counted."""
    rows = {n for b in blocks if b["kind"] == "table" for n in range(b["line_start"], b["line_end"] + 1)}
    lines = raw.split("\n")
    counted = Counter(ink("".join(lines[n - 1] for n in sorted(rows))).replace("|", ""))
    kept = "\n".join("" if number in rows else line for number, line in enumerate(lines, 1))
    return kept, [b for b in blocks if b["kind"] != "table"], counted


@pytest.mark.slow
def test_every_dev_draft_reaches_the_pdf(tmp_path):
    """The PDF's own text (pdfplumber), page by page above the page numbers, holds the whole draft."""
    out = tmp_path / "pdf"
    _run("convert", str(DEV[0].parent), "-o", str(out), "--to", "pdf")
    problems = {}
    for path in DEV:
        raw, blocks, table_text = _without_tables(_raw(path), _blocks(path))
        text, printed_in_tables = _pdf_ink(out / f"{path.stem}.pdf")
        found = losses(expectation(raw, blocks), text)
        missing = table_text - printed_in_tables
        if missing:
            found.append(f"table text missing from the PDF: {''.join(sorted(missing.elements()))}")
        if found:
            problems[path.name] = found[:3]
    assert problems == {}


def test_web_chrome_is_left_out_only_when_named(tmp_path):
    """A line marked as web-page chrome may be missing from the DOCX, and the run names it by number;
    every other line must still be there."""
    draft = tmp_path / "网页.txt"
    draft.write_text("%% govfmt: 网页\n首页 > 政务公开 > 通知公告\n关于开展检查的通知\n各单位：\n请做好准备。\n"
                     "某某办公室\n2024年3月1日\n", encoding="utf-8")
    out = tmp_path / "网页.docx"
    result = _run("convert", str(draft), "-o", str(out))
    expected = expectation(_raw(draft), _blocks(draft))
    assert (expected.left_out, expected.web) == ((1, 2), (2,))  # the directive and the chrome
    assert "left out 1 line of web-page chrome: 2" in result.output
    assert losses(expected, ink(body_text(out))) == []
    assert "政务公开" not in body_text(out)
