"""How sure detection is of its head and tail decisions, and the correction that would settle each.

The head (title, 主送机关 and the first paragraph below them) and the tail (the paragraph above the
署名, the 署名, 成文日期 and 附注) are where a pasted draft is most often misread. Each decision is
rated from the cues a clerk would look for: a title ends with a document type (通知, 意见 …) or
begins with 关于, a 署名 is the name of an organ, a 主送机关 is a list of organs ending in a colon.
A block detection already rated keeps its rating. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from govfmt.model import Block, Document
from govfmt.parse import patterns as p
from govfmt.parse import build
from govfmt.parse.lines import (
    compact, ends_with_doc_type, ends_with_terminal, is_date, is_recipient_list, is_session_number,
)

_TAIL_KINDS = ("signature", "date", "note")
_TEXT_KINDS = ("body", "heading")
_HEAD_KINDS = ("title", "subtitle", "addressee", "salutation")
SHORT_LINE = 30  # characters: a name, a title or a heading, not a paragraph


@dataclass(frozen=True)
class Doubt:
    """A head or tail decision, how sure it is, and the kind to name if it is wrong."""

    block: Block
    confidence: float
    alternative: str  # the Chinese kind name for `%% govfmt: …`
    place: str  # "head" or "tail"


def rated(document: Document) -> Document:
    """The document with a confidence on each head and tail block that has none yet."""
    found = doubts(document)
    rating: dict[int, float] = {}
    for doubt in found:  # the first paragraph may also be the one above the 署名
        rating[id(doubt.block)] = min(doubt.confidence, rating.get(id(doubt.block), 1.0))
    if not rating:
        _last_rated[:] = [document, found]
        return document
    new_block: dict[int, Block] = {}
    blocks = []
    for b in document.blocks:
        if id(b) in rating and b.confidence is None:
            new_block[id(b)] = b = build.changed(b, confidence=rating[id(b)])
        blocks.append(b)
    result = replace(document, blocks=tuple(blocks))
    # what doubts(result) finds: the same decisions (rating changes no kind), each with its block's confidence
    moved = [Doubt(new, new.confidence, d.alternative, d.place) if (new := new_block.get(id(d.block))) else d
             for d in found]
    _last_rated[:] = [result, moved]
    return result


# The document rated() returned last and its doubts: the linter asks for them again (rule G905).
_last_rated: list = []


def doubts(document: Document) -> list[Doubt]:
    """The head and tail decisions of the document itself (attachments are left alone); a block that
    carries a confidence already (from detection, or 1 when a correction set it) keeps it."""
    last = _last_rated
    if last and last[0] is document:
        return list(last[1])
    text = [b for b in document.blocks if b.line_start >= document.body_start and b.kind != "directive"]
    end = next((i for i, b in enumerate(text) if b.kind == "attachment_mark"), len(text))
    main = text[:end]
    return [d if d.block.confidence is None else replace(d, confidence=d.block.confidence)
            for d in _head(main) + _tail(main)]


def _head(blocks: list[Block]) -> list[Doubt]:
    found = []
    has_title = any(b.kind == "title" for b in blocks)
    for index, block in enumerate(blocks):
        if block.kind in _HEAD_KINDS:
            below = blocks[index + 1] if index + 1 < len(blocks) else None
            found.append(_head_doubt(block, below))
            continue
        if block.kind in _TEXT_KINDS:
            if block.kind == "body":
                found.append(_first_body(block, index, has_title))
            break
    return found


def _head_doubt(block: Block, below: Block | None) -> Doubt:
    flat = compact(block.text)
    if block.kind == "title":
        sure = 0.6
        if ends_with_doc_type(flat) or (flat.startswith("《") and flat.endswith("》")):
            sure += 0.3
        elif below is not None and below.kind == "subtitle":
            sure += 0.25  # a speech: its title names no document type, the speaker or date follows
        if flat.startswith("关于"):
            sure += 0.08
        if "。" in flat or len(flat) > 60:
            sure -= 0.3
        return Doubt(block, _clamp(sure), "正文", "head")
    if block.kind == "subtitle":
        marked = flat.startswith(("——", "—", "－－", "--")) or p.SPEAKER.match(block.text) \
            or (flat.startswith(("（", "(")) and flat.endswith(("）", ")"))) or is_session_number(flat)
        sure = 0.85 if marked else 0.65
        return Doubt(block, sure, "正文", "head")
    if block.kind == "salutation":
        return Doubt(block, 0.9, "正文", "head")
    sure = 0.9 if flat.endswith(("：", ":")) and is_recipient_list(flat) else 0.65
    return Doubt(block, sure, "正文", "head")


def _first_body(block: Block, index: int, has_title: bool) -> Doubt:
    """The first paragraph: text, or a title or 主送机关 that detection did not see?"""
    flat = compact(block.text)
    if not has_title and index == 0 and len(flat) <= SHORT_LINE and not ends_with_terminal(flat):
        return Doubt(block, 0.4, "标题", "head")
    if flat.endswith(("：", ":")) and is_recipient_list(flat) and len(flat) <= SHORT_LINE:
        return Doubt(block, 0.5, "主送机关", "head")
    return Doubt(block, 0.9 if len(flat) > SHORT_LINE or ends_with_terminal(flat) else 0.75,
                 "标题" if not has_title else "主送机关", "head")


def _tail(blocks: list[Block]) -> list[Doubt]:
    first = next((i for i, b in enumerate(blocks) if b.kind in _TAIL_KINDS), None)
    if first is None:
        return _missing_tail(blocks)
    found = []
    above = blocks[first - 1] if first > 0 else None
    if above is not None and above.kind == "body":
        found.append(_above_signature(above, has_signature=blocks[first].kind == "signature"))
    for block in blocks[first:]:
        if block.kind == "signature":
            found.append(Doubt(block, _signature_confidence(block), "正文", "tail"))
        elif block.kind == "date":
            found.append(Doubt(block, 0.95 if is_date(block.text) else 0.6, "正文", "tail"))
        elif block.kind == "note":
            found.append(Doubt(block, 0.8, "正文", "tail"))
    return found


def _missing_tail(blocks: list[Block]) -> list[Doubt]:
    """No 署名 or 成文日期 found: short lines closing the text may be them (a date written 2024年1月)."""
    found = []
    for block in reversed(blocks[-3:]):
        flat = compact(block.text)
        if block.kind != "body" or len(flat) > SHORT_LINE or ends_with_terminal(flat) or p.CLOSING.match(flat):
            break
        if "年" in flat and any(ch.isdigit() or ch in "〇○一二三四五六七八九十" for ch in flat[:4]):
            found.append(Doubt(block, 0.45, "成文日期", "tail"))
        elif p.ORGAN.search(flat):
            found.append(Doubt(block, 0.45, "署名", "tail"))
    return found[::-1]


def _signature_confidence(block: Block) -> float:
    names = block.lines or (block.text,)
    organs = sum(1 for name in names if p.ORGAN.search(compact(name)))
    if organs == len(names):
        return 0.9
    return 0.75 if all(len(compact(name)) <= 6 for name in names) else 0.6  # a person's name, or a guess


def _above_signature(block: Block, has_signature: bool) -> Doubt:
    """The paragraph just above the 署名 or 成文日期: text, or a 署名 detection did not see?"""
    flat = compact(block.text)
    labelled = "：" in flat or ":" in flat  # 联系人：…, 电话：…: no 署名 holds a colon
    if len(flat) <= SHORT_LINE and not ends_with_terminal(flat) and not p.CLOSING.match(flat) and not labelled:
        sure = 0.45 if p.ORGAN.search(flat) and not has_signature else 0.65
        return Doubt(block, sure, "署名", "tail")
    return Doubt(block, 0.95, "署名", "tail")


def _clamp(value: float) -> float:
    return round(min(0.98, max(0.05, value)), 2)
