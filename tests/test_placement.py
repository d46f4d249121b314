"""Where each part of a 公文 lands on the printed page, measured in the PDF with pdfplumber against the
figures of GB/T 9704-2012 (not against the style file): 版头, title, 主送机关, paragraphs, 署名 and 成文日期,
附注, 版记 and page numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govfmt.cli import cli

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0  # §5.2.1
CHAR = 16 / MM  # 三号 (16 pt) 字 in mm
SMALL = 14 / MM  # 四号 (14 pt) 字 in mm, the 版记 and page numbers
TOL = 1.0  # §5.2.1 allows ±1 mm
SENTENCE = "为深入贯彻落实党中央国务院决策部署，进一步加强和改进机关公文处理工作，提高公文质量和办文效率。"
DRAFT = f"""---
份号: 000123
密级: 秘密★1年
发文机关: 某某市人民政府办公室
发文字号: 某政办发〔2024〕7号
抄送: 市委办公室，市人大常委会办公室。
印发机关: 某某市人民政府办公室
印发日期: 2024年3月1日
---
某某市人民政府办公室关于加强公文处理工作的通知

各区人民政府，市政府各部门：
{SENTENCE * 3}
一、总体要求
{SENTENCE * 2}
某某市人民政府办公室
{{date}}
（此件公开发布）
"""


def _rows(page) -> list[dict]:
    rows: list[dict] = []
    height = float(page.height)
    for char in sorted(page.chars, key=lambda c: (round(height - c["matrix"][5], 0), c["x0"])):
        if not char["text"].strip():
            continue
        baseline = (height - char["matrix"][5]) / MM
        if not rows or abs(rows[-1]["baseline"] - baseline) > 1.0:
            rows.append({"baseline": baseline, "x0": char["x0"] / MM, "x1": char["x1"] / MM, "top": char["top"] / MM,
                         "text": "", "colors": set()})
        row = rows[-1]
        row["x0"], row["x1"] = min(row["x0"], char["x0"] / MM), max(row["x1"], char["x1"] / MM)
        row["top"] = min(row["top"], char["top"] / MM)
        row["text"] += char["text"]
        row["colors"].add(tuple(char.get("non_stroking_color") or ()))
    return rows


def _render(tmp_path_factory, date: str):
    import pdfplumber

    folder = tmp_path_factory.mktemp("placement")
    draft = folder / "通知.txt"
    draft.write_text(DRAFT.replace("{date}", date), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(draft), "--to", "pdf", "-o", str(folder / "通知.pdf")])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(folder / "通知.pdf") as pdf:
        return [{"rows": _rows(p), "lines": [(float(e["top"]) / MM, float(e["x0"]) / MM, float(e["x1"]) / MM)
                                           for e in p.edges if e["orientation"] == "h"]} for p in pdf.pages]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return _render(tmp_path_factory, "二〇二四年二月二十八日")


def _row(pages, text: str, page: int | None = None) -> dict:
    for number, p in enumerate(pages, 1):
        if page is not None and number != page:
            continue
        for row in p["rows"]:
            if row["text"].startswith(text):
                return {**row, "page": number}
    raise AssertionError(f"{text!r} not found")


def _close(measured: float, expected: float, tol: float = TOL) -> bool:
    return abs(measured - expected) <= tol


@pytest.mark.slow
def test_masthead_fields_sit_top_left_and_the_mark_is_red_and_centred(pages):
    copy, secret = _row(pages, "000123", 1), _row(pages, "秘密", 1)
    assert _close(copy["x0"], LEFT) and _close(secret["x0"], LEFT)  # §7.2.1, §7.2.2 顶格
    assert copy["baseline"] < secret["baseline"] and _close(secret["baseline"] - copy["baseline"], 225 / 22)
    mark = _row(pages, "某某市人民政府办公室文件", 1)
    assert _close((mark["x0"] + mark["x1"]) / 2, (LEFT + RIGHT) / 2)  # §7.2.4 居中
    assert _close(mark["top"], TOP + 35, 2.0)  # §7.2.4: its top 35 mm below the 版心's
    assert all(c and c[0] > 0.9 and max(c[1:], default=0) < 0.1 for c in mark["colors"]), mark["colors"]  # red
    number = _row(pages, "某政办发", 1)
    assert _close((number["x0"] + number["x1"]) / 2, (LEFT + RIGHT) / 2)  # §7.2.5 居中
    assert number["baseline"] > mark["baseline"]
    rule = [line for line in pages[0]["lines"] if number["baseline"] < line[0] < number["baseline"] + 8]
    assert rule and _close(rule[0][0] - number["baseline"], 4 + 1, 1.5)  # §7.2.5: 4 mm under the 发文字号
    assert _close(rule[0][1], LEFT) and _close(rule[0][2], RIGHT)  # 与版心等宽


@pytest.mark.slow
def test_title_addressee_and_paragraphs(pages):
    title = _row(pages, "某某市人民政府办公室关于", 1)
    assert _close((title["x0"] + title["x1"]) / 2, (LEFT + RIGHT) / 2)  # §7.3.1 居中
    addressee = _row(pages, "各区人民政府", 1)
    assert _close(addressee["x0"], LEFT)  # §7.3.2 顶格
    assert addressee["baseline"] > title["baseline"]
    first = _row(pages, SENTENCE[:6])
    assert _close(first["x0"], LEFT + 2 * CHAR)  # §7.3.3 每个自然段左空二字
    heading = _row(pages, "一、总体要求")
    assert _close(heading["x0"], LEFT + 2 * CHAR)


@pytest.mark.slow
def test_signature_date_and_note(pages):
    _signature_date_and_note(pages, "二〇二四年二月二十八日")


@pytest.mark.slow
def test_signature_and_a_date_in_arabic_numerals(tmp_path_factory):
    _signature_date_and_note(_render(tmp_path_factory, "2024年2月28日"), "2024年2月28日")


def _signature_date_and_note(pages, text: str) -> None:
    date = _row(pages, text)
    signature = next(r for r in pages[date["page"] - 1]["rows"] if r["baseline"] < date["baseline"]
                     and r["text"] == "某某市人民政府办公室")
    # §7.3.5.2: 署名 右空二字; the date starts 2 字 right of the 署名's first character; a date that would
    # then reach further right pushes both left so the date keeps 2 字 of space
    assert _close(date["x0"] - signature["x0"], 2 * CHAR, 1.5)
    assert _close(max(date["x1"], signature["x1"]), RIGHT - 2 * CHAR, 1.5)
    assert _close(date["baseline"] - signature["baseline"], 225 / 22)
    note = _row(pages, "（此件公开发布）")
    assert _close(note["x0"], LEFT + 2 * CHAR)  # §7.3.6 居左空二字
    assert note["page"] == date["page"] and _close(note["baseline"] - date["baseline"], 225 / 22)


@pytest.mark.slow
def test_colophon_on_an_even_page_with_its_rules_and_spaces(pages):
    cc = _row(pages, "抄送")
    printed = next(r for r in pages[cc["page"] - 1]["rows"] if r["text"].endswith("印发"))
    assert cc["page"] % 2 == 0 and cc["page"] == len(pages)  # §7.4 版记 on the last, even page
    assert _close(cc["x0"], LEFT + SMALL)  # §7.4.2 左右各空一字 (四号)
    assert _close(printed["x0"], LEFT + SMALL) and _close(printed["x1"], RIGHT - SMALL)  # §7.4.3
    assert printed["baseline"] > cc["baseline"]
    rules = sorted(line for line in pages[cc["page"] - 1]["lines"] if line[0] > cc["baseline"] - 15)
    assert _close(rules[-1][0], BOTTOM) and _close(rules[-1][1], LEFT) and _close(rules[-1][2], RIGHT)  # 末条分隔线
    assert any(line[0] < cc["top"] for line in rules)  # 首条分隔线 above the 抄送


@pytest.mark.slow
def test_page_numbers_alternate_sides(pages):
    for number, p in enumerate(pages, 1):
        footer = [r for r in p["rows"] if r["baseline"] > BOTTOM + 2]
        if number == len(pages) and number > 1 and not [r for r in pages[-2]["rows"] if r["baseline"] < BOTTOM]:
            continue
        [row] = footer
        assert row["text"].replace(" ", "") == f"—{number}—"
        if number % 2:  # §7.5 单页码居右空一字，双页码居左空一字
            assert _close(row["x1"], RIGHT - SMALL)
        else:
            assert _close(row["x0"], LEFT + SMALL)
