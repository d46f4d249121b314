"""Every way a user can hold `govfmt check` wrong, and what it says: bad configuration in govfmt.toml or
pyproject.toml, bad options and environment, stdin that is not a draft, a fix that cannot be written (disk
full, folder not writable), a file that takes too long; each one sentence naming the file, exit code 2 or
as DESIGN.md says, and no draft ever half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from govfmt.cli import main
from govfmt.lint import runner

from lint_helpers import draft

BAD = draft("经研究,同意。")  # P101 at line 5
CLEAN = draft("经研究，同意。")


def run(args, capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        import io
        import sys

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# -- configuration files --------------------------------------------------------------------------

@pytest.mark.parametrize("toml, message", [
    ("select = [\"P1\"\n", "is not valid TOML: "),
    ("per-file-ignores = [\"P101\"]\n", "per-file-ignores must be a table of pattern = [codes]"),
    ("severity = \"error\"\n", 'severity must be a table such as {P107 = "error"}'),
    ("[severity]\nP101 = \"loud\"\n", "severity of P101 must be error, warning, info or off, not 'loud'"),
    ("ignore = [1, 2]\n", "ignore must be a list of strings"),
    ("[per-file-ignores]\n\"*.md\" = \"P1X9\"\n", "unknown rule 'P1X9'"),
    ("selcet = [\"P1\"]\n", "unknown key 'selcet' in the govfmt configuration; did you mean 'select'?"),
])
def test_a_bad_govfmt_toml_stops_the_run_naming_it(toml, message, tmp_path, capsys, monkeypatch):
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    config = write(tmp_path / "govfmt.toml", toml)
    draft_file = write(tmp_path / "a.txt", BAD)
    code, out, err = run(["check", draft_file], capsys)
    assert code == 2 and not out
    said = one_sentence(err)
    assert message in said and str(config) in said, said


def test_a_config_file_that_is_not_utf8_is_named(tmp_path, capsys):
    (tmp_path / ".git").mkdir()
    config = tmp_path / "govfmt.toml"
    config.write_bytes("select = [\"P1\"]  # 标点\n".encode("gb18030"))
    code, _, err = run(["check", write(tmp_path / "a.txt", BAD)], capsys)
    said = one_sentence(err)
    assert code == 2 and said.startswith(f"govfmt: {config}: cannot read the configuration (")


def test_a_pyproject_that_cannot_be_read_is_not_taken_for_a_configuration(tmp_path, capsys):
    """A pyproject.toml that is not UTF-8 cannot hold [tool.govfmt]: the built-in defaults apply."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_bytes("[tool.black]\n# 注释\n".encode("gb18030"))
    code, out, err = run(["check", "-v", write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 1 and "P101" in out
    assert "govfmt: using configuration built-in defaults (first for" in err


def test_a_pyproject_section_configures_and_severity_applies_to_its_codes(tmp_path, capsys):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", "[tool.govfmt]\nselect = \"P1\"\n[tool.govfmt.severity]\nP101 = \"warning\"\n"
                                       "P102 = \"error\"\n")
    code, out, err = run(["check", write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 0, (out, err)  # P101 is only a warning now
    assert "P101" in out and "warning" in out


def test_an_explicit_config_is_used_for_every_file_and_read_once(tmp_path, capsys):
    config = write(tmp_path / "conf" / "strict.toml", "ignore = [\"P101\"]\n")
    write(tmp_path / "drafts" / "govfmt.toml", "select = [\"ALL\"]\n")  # found nearby, but --config wins
    first = write(tmp_path / "drafts" / "a.txt", BAD)
    second = write(tmp_path / "drafts" / "sub" / "b.txt", BAD)
    code, out, err = run(["check", "--config", config, "-v", first, second], capsys)
    assert code == 0 and "P101" not in out, (out, err)
    assert err.count(f"govfmt: using configuration {config}") == 1  # the same origin is named once


def test_paths_outside_the_config_folder_are_matched_through_symlinks(tmp_path, capsys):
    """per-file-ignores patterns are relative to the config folder, also when the draft is reached
    through a symlinked folder."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    write(project / "govfmt.toml", "[per-file-ignores]\n\"old/*\" = [\"P101\"]\n")
    write(project / "old" / "a.txt", BAD)
    (tmp_path / "link").symlink_to(project / "old")
    code, out, err = run(["check", "--config", project / "govfmt.toml", tmp_path / "link" / "a.txt"], capsys)
    assert code == 0 and "P101" not in out, (out, err)


# -- options and environment ----------------------------------------------------------------------

def test_fix_and_diff_together_are_a_usage_error(tmp_path, capsys):
    code, _, err = run(["check", "--fix", "--diff", write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 2 and "use either --fix or --diff, not both" in err


def test_a_bad_output_format_in_the_environment_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GOVFMT_OUTPUT_FORMAT", "xml")
    code, _, err = run(["check", write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 2 and "GOVFMT_OUTPUT_FORMAT='xml' is not one of text, concise, json, github, sarif" in err


def test_the_output_format_comes_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GOVFMT_OUTPUT_FORMAT", "github")
    code, out, _ = run(["check", write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 1 and out.startswith("::error ")


def test_stdin_with_other_paths_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(["check", "-", write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 2 and "- (stdin) is checked on its own; name no other paths with it" in err


def test_force_color_colours_the_report_without_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(["check", write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 1 and "\x1b[" in out


def test_a_report_file_that_cannot_be_written_is_named(tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "report.txt"
    code, _, err = run(["check", "-o", target, write(tmp_path / "a.txt", BAD)], capsys)
    assert code == 2 and one_sentence(err).startswith(f"govfmt: {target}: cannot write the report (")


def test_a_console_that_cannot_be_reconfigured_is_left_as_it_is(tmp_path, capsys, monkeypatch):
    import sys

    class Stubborn:
        def __init__(self, stream):
            self.stream = stream

        def reconfigure(self, **kwargs):
            raise ValueError("not now")

        def __getattr__(self, name):
            return getattr(self.stream, name)

    monkeypatch.setattr(sys, "stdout", Stubborn(sys.stdout))
    code, out, _ = run(["check", write(tmp_path / "a.txt", CLEAN)], capsys)
    assert code == 0


# -- standard input -------------------------------------------------------------------------------

def test_stdin_that_is_not_text_is_one_failure(capsys, monkeypatch):
    code, out, err = run(["check", "-"], capsys, stdin=b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, monkeypatch=monkeypatch)
    assert code == 2
    assert "govfmt: -: line 1: not text (looks like a PNG image); give a plain-text draft" in err


def test_stdin_under_a_broken_configuration_is_one_failure(tmp_path, capsys, monkeypatch):
    (tmp_path / ".git").mkdir()
    write(tmp_path / "govfmt.toml", "select = [\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["check", "-"], capsys, stdin=BAD.encode("utf-8"), monkeypatch=monkeypatch)
    assert code == 2 and "govfmt.toml: is not valid TOML" in err


# -- fixing ---------------------------------------------------------------------------------------

def test_fix_on_a_word_draft_says_word_drafts_are_not_fixed(tmp_path, capsys):
    import docx

    document = docx.Document()
    for line in BAD.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "a.docx"
    document.save(path)
    before = path.read_bytes()
    code, out, err = run(["check", "--fix", path, write(tmp_path / "b.txt", BAD)], capsys)
    assert code == 1 and "a.docx:5:" in out and "P101" in out
    assert err.count("govfmt: fixes are not applied to .docx files; fix the text in Word") == 1
    assert path.read_bytes() == before and (tmp_path / "b.txt").read_text(encoding="utf-8") == CLEAN


def test_a_full_disk_during_fix_leaves_the_draft_and_no_temporary_file(tmp_path, capsys, monkeypatch):
    path = write(tmp_path / "a.txt", BAD)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run(["check", "--fix", path], capsys)
    assert code == 2
    assert "govfmt: a.txt" not in err and f"{path}: cannot be fixed in place (No space left on device)" in err
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == BAD and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_folder_that_takes_no_new_file_is_named(tmp_path, capsys, monkeypatch):
    """root may write anywhere, so the folder's refusal is the kernel's (EACCES from mkstemp)."""
    import tempfile

    path = write(tmp_path / "a.txt", BAD)

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    code, _, err = run(["check", "--fix", path], capsys)
    assert code == 2
    assert f"{path}: cannot be fixed in place: its folder is not writable (Permission denied)" in err
    assert path.read_text(encoding="utf-8") == BAD


# -- time limit -----------------------------------------------------------------------------------

def _slow_lint(monkeypatch):
    import time

    real = runner.lint_source

    def slow(*args, **kwargs):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # Python code: the alarm interrupts it at once
            pass
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "lint_source", slow)


def test_a_file_over_the_time_limit_is_stopped_and_named(tmp_path, capsys, monkeypatch):
    _slow_lint(monkeypatch)
    path = write(tmp_path / "a.txt", BAD)
    code, out, err = run(["check", "--time-limit", "0.2", "--fix", path], capsys)
    assert code == 2
    assert (f"govfmt: {path}: checking took longer than 0.2 s and was stopped; nothing was written (raise "
            "--time-limit, or split the very long lines)") in err
    assert path.read_text(encoding="utf-8") == BAD


def test_stdin_over_the_time_limit_is_stopped(capsys, monkeypatch):
    _slow_lint(monkeypatch)
    code, _, err = run(["check", "--time-limit", "0.2", "-"], capsys, stdin=BAD.encode("utf-8"),
                       monkeypatch=monkeypatch)
    assert code == 2 and "govfmt: -: checking took longer than 0.2 s and was stopped" in err


def test_without_fork_many_files_are_checked_in_one_process(tmp_path, capsys, monkeypatch):
    """Where processes cannot be forked (Windows), -j 2 checks the files one after another."""
    import multiprocessing

    def no_fork(method=None):
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    paths = [write(tmp_path / f"{n}.txt", BAD if n % 2 else CLEAN) for n in range(4)]
    code, out, _ = run(["check", "-j", "2", *paths], capsys)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines() if "P101" in line] == [str(paths[1]), str(paths[3])]
