"""The JSON document of `inspect --format json` read back (DESIGN.md): what a script may leave out or
change (the draft, the header fields, run-in splits, table cells) is filled in as detection would; every
other breach of the contract is refused in one sentence naming the file and the block, exit code 2.
Each case goes through `govfmt inspect FILE.json`, the command a script would run."""

from __future__ import annotations

import copy
import json

import pytest

from govfmt.cli import main

DRAFT = [
    "关于开展安全检查的通知",
    "各单位：",
    "一、检查范围。全市各单位。",
    "%% govfmt: ignore[P101]",
    "序号\t单位",
    "1\t办公室",
    "某某市人民政府办公室",
    "2024年3月1日",
]
BLOCKS = [
    {"kind": "title", "line_start": 1, "line_end": 1, "text": "关于开展安全检查的通知"},
    {"kind": "addressee", "line_start": 2, "line_end": 2, "text": "各单位："},
    {"kind": "heading", "level": 1, "line_start": 3, "line_end": 3, "text": "一、检查范围。全市各单位。",
     "run_in": True, "heading_text": "一、检查范围。"},
    {"kind": "directive", "line_start": 4, "line_end": 4, "text": "%% govfmt: ignore[P101]"},
    {"kind": "table", "line_start": 5, "line_end": 6, "text": "序号\t单位\n1\t办公室",
     "cells": [["序号", "单位"], ["1", "办公室"]]},
    {"kind": "signature", "line_start": 7, "line_end": 7, "text": "某某市人民政府办公室"},
    {"kind": "date", "line_start": 8, "line_end": 8, "text": "2024年3月1日"},
]
RECORD = {"govfmt": "0.1.0", "source": "通知.txt", "encoding": "utf-8", "blocks": BLOCKS, "draft": DRAFT}


def _inspect(tmp_path, capsys, record, fmt: str = "json", raw: bytes | None = None):
    path = tmp_path / "通知.json"
    path.write_bytes(raw if raw is not None else json.dumps(record, ensure_ascii=False).encode("utf-8"))
    with pytest.raises(SystemExit) as exited:
        main(["inspect", str(path), "--format", fmt])
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err, path


def _refused(tmp_path, capsys, record=None, raw=None) -> str:
    code, out, err, path = _inspect(tmp_path, capsys, record, raw=raw)
    assert code == 2 and not out, (code, out, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"govfmt: {path}: "), err
    return err[len(f"govfmt: {path}: "):].strip()


def test_the_full_record_reads_back(tmp_path, capsys):
    code, out, err, _ = _inspect(tmp_path, capsys, RECORD)
    assert code == 0, err
    again = json.loads(out)
    assert again["body_start"] == 1 and again["fields"] == [] and again["blocks"] == BLOCKS


def test_without_body_start_and_fields_they_come_from_the_drafts_front_matter(tmp_path, capsys):
    record = copy.deepcopy(RECORD)
    record["draft"] = ["---", "发文字号: 某办发〔2024〕3号", "---", *DRAFT]
    front = [{"kind": "other", "line_start": 1, "line_end": 1, "text": "---"},
             {"kind": "doc_number", "line_start": 2, "line_end": 2, "text": "某办发〔2024〕3号"},
             {"kind": "other", "line_start": 3, "line_end": 3, "text": "---"}]
    for block in record["blocks"]:
        block["line_start"] += 3
        block["line_end"] += 3
    record["blocks"] = front + record["blocks"]
    code, out, err, _ = _inspect(tmp_path, capsys, record)
    assert code == 0, err
    again = json.loads(out)
    assert again["body_start"] == 4 and again["fields"] == [["doc_number", "某办发〔2024〕3号"]]


def test_a_record_without_the_draft_starts_at_line_one_with_its_own_fields(tmp_path, capsys):
    record = {"blocks": BLOCKS, "fields": [["发文字号", "某办发〔2024〕3号"]]}
    code, out, err, _ = _inspect(tmp_path, capsys, record)
    assert code == 0, err
    again = json.loads(out)
    assert again["body_start"] == 1 and again["fields"] == [["doc_number", "某办发〔2024〕3号"]]
    assert again["encoding"] == "utf-8" and "draft" not in again


def test_json_with_a_byte_order_mark_is_read(tmp_path, capsys):
    raw = b"\xef\xbb\xbf" + json.dumps(RECORD, ensure_ascii=False).encode("utf-8")
    code, out, err, _ = _inspect(tmp_path, capsys, None, raw=raw)
    assert code == 0 and json.loads(out)["blocks"] == BLOCKS, err


def test_what_a_script_leaves_out_is_filled_in_as_detection_would(tmp_path, capsys):
    """A body turned into a heading gets its run-in split; a run-in heading without heading_text gets
    it; a table without cells is split at its tabs; the text view shows the result."""
    record = copy.deepcopy(RECORD)
    del record["blocks"][2]["heading_text"]
    record["blocks"][1] = {"kind": "heading", "level": 2, "line_start": 2, "line_end": 2, "text": "各单位："}
    del record["blocks"][4]["cells"]
    code, out, err, _ = _inspect(tmp_path, capsys, record)
    assert code == 0, err
    blocks = json.loads(out)["blocks"]
    assert blocks[1]["run_in"] is False and "heading_text" not in blocks[1]
    assert blocks[2]["heading_text"] == "一、检查范围。"
    assert blocks[4]["cells"] == [["序号", "单位"], ["1", "办公室"]]
    code, out, err, _ = _inspect(tmp_path, capsys, record, fmt="text")
    assert [row.split()[:2] for row in out.splitlines()][1:3] == [["2", "h2"], ["3", "h1+"]]


