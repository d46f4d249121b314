"""`govfmt inspect`: the structure govfmt sees, as text (one block a line) and as the JSON contract of
DESIGN.md. Expectations come from the draft written here: which line is what, and where it sits."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govfmt.cli import cli

from conftest import REPO

PARAGRAPH = ("为深入贯彻落实党中央国务院决策部署，进一步加强和改进机关公文处理工作，提高公文质量和办文效率，"
             "现就有关事项通知如下。请各单位认真贯彻执行，确保取得实效。")
WRAPPED = "\n".join(PARAGRAPH[i:i + 24] for i in range(0, len(PARAGRAPH), 24))  # 4 lines
DRAFT = f"""---
份号: 000123
---
国务院关于某某工作的
通知

国发〔2019〕3号

各省、自治区、直辖市人民政府：
一、总体要求
1.拓展两个市场。积极稳妥推进。
{WRAPPED}
附件：某某工作方案
国务院
2019年1月3日
"""
# (kind, level, first line, last line) of every block, read off the draft above
EXPECTED = [
    ("other", None, 1, 1), ("copy_number", None, 2, 2), ("other", None, 3, 3),
    ("title", None, 4, 5), ("doc_number", None, 7, 7), ("addressee", None, 9, 9),
    ("heading", 1, 10, 10), ("heading", 3, 11, 11), ("body", None, 12, 15),
    ("attachment_note", None, 16, 16), ("signature", None, 17, 17), ("date", None, 18, 18),
]
CONTRACT_KINDS = {"title", "subtitle", "doc_number", "addressee", "salutation", "heading", "body",
                  "attachment_note", "signature", "date", "note", "cc", "printed_by", "copy_number",
                  "classification", "urgency", "issuer_mark", "signer", "attachment_mark", "table", "other",
                  "web", "directive"}


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "通知.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _inspect(*args: str):
    result = CliRunner().invoke(cli, ["inspect", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _govfmt(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "govfmt", *args], input=data, capture_output=True, timeout=120,
                          env=env)


# --- JSON ----------------------------------------------------------------------------------------------

def test_json_names_every_block_with_its_kind_level_and_lines(draft):
    data = json.loads(_inspect(str(draft), "--format", "json"))
    assert {"govfmt", "source", "encoding", "blocks"} <= set(data)  # the contract; more keys may follow
    assert data["source"] == str(draft) and data["encoding"] == "utf-8"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", data["govfmt"])
    found = [(b["kind"], b.get("level"), b["line_start"], b["line_end"]) for b in data["blocks"]]
    assert found == EXPECTED


def test_json_block_texts_and_the_run_in_heading(draft):
    blocks = json.loads(_inspect(str(draft), "--format", "json"))["blocks"]
    by_line = {b["line_start"]: b for b in blocks}
    assert by_line[4]["text"] == "国务院关于某某工作的通知"  # a title over two lines is one text
    assert by_line[12]["text"] == PARAGRAPH  # a wrapped paragraph, joined without the line breaks
    assert by_line[2]["text"] == "000123"  # a front-matter field reports its value
    heading, run_in = by_line[10], by_line[11]
    assert (heading["run_in"], "heading_text" in heading) == (False, False)
    assert (run_in["run_in"], run_in["heading_text"]) == (True, "1.拓展两个市场。")
    assert run_in["text"].startswith(run_in["heading_text"])
    assert all("level" not in b and "run_in" not in b for b in blocks if b["kind"] != "heading")


def test_json_covers_every_non_blank_line_once_in_source_order(draft):
    blocks = json.loads(_inspect(str(draft), "--format", "json"))["blocks"]
    covered = [n for b in blocks for n in range(b["line_start"], b["line_end"] + 1)]
    lines = DRAFT.split("\n")
    assert covered == sorted(covered) and len(covered) == len(set(covered))
    assert set(covered) == {n for n, text in enumerate(lines, 1) if text.strip()}
    assert {b["kind"] for b in blocks} <= CONTRACT_KINDS
    for block in blocks:
        if "confidence" in block:
            assert 0 <= block["confidence"] <= 1


def test_json_counts_lines_of_the_original_file_whatever_its_line_ends_and_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(("\r\n" * 2 + "关于开展检查的通知\r\n\r\n各单位：\r\n" + WRAPPED.replace("\n", "\r\n")
                      + "\r\n某某办公室\r\n2024年3月1日\r\n").encode("gb18030"))
    data = json.loads(_inspect(str(path), "--format", "json"))
    assert data["encoding"] in ("gb18030", "gbk", "gb2312")
    assert [(b["kind"], b["line_start"], b["line_end"]) for b in data["blocks"]] == [
        ("title", 3, 3), ("addressee", 5, 5), ("body", 6, 9), ("signature", 10, 10), ("date", 11, 11)]


def test_encoding_option_overrides_the_guess(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("關於開展檢查的通知\n各單位：\n請做好準備。\n".encode("big5"))
    data = json.loads(_inspect(str(path), "--format", "json", "--encoding", "big5"))
    assert data["blocks"][0]["text"] == "關於開展檢查的通知"
    assert data["encoding"].replace("-", "").lower().startswith("big5")


# --- text ----------------------------------------------------------------------------------------------

_ROW = re.compile(r"^ *(\d+)(?:-(\d+))?  (\S+) +(.*)$")


def test_text_is_one_block_a_line_with_its_lines_and_kind(draft):
    rows = [_ROW.match(line) for line in _inspect(str(draft)).splitlines()]
    assert all(rows), _inspect(str(draft))
    spans = [(int(m[1]), int(m[2] or m[1])) for m in rows]
    assert spans == [(start, end) for _, _, start, end in EXPECTED]
    kinds = [m[3] for m in rows]
    assert kinds == ["other", "copy_number", "other", "title", "doc_number", "addressee", "h1", "h3+", "body",
                     "attachment_note", "signature", "date"]
    texts = [m[4] for m in rows]
    assert texts[3] == "国务院关于某某工作的通知" and texts[6] == "一、总体要求" and texts[-1] == "2019年1月3日"


def test_text_shortens_long_blocks_and_marks_line_breaks(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(f"关于开展检查的通知\n各单位：\n{WRAPPED}\n某某办公室\n2024年3月1日\n", encoding="utf-8")
    rows = {int(m[1]): m for m in map(_ROW.match, _inspect(str(path)).splitlines())}
    body = rows[3][4]
    assert body.endswith("…") and len(body) == 60 and PARAGRAPH.startswith(body[:-1])
    assert rows[3][2] == str(3 + WRAPPED.count("\n"))


def test_text_of_a_block_with_its_own_line_breaks_shows_them(tmp_path):
    path = tmp_path / "sig.txt"
    path.write_text("关于开展检查的通知\n各单位：\n请做好准备。\n附件：1.检查方案\n2.检查清单\n某某办公室\n2024年3月1日\n",
                    encoding="utf-8")
    rows = [_ROW.match(line) for line in _inspect(str(path)).splitlines()]
    note = next(m for m in rows if m[3] == "attachment_note")
    assert (note[1], note[2]) == ("4", "5")
    assert "1.检查方案" in note[4] and "2.检查清单" in note[4]
    assert note[4].index("1.检查方案") < note[4].index("2.检查清单")


def test_json_and_text_agree(draft):
    blocks = json.loads(_inspect(str(draft), "--format", "json"))["blocks"]
    rows = [_ROW.match(line) for line in _inspect(str(draft)).splitlines()]
    assert len(rows) == len(blocks)
    for block, row in zip(blocks, rows):
        assert int(row[1]) == block["line_start"]
        assert row[4].rstrip("…") in block["text"].replace("\n", " / ") or block["text"].startswith(row[4][:10])


# --- errors: one sentence, exit 2, no traceback --------------------------------------------------------

@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b" \n\t\n\xe3\x80\x80\n", "no text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
])
def test_unusable_drafts_are_refused_in_one_sentence(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    done = _govfmt("inspect", str(path))
    assert done.returncode == 2 and done.stdout == b""
    err = done.stderr.decode()
    assert message in err and str(path) in err and "Traceback" not in err and err.count("\n") == 1


def test_a_missing_file_and_a_folder_are_refused(tmp_path):
    missing = _govfmt("inspect", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and b"no such file" in missing.stderr
    folder = _govfmt("inspect", str(tmp_path))
    assert folder.returncode == 2 and b"directory" in folder.stderr and b"Traceback" not in folder.stderr


def test_inspect_leaves_the_draft_as_it_was(draft):
    before = (draft.read_bytes(), draft.stat().st_mtime_ns)
    _inspect(str(draft), "--format", "json")
    _inspect(str(draft))
    assert (draft.read_bytes(), draft.stat().st_mtime_ns) == before
    assert sorted(p.name for p in draft.parent.iterdir()) == [draft.name]


def test_text_marks_a_block_a_directive_set(tmp_path):
    from govfmt.inspect import CORRECTED_MARK

    path = tmp_path / "d.txt"
    path.write_text("关于开展检查的通知\n各单位：\n%% govfmt: 附注\n请做好准备。\n某某办公室\n2024年3月1日\n",
                    encoding="utf-8")
    rows = {int(m[1]): m for m in map(_ROW.match, _inspect(str(path)).splitlines()) if m}
    assert rows[4][3] == "note" + CORRECTED_MARK  # the block below the directive, marked as set by hand
