"""Corrections in the draft: `%% govfmt: 标题` (and every other kind and heading level) set the kind of
the block below, whatever detection guessed; the lines never reach the DOCX; unknown kinds are refused."""

import dataclasses

import pytest

from govfmt.cli import main
from govfmt.errors import InputError
from govfmt.ingest import decode, draft_lines
from govfmt.parse import parse
from govfmt.parse.directives import reshape
from govfmt.reader import read_text_source

from conftest import CORPUS, REPO, TESTS
from docx_xml import body_text, paragraph_text, paragraphs, style_of

NOTICE = [
    "关于做好2024年春节期间安全工作的通知",
    "各区人民政府，市政府各部门：",
    "为切实做好春节期间安全工作，现将有关事项通知如下。",
    "一、加强组织领导",
    "各单位要高度重视。",
    "（一）落实责任。各单位要落实责任。",
    "附件：安全检查表",
    "某某市人民政府办公室",
    "2024年1月20日",
    "（此件公开发布）",
    "抄送：市委办公室。",
    "某某市人民政府办公室  2024年1月20日印发",
]
BODY_LINE = NOTICE.index("各单位要高度重视。")  # detection takes it for body text
HEADING_LINE = NOTICE.index("一、加强组织领导")

# What each name means, from GB/T 9704's terms and the kinds of the inspect contract.
NAMED = {
    "标题": ("title", None), "title": ("title", None),
    "副标题": ("subtitle", None), "subtitle": ("subtitle", None),
    "发文字号": ("doc_number", None), "doc_number": ("doc_number", None), "doc-number": ("doc_number", None),
    "主送机关": ("addressee", None), "addressee": ("addressee", None),
    "称谓": ("salutation", None), "salutation": ("salutation", None),
    "一级标题": ("heading", 1), "二级标题": ("heading", 2), "三级标题": ("heading", 3), "四级标题": ("heading", 4),
    "heading1": ("heading", 1), "heading 2": ("heading", 2), "h3": ("heading", 3), "Heading4": ("heading", 4),
    "附件说明": ("attachment_note", None), "attachment_note": ("attachment_note", None),
    "署名": ("signature", None), "signature": ("signature", None),
    "成文日期": ("date", None), "date": ("date", None),
    "附注": ("note", None), "note": ("note", None),
    "抄送": ("cc", None), "cc": ("cc", None),
    "印发": ("printed_by", None), "printed_by": ("printed_by", None),
    "份号": ("copy_number", None), "copy_number": ("copy_number", None),
    "密级": ("classification", None), "classification": ("classification", None),
    "紧急程度": ("urgency", None), "urgency": ("urgency", None),
    "发文机关标志": ("issuer_mark", None), "issuer_mark": ("issuer_mark", None),
    "签发人": ("signer", None), "signer": ("signer", None),
    "附件": ("attachment_mark", None), "attachment_mark": ("attachment_mark", None),
    "表格": ("table", None), "table": ("table", None),
    "章": ("chapter", None), "chapter": ("chapter", None),
    "其他": ("other", None), "other": ("other", None),
    "网页": ("web", None), "web": ("web", None),
}


def document_of(lines):
    return parse(decode(("\n".join(lines) + "\n").encode("utf-8"), "draft.txt"))


def block_at(document, line):
    return next(b for b in document.blocks if b.kind != "directive" and b.line_start <= line <= b.line_end)


def with_directive(lines, index, name):
    return lines[:index] + [f"%% govfmt: {name}"] + lines[index:]


