"""`inspect --format json` is the Document: `convert` lays it out exactly as it lays out the draft, a
script may correct kinds and levels in between, and JSON that breaks the contract is refused."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from govfmt.cli import main
from govfmt.document_json import document_from_json, to_json
from govfmt.reader import read_text_source
from govfmt.parse import parse

from conftest import CORPUS, REPO
from docx_xml import paragraph_text, paragraphs, style_of

DRAFTS = sorted((CORPUS / "docs").glob("*.txt")) + sorted((REPO / "samples").glob("*.txt"))
CONTRACT_KEYS = ("kind", "level", "line_start", "line_end", "text", "run_in", "heading_text")

NOTICE = "\n".join([
    "春节期间安全工作提示",
    "各区人民政府，市政府各部门：",
    "为切实做好春节期间安全工作，现将有关事项通知如下。",
    "一、加强组织领导",
    "各单位要高度重视。",
    "某某市人民政府办公室",
    "2024年1月20日",
]) + "\n"


def run(args, capsys):
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def inspect_json(draft: Path, capsys) -> str:
    code, out, err = run(["inspect", draft, "--format", "json"], capsys)
    assert code in (0, None) and not err, err
    return out


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_json_is_the_document(draft):
    source = read_text_source(draft)
    document = parse(source)
    assert document_from_json(to_json(document, source), document.source) == document


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_convert_of_the_inspect_json_equals_convert_of_the_draft(draft, tmp_path, capsys):
    local = tmp_path / draft.name
    shutil.copy(draft, local)
    for image in draft.parent.glob("*.png"):  # a seal image named relative to the draft
        shutil.copy(image, tmp_path / image.name)
    as_json = tmp_path / (draft.stem + ".json")
    as_json.write_text(inspect_json(local, capsys), encoding="utf-8")
    direct, via_json = tmp_path / "direct.docx", tmp_path / "via-json.docx"
    assert run(["convert", local, "-o", direct, "-q"], capsys)[0] == 0
    code, _, err = run(["convert", as_json, "-o", via_json, "-q"], capsys)
    assert code == 0, err
    assert document_xml(via_json) == document_xml(direct)


def test_the_contract_keys_come_first_and_unchanged(capsys):
    draft = CORPUS / "docs" / "000.txt"
    record = json.loads(inspect_json(draft, capsys))
    assert list(record)[:4] == ["govfmt", "source", "encoding", "blocks"]
    for block in record["blocks"]:
        contract = [key for key in block if key in CONTRACT_KEYS]
        assert list(block)[:len(contract)] == contract
        assert contract == [key for key in CONTRACT_KEYS if key in contract]
        if block["kind"] == "heading":
            assert {"level", "run_in"} <= set(block)


def corrected_by_script(record: dict) -> dict:
    """What a user's script does: the first line is body text, the 1st-level heading is a 2nd-level one."""
    for block in record["blocks"]:
        if block["text"] == "春节期间安全工作提示":
            block["kind"] = "body"
        if block["text"] == "一、加强组织领导":
            block["level"] = 2
        if block["text"] == "各单位要高度重视。":
            block["kind"], block["level"] = "heading", 3
    return record


