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


# -- LibreOffice found in odd places, or not working ------------------------------------------------------

def test_libreoffice_off_the_path_is_found_in_the_usual_places(tmp_path, monkeypatch):
    from govfmt.pdf import soffice

    plain = tmp_path / "not-executable" / "soffice"
    plain.parent.mkdir()
    plain.write_text("#!/bin/sh\n", encoding="utf-8")
    plain.chmod(0o644)
    program = fake(tmp_path, WORKING)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(soffice.ENV_VAR, raising=False)
    monkeypatch.setattr(soffice, "_LINUX_PLACES", (str(tmp_path / "gone"), str(plain), str(program)))
    assert soffice.find_soffice(platform="linux") == str(program)
    assert soffice.usual_places("linux")[:3] == [tmp_path / "gone", plain, program]


def test_an_installation_folder_without_the_program_is_not_libreoffice(tmp_path):
    from govfmt.pdf.soffice import find_soffice
    from govfmt.errors import RenderError

    (tmp_path / "libreoffice" / "program").mkdir(parents=True)
    with pytest.raises(RenderError) as caught:
        find_soffice(str(tmp_path / "libreoffice"))
    assert caught.value.exit_code == 2
    assert str(caught.value) == f"--soffice names {tmp_path / 'libreoffice'}, which is not a runnable LibreOffice program"


def test_a_libreoffice_that_cannot_be_started_is_said(tmp_path):
    program = fake(tmp_path, "#!/nonexistent/interpreter\n")
    code, out = doctor("--soffice", program)
    assert code == 1
    assert f"LibreOffice: {program} was found but does not work: it cannot be started (" in out


def test_a_libreoffice_that_says_nothing_is_said_with_its_exit_code(tmp_path):
    code, out = doctor("--soffice", fake(tmp_path, "#!/bin/sh\nexit 3\n"))
    assert code == 1
    assert "does not work: it did not tell its version (exit code 3); reinstall it" in out


def test_a_libreoffice_that_does_not_answer_is_stopped(tmp_path, monkeypatch):
    from govfmt.pdf import probe

    monkeypatch.setattr(probe, "PROBE_TIMEOUT_S", 1)
    program = fake(tmp_path, "#!/bin/sh\necho $$ > \"$0.pid\"\nexec sleep 60\n")
    code, out = doctor("--soffice", program)
    assert code == 1
    assert "does not work: it did not answer within 1 s" in out
    pid = int(Path(f"{program}.pid").read_text())
    with pytest.raises(ProcessLookupError):
        import os
        os.kill(pid, 0)
