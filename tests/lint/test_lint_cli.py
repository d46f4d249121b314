"""`govfmt check` and `govfmt rules` end to end: exit codes, formats, config, suppressions, inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from govfmt.cli import main
from govfmt.lint.registry import all_rules
from govfmt.lint.suppress import is_directive_line

from lint_helpers import HEAD, TAIL, draft

CLEAN = draft("经研究，同意。")
BAD = draft("经研究,同意。")  # P101 at line 5, column 4
WARN_ONLY = draft("经研究，同意。   ")  # S104


def run(args, capsys, cwd=None, monkeypatch=None):
    if cwd is not None:
        monkeypatch.chdir(cwd)
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# -- exit codes -------------------------------------------------------------------------------------

def test_exit_codes(tmp_path, capsys):
    clean, bad, warn = write(tmp_path / "a.txt", CLEAN), write(tmp_path / "b.txt", BAD), write(tmp_path / "c.txt",
                                                                                                  WARN_ONLY)
    assert run(["check", str(clean)], capsys)[0] == 0
    assert run(["check", str(bad)], capsys)[0] == 1
    assert run(["check", str(warn)], capsys)[0] == 0
    assert run(["check", "--strict", str(warn)], capsys)[0] == 1
    assert run(["check", "--exit-zero", str(bad)], capsys)[0] == 0
    assert run(["check", str(tmp_path / "missing.txt")], capsys)[0] == 2
    assert run(["check", "--select", "X999", str(clean)], capsys)[0] == 2
    for fmt in ("text", "json", "github"):
        assert run(["check", "--format", fmt, str(bad)], capsys)[0] == 1
        assert run(["check", "--format", fmt, str(bad), str(tmp_path / "missing.txt")], capsys)[0] == 2


def test_unreadable_file_is_reported_and_the_others_still_checked(tmp_path, capsys):
    write(tmp_path / "b.txt", BAD)
    (tmp_path / "z.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, err = run(["check", str(tmp_path)], capsys)
    assert code == 2 and "P101" in out and "z.txt" in err


# -- output formats ---------------------------------------------------------------------------------

def test_json_follows_the_contract(tmp_path, capsys):
    path = write(tmp_path / "a.txt", BAD)
    code, out, _ = run(["check", "--format", "json", str(path)], capsys)
    records = json.loads(out)
    assert code == 1
    assert records == [{"path": str(path), "line": 5, "column": 4, "end_line": 5, "end_column": 5, "code": "P101",
                        "name": "halfwidth-punctuation", "severity": "error",
                        "message": "half-width comma beside Chinese text; use ，",
                        "fix": {"safe": True, "replacement": "，"}}]


def test_json_fix_is_null_without_a_fix_and_empty_list_when_clean(tmp_path, capsys):
    path = write(tmp_path / "a.txt", draft("一、总体要求\n\n三、主要任务"))
    records = json.loads(run(["check", "--format", "json", str(path)], capsys)[1])
    assert [(r["code"], r["fix"]) for r in records] == [("H106", None)]
    assert json.loads(run(["check", "--format", "json", str(write(tmp_path / "c.txt", CLEAN))], capsys)[1]) == []


def test_github_annotations(tmp_path, capsys):
    path = write(tmp_path / "a.txt", BAD)
    out = run(["check", "--format", "github", str(path)], capsys)[1]
    assert out.startswith(f"::error file={path},line=5,col=4,endLine=5,endColumn=5,title=govfmt P101 "
                          "[halfwidth-punctuation]::P101 half-width comma")


def test_text_caret_counts_full_width_characters_as_two_columns(tmp_path, capsys):
    path = write(tmp_path / "a.txt", BAD)
    out = run(["check", str(path)], capsys)[1].splitlines()
    assert out[0] == f"{path}:5:4: P101 [*] [halfwidth-punctuation] half-width comma beside Chinese text; use ，"
    assert out[1] == "    经研究,同意。"
    assert out[2] == "    " + " " * 6 + "^"


def test_text_output_survives_a_gbk_console(tmp_path):
    path = write(tmp_path / "a.txt", draft("经研究,同意\U0001F600。"))
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    result = subprocess.run([sys.executable, "-m", "govfmt", "check", str(path)], capture_output=True, env=env)
    assert result.returncode == 1, result.stderr
    assert "P101".encode() in result.stdout and b"Traceback" not in result.stderr


# -- fixing ---------------------------------------------------------------------------------------

def test_diff_shows_changes_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path / "a.txt", BAD)
    before = path.read_bytes()
    code, out, _ = run(["check", "--diff", str(path)], capsys)
    assert code == 1 and "-经研究,同意。" in out and "+经研究，同意。" in out
    assert path.read_bytes() == before
    assert run(["check", "--diff", str(write(tmp_path / "c.txt", CLEAN))], capsys)[0] == 0


def test_fix_writes_in_place_and_then_passes(tmp_path, capsys):
    path = write(tmp_path / "a.txt", BAD.replace("\n", "\r\n"), "gb18030")
    code, out, _ = run(["check", "--fix", str(path)], capsys)
    assert code == 0 and "Fixed 1 problem" in out
    assert path.read_bytes() == CLEAN.replace("\n", "\r\n").encode("gb18030")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind
    code, _, _ = run(["check", "--fix", "--exit-non-zero-on-fix", str(write(tmp_path / "b.txt", BAD))], capsys)
    assert code == 1


def test_unsafe_fixes_need_the_flag(tmp_path, capsys):
    path = write(tmp_path / "a.txt", draft("经研究，，同意。"))
    assert run(["check", "--fix", str(path)], capsys)[0] == 1
    assert run(["check", "--fix", "--unsafe-fixes", str(path)], capsys)[0] == 0
    assert path.read_text(encoding="utf-8") == CLEAN


# -- configuration ------------------------------------------------------------------------------------

def test_pyproject_config_is_found_walking_up(tmp_path, capsys):
    write(tmp_path / "pyproject.toml", '[tool.govfmt]\nignore = ["P101"]\n')
    path = write(tmp_path / "drafts" / "deep" / "a.txt", BAD)
    assert run(["check", str(path)], capsys)[0] == 0
    assert run(["check", "--isolated", str(path)], capsys)[0] == 1


def test_search_stops_at_the_repository_root(tmp_path, capsys):
    write(tmp_path / "govfmt.toml", 'ignore = ["P101"]\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    path = write(tmp_path / "repo" / "a.txt", BAD)
    assert run(["check", str(path)], capsys)[0] == 1


def test_severity_override_and_per_file_ignores(tmp_path, capsys):
    write(tmp_path / "govfmt.toml", '[severity]\nP101 = "warning"\n\n[per-file-ignores]\n"legacy/*" = ["S104"]\n')
    bad = write(tmp_path / "a.txt", BAD)
    code, out, _ = run(["check", "--format", "json", str(bad)], capsys)
    assert code == 0 and json.loads(out)[0]["severity"] == "warning"
    legacy = write(tmp_path / "legacy" / "b.txt", WARN_ONLY)
    assert json.loads(run(["check", "--format", "json", str(legacy)], capsys)[1]) == []


def test_select_and_ignore_accept_codes_prefixes_and_names(tmp_path, capsys):
    path = write(tmp_path / "a.txt", draft("经研究,同意。   "))
    codes = lambda *flags: [r["code"] for r in json.loads(run(["check", "--format", "json", *flags, str(path)],
                                                                capsys)[1])]
    assert codes() == ["P101", "S104"]
    assert codes("--select", "S") == ["S104"]
    assert codes("--ignore", "halfwidth-punctuation") == ["S104"]
    assert codes("--select", "P1,trailing-whitespace", "--ignore", "P101") == ["S104"]


def test_bad_config_exits_2_with_a_hint(tmp_path, capsys):
    write(tmp_path / "govfmt.toml", 'ignor = ["P101"]\n')
    code, _, err = run(["check", str(write(tmp_path / "a.txt", BAD))], capsys)
    assert code == 2 and "did you mean 'ignore'" in err


def test_exclude_applies_to_folders_and_with_force_exclude_to_named_files(tmp_path, capsys):
    write(tmp_path / "govfmt.toml", 'exclude = ["archive"]\n')
    old = write(tmp_path / "archive" / "old.txt", BAD)
    write(tmp_path / "new.txt", CLEAN)
    assert run(["check", str(tmp_path)], capsys)[0] == 0
    assert run(["check", str(old)], capsys)[0] == 1
    assert run(["check", "--force-exclude", str(old)], capsys)[0] == 0


# -- suppression comments -----------------------------------------------------------------------------

def test_suppression_comments(tmp_path, capsys):
    text = draft("%% govfmt: ignore[P101]\n经研究,同意。\n\n%% govfmt: disable[halfwidth-punctuation]\n请执行,谢谢。\n"
                 "按时上报,不得延误。\n%% govfmt: enable[halfwidth-punctuation]\n\n另行通知,请留意。\n\n"
                 "%% govfmt: ignore[S101]\n经研究，同意。")
    path = write(tmp_path / "a.txt", text)
    records = json.loads(run(["check", "--format", "json", str(path)], capsys)[1])
    assert [(r["code"], r["line"]) for r in records] == [("P101", 13), ("G901", 15)]


def test_file_level_suppression(tmp_path, capsys):
    path = write(tmp_path / "a.txt", "%% govfmt: ignore-file[ALL]\n" + BAD)
    assert run(["check", str(path)], capsys)[0] == 0


@pytest.mark.parametrize("line, expected", [
    ("%% govfmt: ignore[P101]", True),
    ("　　%% govfmt: disable[P1]", True),
    ("%%govfmt: typo", True),
    ("%% 这是正文", False),
    ("经研究，同意。", False),
    ("100%% 完成", False),
])
def test_is_directive_line(line, expected):
    assert is_directive_line(line) is expected


# -- inputs ---------------------------------------------------------------------------------------------

def _docx(path, paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return path


def test_docx_drafts_are_checked_by_paragraph(tmp_path, capsys):
    path = _docx(tmp_path / "a.docx", ["关于做好防汛工作的通知", "", "各区人民政府：", "经研究,同意。", "某某市人民政府",
                                       "2024年3月1日"])
    code, out, _ = run(["check", "--format", "json", str(path)], capsys)
    assert code == 1 and [(r["code"], r["line"], r["column"]) for r in json.loads(out)] == [("P101", 4, 4)]


def test_folders_are_walked_for_drafts(tmp_path, capsys):
    write(tmp_path / "a.md", BAD)
    write(tmp_path / "sub" / "b.txt", BAD)
    write(tmp_path / "notes.csv", BAD)
    write(tmp_path / ".hidden" / "c.txt", BAD)
    records = json.loads(run(["check", "--format", "json", "."], capsys, tmp_path, pytest.MonkeyPatch())[1])
    assert sorted(r["path"] for r in records) == ["a.md", os.path.join("sub", "b.txt")]


def test_stdin(tmp_path, capsys, monkeypatch):
    result = subprocess.run([sys.executable, "-m", "govfmt", "check", "-", "--stdin-filename", "x.txt"],
                            input=BAD.encode(), capture_output=True)
    assert result.returncode == 1 and b"x.txt:5:4: P101" in result.stdout


# -- govfmt rules -----------------------------------------------------------------------------------------

def test_rules_lists_every_rule(capsys):
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    for rule in all_rules():
        assert rule.code in out and rule.name in out


def test_rules_explains_one_rule(capsys):
    code, out, _ = run(["rules", "P101"], capsys)
    assert code == 0 and "Bad:" in out and "经研究,现批复如下:" in out and "GB/T 15834" in out
    assert run(["rules", "halfwidth-punctuation"], capsys)[1] == out
    assert run(["rules", "Z123"], capsys)[0] == 2
