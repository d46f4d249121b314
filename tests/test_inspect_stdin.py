"""`govfmt inspect -` reads the draft from standard input: text in any encoding, or a Word file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import docx

DRAFT = "关于开展检查的通知\n各单位：\n一、总体要求\n请做好准备。\n"


def inspect_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govfmt", "inspect", "-", *args], input=data, capture_output=True,
                          timeout=60, env={**os.environ, "LANG": "C"})


def test_text_on_stdin_in_gb18030_is_inspected():
    done = inspect_stdin(DRAFT.encode("gb18030"), "--format", "json")
    assert done.returncode == 0, done.stderr
    kinds = [block["kind"] for block in json.loads(done.stdout)["blocks"]]
    assert kinds[:3] == ["title", "addressee", "heading"]


def test_a_word_file_on_stdin_is_read_as_word(tmp_path):
    document = docx.Document()
    for line in DRAFT.strip().split("\n"):
        document.add_paragraph(line)
    document.save(tmp_path / "d.docx")
    done = inspect_stdin((tmp_path / "d.docx").read_bytes())
    assert done.returncode == 0, done.stderr
    assert "关于开展检查的通知" in done.stdout.decode() and "一、总体要求" in done.stdout.decode()


def test_empty_stdin_is_one_sentence():
    done = inspect_stdin(b"")
    assert done.returncode == 2 and b"empty" in done.stderr and b"Traceback" not in done.stderr
