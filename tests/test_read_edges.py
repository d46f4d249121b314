"""Reading drafts at the edges: standard input past a draft's size, formats told by their first bytes,
files that cannot be opened. Each case runs the command and expects one sentence and exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import REPO

DRAFT = "关于开展检查的通知\n各单位：\n请做好准备。\n某某办公室\n2024年3月1日\n"


def _govfmt(*args: str, data: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "govfmt", *args], input=data if data is not None else b"",
                          capture_output=True, timeout=120, env=env, cwd=cwd)


def _sentence(done: subprocess.CompletedProcess, *words: str) -> None:
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and err.count("\n") == 1, err
    assert all(word in err for word in words), err


def test_standard_input_larger_than_a_draft_is_refused():
    _sentence(_govfmt("inspect", "-", data=b"a" * (21 * 1024 * 1024)), "too large for a draft")


def test_an_open_document_on_standard_input_is_read_as_one(tmp_path):
    import pypandoc

    odt = tmp_path / "d.odt"
    pypandoc.convert_text(DRAFT.replace("\n", "\n\n"), "odt", format="markdown", outputfile=str(odt))
    done = _govfmt("inspect", "-", "--format", "json", data=odt.read_bytes())
    assert done.returncode == 0, done.stderr
    blocks = json.loads(done.stdout)["blocks"]
    assert [b["text"] for b in blocks][:2] == ["关于开展检查的通知", "各单位："]


@pytest.mark.parametrize("suffix", [".docx", ".odt", ".md", ".html"])
def test_an_empty_file_of_a_structured_format_is_refused(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    _sentence(_govfmt("inspect", str(path)), str(path), "empty")


def test_a_symlink_loop_cannot_be_read(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop.name)
    for command in (["convert", str(loop), "-o", str(tmp_path / "out.docx")], ["check", str(loop)]):
        done = _govfmt(*command)
        assert done.returncode == 2 and b"Traceback" not in done.stderr and str(loop).encode() in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loop.txt"]


def test_a_word_file_under_a_text_name_is_named_for_what_it_is(tmp_path):
    import docx

    word = docx.Document()
    word.add_paragraph("关于开展检查的通知")
    path = tmp_path / "draft.txt"
    word.save(path)
    _sentence(_govfmt("inspect", str(path)), str(path), "ZIP")