def _set(path, value):
    def change(record):
        target = record
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return change


REFUSALS = [
    (_set(["encoding"], 8), '"encoding" must be a string such as "utf-8"'),
    (_set(["draft"], "关于开展安全检查的通知"), '"draft" must be the list of the draft\'s lines'),
    (_set(["draft"], [1, 2]), '"draft" must be the list of the draft\'s lines'),
    (_set(["body_start"], 0), '"body_start" must be the line number where the draft text starts (1 or more)'),
    (_set(["body_start"], True), '"body_start" must be the line number'),
    (_set(["fields"], {"发文字号": "x"}), '"fields" must be a list of [key, value] pairs of strings'),
    (_set(["fields"], [["发文字号"]]), '"fields" must be a list of [key, value] pairs of strings'),
    (_set(["blocks", 1], "各单位："), "block 2 is not an object with kind, line_start, line_end and text"),
    (_set(["blocks", 1, "line_start"], "5"), "block 2: line_start and line_end must be line numbers"),
    (_set(["blocks", 1, "line_end"], 1), "block 2 (lines 2-1): line_start and line_end must be line numbers with "
                                         "line_start <= line_end"),
    (_set(["blocks", 4, "cells"], [["序号", 1]]), 'block 5 (lines 5-6): "cells" must be a list of rows, each a list of '
                                                 'strings'),
    (_set(["blocks", 4, "cells"], [["序号", "部门"]]), 'block 5 (lines 5-6): its "cells" do not hold the text of the '
                                                      'block'),
    (_set(["blocks", 0, "lines"], ["关于", 3]), 'block 1 (line 1): "lines" must be a list of strings'),
    (_set(["blocks", 0, "lines"], ["通知关于"]), 'block 1 (line 1): its "lines" do not hold the text of the block'),
    (_set(["blocks", 2, "run_in"], "yes"), 'block 3 (line 3): "run_in" must be true or false'),
    (_set(["blocks", 2, "heading_text"], "检查范围。"), 'block 3 (line 3): a run-in heading needs "heading_text", the '
                                                   'start of its text'),
    (_set(["blocks", 2, "heading_text"], "一、检查范围。全市各单位。"), "a run-in heading needs \"heading_text\""),
    (_set(["blocks", 3, "line_end"], 5), "block 4 (lines 4-5): a directive is one line of its own"),
    (_set(["blocks", 3, "line_start"], 7), "block 4 (lines 7-4)"),
    (_set(["blocks", 3, "text"], "一、检查范围。"), "block 4 (line 4): its text is not the text of those lines of the draft"),
]


@pytest.mark.parametrize("change, message", REFUSALS, ids=range(len(REFUSALS)))
def test_a_breach_of_the_contract_is_refused_naming_the_block(change, message, tmp_path, capsys):
    record = copy.deepcopy(RECORD)
    change(record)
    said = _refused(tmp_path, capsys, record)
    assert message in said, said


def test_a_heading_set_run_in_without_a_split_the_text_allows_is_refused(tmp_path, capsys):
    record = copy.deepcopy(RECORD)
    record["blocks"][1] = {"kind": "heading", "level": 2, "line_start": 2, "line_end": 2, "text": "各单位：",
                           "run_in": True}
    assert _refused(tmp_path, capsys, record) == ('block 2 (line 2): a run-in heading needs "heading_text", the start '
                                                 'of its text')


def test_two_directive_blocks_on_one_line_are_refused(tmp_path, capsys):
    record = copy.deepcopy(RECORD)
    record["blocks"].insert(4, dict(record["blocks"][3]))
    assert _refused(tmp_path, capsys, record) == "block 5 (line 4): a directive is one line of its own"


def test_a_directive_before_an_earlier_block_is_out_of_order(tmp_path, capsys):
    record = copy.deepcopy(RECORD)
    directive = record["blocks"].pop(3)
    record["blocks"].insert(1, directive)
    assert _refused(tmp_path, capsys, record) == "block 3 (line 2): blocks must be in the order of their lines"


def test_a_block_over_blank_lines_is_refused(tmp_path, capsys):
    record = copy.deepcopy(RECORD)
    record["draft"] = record["draft"][:2] + ["", ""] + record["draft"][2:]
    for block in record["blocks"][2:]:
        block["line_start"] += 2
        block["line_end"] += 2
    record["blocks"].insert(2, {"kind": "body", "line_start": 3, "line_end": 4, "text": "空"})
    assert _refused(tmp_path, capsys, record) == "block 3 (lines 3-4): its lines of the draft are blank"


def test_a_directive_block_on_a_line_of_text_is_refused(tmp_path, capsys):
    record = copy.deepcopy(RECORD)
    record["blocks"][1] = {"kind": "directive", "line_start": 2, "line_end": 2, "text": "各单位："}
    assert _refused(tmp_path, capsys, record) == ("block 2 (line 2): a directive block must be a %% govfmt: line of "
                                                 "the draft")


def test_json_that_is_not_utf8_is_refused(tmp_path, capsys):
    raw = json.dumps(RECORD, ensure_ascii=False).encode("gb18030")
    said = _refused(tmp_path, capsys, raw=raw)
    assert said.startswith("is not UTF-8 (byte ") and "JSON input must be UTF-8" in said
