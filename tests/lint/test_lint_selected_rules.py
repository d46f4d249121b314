"""Only the selected rules run (and the ones whose findings may hide theirs); what is reported is exactly
the selected part of a full run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import CORPUS
from govfmt.ingest import read_source
from govfmt.lint import lint_source
from govfmt.lint.config import Settings
from govfmt.lint.registry import RULES
from govfmt.model import Source

DRAFTS = sorted((CORPUS / "docs").glob("*.txt"))[:8]
PLANTED = "经研究,现批复如下:\n5.12汶川地震,卡尔•马克思\n2024 年 3 月 1 号起施行……等\n"


def _records(source, settings):
    return [(d.line, d.column, d.end_column, d.code, d.message) for d in lint_source(source, settings).diagnostics]


@pytest.mark.parametrize("select", ["P101", "P1", "N111", "S", "C101,E"])
def test_a_selection_reports_what_the_full_run_reports_for_it(select):
    from govfmt.lint.registry import resolve

    chosen = {code for part in select.split(",") for code in resolve(part)}
    for path in DRAFTS:
        source = read_source(path)
        source = replace(source, text=source.text + "\n" + PLANTED)
        full = [r for r in _records(source, Settings(select=("ALL",))) if r[3] in chosen]
        assert _records(source, Settings(select=tuple(select.split(",")))) == full, (path.name, select)


def test_a_shadowing_rule_still_hides_findings_when_it_is_not_selected():
    assert "P108" in RULES["P114"].shadows  # the event's month-day dash is P114's, not a range
    source = Source("planted.txt", "规划期为2011-2015年。\n纪念5-12汶川地震。\n", "utf-8")
    only = _records(source, Settings(select=("P108",)))
    assert [r[0] for r in only] == [1], only  # the range is reported, the event's dash is not
