"""`convert --fix`: the text laid out is the draft with check's safe fixes applied; the draft is not changed."""

from __future__ import annotations

import json
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfmt.cli import main
from govfmt.convert.fixing import fixed_source
from govfmt.convert.jobs import Job
from govfmt.convert.pipeline import Settings, read
from govfmt.errors import GovfmtError
from govfmt.ingest import decode
from govfmt.lint.fixer import equivalence_key, fix_text
from govfmt.lint.linter import lint_source
from govfmt.reader import read_text_source

from conftest import CORPUS
from docx_xml import body_text

CHAT = ("关于报送2024年度工作总结的通知\n\n各科室、各下属单位:\n\n    根据局党组工作安排,现就报送有关事项通知如下:\n\n"
        "    一.报送内容\n\n    (一)2024年度工作总结.主要包括工作完成情况和2025年工作打算.\n\n    请于12月20日前报送.\n\n"
        "局办公室\n2024年12月02日\n")


def _run(args, capsys):
    with pytest.raises(SystemExit) as stop:
        main(args)
    return stop.value.code, capsys.readouterr().err


def test_the_docx_has_the_fixed_text_and_the_draft_is_unchanged(tmp_path, capsys):
    draft = tmp_path / "聊天.txt"
    draft.write_bytes(CHAT.encode("gb18030"))
    before = draft.read_bytes()
    code, err = _run(["convert", str(draft), "--fix", "-o", str(tmp_path / "fixed.docx"),
                      "--report", str(tmp_path / "r.json")], capsys)
    assert code == 0 and draft.read_bytes() == before
    text = body_text(tmp_path / "fixed.docx")
    for typed, standard in ((",", "，"), ("各下属单位:", "各下属单位："), ("(一)", "（一）"), ("一.", "一、"),
                            ("总结.", "总结。"), ("2024年12月02日", "2024年12月2日")):
        assert typed not in text and standard in text, typed
    fixes = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"][0]["fixes"]
    assert {"P101", "E101", "H101", "H102", "N101"} <= set(fixes)
    assert f"laid out with {sum(fixes.values())} fixes" in err and "the draft is unchanged" in err

    code, _ = _run(["convert", str(draft), "-o", str(tmp_path / "typed.docx")], capsys)
    assert "," in body_text(tmp_path / "typed.docx")  # without --fix the text is laid out as typed


def _clean(text: str) -> str:
    return fix_text(text, lambda t: list(lint_source(decode(t.encode("utf-8"), "d.txt")).diagnostics)).text


# mistakes whose safe fix gives back exactly what was there
_PLANTS = [
    (re.compile(r"(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])"), lambda m: ","),
    (re.compile(r"(?<=[\u4e00-\u9fff])。$", re.MULTILINE), lambda m: "."),
    (re.compile(r"^（([一二三四五六七八九十]{1,2})）", re.MULTILINE), lambda m: f"({m.group(1)})"),
    (re.compile(r"(?<=\d)(?=[年月])"), lambda m: " "),
]


def _in_table_row(text: str, at: int) -> bool:  # check leaves the cells of a table alone
    line = text[text.rfind("\n", 0, at) + 1:text.find("\n", at) % (len(text) + 1)]
    return "\t" in line or "|" in line


@pytest.mark.parametrize("doc", sorted((CORPUS / "docs").glob("*.txt")), ids=lambda p: p.stem)
def test_a_planted_draft_is_laid_out_as_its_clean_original(doc, tmp_path):
    clean = _clean(doc.read_text(encoding="utf-8"))
    rng = random.Random(doc.stem)
    planted = clean
    for pattern, wrong in _PLANTS:
        spots = [m for m in pattern.finditer(planted) if not _in_table_row(planted, m.start())]
        for match in sorted(rng.sample(spots, min(3, len(spots))), key=lambda m: -m.start()):
            planted = planted[:match.start()] + wrong(match) + planted[match.end():]
    (tmp_path / "clean.txt").write_text(clean, encoding="utf-8")
    (tmp_path / "planted.txt").write_text(planted, encoding="utf-8")

    def laid(name: str, fix: bool):
        document, fixes = read(Job(tmp_path / name, name, None, None), Settings(fix=fix))
        return [(b.kind, b.level, b.text) for b in document.blocks if b.kind != "web"], fixes  # left out

    expected, none = laid("clean.txt", True)
    got, fixes = laid("planted.txt", True)
    assert none == () and got == expected
    assert (planted == clean) == (fixes == ())


_PIECES = st.sampled_from(["关于", "通知", "各单位:", "一.", "(一)", "1、", "（1）", "2024 年 03 月 01 号", "，", ",", ".",
                           "。", "...", "“", "\"", "(", ")", "附件:", "抄送:", "国办发[2024]3号", " ", "\u3000", "\u200b",
                           "同志们:", "１２３", "ＡＢＣ", "--", "卡尔•马克思", "5.12地震", "4千", "國務院", "\t", "|"])
_DRAFT = st.lists(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=8).map("".join),
                  min_size=1, max_size=20).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(_DRAFT)
def test_a_fixed_draft_says_what_the_draft_says(tmp_path, draft):
    """--fix never fails on a draft check can read, and changes only what a safe fix may change: line for
    line, the wording (equivalence_key) of the text laid out is the draft's."""
    if draft.lstrip().startswith("---") or "\x00" in draft or "%%" in draft:
        return  # front matter and govfmt comments are other tests' business
    path = tmp_path / "d.txt"
    path.write_bytes(draft.encode("utf-8", "surrogatepass"))
    try:
        source = read_text_source(path)
    except GovfmtError:  # not a draft at all: convert says so in one sentence, with or without --fix
        return
    try:
        fixed, _fixes = fixed_source(source, str(path))
    except GovfmtError as refused:  # the fixes took away all it had: characters that print nothing
        assert "has no text" in str(refused)
        assert not re.sub(r"[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffc]", "", draft)
        return
    old, new = source.text.split("\n"), fixed.text.split("\n")
    assert len(old) == len(new)
    assert [equivalence_key(line) for line in old] == [equivalence_key(line) for line in new]
