"""The linter's parts that every rule leans on: the rule registry refuses a malformed rule, Chinese numerals
read as heading markers use them, git's own ignore file counts, and reports of diagnostics whose line is
not in the file (a config-level finding) or whose rule is not registered stay well-formed."""

from __future__ import annotations

import json

import pytest

from govfmt.lint.chars import chinese_to_int, int_to_chinese
from govfmt.lint.diagnostic import Diagnostic, Fix
from govfmt.lint.registry import RULES, rule
from govfmt.lint import report as reports

from test_lint_check_errors import BAD, run, write


@pytest.mark.parametrize("kwargs, message", [
    ({"code": "X101"}, "bad rule code 'X101'"),
    ({"code": "P1"}, "bad rule code 'P1'"),
    ({"severity": "fatal"}, "bad severity or fix kind for P999"),
    ({"fix": "maybe"}, "bad severity or fix kind for P999"),
])
def test_a_malformed_rule_is_refused_when_declared(kwargs, message):
    declared = {"code": "P999", "name": "test-only", "summary": "s", "why": "w", "bad": "b", "good": "g", **kwargs}
    with pytest.raises(ValueError) as caught:
        rule(**declared)
    assert str(caught.value) == message


def test_a_rule_code_or_name_registered_twice_is_refused():
    from govfmt.lint.registry import all_rules

    existing = next(r for r in all_rules() if r.code == "P101")
    with pytest.raises(ValueError) as caught:
        rule(code="P998", name=existing.name, summary="s", why="w", bad="b", good="g")(None)
    assert str(caught.value) == f"rule P998 {existing.name} registered twice"
    assert "P998" not in RULES


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("〇", 0), ("两", 2),
    ("二三", None), ("十二十", None), ("一百", None), ("", None), ("壹", None), ("三十四五", None),
])
def test_chinese_numerals_of_heading_markers(text, value):
    assert chinese_to_int(text) == value


def test_chinese_numerals_round_trip_up_to_ninety_nine():
    assert all(chinese_to_int(int_to_chinese(n)) == n for n in range(1, 100))


def test_git_info_exclude_is_honoured_when_walking(tmp_path, capsys):
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("drafts-old/\n", encoding="utf-8")
    write(tmp_path / "drafts-old" / "a.txt", BAD)
    kept = write(tmp_path / "now" / "b.txt", BAD)
    code, out, _ = run(["check", tmp_path], capsys)
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines() if "P101" in line} == {str(kept)}


def _diagnostic(line: int, code: str = "P101", fix: Fix | None = None) -> Diagnostic:
    return Diagnostic(path="d.txt", line=line, column=1, end_line=line, end_column=2, code=code,
                      name="halfwidth-punctuation", severity="error", message="m", fix=fix)


def test_a_diagnostic_past_the_end_of_the_file_is_shown_without_a_snippet():
    text = reports.format_text([_diagnostic(9)], lambda path: ["only one line"], color=False)
    assert text == "d.txt:9:1: P101 [halfwidth-punctuation] m\n"


def test_sarif_of_an_unregistered_code_has_no_rule_index_and_fixes_are_described():
    from govfmt.lint.registry import all_rules

    log = json.loads(reports.format_sarif([_diagnostic(1, "G999"), _diagnostic(2, fix=Fix("，", safe=False))],
                                          all_rules(), "0.1.0"))
    first, second = log["runs"][0]["results"]
    assert "ruleIndex" not in first and "fixes" not in first
    assert second["fixes"][0]["description"]["text"] == "unsafe fix"
    assert second["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "，"


def test_rules_as_json_list_every_rule_once_with_its_explanation(capsys):
    from govfmt.lint.registry import all_rules

    code, out, _ = run(["rules", "--format", "json"], capsys)
    records = json.loads(out)
    assert code == 0 and [r["code"] for r in records] == [r.code for r in all_rules()]
    assert all(r["why"] and r["bad"] and r["good"] and r["fix"] in ("safe", "unsafe", "none") for r in records)
    code, out, _ = run(["rules", "P1", "P101", "--format", "json"], capsys)
    chosen = [r["code"] for r in json.loads(out)]
    assert code == 0 and chosen[0] == "P101" and len(chosen) == len(set(chosen)) and all(c.startswith("P1") for c in chosen)
