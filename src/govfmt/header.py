"""Header fields of a document (版头 and 版记 data, format, seal): front matter, `--set` overrides
and what the draft text itself shows, validated with one clear sentence per bad value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govfmt import regex_cache
from govfmt.errors import InputError
from govfmt.i18n import _

# Canonical key → accepted spellings (Chinese first, then English aliases).
KEYS: dict[str, tuple[str, ...]] = {
    "copy_number": ("份号", "copy_number", "copy"),
    "classification": ("密级", "密级和保密期限", "classification", "secrecy"),
    "urgency": ("紧急程度", "urgency"),
    "issuer": ("发文机关", "issuer", "organ"),
    "issuer_mark": ("发文机关标志", "issuer_mark", "mark"),
    "doc_number": ("发文字号", "doc_number", "number"),
    "order_number": ("令号", "order_number"),
    "signer": ("签发人", "signer", "signers"),
    "seal": ("印章", "seal", "sealed"),
    "seal_image": ("印章图片", "seal_image"),
    "cc": ("抄送", "抄送机关", "cc"),
    "moved_addressee": ("主送", "版记主送", "addressee_in_colophon"),
    "printed_by": ("印发机关", "printed_by"),
    "printed_date": ("印发日期", "printed_date", "print_date"),
    "format": ("格式", "format"),
}
_ALIASES = {alias.lower(): key for key, aliases in KEYS.items() for alias in aliases}
FORMATS = {"文件": "file", "file": "file", "信函": "letter", "letter": "letter", "命令": "order", "令": "order",
           "order": "order", "纪要": "minutes", "minutes": "minutes"}
FORMAT_STYLES = {"file": "gbt9704", "letter": "letter", "order": "order", "minutes": "minutes"}
_YES = {"有", "是", "yes", "true", "1", "加盖", "盖章"}
_NO = {"无", "否", "no", "false", "0", "不加盖", ""}

_DOC_NUMBER = regex_cache.compile(r"^[\u4e00-\u9fff]{0,16}〔\d{4}〕[1-9]\d*号$")  # 纪要 may carry no 机关代字
_ORDER_NUMBER = regex_cache.compile(r"^第[1-9]\d*号$")
_DATE = regex_cache.compile(r"^\d{4}年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")
_COPY_NUMBER = regex_cache.compile(r"^\d{6}$")
_CLASSIFICATION = regex_cache.compile(r"^(绝密|机密|秘密)(★\d+(年|个月))?$")
_URGENCY = {"特急", "加急", "特提", "平急"}
_LIST_SPLIT = regex_cache.compile(r"[、，,；;|]+")


@dataclass(frozen=True)
class Header:
    """Validated header fields; empty strings and tuples mean 'not given'."""

    copy_number: str = ""
    classification: str = ""
    urgency: str = ""
    issuers: tuple[str, ...] = ()
    issuer_mark: str = ""
    doc_number: str = ""
    order_number: str = ""
    signers: tuple[str, ...] = ()
    sealed: bool = False
    seal_image: str = ""
    cc: str = ""
    moved_addressee: str = ""
    printed_by: str = ""
    printed_date: str = ""
    format: str = "file"
    given: frozenset[str] = field(default_factory=frozenset)  # keys the user set explicitly

    @property
    def has_masthead(self) -> bool:
        """A 版头 (red mark and rule) is laid out only when the issuing organ is known."""
        return bool(self.issuers or self.issuer_mark)

    @property
    def has_colophon(self) -> bool:
        return bool(self.cc or self.printed_by or self.printed_date or self.moved_addressee)


def canonical_key(name: str) -> str | None:
    return _ALIASES.get(name.strip().lower())


def known_keys() -> str:
    return "、".join(aliases[0] for aliases in KEYS.values())


def normalise_fields(pairs, path: str = "<input>") -> tuple[tuple[str, str], ...]:
    """(key, value[, line]) pairs with any accepted spelling → canonical keys; unknown keys refused."""
    out = []
    for pair in pairs:
        key, value = pair[0], pair[1]
        line = pair[2] if len(pair) > 2 else None
        canonical = canonical_key(key)
        if canonical is None:
            raise InputError(_("unknown front-matter key {key!r}; known keys are {value} (English names work too)")
                              .format(key=key, value=known_keys()), path=path, line=line)
        _validate(canonical, value.strip(), key, path, line)
        out.append((canonical, value.strip()))
    return tuple(out)


def _validate(key: str, value: str, shown: str, path: str, line: int | None) -> None:
    def bad(expected: str) -> InputError:
        return InputError(_("{shown} {value!r} is not valid: {expected}")
                           .format(shown=shown, value=value, expected=expected), path=path, line=line)

    if key == "doc_number" and value and not _DOC_NUMBER.match(value):
        hint = []
        if re.search(r"[\[\]【】()（）［］]", value):
            hint.append(_("the year goes in 六角括号 〔〕"))
        if "第" in value:
            hint.append(_("no 第"))
        if re.search(r"[〕\]】)）］]\s*第?\s*0\d*号", value):
            hint.append(_("no leading zero"))
        extra = _(" ({hints})").format(hints=_("; ").join(hint)) if hint else ""
        raise bad(_("write 机关代字〔年份〕序号号, e.g. 国办发〔2024〕12号{extra}").format(extra=extra))
    if key == "order_number" and value and not _ORDER_NUMBER.match(value):
        raise bad(_("write 第N号 with no leading zero, e.g. 第12号"))
    if key == "printed_date" and value and not _DATE.match(value):
        raise bad(_("write the full year and no leading zeros in Arabic digits, e.g. 2024年3月1日"))
    if key == "copy_number" and value and not _COPY_NUMBER.match(value):
        raise bad(_("份号 is six Arabic digits, e.g. 000123"))
    if key == "classification" and value and not _CLASSIFICATION.match(value):
        raise bad(_("write 绝密, 机密 or 秘密, optionally ★ and a term such as ★1年 or ★6个月"))
    if key == "urgency" and value and value not in _URGENCY:
        raise bad(_("紧急程度 is 特急 or 加急 (特提, 平急 for telegrams)"))
    if key == "seal" and value.lower() not in _YES | _NO:
        raise bad(_("write 有 or 无"))
    if key == "format" and value.lower() not in FORMATS:
        raise bad(_("格式 is 文件, 信函, 命令 or 纪要"))


def build_header(fields: tuple[tuple[str, str], ...]) -> Header:
    """Header from canonical (key, value) pairs; later pairs win."""
    values: dict[str, str] = {}
    for key, value in fields:
        values[key] = value
    split = lambda text: tuple(part.strip() for part in _LIST_SPLIT.split(text) if part.strip())  # noqa: E731
    return Header(
        copy_number=values.get("copy_number", ""),
        classification=values.get("classification", ""),
        urgency=values.get("urgency", ""),
        issuers=split(values.get("issuer", "")),
        issuer_mark=values.get("issuer_mark", ""),
        doc_number=values.get("doc_number", ""),
        order_number=values.get("order_number", ""),
        signers=split(values.get("signer", "")),
        sealed=values.get("seal", "").lower() in _YES,
        seal_image=values.get("seal_image", ""),
        cc=values.get("cc", ""),
        moved_addressee=values.get("moved_addressee", ""),
        printed_by=values.get("printed_by", ""),
        printed_date=values.get("printed_date", ""),
        format=FORMATS.get(values.get("format", "file").lower(), "file"),
        given=frozenset(values),
    )


def parse_overrides(assignments: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`--set KEY=VALUE` options → canonical pairs (raises InputError naming the bad one)."""
    pairs = []
    for item in assignments:
        if "=" not in item:
            raise InputError(_("--set {item!r} is not KEY=VALUE, e.g. --set 发文字号=国发〔2024〕1号").format(item=item))
        key, value = item.split("=", 1)
        pairs.append((key.strip(), value.strip()))
    return normalise_fields(pairs, path="--set")