@pytest.mark.parametrize("name", NAMED)
def test_each_kind_and_level_set_on_a_line_detection_takes_for_body(name):
    kind, level = NAMED[name]
    detected = block_at(document_of(NOTICE), BODY_LINE + 1)
    assert (detected.kind, detected.level) == ("body", None)
    corrected = document_of(with_directive(NOTICE, BODY_LINE, name))
    block = block_at(corrected, BODY_LINE + 2)
    assert (block.kind, block.level) == (kind, level)
    assert block.line_start == BODY_LINE + 2 and "各单位要高度重视" in block.text
    assert block.confidence == 1.0
    # nothing else moved
    others = [(b.kind, b.text) for b in corrected.blocks if b is not block and b.kind != "directive"]
    assert others == [(b.kind, b.text) for b in document_of(NOTICE).blocks if b.line_start != BODY_LINE + 1]


@pytest.mark.parametrize("name", ["正文", "body", "BODY"])
def test_body_set_on_a_line_detection_takes_for_a_heading_or_the_title(name):
    for index in (HEADING_LINE, 0):
        assert block_at(document_of(NOTICE), index + 1).kind in ("heading", "title")
        block = block_at(document_of(with_directive(NOTICE, index, name)), index + 2)
        assert (block.kind, block.level, block.text) == ("body", None, NOTICE[index])


def test_a_heading_set_by_level_is_split_where_its_phrase_ends():
    lines = with_directive(NOTICE, BODY_LINE, "三级标题")
    lines[BODY_LINE + 1] = "1.压实责任。各单位要高度重视。"
    block = block_at(document_of(lines), BODY_LINE + 2)
    assert (block.kind, block.level, block.run_in, block.heading_text) == ("heading", 3, True, "1.压实责任。")


def test_a_correction_inside_a_block_cuts_it_there():
    lines = ["关于做好春节期间", "安全工作的通知", *NOTICE[1:]]
    title = block_at(document_of(lines), 1)
    assert (title.kind, title.line_end) == ("title", 2)
    document = document_of(with_directive(lines, 1, "正文"))
    first, second = block_at(document, 1), block_at(document, 3)
    assert (first.kind, first.text, first.line_end) == ("title", "关于做好春节期间", 1)
    assert (second.kind, second.text) == ("body", "安全工作的通知")


def test_a_title_line_set_below_the_title_joins_it():
    lines = [NOTICE[0], "（2024年1月修订）", *NOTICE[1:]]
    assert block_at(document_of(lines), 2).kind != "title"
    document = document_of(with_directive(lines, 1, "标题"))
    title = block_at(document, 1)
    assert (title.kind, title.line_start, title.line_end) == ("title", 1, 3)
    assert title.text == NOTICE[0] + "（2024年1月修订）"
    assert [b.kind for b in document.blocks[:2]] == ["title", "directive"]


def test_a_signature_of_two_lines_set_line_by_line_is_one_block():
    # a date without its day is not taken as the 成文日期, so the names above it stay body text
    lines = ["关于做好春节期间安全工作的通知", "各单位：", "现将有关事项通知如下。", "某某市财政局", "某某市应急管理局",
             "2024年1月"]
    assert [b.kind for b in document_of(lines).blocks][3:] == ["body", "body", "body"]
    lines = lines[:3] + ["%% govfmt: 署名", lines[3], "%% govfmt: 署名", lines[4], "%% govfmt: 成文日期", lines[5]]
    document = document_of(lines)
    signature, date = block_at(document, 5), block_at(document, 9)
    assert (signature.kind, signature.lines, signature.line_end) == ("signature", ("某某市财政局", "某某市应急管理局"), 7)
    assert (date.kind, date.text) == ("date", "2024年1月")
    assert [c.status for c in document.corrections] == ["applied", "applied", "applied"]


def test_the_name_may_be_written_loosely():
    for line in ("%%govfmt：标题", "  %% GOVFMT: Title  ", "%% govfmt:\u3000标题"):
        lines = [line] + NOTICE[2:]  # no title: the addressee's list comes second
        lines[1:1] = ["春节期间安全工作提示"]
        block = block_at(document_of(lines), 2)
        assert block.kind == "title", line


