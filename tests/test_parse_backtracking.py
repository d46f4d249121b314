"""Structure detection takes time linear in the draft (CPU time, which load does not inflate): no line pattern backtracks on adversarial lines.

Every compiled pattern of govfmt.parse is tried, with match and search, on 100k-character lines built
from the characters the patterns themselves are made of; then whole drafts made of such lines are parsed.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfmt.errors import InputError
from govfmt.ingest import decode
from govfmt.parse import chrome, lines, parse, patterns

from cpu_clock import cpu, limit

LINE_CHARS = 99_980  # with prefix and suffix, the longest line a draft may have (ingest.MAX_LINE_CHARS)
PREFIXES = ["", "（一）", "一、", "1.", "1.1", "（1）", "目录", "中", "附件", "抄送：", "第一章", "（", "．", "a-", "a.",
            "【打印", "2024年", "**市", "发布时间：", "索 引 号：", "- ", "关于", "同志们", "特此", "以上"]
UNITS = [" ", "\u3000", "．", ".", "（", "a-", "a.", "1", "、", "…", "—", "\t", "|", "打印 ", "中 ", "1 ", "-",
         "：", "》", "年", "【", "一", "x"]
SUFFIXES = ["", "文", "x", "号", "印发", "）", "：", "。", "1", "日"]


def _patterns() -> dict[str, re.Pattern]:
    found = {}
    for module in (patterns, chrome, lines):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module.__name__}.{name}"] = value
            elif isinstance(value, patterns._Guarded):
                found[f"{module.__name__}.{name}"] = value.pattern
    return found


PATTERNS = _patterns()


@st.composite
def adversarial_lines(draw) -> str:
    unit = draw(st.sampled_from(UNITS))
    body = unit * (LINE_CHARS // len(unit))
    return draw(st.sampled_from(PREFIXES)) + body + draw(st.sampled_from(SUFFIXES))


def test_every_pattern_is_tried():
    assert len(PATTERNS) >= 40
    assert "govfmt.parse.patterns.PRINTED_BY" in PATTERNS


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(line=adversarial_lines())
def test_every_pattern_is_linear_on_a_100k_line(line):
    for name, pattern in PATTERNS.items():
        started = cpu()
        pattern.match(line)
        pattern.search(line)
        assert cpu() - started < limit(0.5), f"{name} on {line[:12]!r}…"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(body=st.lists(adversarial_lines(), min_size=1, max_size=3))
def test_a_draft_of_100k_lines_is_parsed_in_under_2_seconds(body):
    text = "关于做好防汛工作的通知\n各乡镇：\n" + "\n".join(body) + "\n"
    started = cpu()
    parse(decode(text.encode("utf-8"), "draft.txt"))
    assert cpu() - started < limit(2 * len(body))


def test_table_of_contents_with_a_line_of_3000_spaces_is_fast():
    text = "目录\n中" + " " * 3000 + "文\n"
    started = cpu()
    parse(decode(text.encode("utf-8"), "draft.txt"))
    assert cpu() - started < limit(0.5)


def test_one_character_100k_spaces_and_another():
    text = "中" + " " * 99_990 + "文\n"
    started = cpu()
    parse(decode(text.encode("utf-8"), "draft.txt"))
    assert cpu() - started < limit(2)


def test_a_draft_over_its_time_budget_is_stopped_with_one_sentence():
    text = "关于做好防汛工作的通知\n各乡镇：\n请做好防汛。\n"
    with pytest.raises(InputError) as caught:
        parse(decode(text.encode("utf-8"), "draft.txt"), time_budget=0)
    message = str(caught.value)
    assert message.startswith("draft.txt") and "longer than 0 s" in message and "split the draft" in message
