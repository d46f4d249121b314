"""`govfmt convert` on folders: failure isolation, incremental runs, report, parallel determinism."""

import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from govfmt.cli import main

from conftest import CORPUS


def run(args, capsys):
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def corpus_files(count=None):
    files = sorted((CORPUS / "docs").glob("*.txt"))
    return files[:count] if count else files


def docx_text(path: Path) -> str:
    return "".join(p.text for p in docx.Document(str(path)).paragraphs)


def word_draft(path: Path, lines) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


@pytest.fixture
def mixed_folder(tmp_path):
    inbox = tmp_path / "收文"
    (inbox / "2023").mkdir(parents=True)
    good = corpus_files(2)
    shutil.copy(good[0], inbox / "a.txt")
    shutil.copy(good[1], inbox / "2023" / "b.txt")
    (inbox / "gbk.txt").write_bytes("关于做好防汛工作的通知\n各乡镇：\n请做好防汛准备。\n".encode("gbk"))
    (inbox / "utf16.txt").write_bytes("关于召开会议的通知\n各部门：\n定于周五开会。\n".encode("utf-16"))
    word_draft(inbox / "word.docx", ["关于**县检查工作的通知", "各单位：", "请认真自查。"])
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "2023" / "旧稿.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    return inbox


GOOD = {"a.docx", "2023/b.docx", "gbk.docx", "utf16.docx", "word.docx"}
BAD = {"empty.txt", "2023/旧稿.txt", "broken.docx"}


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_mixed_folder_isolates_failures_then_skips_then_forces(mixed_folder, tmp_path, capsys):
    out = tmp_path / "成文"
    report = tmp_path / "report.json"
    code, _, err = run(["convert", mixed_folder, "-o", out, "-j", "2", "--report", report], capsys)
    assert code == 1
    assert tree(out) == GOOD  # nothing partial, nothing for the bad inputs
    assert "8 files: 5 converted, 0 skipped (unchanged), 3 failed" in err
    failures = [line for line in err.splitlines() if line.startswith("  failed  ")]
    assert {line.split("  ")[2] for line in failures} == {str(mixed_folder / b) for b in BAD}
    assert f"  failed  {mixed_folder / '2023' / '旧稿.txt'}  line 1: not text (looks like a PNG image)" in err
    assert "关于做好防汛工作的通知" in docx_text(out / "gbk.docx")
    assert "定于周五开会" in docx_text(out / "utf16.docx")
    assert "关于**县检查工作的通知" in docx_text(out / "word.docx")

    records = {Path(r["input"]).relative_to(mixed_folder).as_posix(): r
               for r in json.loads(report.read_text(encoding="utf-8"))["files"]}
    assert {k for k, r in records.items() if r["status"] == "failed"} == BAD
    assert all(r["error"].startswith(str(mixed_folder)) for k, r in records.items() if k in BAD)
    assert records["gbk.txt"]["outputs"] == [str(out / "gbk.docx")]
    assert records["gbk.txt"]["seconds"] > 0

    stamps = {name: (out / name).stat().st_mtime_ns for name in GOOD}
    code, _, err = run(["convert", mixed_folder, "-o", out, "-j", "2"], capsys)
    assert code == 1
    assert "8 files: 0 converted, 5 skipped (unchanged), 3 failed" in err
    assert stamps == {name: (out / name).stat().st_mtime_ns for name in GOOD}

    code, _, err = run(["convert", mixed_folder, "-o", out, "-j", "2", "--force"], capsys)
    assert code == 1
    assert "8 files: 5 converted, 0 skipped (unchanged), 3 failed" in err
    assert all((out / name).stat().st_mtime_ns > stamps[name] for name in GOOD)


def test_touching_an_input_or_the_style_converts_again(tmp_path, capsys):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for source in corpus_files(2):
        shutil.copy(source, inbox / source.name)
    style = tmp_path / "mine.toml"
    style.write_text('extends = "gbt9704"\nname = "mine"\n', encoding="utf-8")
    args = ["convert", inbox, "-o", tmp_path / "out", "--style", style, "-j", "1"]
    assert run(args, capsys)[0] == 0
    later = (tmp_path / "out").stat().st_mtime + 10
    first = sorted(inbox.iterdir())[0]
    os.utime(first, (later, later))
    assert "1 converted, 1 skipped" in run(args, capsys)[2]
    os.utime(style, (later + 10, later + 10))
    assert "2 converted, 0 skipped" in run(args, capsys)[2]