# -- the header of a parsed document ---------------------------------------------------------------
# Derived here, once, from the document alone (pure), so that `check` reports the same refusals that
# `convert` makes; the layout takes the Header from here.

_HEAD_KINDS = ("copy_number", "classification", "urgency", "issuer_mark", "signer", "doc_number")
_TEXT_KINDS = ("body", "heading", "addressee", "salutation", "attachment_note", "signature", "date")
_FIELD_NAMES = {"copy_number": "份号", "classification": "密级", "urgency": "紧急程度", "issuer_mark": "发文机关标志",
                "signer": "签发人", "doc_number": "发文字号"}


def _head_region(document):
    """The blocks of the draft's head: after its front matter, before its text begins."""
    for block in document.blocks:
        if block.line_start < document.body_start:
            continue
        if block.kind in _TEXT_KINDS or block.kind == "attachment_mark":
            return
        yield block


def head_blocks(document) -> dict:
    """The first block of each 版头 kind in the draft's head, before its text begins."""
    from govfmt.parse.lines import doc_number_and_signer  # parse reads the field names from here

    found: dict = {}
    for block in _head_region(document):
        if block.kind in _HEAD_KINDS and block.kind not in found:
            found[block.kind] = block
            if block.kind == "doc_number" and doc_number_and_signer(block.text):
                found.setdefault("signer", block)  # one line: 某政发〔2024〕5号　　签发人：张三
    return found


