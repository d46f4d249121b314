"""`govfmt check` behaves the way ruff and black users expect: .gitignore, colour, SARIF, statistics,
fix listings, report files, stdin, exit codes and where a bad option is blamed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govfmt.cli import main

from lint_helpers import draft

BAD = draft("经研究,同意。")  # P101 at line 5, column 4
CLEAN = draft("经研究，同意。")
SCHEMA = Path(__file__).with_name("data") / "sarif-schema-2.1.0.json"
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}


def run(args, capsys, monkeypatch=None, cwd=None, env=None):
    if monkeypatch is not None:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        for key, value in (env or {}).items():
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def shell(args, cwd=None, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "govfmt", *args], cwd=cwd, input=stdin, capture_output=True,
                          env={**ENV, **(env or {})}, timeout=120)


# -- .gitignore -------------------------------------------------------------------------------------

def _repository(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "out/\n*.bak.txt\nold/*.md\n!old/keep.md\n")
    write(tmp_path / "a.txt", BAD)
    write(tmp_path / "draft.bak.txt", BAD)
    write(tmp_path / "out" / "b.txt", BAD)
    write(tmp_path / "old" / "c.md", BAD)
    write(tmp_path / "old" / "keep.md", BAD)
    write(tmp_path / "sub" / ".gitignore", "local.txt\n")
    write(tmp_path / "sub" / "local.txt", BAD)
    write(tmp_path / "sub" / "d.txt", BAD)
    return tmp_path


def _paths(out: str) -> list[str]:
    return sorted(record["path"] for record in json.loads(out))


def test_gitignored_files_are_skipped_when_walking(tmp_path, capsys, monkeypatch):
    root = _repository(tmp_path)
    code, out, _ = run(["check", "--format", "json", "."], capsys, monkeypatch, cwd=root)
    assert code == 1
    assert _paths(out) == ["a.txt", os.path.join("old", "keep.md"), os.path.join("sub", "d.txt")]


def test_no_respect_gitignore_checks_them_all(tmp_path, capsys, monkeypatch):
    root = _repository(tmp_path)
    code, out, _ = run(["check", "--format", "json", "--no-respect-gitignore", "."], capsys, monkeypatch, cwd=root)
    assert len(_paths(out)) == 7


def test_gitignore_applies_from_a_subfolder_and_to_named_files_with_force_exclude(tmp_path, capsys, monkeypatch):
    root = _repository(tmp_path)
    code, out, _ = run(["check", "--format", "json", "sub"], capsys, monkeypatch, cwd=root)
    assert _paths(out) == [os.path.join("sub", "d.txt")]
    # a file named on the command line is checked (as ruff does) unless --force-exclude
    assert _paths(run(["check", "--format", "json", "out/b.txt"], capsys)[1]) == ["out/b.txt"]
    code, out, _ = run(["check", "--format", "json", "--force-exclude", "out/b.txt", "a.txt"], capsys)
    assert _paths(out) == ["a.txt"]


# -- colour ---------------------------------------------------------------------------------------

ESC = "\x1b["


def test_colour_always_never_and_no_color(tmp_path, capsys, monkeypatch):
    path = write(tmp_path / "a.txt", BAD)
    assert ESC in run(["check", "--color", "always", str(path)], capsys)[1]
    assert ESC not in run(["check", "--color", "never", str(path)], capsys)[1]
    # auto: no colour when stdout is not a terminal (captured here), and none under NO_COLOR either
    assert ESC not in run(["check", str(path)], capsys, monkeypatch, env={"FORCE_COLOR": None})[1]
    assert ESC not in run(["check", str(path)], capsys, monkeypatch, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})[1]
    # an explicit --color always wins over NO_COLOR
    assert ESC in run(["check", "--color", "always", str(path)], capsys, monkeypatch, env={"NO_COLOR": "1"})[1]


def test_colour_auto_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    path = write(tmp_path / "a.txt", BAD)
    for env, expected in (({}, True), ({"NO_COLOR": "1"}, False)):
        primary, secondary = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "govfmt", "check", str(path)], stdout=secondary,
                                   stderr=subprocess.PIPE, env={**ENV, **env})
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
        os.close(primary)
        assert (ESC.encode() in b"".join(chunks)) is expected, env


# -- SARIF -----------------------------------------------------------------------------------------

def test_sarif_is_valid_sarif_2_1_0(tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    bad = write(tmp_path / "草稿 1.txt", BAD + "会议于2024年03月05日召开。\n")
    code, out, _ = run(["check", "--format", "sarif", str(bad), str(write(tmp_path / "b.txt", CLEAN))], capsys)
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["ruleId"] for r in results} >= {"P101", "N101"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
    first = next(r for r in results if r["ruleId"] == "P101")
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert first["locations"][0]["physicalLocation"]["region"]["startColumn"] == 4


def test_sarif_of_a_clean_run_is_valid_and_exits_0(tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = run(["check", "--format", "sarif", str(write(tmp_path / "b.txt", CLEAN))], capsys)
    assert code == 0
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")), cls=jsonschema.Draft4Validator)
    assert log["runs"][0]["results"] == []


# -- statistics, show-fixes, output file --------------------------------------------------------------

def test_statistics_count_per_rule(tmp_path, capsys):
    path = write(tmp_path / "a.txt", draft("经研究,同意,请执行。会议于2024年03月05日召开。"))
    code, out, _ = run(["check", "--statistics", str(path)], capsys)
    assert code == 1
    rows = [line.split() for line in out.splitlines()]
    assert ["2", "P101", "[*]", "halfwidth-punctuation"] in rows
    assert ["2", "N101", "[*]", "date-leading-zero"] in rows


def test_show_fixes_lists_what_was_fixed(tmp_path, capsys):
    path = write(tmp_path / "a.txt", draft("经研究,同意,请执行。会议于2024年03月05日召开。"))
    code, out, _ = run(["check", "--fix", "--show-fixes", str(path)], capsys)
    assert code == 0
    assert "Fixed 4 problems:" in out and f"- {path}:" in out
    assert "2 × P101 (halfwidth-punctuation)" in out and "2 × N101 (date-leading-zero)" in out


def test_output_file_gets_the_report(tmp_path, capsys):
    path = write(tmp_path / "a.txt", BAD)
    report = tmp_path / "report.json"
    code, out, _ = run(["check", "--format", "json", "--output-file", str(report), str(path)], capsys)
    assert code == 1 and out == ""
    assert [r["code"] for r in json.loads(report.read_text(encoding="utf-8"))] == ["P101"]


def test_output_file_that_cannot_be_written_is_one_sentence(tmp_path, capsys):
    path = write(tmp_path / "a.txt", BAD)
    code, _, err = run(["check", "--output-file", str(tmp_path / "no" / "such" / "r.txt"), str(path)], capsys)
    assert code == 2 and "cannot write the report" in err and "Traceback" not in err


# -- stdin ----------------------------------------------------------------------------------------

def test_fix_dash_writes_the_fixed_text_to_stdout():
    result = shell(["check", "--fix", "-"], stdin=BAD.encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == CLEAN


def test_fix_dash_keeps_crlf_and_reports_what_is_left_on_stderr():
    text = draft("经研究,同意。我们的目标—全面建成小康社会。").replace("\n", "\r\n")
    result = shell(["check", "--fix", "-", "--stdin-filename", "x.txt"], stdin=text.encode())
    assert result.returncode == 0  # P112 is a warning
    assert result.stdout.decode() == text.replace("研究,", "研究，")
    assert b"x.txt:5:" in result.stderr and b"P112" in result.stderr


def test_diff_dash_prints_the_diff_and_exits_1():
    result = shell(["check", "--diff", "-", "--stdin-filename", "x.txt"], stdin=BAD.encode())
    assert result.returncode == 1
    assert "-经研究,同意。" in result.stdout.decode() and "+经研究，同意。" in result.stdout.decode()
    assert shell(["check", "--diff", "-"], stdin=CLEAN.encode()).returncode == 0


# -- exit codes and messages as ruff gives them ---------------------------------------------------------

def test_unknown_rule_on_the_command_line_is_blamed_on_the_command_line(tmp_path, capsys, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.govfmt]\nselect = ["P"]\n')
    (tmp_path / ".git").mkdir()
    write(tmp_path / "a.txt", CLEAN)
    code, _, err = run(["check", "--select", "P99", "a.txt"], capsys, monkeypatch, cwd=tmp_path)
    assert code == 2 and "--select" in err and "P99" in err and "pyproject" not in err
    code, _, err = run(["check", "--ignore", "halfwidth-punctuaton", "a.txt"], capsys)
    assert code == 2 and "--ignore" in err and "did you mean halfwidth-punctuation" in err


def test_unknown_rule_in_pyproject_is_blamed_on_pyproject(tmp_path, capsys, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.govfmt]\nselect = ["P99"]\n')
    (tmp_path / ".git").mkdir()
    write(tmp_path / "a.txt", CLEAN)
    code, _, err = run(["check", "a.txt"], capsys, monkeypatch, cwd=tmp_path)
    assert code == 2 and "pyproject.toml" in err and "P99" in err


def test_empty_folder_is_a_warning_and_exit_0(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, out, err = run(["check", str(tmp_path / "empty")], capsys)
    assert code == 0 and out == ""
    assert "warning: no drafts" in err and "No problems found in 0 files" not in out + err


def test_missing_path_is_exit_2(tmp_path, capsys):
    code, _, err = run(["check", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "no such file" in err


def test_verbose_names_the_configuration(tmp_path, capsys, monkeypatch):
    write(tmp_path / "govfmt.toml", 'ignore = ["S104"]\n')
    (tmp_path / ".git").mkdir()
    write(tmp_path / "a.txt", CLEAN)
    code, _, err = run(["check", "-v", "."], capsys, monkeypatch, cwd=tmp_path)
    assert code == 0 and "govfmt.toml" in err and "checked 1 file" in err


# -- many files in workers ------------------------------------------------------------------------

def test_workers_give_the_same_report_as_one_process(tmp_path, capsys):
    for index in range(70):
        write(tmp_path / f"d{index:02d}.txt", BAD if index % 3 else CLEAN)
    one = run(["check", "--format", "json", "-j", "1", str(tmp_path)], capsys)
    two = run(["check", "--format", "json", "-j", "2", str(tmp_path)], capsys)
    assert one[0] == two[0] == 1 and json.loads(one[1]) == json.loads(two[1])