def test_a_json_corrected_by_a_script_lays_out_as_corrected(tmp_path, capsys):
    draft = tmp_path / "提示.txt"
    draft.write_text(NOTICE, encoding="utf-8")
    record = json.loads(inspect_json(draft, capsys))
    kinds = {b["text"]: (b["kind"], b.get("level")) for b in record["blocks"]}
    assert kinds["春节期间安全工作提示"] == ("title", None)
    assert kinds["一、加强组织领导"] == ("heading", 1)
    assert kinds["各单位要高度重视。"] == ("body", None)
    fixed = tmp_path / "提示.json"
    fixed.write_text(json.dumps(corrected_by_script(record), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "提示.docx"
    assert run(["convert", fixed, "-o", out, "-q"], capsys)[0] == 0
    styles = {paragraph_text(p): style_of(p) for p in paragraphs(out)}
    assert styles["春节期间安全工作提示"] == "GovBody"
    assert styles["一、加强组织领导"] == "GovHeading2"
    assert styles["各单位要高度重视。"] == "GovHeading3"

    # the same corrections written into the draft give the same document
    lines = NOTICE.split("\n")
    lines[4:4] = ["%% govfmt: 三级标题"]
    lines[3:3] = ["%% govfmt: 二级标题"]
    lines[0:0] = ["%% govfmt: 正文"]
    corrected = tmp_path / "提示-更正.txt"
    corrected.write_text("\n".join(lines), encoding="utf-8")
    direct = tmp_path / "提示-更正.docx"
    assert run(["convert", corrected, "-o", direct, "-q"], capsys)[0] == 0
    assert document_xml(direct) == document_xml(out)


def test_inspect_reads_its_own_json(tmp_path, capsys):
    draft = tmp_path / "提示.txt"
    draft.write_text(NOTICE, encoding="utf-8")
    as_json = tmp_path / "提示.json"
    as_json.write_text(inspect_json(draft, capsys), encoding="utf-8")
    again = json.loads(inspect_json(as_json, capsys))
    first = json.loads(inspect_json(draft, capsys))
    assert again["blocks"] == first["blocks"] and again["draft"] == first["draft"]


def noticed(tmp_path, capsys) -> dict:
    draft = tmp_path / "提示.txt"
    draft.write_text(NOTICE, encoding="utf-8")
    return json.loads(inspect_json(draft, capsys))


def _unknown_kind(record):
    record["blocks"][3]["kind"] = "headline"


def _overlap(record):
    record["blocks"][2]["line_end"] = 4


def _other_text(record):
    record["blocks"][2]["text"] = "为做好安全工作，特通知如下。"


def _heading_without_level(record):
    record["blocks"][4]["kind"] = "heading"


def _line_left_out(record):
    del record["blocks"][4]


def _out_of_order(record):
    record["blocks"][2], record["blocks"][3] = record["blocks"][3], record["blocks"][2]


def _bad_confidence(record):
    record["blocks"][1]["confidence"] = 1.5


def _past_the_end(record):
    record["blocks"][-1]["line_end"] = 40


def _directive_laid_out(record):
    record["draft"].insert(0, "%% govfmt: ignore[P101]")
    for block in record["blocks"]:
        block["line_start"] += 1
        block["line_end"] += 1
    record["blocks"].insert(0, {"kind": "body", "line_start": 1, "line_end": 1, "text": "%% govfmt: ignore[P101]"})


REFUSALS = {
    _unknown_kind: ("block 4 (line 4)", "'headline' is not a block kind"),
    _overlap: ("block 4 (line 4)", "overlap block 3"),
    _other_text: ("block 3 (line 3)", "not the text of those lines of the draft"),
    _heading_without_level: ("block 5 (line 5)", "needs a level from 1 to 4"),
    _line_left_out: ("line 5 of the draft", "is in no block"),
    _out_of_order: ("block 4 (line 3)", "overlap block 3"),
    _bad_confidence: ("block 2 (line 2)", "from 0 to 1"),
    _past_the_end: ("block 7 (lines 7-40)", "the draft has only 8 lines"),
    _directive_laid_out: ("block 1 (line 1)", "a %% govfmt: line is never laid out"),
}


@pytest.mark.parametrize("breakage", REFUSALS, ids=lambda f: f.__name__.strip("_"))
def test_json_that_breaks_the_contract_is_refused_naming_the_block(breakage, tmp_path, capsys):
    record = noticed(tmp_path, capsys)
    breakage(record)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "bad.docx"
    code, _, err = run(["convert", bad, "-o", out], capsys)
    where, what = REFUSALS[breakage]
    assert code == 2
    assert err.strip().splitlines() == [err.strip()], err  # one sentence
    assert f"{bad}: {where}" in err and what in err
    assert not out.exists()


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not valid JSON (line 1, column 2"),
    ("[1, 2]", 'has no "blocks" list'),
    ('{"blocks": []}', "has no blocks"),
    ('{"blocks": [{"kind": "body", "line_start": 1, "line_end": 1}]}', "block 1 (line 1): \"text\" must be"),
])
def test_json_that_is_no_document_is_refused(content, message, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(["convert", bad, "-o", tmp_path / "bad.docx"], capsys)
    assert code == 2 and message in err and str(bad) in err


def test_inspect_reads_its_json_from_standard_input(tmp_path, capsys):
    import os
    import subprocess
    import sys

    draft = tmp_path / "提示.txt"
    draft.write_text(NOTICE, encoding="utf-8")
    record = corrected_by_script(json.loads(inspect_json(draft, capsys)))
    done = subprocess.run([sys.executable, "-m", "govfmt", "inspect", "-"], capture_output=True, timeout=60,
                          input=json.dumps(record, ensure_ascii=False).encode("utf-8"),
                          env={**os.environ, "LANG": "C"})
    assert done.returncode == 0, done.stderr.decode()
    rows = done.stdout.decode("utf-8").splitlines()
    assert rows[0].split()[0] == "1" and rows[0].split()[1].startswith("body")  # as the script set it
    assert rows[3].split()[:2] == ["4", "h2"] and rows[4].split()[:2] == ["5", "h3"]


def test_the_text_view_marks_unsure_guesses_and_corrected_kinds(tmp_path, capsys):
    draft = tmp_path / "提示.txt"
    draft.write_text(NOTICE, encoding="utf-8")
    code, out, _ = run(["inspect", draft], capsys)
    kinds = [row.split()[1] for row in out.splitlines()]
    assert kinds[0] == "title?"  # no document type, no 关于: a guess
    assert "?" not in "".join(kinds[1:5])
    draft.write_text("%% govfmt: 标题\n" + NOTICE.replace("各单位要高度重视。", "%% govfmt: 正文\n各单位要高度重视。"),
                     encoding="utf-8")
    code, out, _ = run(["inspect", draft], capsys)
    kinds = {row.split()[0]: row.split()[1] for row in out.splitlines()}
    assert kinds["2"] == "title" and kinds["1"] == "directive"  # confirmed by the author: no longer a guess
    assert kinds["7"] == "body"  # the correction changed nothing, so nothing is marked
    json_record = json.loads(inspect_json(draft, capsys))
    title = next(b for b in json_record["blocks"] if b["kind"] == "title")
    assert title["confidence"] == 1.0


def test_inspect_piped_into_convert_gives_the_docx_of_the_draft(tmp_path, capsys):
    import os
    import subprocess
    import sys

    draft = tmp_path / "讲话稿.txt"
    shutil.copy(CORPUS / "docs" / "000.txt", draft)
    env = {**os.environ, "LANG": "C"}
    shown = subprocess.run([sys.executable, "-m", "govfmt", "inspect", str(draft), "--format", "json"],
                           capture_output=True, timeout=120, env=env, check=True)
    piped = tmp_path / "piped.docx"
    done = subprocess.run([sys.executable, "-m", "govfmt", "convert", "-", "-o", str(piped), "-q"],
                          input=shown.stdout, capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr.decode()
    direct = tmp_path / "direct.docx"
    assert run(["convert", draft, "-o", direct, "-q"], capsys)[0] == 0
    assert document_xml(piped) == document_xml(direct)

    broken = json.loads(shown.stdout)
    broken["blocks"][1]["text"] = "另一段文字"
    refused = subprocess.run([sys.executable, "-m", "govfmt", "convert", "-", "-o", str(tmp_path / "x.docx")],
                             input=json.dumps(broken).encode(), capture_output=True, timeout=120, env=env)
    assert refused.returncode == 2
    assert "block 2" in refused.stderr.decode() and "not the text of those lines" in refused.stderr.decode()
    assert not (tmp_path / "x.docx").exists()
