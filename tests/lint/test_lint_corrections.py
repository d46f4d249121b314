"""`check` on corrections: unused ones warned like unused suppressions, unknown kinds an error, the
least certain head and tail decisions pointed out (info) with the correction that settles them."""

from __future__ import annotations

import json

import pytest

from govfmt.cli import main

from lint_helpers import HEAD, TAIL, diagnostics, draft


def found(text: str) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in diagnostics(text) if d.code.startswith("G9")]


def test_a_correction_detection_agrees_with_is_unused():
    assert found("%% govfmt: 标题\n" + draft("经研究，同意。")) == [
        ("G903", 1, "%% govfmt: 标题 changes nothing: line 2 is taken as the title already; remove it")]


def test_a_correction_that_changes_a_kind_is_used_and_not_reported():
    text = draft("%% govfmt: 二级标题\n加强组织领导\n\n经研究，同意。")
    assert found(text) == []


def test_a_correction_overridden_by_a_later_one_and_one_with_nothing_below():
    text = draft("%% govfmt: 一级标题\n%% govfmt: 二级标题\n加强组织领导") + "%% govfmt: 正文\n"
    messages = found(text)
    assert [(code, line) for code, line, _ in messages] == [("G903", 5), ("G903", 11)]
    assert "a later correction above the same line wins" in messages[0][2]
    assert "has no text below it" in messages[1][2]


def test_an_unknown_kind_is_an_error_naming_it_and_not_an_unreadable_suppression():
    text = draft("%% govfmt: 大标题\n经研究，同意。")
    codes = [(d.code, d.severity, d.line) for d in diagnostics(text) if d.code.startswith("G9")]
    assert codes == [("G904", "error", 5)]
    assert "did you mean '标题'?" in found(text)[0][2]


def test_corrections_are_not_read_as_suppressions():
    text = draft("%% govfmt: 二级标题\n加强组织领导\n%% govfmt: 署名\n某某局")
    assert not [d for d in diagnostics(text) if d.code == "G902"]


def test_lint_sees_the_corrected_document():
    # E105 (title without a document type) concerns the title; corrected to body text, the line is no title
    text = "防汛工作提示\n\n各区人民政府：\n\n经研究，同意。" + TAIL
    assert "E105" in [d.code for d in diagnostics(text)]
    assert "E105" not in [d.code for d in diagnostics("%% govfmt: 正文\n" + text)]


def test_the_least_certain_title_is_pointed_out_with_the_correction_that_settles_it():
    text = draft("经研究，同意。", head="防汛工作提示\n\n各区人民政府：\n\n")
    info = [d for d in diagnostics(text) if d.code == "G905"]
    assert [(d.line, d.severity, d.message) for d in info] == [
        (1, "info", 'line 1 taken as the title; if it is not, add "%% govfmt: 正文" above it')]


def test_a_missed_signature_is_pointed_out():
    text = HEAD + "经研究，同意。\n\n某某市财政局\n2024年3月\n"
    info = [(d.line, d.message) for d in diagnostics(text) if d.code == "G905"]
    assert info == [(7, 'line 7 taken as body text; if it is the 署名, add "%% govfmt: 署名" above it')]


def test_a_settled_decision_is_not_pointed_out_again():
    text = "%% govfmt: 标题\n" + draft("经研究，同意。", head="防汛工作提示\n\n各区人民政府：\n\n")
    assert [d.code for d in diagnostics(text) if d.code in ("G903", "G905")] == []


def test_info_never_fails_check_even_with_strict(tmp_path, capsys):
    path = tmp_path / "提示.txt"
    path.write_text(draft("经研究，同意。", head="防汛工作通知\n\n各区人民政府：\n\n").replace("通知", "提示"),
                    encoding="utf-8")
    for args in ([], ["--strict"]):
        with pytest.raises(SystemExit) as exited:
            main(["check", str(path), "--format", "json", "--ignore", "E105", *args])
        records = json.loads(capsys.readouterr().out)
        assert [(r["code"], r["severity"]) for r in records] == [("G905", "info")]
        assert exited.value.code == 0


def test_info_is_a_notice_in_github_annotations(tmp_path, capsys):
    path = tmp_path / "提示.txt"
    path.write_text(draft("经研究，同意。", head="防汛工作提示\n\n各区人民政府：\n\n"), encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["check", str(path), "--format", "github", "--select", "G905"])
    assert capsys.readouterr().out.startswith("::notice file=")