def test_a_correction_that_agrees_with_detection_is_recorded_as_unused():
    plain = document_of(NOTICE)
    document = document_of(with_directive(NOTICE, 0, "标题"))
    assert [(c.line, c.status) for c in document.corrections] == [(1, "unused")]
    assert [(b.kind, b.text) for b in document.blocks if b.kind != "directive"] == \
        [(b.kind, b.text) for b in plain.blocks]


def test_of_two_corrections_above_one_line_the_last_counts():
    lines = with_directive(with_directive(NOTICE, BODY_LINE, "署名"), BODY_LINE, "一级标题")
    document = document_of(lines)
    assert block_at(document, BODY_LINE + 3).kind == "signature"
    assert [c.status for c in document.corrections] == ["unused", "applied"]


def test_a_correction_with_no_text_below_is_dangling():
    document = document_of(NOTICE + ["%% govfmt: 正文"])
    assert [(c.line, c.status) for c in document.corrections] == [(len(NOTICE) + 1, "dangling")]


def test_suppression_comments_are_not_corrections():
    document = document_of(with_directive(NOTICE, BODY_LINE, "ignore[P101]"))
    assert document.corrections == ()
    assert block_at(document, BODY_LINE + 2).kind == "body"


def test_an_unknown_kind_is_one_sentence_with_its_line():
    with pytest.raises(InputError) as refused:
        document_of(with_directive(NOTICE, 3, "签名"))
    assert refused.value.line == 4
    assert "签名" in refused.value.message and "署名" in refused.value.message


def test_convert_refuses_an_unknown_kind_with_exit_2(tmp_path, capsys):
    draft = tmp_path / "通知.txt"
    draft.write_text("\n".join(with_directive(NOTICE, 3, "大标题")) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["convert", str(draft), "-o", str(tmp_path / "out.docx")])
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert f"{draft}: line 4: " in err and "大标题" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.docx").exists()


def test_corrections_shape_the_docx_and_never_reach_it(tmp_path, capsys):
    lines = NOTICE[:2] + ["欢迎您的到来"] + NOTICE[2:]
    assert block_at(document_of(lines), 3).kind != "web"
    lines = with_directive(lines, 2, "网页")
    lines = with_directive(lines, BODY_LINE + 2, "二级标题")
    lines = with_directive(lines, 0, "正文")
    draft = tmp_path / "通知.txt"
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "通知.docx"
    with pytest.raises(SystemExit) as exited:
        main(["convert", str(draft), "-o", str(out), "-q"])
    assert exited.value.code == 0
    text = body_text(out)
    assert "govfmt" not in text and "%%" not in text
    assert "欢迎访问" not in text  # set to web-page chrome: left out
    styles = {paragraph_text(p): style_of(p) for p in paragraphs(out)}
    assert styles["各单位要高度重视。"] == "GovHeading2"
    assert styles[NOTICE[0]] == "GovBody"
    assert "GovTitle" not in styles.values()


def test_a_block_rebuilt_for_its_own_kind_is_the_block_detection_built():
    """A correction builds its block as the assembler does: over every corpus, rebuilding each detected
    block from its lines for its kind gives it back unchanged (text, line breaks, cells, run-in split)."""
    drafts = [*sorted((CORPUS / "docs").glob("*.txt")), *sorted((TESTS / "corpus" / "synthetic" / "docs").glob("*.txt")),
              *sorted((REPO / "samples").glob("*.txt"))]
    rebuilt = 0
    for draft in drafts:
        source = read_text_source(draft)
        document, lines = parse(source), draft_lines(source)
        for block in document.blocks:
            if block.line_start < document.body_start or block.kind == "directive":
                continue
            own = [line for line in lines if block.line_start <= line.number <= block.line_end]
            # whether a block continues the paragraph above it is read from the blocks around it
            alone = dataclasses.replace(block, continues=False)
            assert reshape(block.kind, block.level, own, block.confidence) == alone, (draft.name, block)
            rebuilt += 1
    assert rebuilt > 1000
