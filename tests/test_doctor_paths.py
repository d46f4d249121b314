"""`govfmt doctor` on machines that lack things: official fonts with no stand-in installed (named with the
package to install), no fontconfig to ask about characters, a draft that cannot be read, a draft every
character of which can be printed. fc-list and LibreOffice are played by small scripts."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govfmt.cli import cli
from govfmt.pdf import fonts
from test_doctor import WORKING, fake

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="shell scripts stand in for the programs")

# fontconfig that knows one font: FandolFang, which covers ASCII and the common ideographs.
FC_LIST = """#!/bin/sh
case "$*" in
  *charset*) printf 'FandolFang\\t20-7e 3000-303f 4e00-9fa5 ff01-ff5e\\n' ;;
  *) printf 'FandolFang\\tRegular\\n' ;;
esac
"""


@pytest.fixture
def one_font(tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "fc-list"
    program.write_text(FC_LIST, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    fonts._installed_fonts_cached.cache_clear()
    yield fake(tmp_path, WORKING)
    fonts._installed_fonts_cached.cache_clear()


def doctor(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--lang", "en", "doctor", *map(str, args)])
    return result.exit_code, result.output


def test_fonts_without_a_stand_in_are_missing_with_the_package_to_install(one_font):
    code, out = doctor("--soffice", one_font)
    assert code == 1
    assert "仿宋_GB2312 → FandolFang (substitute)" in out
    assert "黑体 → missing (missing; install texlive-lang-chinese (FandolHei) or fonts-noto-cjk)" in out
    assert "Times New Roman → missing (missing; install fonts-liberation)" in out
    assert "problems stand in the way of PDF output" in out and "ready for PDF output" not in out


def test_a_draft_every_character_of_which_can_be_printed(one_font, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("关于开展检查的通知\n各单位：\n请于3月1日前报送。\n", encoding="utf-8")
    code, out = doctor("--soffice", one_font, draft)
    assert f"{draft}: every character can be printed" in out
    odd = tmp_path / "odd.txt"
    odd.write_text("请填写\ue000表。\n", encoding="utf-8")
    assert f"{odd}: 1 character no installed font has: \ue000 (U+E000, line 1)" in doctor("--soffice", one_font, odd)[1]


def test_more_unprintable_characters_than_shown_are_counted(one_font, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("".join(chr(0xE000 + i) for i in range(25)) + "\n", encoding="utf-8")
    code, out = doctor("--soffice", one_font, draft)
    assert code == 1
    assert f"{draft}: 25 characters no installed font has: " in out and out.count("U+E0") == 20
    assert " and 5 more" in out


def test_a_draft_that_cannot_be_read_is_one_problem_named(one_font, tmp_path):
    gone = tmp_path / "gone.txt"
    code, out = doctor("--soffice", one_font, gone)
    assert code == 1
    line = next(ln for ln in out.splitlines() if str(gone) in ln)
    assert "Traceback" not in out and line.startswith(str(gone))


def test_without_fontconfig_the_characters_are_left_to_verify(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    fonts._installed_fonts_cached.cache_clear()
    try:
        draft = tmp_path / "d.txt"
        draft.write_text("关于开展检查的通知\n", encoding="utf-8")
        code, out = doctor("--soffice", fake(tmp_path, WORKING), draft)
    finally:
        fonts._installed_fonts_cached.cache_clear()
    assert "characters: which characters the fonts have can only be checked where LibreOffice uses fontconfig" in out
    assert "`govfmt verify` checks the PDF itself" in out
