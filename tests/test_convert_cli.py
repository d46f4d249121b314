"""`govfmt convert` on single files: where outputs go, usage errors, one-sentence failures."""

import shutil
import zipfile

import pytest
import pypandoc

from govfmt.cli import main

from conftest import CORPUS

SPEECH = CORPUS / "docs" / "000.txt"


def run(args, capsys):
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def is_docx(path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return b"<w:body>" in archive.read("word/document.xml")


def test_output_beside_the_input(tmp_path, capsys):
    draft = tmp_path / "讲话稿.txt"
    shutil.copy(SPEECH, draft)
    code, _, err = run(["convert", draft], capsys)
    assert code == 0
    assert is_docx(tmp_path / "讲话稿.docx")
    assert f"converted  {draft} → {tmp_path / '讲话稿.docx'}" in err
    code, _, err = run(["convert", draft], capsys)
    assert code == 0 and "up to date" in err


def test_output_file_with_style_and_quiet(tmp_path, capsys):
    out = tmp_path / "out" / "draft.docx"
    code, _, err = run(["convert", SPEECH, "-o", out, "--style", "gbt9704", "-q"], capsys)
    assert (code, err) == (0, "")
    assert is_docx(out)
    assert [p.name for p in out.parent.iterdir()] == ["draft.docx"]


def test_other_formats_into_an_output_folder(tmp_path, capsys):
    notes, memo = tmp_path / "notes.md", tmp_path / "memo.html"
    notes.write_text("# 关于**县工作的通知\n\n各乡镇：\n\n请认真落实。\n", encoding="utf-8")
    memo.write_text("<h1>关于开会的通知</h1><p>各部门：</p><p>定于周五开会。</p>", encoding="utf-8")
    odt = tmp_path / "memo.odt"
    pypandoc.convert_text("关于检查的通知\n\n各单位：\n\n请自查。", "odt", format="markdown", outputfile=str(odt))
    code, _, err = run(["convert", notes, memo, odt, "-o", tmp_path / "out"], capsys)
    assert code == 2 and "would both be written to" in err  # memo.html and memo.odt: refused up front
    assert not (tmp_path / "out").exists()
    code, _, err = run(["convert", notes, odt, "-o", tmp_path / "out"], capsys)
    assert code == 0, err
    assert "2 files: 2 converted, 0 skipped (unchanged), 0 failed" in err
    assert all(is_docx(tmp_path / "out" / n) for n in ("notes.docx", "memo.docx"))


@pytest.mark.parametrize("content,expected", [
    (b"", "is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(50), "line 1: not text (looks like a PNG image)"),
])
def test_single_bad_input_is_one_sentence_and_exit_2(tmp_path, capsys, content, expected):
    draft = tmp_path / "bad.txt"
    draft.write_bytes(content)
    code, _, err = run(["convert", draft], capsys)
    assert code == 2
    assert err.startswith(f"govfmt: {draft}: {expected}") and err.count("\n") == 1
    assert not (tmp_path / "bad.docx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.txt"]


@pytest.mark.parametrize("args,message", [
    (["-o", "x.docx", "--to", "pdf"], "does not match"),
    (["-o", "x.doc"], "output format"),
    (["--set", "发文字号"], "KEY=VALUE"),
    (["--style", "nosuch"], "unknown style"),
    (["-j", "0"], "-j"),
])
def test_usage_errors_exit_2(tmp_path, capsys, args, message):
    code, _, err = run(["convert", SPEECH, *args], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_nothing_to_convert_and_overwriting_inputs_exit_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run(["convert", tmp_path / "empty"], capsys)
    assert code == 2 and "no drafts found" in err
    code, _, err = run(["convert", tmp_path / "missing.txt"], capsys)
    assert code == 2 and "no such file or folder" in err
    draft = tmp_path / "old.docx"
    draft.write_bytes(b"PK\x03\x04")
    code, _, err = run(["convert", draft], capsys)
    assert code == 2 and "overwrite the input" in err
    assert draft.read_bytes() == b"PK\x03\x04"


@pytest.mark.slow
def test_batch_pdf_goes_through_one_render_and_leaves_no_intermediate_docx(tmp_path, capsys):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for source in sorted((CORPUS / "docs").glob("*.txt"))[:3]:
        shutil.copy(source, inbox / source.name)
    (inbox / "bad.txt").write_bytes(b"")
    code, _, err = run(["convert", inbox, "-o", tmp_path / "pdf", "--to", "pdf"], capsys)
    assert code == 1, err
    assert "fonts: " in err
    produced = sorted(p.name for p in (tmp_path / "pdf").iterdir())
    assert produced == sorted(p.with_suffix(".pdf").name for p in inbox.iterdir() if p.name != "bad.txt")
    assert all((tmp_path / "pdf" / n).read_bytes().startswith(b"%PDF-") for n in produced)
    code, _, err = run(["convert", inbox / "000.txt", "-o", tmp_path / "both" / "a.pdf", "--to", "docx",
                        "--to", "pdf"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "both").iterdir()) == ["a.docx", "a.pdf"]


def test_changed_style_or_set_values_convert_again(tmp_path, capsys):
    draft = tmp_path / "a.txt"
    shutil.copy(CORPUS / "docs" / "001.txt", draft)
    out = tmp_path / "a.docx"
    assert run(["convert", str(draft), "-o", str(out)], capsys)[0] == 0
    assert "up to date" in run(["convert", str(draft), "-o", str(out)], capsys)[2]
    code, _, err = run(["convert", str(draft), "-o", str(out), "--set", "发文字号=国办发〔2019〕4号"], capsys)
    assert code == 0 and "up to date" not in err
    code, _, err = run(["convert", str(draft), "-o", str(out), "--style", "letter"], capsys)
    assert code == 0 and "up to date" not in err