def test_parallel_output_is_byte_identical_to_one_at_a_time(tmp_path, capsys):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for source in corpus_files():
        shutil.copy(source, inbox / source.name)
    assert run(["convert", inbox, "-o", tmp_path / "parallel", "-j", "2"], capsys)[0] == 0
    for source in sorted(inbox.iterdir()):
        single = tmp_path / "single" / source.with_suffix(".docx").name
        assert run(["convert", source, "-o", single, "-j", "1"], capsys)[0] == 0
    outputs = sorted((tmp_path / "single").iterdir())
    assert len(outputs) == len(corpus_files())
    for single in outputs:
        with zipfile.ZipFile(single) as one, zipfile.ZipFile(tmp_path / "parallel" / single.name) as many:
            assert one.read("word/document.xml") == many.read("word/document.xml"), single.name


def test_word_drafts_relaid_out_keep_every_character(tmp_path, capsys):
    drafts = []
    for source in corpus_files(4):
        lines = source.read_text(encoding="utf-8").splitlines()
        drafts.append(word_draft(tmp_path / f"{source.stem}.docx", lines))
    table_draft = docx.Document()
    for line in ["关于报送2024年统计数据的通知", "各区县统计局：", "请按下表于3月底前报送。"]:
        table_draft.add_paragraph(line)
    grid = table_draft.add_table(rows=3, cols=3)
    for r, row in enumerate([["序号", "指标", "数值（万元）"], ["1", "地区生产总值", "1234.5"],
                             ["2", "一般公共预算收入", "88.6"]]):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    for line in ["特此通知。", "市统计局", "2024年3月1日"]:
        table_draft.add_paragraph(line)
    table_draft.save(tmp_path / "table.docx")
    drafts.append(tmp_path / "table.docx")

    for draft in drafts:
        out = tmp_path / "out" / draft.name
        code, _, err = run(["convert", draft, "-o", out], capsys)
        assert code == 0, err
        expected = "".join(_all_text(draft).split())
        produced = "".join(_all_text(out).split())
        assert _is_subsequence(expected, produced), draft.name
    with zipfile.ZipFile(tmp_path / "out" / "table.docx") as archive:
        assert b"<w:tbl>" in archive.read("word/document.xml")


def _all_text(path: Path) -> str:
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(t.text or "" for t in root.iter(f"{w}t"))


def _is_subsequence(needle: str, haystack: str) -> bool:
    rest = iter(haystack)
    return all(ch in rest for ch in needle)


def test_interrupt_leaves_no_partial_files_and_reports(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    sources = corpus_files()
    for index in range(300):
        shutil.copy(sources[index % len(sources)], inbox / f"{index:03d}.txt")
    out = tmp_path / "out"
    # SIGINT at its default in the child: a test run in the background starts with it ignored.
    process = subprocess.Popen([sys.executable, "-m", "govfmt", "convert", str(inbox), "-o", str(out), "-j", "2",
                                "--report", str(tmp_path / "r.json")],
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    seen = []
    for line in process.stderr:
        seen.append(line)
        if len(seen) == 5:
            process.send_signal(signal.SIGINT)
            break
    try:
        rest = process.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("govfmt convert did not end within 60 s of Ctrl-C")
    err = "".join(seen) + rest
    assert process.returncode == 130
    assert "not started (interrupted)" in err
    assert "Traceback" not in err
    written = sorted(out.rglob("*"))
    assert written and all(not p.name.startswith(".") for p in written)
    for path in written:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    done = {r["input"] for r in report["files"] if r["status"] == "converted"}
    assert {str(inbox / p.with_suffix(".txt").name) for p in written} == done
    assert report["interrupted"] and report["summary"]["not_started"] > 0
