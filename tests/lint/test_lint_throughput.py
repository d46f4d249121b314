"""Checking many drafts: worker processes report exactly what one process reports, and the cheap tests
that let a rule skip a draft or a line never hide one of its findings."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from lint_helpers import codes, diagnostics, draft

from conftest import CORPUS

# (correct form, a clerk's wrong form) planted into corpus documents
PLANTS = [("，", ","), ("。", "."), ("（", "("), ("）", ")"), ("》", ""), ("“", ""), ("年", "年0"), ("……", "..."),
          ("——", "—"), ("一、", "一."), ("〔", "["), ("日", "号")]


def _planted_drafts(folder: Path, count: int) -> None:
    rng = random.Random(9704)
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "docs").glob("*.txt"))]
    for index in range(count):
        text = texts[index % len(texts)]
        for right, wrong in rng.sample(PLANTS, k=4):
            spots = [i for i in range(len(text)) if text.startswith(right, i)]
            if spots:
                spot = rng.choice(spots)
                text = text[:spot] + wrong + text[spot + len(right):]
        (folder / f"d{index:03d}.txt").write_text(text, encoding="utf-8")


def _check(folder: Path, *options: str) -> str:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "govfmt", "check", "--isolated", "--exit-zero", *options, "."],
                            cwd=folder, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("form", [("--format", "text"), ("--format", "json"), ("--statistics",), ("--diff",)])
def test_two_workers_report_what_one_process_reports(tmp_path, form):
    _planted_drafts(tmp_path, 70)  # above the number of files from which workers are used
    one = _check(tmp_path, *form, "-j", "1")
    assert _check(tmp_path, *form, "-j", "2") == one
    assert one.count("d0") >= 70 or form == ("--statistics",)  # every draft has something to report


def test_halfwidth_mark_beside_chinese_with_spaces_between():
    text = draft("经研究 , 现批复如下 :\n\n同意 ;设立。\n")
    found = [d for d in diagnostics(text) if d.code == "P101"]
    assert [(d.line, d.column) for d in found] == [(5, 5), (5, 13), (7, 4)]


def test_halfwidth_marks_between_latin_and_digits_are_left_alone():
    assert "P101" not in codes(draft("会议于8:30在A.B楼召开，见www.gov.cn。\n"))


def test_brackets_closed_in_order_need_no_report_and_a_stray_one_is_found():
    closed = draft("根据《关于（试行）“双随机、一公开”的〔2019〕号通知》【要求】(见附件)，开展工作。\n")
    assert "P111" not in codes(closed)
    stray = draft("根据《关于（试行）“双随机、一公开”的通知】》，开展工作。\n")
    assert codes(stray).count("P111") == 1


def test_zero_padded_month_found_in_running_text():
    found = [d for d in diagnostics(draft("自2012年07月01日起施行。\n")) if d.code == "N101"]
    assert [d.column for d in found] == [7, 10]


def test_mixed_numerals_with_a_whole_and_a_decimal_number():
    assert codes(draft("投资4千万元，其中1.5千万元用于建设。\n")).count("N112") == 2


def test_repeated_marks_and_decimal_without_zero_found():
    found = codes(draft("经研究，，同意。。增长.5个百分点。\n"))
    assert found.count("P109") == 2 and "N110" in found


def test_nested_same_marks_found_only_when_a_mark_comes_twice():
    assert "P113" in codes(draft("（详见《通知》（国发〔2012〕1号））。\n"))
    assert "P113" not in codes(draft("会议（详见附件）和文件（见《通知》）。\n"))  # twice, side by side
