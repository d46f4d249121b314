"""The header is derived from the parsed document once; its refusals are what `check` reports too."""

from govfmt.header import header_of, header_problems
from govfmt.ingest import decode
from govfmt.layout.plan import header_of as layout_header_of
from govfmt.parse import parse

import pytest

DRAFT = """---
发文字号: 国发〔2024〕2号
---
国务院文件
国发〔2024〕1号

国务院关于做好防汛工作的通知

各省、自治区、直辖市人民政府：
请做好防汛准备。

国务院
2024年3月1日
"""


def parsed(text: str):
    return parse(decode(text.encode("utf-8"), "draft.txt"))


def test_front_matter_contradicting_the_head_is_a_problem_naming_both_and_the_line():
    document = parsed(DRAFT)
    [problem] = header_problems(document)
    assert problem.line == 5
    assert str(problem) == ("draft.txt: line 5: the draft gives 发文字号 '国发〔2024〕1号' but the front matter or "
                            "--set gives '国发〔2024〕2号'; keep one of them")
    with pytest.raises(type(problem), match="keep one of them"):
        header_of(document)


def test_an_agreeing_head_has_no_problem_and_the_same_header_as_the_layout_derives():
    document = parsed(DRAFT.replace("2号", "1号"))
    assert header_problems(document) == ()
    assert header_of(document) == layout_header_of(document)
    assert header_of(document).doc_number == "国发〔2024〕1号"
