"""Tables and tables of contents are kept apart from headings and body text."""

import pytest

from govfmt.model import Line
from govfmt.parse.tables import space_table_rows

from structure_scoring import blocks, kinds


def test_tab_separated_rows_form_one_table_and_are_not_headings():
    text = "关于一季度经济运行情况的报告\n县人民政府：\n主要指标如下表：\n指标名称\t单位\t绝对值\n" \
           "1\t亿元\t86.5\n2\t亿元\t24.3\n2024年一季度，全县规上工业企业达到186家。\n"
    found = blocks(text)
    table = next(b for b in found if b.kind == "table")
    assert (table.line_start, table.line_end) == (4, 6)
    assert table.cells[1] == ("1", "亿元", "86.5")
    assert found[-1].kind == "body"


def test_pipe_table_rows():
    text = "项目基本情况\n| 项目名称 | 总投资 |\n| --- | --- |\n| 城区水厂扩建 | 12000 |\n项目建成后可解决饮水问题。\n"
    assert kinds(text) == ["title", "table", "body"]


def test_table_of_contents_with_leaders_and_page_numbers():
    text = "优化营商环境工作要点\n目　录\n一、总体要求……………1\n二、重点任务……………2\n（一）提升政务服务效能………2\n" \
           "一、总体要求\n坚持以人民为中心。\n二、重点任务\n"
    assert kinds(text) == ["title", "other", "other", "other", "other", "h1", "body", "h1"]


def test_table_of_contents_of_a_decimal_plan():
    text = "突发地质灾害应急预案\n目　　录\n1　总则\n　1.1　编制目的\n2　组织体系\n1　总则\n1.1　编制目的\n" \
           "高效有序做好应急处置工作。\n"
    assert kinds(text) == ["title", "other", "other", "other", "other", "h1", "h2", "body"]


# --- markdown rule rows: the grid of a table, not its text ----------------------------------------------

PIPE_TABLE = ("关于报送项目情况的函\n市发展改革委：\n现将项目情况报送如下。\n"
              "| 项目名称 | 建设内容 | 总投资（万元） |\n"
              "| :--- | :---: | ---: |\n"
              "| 城区水厂扩建 | 新增日供水能力3万吨 | 12000 |\n"
              "| 合计 | — | 12000 |\n"
              "某某县人民政府办公室\n2024年4月3日\n")


def test_a_rule_row_is_named_and_left_out_of_the_cells():
    table = next(b for b in blocks(PIPE_TABLE) if b.kind == "table")
    assert (table.line_start, table.line_end, table.rule_rows) == (4, 7, (5,))
    assert table.cells == (("项目名称", "建设内容", "总投资（万元）"), ("城区水厂扩建", "新增日供水能力3万吨", "12000"),
                           ("合计", "—", "12000"))


def test_rules_with_short_dashes_under_the_header_and_full_width_dashes_are_rules_too():
    text = "情况表\n|名称|数量|\n|-|-|\n|甲|1|\n|－－－|———|\n|乙|2|\n"
    table = next(b for b in blocks(text) if b.kind == "table")
    assert table.rule_rows == (3, 5)
    assert table.cells == (("名称", "数量"), ("甲", "1"), ("乙", "2"))


def test_a_row_of_dashes_meaning_none_below_the_first_rows_is_text():
    text = "情况表\n|名称|数量|\n|甲|1|\n|—|—|\n"
    table = next(b for b in blocks(text) if b.kind == "table")
    assert table.rule_rows == ()
    assert table.cells[-1] == ("—", "—")


def test_the_docx_table_has_no_row_of_dashes_and_the_run_names_the_rule_row(tmp_path):
    import json

    from click.testing import CliRunner

    from govfmt.cli import cli
    from docx_xml import NS, part

    draft = tmp_path / "表.txt"
    draft.write_text(PIPE_TABLE, encoding="utf-8")
    out, report = tmp_path / "表.docx", tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["convert", str(draft), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "left out 1 table rule row (| --- |), drawn as the table's grid: 5" in result.output
    assert json.loads(report.read_text(encoding="utf-8"))["files"][0]["table_rule_lines"] == [5]
    rows = part(out, "word/document.xml").findall(".//w:tbl/w:tr", NS)
    texts = [["".join(t.text for t in cell.iter(f"{{{NS['w']}}}t")) for cell in row.findall("w:tc", NS)]
             for row in rows]
    assert texts == [["项目名称", "建设内容", "总投资（万元）"], ["城区水厂扩建", "新增日供水能力3万吨", "12000"],
                     ["合计", "—", "12000"]]


SPACED_TABLE = "序号    事故类型    起数    死亡人数\n1       道路交通    2       1\n2       建筑施工    1       1\n"


def test_a_table_lined_up_with_spaces_is_a_table_also_under_an_attachment_s_title():
    text = "关于报送统计数据的通知\n各乡镇：\n请于3月5日前报送下列数据。\n\n附件\n\n统计表\n\n" + SPACED_TABLE
    found = blocks(text)
    assert [b.kind for b in found] == ["title", "addressee", "body", "attachment_mark", "title", "table"]
    assert found[-1].cells == (("序号", "事故类型", "起数", "死亡人数"), ("1", "道路交通", "2", "1"),
                               ("2", "建筑施工", "1", "1"))


@pytest.mark.parametrize("text", [
    "国  家  粮  食\n应  急  预  案\n",  # a letter-spaced title
    "一、总  体  要  求\n二、主  要  任  务\n",
    "出席：王某某  李某某  张某某\n列席：赵某某  钱某某  孙某某\n",  # a 纪要's roster
    "市长　　王某某\n副市长　　李某某\n",  # posts and names
    "我们  要  加强管理。\n各地  要  抓好落实。\n",  # sloppy spaces in sentences
    "某区应急管理局　　　某县应急管理局　　　某市消防救援支队\n某区交通运输局　　　某县住房和城乡建设局　　　某燃气有限公司\n",
])
def test_lines_with_wide_spaces_that_are_no_table(text):
    lines = [Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), 1)]
    assert not space_table_rows(lines)
    assert space_table_rows([Line(n, t) for n, t in enumerate(SPACED_TABLE.strip().split("\n"), 1)]) == {0, 1, 2}
