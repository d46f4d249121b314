"""Finding drafts in folders and planning their outputs, before anything is written."""

import os
from pathlib import Path

import pytest

from govfmt.convert import (
    Job, PlanError, formats_for, is_up_to_date, output_is_file, plan_jobs, walk, with_fields,
)
from govfmt.fsutil import atomic_output
from govfmt.model import Document


def touch(path: Path, text: str = "通知\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_walk_takes_default_suffixes_and_skips_hidden_lock_and_output_folders(tmp_path):
    for name in ["a.txt", "b.md", "c.docx", "d.odt", "e.html", "f.rtf", "g.pdf", ".h.txt", "~$i.docx",
                 ".git/j.txt", "sub/k.txt", "out/l.txt"]:
        touch(tmp_path / name)
    found = walk(tmp_path, skip=[tmp_path / "out"])
    assert names(found, tmp_path) == ["a.txt", "b.md", "c.docx", "d.odt", "e.html", "f.rtf", "sub/k.txt"]  # no g.pdf


def test_include_and_exclude_globs(tmp_path):
    for name in ["a.txt", "b.rtf", "old/c.txt", "new/d.txt", "new/e_draft.txt"]:
        touch(tmp_path / name)
    assert names(walk(tmp_path, include=["*.rtf"]), tmp_path) == ["b.rtf"]
    assert names(walk(tmp_path, exclude=["old", "*_draft.txt"]), tmp_path) == ["a.txt", "b.rtf", "new/d.txt"]


def test_output_tree_mirrors_input_tree(tmp_path):
    touch(tmp_path / "收文" / "2023" / "a.txt")
    touch(tmp_path / "收文" / "b.md")
    jobs = plan_jobs([tmp_path / "收文"], tmp_path / "成文", ("docx", "pdf"))
    assert [(j.docx, j.pdf) for j in jobs] == [
        (tmp_path / "成文/2023/a.docx", tmp_path / "成文/2023/a.pdf"),
        (tmp_path / "成文/b.docx", tmp_path / "成文/b.pdf")]


def test_without_output_files_go_beside_inputs(tmp_path):
    draft = touch(tmp_path / "讲话稿.txt")
    (job,) = plan_jobs([draft], None, ("docx",))
    assert job.docx == tmp_path / "讲话稿.docx" and job.pdf is None


def test_one_input_file_and_output_file(tmp_path):
    draft = touch(tmp_path / "draft.txt")
    out = tmp_path / "out" / "x.pdf"
    assert output_is_file([draft], out)
    assert formats_for((), out, True) == ("pdf",)
    (job,) = plan_jobs([draft], out, ("docx", "pdf"), output_file=True)
    assert (job.docx, job.pdf) == (tmp_path / "out/x.docx", out)


def test_output_folder_forms(tmp_path):
    draft = touch(tmp_path / "draft.txt")
    (tmp_path / "existing").mkdir()
    assert not output_is_file([draft], tmp_path / "existing")
    assert not output_is_file([draft], tmp_path / "new", "new")
    assert not output_is_file([draft], tmp_path / "new.d", "new.d/")
    assert not output_is_file([draft, draft], tmp_path / "two.docx")


def test_format_follows_suffix_and_mismatches_are_refused(tmp_path):
    assert formats_for((), None, False) == ("docx",)
    assert formats_for(("pdf", "docx", "pdf"), tmp_path, False) == ("pdf", "docx")
    with pytest.raises(PlanError, match="does not match"):
        formats_for(("pdf",), tmp_path / "x.docx", True)
    with pytest.raises(PlanError, match="output format"):
        formats_for((), tmp_path / "x.doc", True)


def test_overwriting_an_input_is_refused(tmp_path):
    draft = touch(tmp_path / "旧文件.docx")
    with pytest.raises(PlanError, match="overwrite the input"):
        plan_jobs([draft], None, ("docx",))


def test_two_inputs_onto_one_output_are_refused(tmp_path):
    touch(tmp_path / "in" / "a.txt")
    touch(tmp_path / "in" / "a.md")
    with pytest.raises(PlanError, match="both be written to"):
        plan_jobs([tmp_path / "in"], tmp_path / "out", ("docx",))


def test_earlier_output_beside_its_draft_is_not_a_draft(tmp_path):
    touch(tmp_path / "a.txt")
    touch(tmp_path / "a.docx")
    touch(tmp_path / "b.docx")
    jobs = plan_jobs([tmp_path], tmp_path / "out", ("docx",))
    assert [j.name for j in jobs] == [str(tmp_path / "a.txt"), str(tmp_path / "b.docx")]


def test_missing_input_is_refused(tmp_path):
    with pytest.raises(PlanError, match="no such file"):
        plan_jobs([tmp_path / "nope.txt"], None, ("docx",))


def test_same_file_named_twice_is_converted_once(tmp_path):
    draft = touch(tmp_path / "a.txt")
    assert len(plan_jobs([draft, tmp_path, draft], tmp_path / "out", ("docx",))) == 1


def test_up_to_date_needs_every_output_newer_than_input_and_style(tmp_path):
    draft, style = touch(tmp_path / "a.txt"), touch(tmp_path / "s.toml")
    job = Job(draft, "a.txt", docx=touch(tmp_path / "a.docx"), pdf=tmp_path / "a.pdf")
    os.utime(draft, ns=(10**18, 10**18))
    os.utime(style, ns=(10**18, 10**18))
    os.utime(job.docx, ns=(2 * 10**18, 2 * 10**18))
    assert not is_up_to_date(job, style)  # no PDF yet
    touch(job.pdf)
    os.utime(job.pdf, ns=(2 * 10**18, 2 * 10**18))
    assert is_up_to_date(job, style)
    os.utime(style, ns=(3 * 10**18, 3 * 10**18))
    assert not is_up_to_date(job, style)


def test_set_fields_replace_and_extend_front_matter():
    document = Document("a.txt", "utf-8", (), fields=(("doc_number", "旧"), ("signer", "张三")))
    updated = with_fields(document, (("doc_number", "国发〔2024〕1号"), ("classification", "秘密")))
    assert updated.fields == (("doc_number", "国发〔2024〕1号"), ("signer", "张三"), ("classification", "秘密"))


def test_atomic_output_leaves_nothing_on_failure_and_replaces_on_success(tmp_path):
    target = tmp_path / "deep" / "a.docx"
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(target) as temporary:
            temporary.write_bytes(b"half")
            raise KeyboardInterrupt
    assert list((tmp_path / "deep").iterdir()) == []
    with atomic_output(target) as temporary:
        temporary.write_bytes(b"whole")
    assert target.read_bytes() == b"whole"
    assert list((tmp_path / "deep").iterdir()) == [target]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
