"""`govfmt doctor` tells the truth about LibreOffice (absent, broken, working) and the draft's characters."""

from __future__ import annotations

import os
import stat
import sys

import pytest
from click.testing import CliRunner

from govfmt.cli import cli
from govfmt.pdf import soffice
from govfmt.pdf.fonts import parse_charsets, unprintable

posix_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="the fake programs are shell scripts")

WORKING = """#!/bin/sh
outdir=""; last=""; prev=""
for arg in "$@"; do
  [ "$arg" = "--version" ] && { echo "LibreOffice 24.2.7.2 420(Build:2)"; exit 0; }
  [ "$prev" = "--outdir" ] && outdir="$arg"
  prev="$arg"; last="$arg"
done
mkdir -p "$outdir"
name=$(basename "$last"); printf '%%PDF-1.4\\n%%%%EOF\\n' > "$outdir/${name%.*}.pdf"
"""
BROKEN = """#!/bin/sh
echo "soffice.bin: error while loading shared libraries: libuno_sal.so.3: cannot open shared object file" >&2
exit 127
"""
NO_PDF = """#!/bin/sh
for arg in "$@"; do [ "$arg" = "--version" ] && { echo "LibreOffice 7.0.4.2"; exit 0; }; done
echo "Error: source file could not be loaded" >&2
exit 0
"""


def fake(tmp_path, script: str):
    path = tmp_path / "soffice"
    path.write_text(script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def hide_libreoffice(monkeypatch) -> None:
    real_which = soffice.shutil.which
    monkeypatch.delenv(soffice.ENV_VAR, raising=False)
    monkeypatch.setattr(soffice.shutil, "which", lambda name, *a, **k: None if name in ("soffice", "libreoffice")
                        else real_which(name, *a, **k))
    monkeypatch.setattr(soffice, "usual_places", lambda *a, **k: [])


def doctor(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", "doctor", *args])


def test_absent_libreoffice_is_said_and_fails(monkeypatch):
    hide_libreoffice(monkeypatch)
    result = doctor()
    assert result.exit_code == 1
    assert "LibreOffice: not found" in result.output and "PDF output is not possible" in result.output
    assert "ready for PDF output" not in result.output


@posix_only
def test_broken_libreoffice_is_said_with_its_own_words(tmp_path):
    result = doctor("--soffice", str(fake(tmp_path, BROKEN)))
    assert result.exit_code == 1
    assert "was found but does not work" in result.output and "libuno_sal.so.3" in result.output
    assert "exit code 127" in result.output
    assert "ready for PDF output" not in result.output


@posix_only
def test_libreoffice_that_makes_no_pdf_is_broken(tmp_path):
    result = doctor("--soffice", str(fake(tmp_path, NO_PDF)))
    assert result.exit_code == 1
    assert "a test document gave no PDF" in result.output and "could not be loaded" in result.output


@posix_only
def test_working_libreoffice_is_found_with_its_version(tmp_path):
    program = fake(tmp_path, WORKING)
    result = doctor("--soffice", str(program))
    assert f"LibreOffice: {program} (LibreOffice 24.2.7.2 420(Build:2)) runs and converts documents to PDF" \
        in result.output
    assert ("ready for PDF output" in result.output) == (result.exit_code == 0)


def test_doctor_speaks_chinese_when_asked(monkeypatch):
    hide_libreoffice(monkeypatch)
    result = CliRunner().invoke(cli, ["--lang", "zh", "doctor"])
    assert "未找到" in result.output and "LibreOffice" in result.output
    CliRunner().invoke(cli, ["--lang", "en", "rules"])  # back to English for the tests that follow


def test_characters_no_font_has_are_named_with_their_lines():
    coverage = parse_charsets("FandolSong\t20-7e 3000-303f 4e00-9fa5 ff01-ff5e\nHanaMinB\t20000-2a6df\n")
    text = "关于𠀀的通知\n各单位：\n造字\ue000与😀。\n"
    assert unprintable(text, coverage) == {"\ue000": [3], "😀": [3]}
    assert coverage.has("𠀀") and not coverage.has("\ue000")  # Ext-B from HanaMinB, the PUA from none


@pytest.mark.skipif(not soffice.shutil.which("fc-list"), reason="needs fontconfig")
def test_doctor_names_unprintable_characters_of_a_draft(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("关于开展检查的通知\n各单位：\n请填写\U000F0001表。\n", encoding="utf-8")
    result = doctor(str(draft))
    assert result.exit_code == 1
    assert f"{draft}: 1 character no installed font has: \U000F0001 (U+F0001, line 3)" in result.output
