"""Tables and tables of contents are kept apart from headings and body text."""

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