def _head_value(kind: str, block) -> str:
    from govfmt.parse.lines import doc_number_and_signer

    both = doc_number_and_signer(block.text) if block.kind == "doc_number" else None
    if both:
        return both[0] if kind == "doc_number" else _signer_names(both[1])
    if kind == "signer":
        return _signer_names(block.text)
    if block.kind in ("copy_number", "classification", "urgency"):
        return block.text.replace(" ", "").replace("\u3000", "")
    return block.text


def _signer_names(text: str) -> str:
    for colon in ("：", ":"):
        if colon in text:
            return text.split(colon, 1)[1].strip()
    return text


def header_problems(document) -> tuple[InputError, ...]:
    """Every head field whose front matter (or --set) contradicts what the draft's head says, one
    sentence each naming the line; --set replaces the draft's value, as asked, and is no problem."""
    head = head_blocks(document)
    given = dict(document.fields)
    problems = []
    for kind, block in head.items():
        value, other = _head_value(kind, block), given.get(kind)
        if kind in document.overrides or other is None:
            continue
        if other.replace(" ", "") != value.replace(" ", ""):
            problems.append(InputError(_("the draft gives {FIELD_NAMES} {value!r} but the front matter or --set "
                                          "gives {other!r}; keep one of them")
                                        .format(FIELD_NAMES=_FIELD_NAMES[kind], value=value, other=other), path=document.source,
                                       line=block.line_start))
    return tuple(problems)


def header_of(document) -> Header:
    """Header fields from the draft's head, with front matter and --set (document.fields) filling in
    what it does not say. Raises the first of header_problems(document)."""
    problems = header_problems(document)
    if problems:
        raise problems[0]
    detected = {kind: _head_value(kind, block) for kind, block in head_blocks(document).items()}
    organs = _joint_issuers(document)
    if organs:  # a joint document's stacked mark: its organs, with 文件 set beside them by the layout
        detected.pop("issuer_mark", None)
        detected["issuer"] = "、".join(organs)
    if _is_order(detected):  # a 命令（令）: its number is the 令号 (§10.2)
        detected["order_number"] = detected.pop("doc_number")
        detected["format"] = "命令"
    return build_header(tuple(detected.items()) + tuple(document.fields))


def mark_blocks(document) -> list:
    """Every 发文机关标志 line of the draft's head (a joint document's mark has one a line)."""
    return [block for block in _head_region(document) if block.kind == "issuer_mark"]


def _joint_issuers(document) -> tuple[str, ...]:
    """The organs of a 发文机关标志 given one a line in the draft's head (联合行文, §7.2.4), lead organ first;
    () when the head has one mark line or none."""
    lines = [block.text.replace(" ", "").replace("\u3000", "") for block in mark_blocks(document)]
    if len(lines) < 2:
        return ()
    from govfmt.parse.lines import mark_organ

    names = tuple(mark_organ(line) for line in lines)
    return tuple(name for name in names if name)


def _is_order(detected: dict) -> bool:
    from govfmt.parse.patterns import ORDER_MARK, ORDER_NUMBER

    mark, number = detected.get("issuer_mark", ""), detected.get("doc_number", "")
    return bool(mark and number and ORDER_MARK.match(mark.replace(" ", "")) and ORDER_NUMBER.match(number.replace(" ", "")))
