"""No rule backtracks: a 100,000-character adversarial line takes every rule well under 2 s of CPU time, in every kind of
block a rule looks at; and a draft that would still take too long is stopped with one sentence."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govfmt.lint.context import LintContext
from govfmt.lint.registry import all_rules
from govfmt.model import Block, Document, Source

from cpu_clock import cpu, limit

LENGTH = 100_000
LIMIT = 2.0  # seconds of CPU time per rule and line
KINDS = ("body", "title", "heading", "addressee", "salutation", "attachment_note", "signature", "date", "cc",
         "printed_by", "doc_number")
# Units whose repetition defeats a careless pattern: unbounded runs of one class before a required
# character, nested or adjacent quantifiers over the same characters, many openers, many candidates.
UNITS = ("（", "．", "a-", "a.", " ", "中 ", "中　", "1.", "—", "、", "a@", "1-", "《", "“", "0", "年", "1年", "-",
         "…", "。", "1号", "月1", "www.a", ". ", "1 ", "(", "1,", "a.b", "1．", "二〇", "〔", "附件：1.", "4千", "國",
         "·", "5.", "的—", "一、", "（一）", "1、", ":", "号")
RULES = [rule for rule in all_rules() if rule.check is not None]


def _context(line: str, kind: str) -> LintContext:
    text = f"{line}\n"
    block = Block(kind, 1, 1, line.strip() or "x", level=3 if kind == "heading" else None)
    return LintContext(Source("draft.txt", text, "utf-8"), Document("draft.txt", "utf-8", (block,)))


def _slowest(line: str, kind: str) -> tuple[float, str]:
    context = _context(line, kind)
    worst = (0.0, "")
    for rule in RULES:
        start = cpu()
        for _finding in rule.check(context):
            pass
        worst = max(worst, (cpu() - start, rule.code))
    return worst


@pytest.mark.parametrize("unit", UNITS)
def test_a_long_line_of_one_unit_is_quick_for_every_rule(unit):
    line = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
    for kind in ("body", "heading", "date"):
        seconds, code = _slowest(line, kind)
        assert seconds < limit(LIMIT), (unit, kind, code, seconds)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units=st.lists(st.sampled_from(UNITS) | st.text(alphabet="中文a1.-（）《》“”，。 ：:、—年月日号〔〕", min_size=1,
                                                       max_size=4), min_size=1, max_size=3),
       kind=st.sampled_from(KINDS))
@example(units=["（", "中 ", "中 "], kind="attachment_note")  # thousands of padded names on one line (S103)
def test_generated_long_lines_are_quick_for_every_rule(units, kind):
    unit = "".join(units)
    line = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
    seconds, code = _slowest(line, kind)
    assert seconds < limit(LIMIT), (unit, kind, code, seconds)


def test_check_stops_at_its_time_limit_with_one_sentence(tmp_path):
    """However slow a draft is to read (here the parser on a line of spaces between two characters),
    `check` stops at --time-limit and names the file."""
    path = tmp_path / "slow.txt"
    path.write_text("关于做好工作的通知\n\n各区人民政府：\n\n中" + " " * 99_000 + "文\n" * 40, encoding="utf-8")
    src = Path(__file__).resolve().parents[2] / "src"
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "govfmt", "check", "--time-limit", "0.3", str(path)],
                            capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(src), "PATH": ""})
    elapsed = time.perf_counter() - start
    if result.returncode == 2:
        assert "took longer than 0.3 s and was stopped" in result.stderr and "slow.txt" in result.stderr
        assert "Traceback" not in result.stderr
        assert elapsed < 30
    else:  # the parser got fast enough to finish inside the limit: then the check simply ran
        assert result.returncode in (0, 1), result.stderr


def test_time_budget_interrupts_a_catastrophic_pattern():
    import re

    from govfmt.lint.runner import BudgetExceeded, time_budget

    start = cpu()
    with pytest.raises(BudgetExceeded):
        with time_budget(0.2):
            re.search(r"(a+)+b", "a" * 40)
    assert cpu() - start < limit(5)
