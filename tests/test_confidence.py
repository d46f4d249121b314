"""Confidence of head and tail decisions, measured against the labelled corpora: the decisions called
unsure are the wrong ones, and the sure ones are right."""

from __future__ import annotations


from govfmt.inspect import UNSURE_BELOW
from govfmt.parse.confidence import doubts
from govfmt.reader import read_document

from conftest import CORPUS, TESTS
from structure_scoring import gold_labels

CORPORA = (CORPUS, TESTS / "corpus" / "synthetic")


def rated_decisions():
    for corpus in CORPORA:
        for draft in sorted((corpus / "docs").glob("*.txt")):
            gold = gold_labels(corpus, draft.stem)
            for doubt in doubts(read_document(draft)):
                block = doubt.block
                label = f"h{block.level}" if block.kind == "heading" else block.kind
                yield f"{draft.parent.parent.name}/{draft.stem}:{block.line_start}", doubt.confidence, \
                    gold.get(block.line_start) == label


def test_unsure_decisions_are_wrong_ones_and_wrong_ones_are_less_sure():
    decisions = list(rated_decisions())
    right = [confidence for _, confidence, ok in decisions if ok]
    wrong = [confidence for _, confidence, ok in decisions if not ok]
    assert len(decisions) > 300 and wrong
    false_alarms = [where for where, confidence, ok in decisions if ok and confidence < UNSURE_BELOW]
    assert false_alarms == []
    assert any(confidence < UNSURE_BELOW for confidence in wrong)
    assert sum(wrong) / len(wrong) < sum(right) / len(right) - 0.1


def test_every_head_and_tail_block_of_a_draft_is_rated_and_others_are_not(tmp_path):
    draft = tmp_path / "通知.txt"
    draft.write_text("关于做好防汛工作的通知\n各区人民政府：\n现将有关事项通知如下。\n一、加强领导\n各单位要重视。\n"
                     "某某市人民政府\n2024年3月1日\n", encoding="utf-8")
    rated = {b.line_start: b.confidence for b in read_document(draft).blocks}
    # the title, 主送机关, first paragraph, the paragraph above the 署名, 署名 and 成文日期; not the heading
    assert all(rated[line] is not None for line in (1, 2, 3, 5, 6, 7))
    assert rated[4] is None
    assert all(rated[line] >= UNSURE_BELOW for line in (1, 2, 6, 7))


def test_a_contact_line_above_the_signature_is_sure_text_and_a_short_phrase_is_not(tmp_path):
    head = "关于召开安全生产工作会议的通知\n各科室：\n经研究，定于4月8日召开会议，请按时参加。\n"
    tail = "\n某县应急管理局\n2024年4月1日\n"
    for line, unsure in (("联系人：张三，电话：12345678901", False), ("请各单位高度重视", True)):
        draft = tmp_path / "通知.txt"
        draft.write_text(head + line + "\n" + tail, encoding="utf-8")
        rated = {b.line_start: b.confidence for b in read_document(draft).blocks}
        assert (rated[4] < UNSURE_BELOW) == unsure, line
