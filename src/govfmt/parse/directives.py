"""Corrections written into the draft: `%% govfmt: 标题` sets the kind of the block below it.

Detection runs first; then each correction takes the block that holds the next line of text, from
that line to the end of the block (a block that began higher up is cut there), and gives it the
named kind, rebuilt the way the assembler builds blocks of that kind. A corrected title, 署名, 主送机关,
附件说明 or table joins a neighbouring block of the same kind, as detected blocks of those kinds do.

Names are the Chinese terms of GB/T 9704 (标题, 一级标题 … 四级标题, 署名, 成文日期 …) or the kind
names of `govfmt inspect` (title, heading2, signature, date …). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from govfmt import regex_cache
from govfmt.errors import InputError
from govfmt.i18n import _
from govfmt.model import KINDS, Block, Correction, Document, Line
from govfmt.parse.blocks import join_wrapped
from govfmt.parse.tables import table_block
from govfmt.parse.lines import compact, run_in_split

APPLIED, UNUSED, UNKNOWN, DANGLING = "applied", "unused", "unknown", "dangling"

_KIND_DIRECTIVE = regex_cache.compile(
    r"^[ \t\u3000\ufeff]*%%[ \t\u3000]*govfmt[ \t\u3000]*[:：][ \t\u3000]*(?P<name>[^\[\]]*?)[ \t\u3000]*$",
    re.IGNORECASE,
)
_ANY_DIRECTIVE = regex_cache.compile(r"^[ \t\u3000\ufeff]*%%[ \t\u3000]*govfmt\b", re.IGNORECASE)
# The suppression comments (govfmt.lint.suppress) share the `%% govfmt:` start.
_SUPPRESSION_ACTIONS = {"ignore", "ignore-file", "disable", "enable"}

_LEVELS = {"一": 1, "二": 2, "三": 3, "四": 4}
_CHINESE_NAMES = {
    "标题": "title", "公文标题": "title",
    "副标题": "subtitle",
    "发文字号": "doc_number", "文号": "doc_number",
    "主送机关": "addressee", "主送": "addressee",
    "称谓": "salutation", "称呼": "salutation",
    "正文": "body",
    "附件说明": "attachment_note",
    "署名": "signature", "发文机关署名": "signature",
    "成文日期": "date", "日期": "date",
    "附注": "note",
    "抄送": "cc", "抄送机关": "cc",
    "印发": "printed_by", "印发机关": "printed_by", "印发机关和印发日期": "printed_by",
    "份号": "copy_number",
    "密级": "classification", "密级和保密期限": "classification",
    "紧急程度": "urgency",
    "发文机关标志": "issuer_mark",
    "签发人": "signer",
    "附件": "attachment_mark", "附件标识": "attachment_mark",
    "表格": "table", "表": "table",
    "章": "chapter", "章节": "chapter",
    "其他": "other", "其它": "other",
    "网页": "web", "网页文字": "web",
}
# Kinds a correction may not name: a heading needs its level, and a directive is this very line.
_NOT_NAMEABLE = {"heading", "directive"}
# Kinds whose neighbouring lines form one block (as in govfmt.parse.blocks).
_GROUPED = {"title", "signature", "attachment_note", "addressee", "table"}
_LINE_KEPT = {"signature", "attachment_note"}


def _key(name: str) -> str:
    return re.sub(r"[\s\-_]+", "", name).lower()


def _names() -> dict[str, tuple[str, int | None]]:
    names: dict[str, tuple[str, int | None]] = {}
    for kind in KINDS:
        if kind not in _NOT_NAMEABLE:
            names[_key(kind)] = (kind, None)
    for chinese, kind in _CHINESE_NAMES.items():
        if kind in KINDS:
            names[_key(chinese)] = (kind, None)
    for digit, level in _LEVELS.items():
        for spelling in (f"{digit}级标题", f"{digit}级小标题", f"heading{level}", f"h{level}"):
            names[_key(spelling)] = ("heading", level)
    return names


NAMES = _names()


def is_any_directive(text: str) -> bool:
    """A `%% govfmt…` line of either sort (correction or suppression): never laid out."""
    return bool(_ANY_DIRECTIVE.match(text))


def is_kind_directive(text: str) -> bool:
    """True for `%% govfmt: NAME` without brackets: a correction, not a suppression comment."""
    match = _KIND_DIRECTIVE.match(text)
    return bool(match) and match.group("name").strip() != "" \
        and match.group("name").strip().lower() not in _SUPPRESSION_ACTIONS


def read_name(name: str) -> tuple[str, int | None] | None:
    """(kind, level) named by a correction, or None if the name is not a kind."""
    return NAMES.get(_key(name))


def unknown_kind_message(name: str) -> str:
    from difflib import get_close_matches  # only for a message: not at start-up

    close = get_close_matches(_key(name), list(NAMES), n=1, cutoff=0.5)
    hint = _("did you mean {name!r}? ").format(name=close[0]) if close else ""
    return _("%% govfmt: {name} names no block kind; {hint}write one such as 标题, 正文, 一级标题, 署名, "
             "成文日期 (or title, body, heading1, signature, date)").format(name=name, hint=hint)


def corrected(document: Document, lines: Sequence[Line], *, strict: bool = True) -> Document:
    """The document with every correction of the draft applied, and what each one did.

    `lines` are the draft's non-blank lines (directive lines included). With `strict`, a correction
    naming no kind is refused with one sentence naming its line; otherwise it is recorded as unknown.
    """
    # every directive has a %: a one-character find spares the pattern most lines
    directive_numbers = {line.number for line in lines if "%" in line.text and _ANY_DIRECTIVE.match(line.text)}
    wanted: list[Correction] = []
    for index, line in enumerate(lines):
        if line.number not in directive_numbers or not is_kind_directive(line.text):
            continue
        name = _KIND_DIRECTIVE.match(line.text).group("name").strip()
        named = read_name(name)
        if named is None:
            if strict:
                raise InputError(unknown_kind_message(name), path=document.source, line=line.number)
            wanted.append(Correction(line.number, name, None, status=UNKNOWN))
            continue
        target = next((later.number for later in lines[index + 1:] if later.number not in directive_numbers),
                      None)
        wanted.append(Correction(line.number, name, named[0], named[1], target,
                                 APPLIED if target is not None else DANGLING))
    if not wanted:
        return document
    # Of several corrections above one line the last one counts; the others change nothing.
    last_for: dict[int, int] = {c.target: c.line for c in wanted if c.status == APPLIED}
    text_lines = [line for line in lines if line.number not in directive_numbers]
    blocks = list(document.blocks)
    outcomes = []
    for correction in wanted:
        if correction.status != APPLIED:
            outcomes.append(correction)
            continue
        if last_for[correction.target] != correction.line:
            outcomes.append(replace(correction, status=UNUSED))
            continue
        changed, doubted = _apply(blocks, correction, text_lines)
        outcomes.append(correction if changed else replace(correction, status=UNUSED, doubted=doubted))
    return replace(document, blocks=tuple(blocks), corrections=tuple(outcomes))


def _apply(blocks: list[Block], correction: Correction, text_lines: Sequence[Line]) -> tuple[bool, float | None]:
    """Set the kind of the block at correction.target in place. (False, the block's confidence) if it
    had that kind already: the author confirmed it, so it is certain now."""
    position = next((i for i, b in enumerate(blocks) if b.kind != "directive"
                     and b.line_start <= correction.target <= b.line_end), None)
    if position is None:  # a line detection left in no block: nothing to set
        return False, None
    found = blocks[position]
    if found.kind == correction.kind and (correction.kind != "heading" or found.level == correction.level) \
            and (found.line_start == correction.target or found.kind in _GROUPED):
        blocks[position] = replace(found, confidence=1.0)
        return False, found.confidence
    own = [line for line in text_lines if found.line_start <= line.number <= found.line_end]
    before = [line for line in own if line.number < correction.target]
    after = [line for line in own if line.number >= correction.target]
    replacement = [reshape(found.kind, found.level, before, found.confidence)] if before else []
    set_block = reshape(correction.kind, correction.level, after, 1.0)
    replacement.append(set_block)
    blocks[position:position + 1] = replacement
    blocks.sort(key=lambda b: b.line_start)  # directive lines inside the old block stay in place
    _join_neighbours(blocks, next(i for i, b in enumerate(blocks) if b is set_block), text_lines)
    return True, None


def _join_neighbours(blocks: list[Block], position: int, text_lines: Sequence[Line]) -> None:
    """A corrected title (署名, …) and a block of the same kind right beside it are one block;
    directive lines between them stay blocks of their own."""
    kind = blocks[position].kind
    if kind not in _GROUPED:
        return
    joined = [position]
    for step in (-1, 1):
        index = position + step
        while 0 <= index < len(blocks) and blocks[index].kind == "directive":
            index += step
        if 0 <= index < len(blocks) and blocks[index].kind == kind:
            joined.append(index)
    if len(joined) == 1:
        return
    first, last = min(joined), max(joined)
    start, end = blocks[first].line_start, blocks[last].line_end
    own = [line for line in text_lines if start <= line.number <= end]
    kept = [b for b in blocks[first:last + 1] if b.kind == "directive"]
    blocks[first:last + 1] = [reshape(kind, None, own, 1.0), *kept]
    blocks.sort(key=lambda b: b.line_start)


def reshape(kind: str, level: int | None, lines: Sequence[Line], confidence: float | None = None) -> Block:
    """The block the assembler builds from these lines for this kind."""
    start, end = lines[0].number, lines[-1].number
    texts = [line.text for line in lines]
    if kind == "title":
        parts = tuple(compact(text) for text in texts)
        return Block(kind, start, end, "".join(parts), lines=parts, confidence=confidence)
    if kind in _LINE_KEPT:
        return Block(kind, start, end, "\n".join(texts), lines=tuple(texts), confidence=confidence)
    if kind == "table":
        return table_block(lines, confidence)
    text = join_wrapped(texts)
    if kind == "heading":
        split = run_in_split(text)
        if split is not None:
            return Block(kind, start, end, text, level=level, run_in=True, heading_text=text[:split],
                         confidence=confidence)
        return Block(kind, start, end, text, level=level, confidence=confidence)
    return Block(kind, start, end, text, lines=tuple(texts) if len(texts) > 1 else (), confidence=confidence)
