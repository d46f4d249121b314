"""Every printable character of a draft reaches the DOCX, in the same order (whitespace aside)."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfmt.docx import write_docx
from govfmt.layout.plan import consumed_by_masthead, header_of
from govfmt.ingest import decode, draft_lines
from govfmt.parse import parse
from govfmt.reader import read_document
from govfmt.style import load_style

from conftest import CORPUS
from docx_xml import body_text

STYLE = load_style()


def _ink(text: str) -> str:
    """What a reader sees: no white space, no zero-width or control characters (XML cannot hold them)."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u200b\u200c\u200d\u2060\ufeff"
                   and not (ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or ch in "\ufffe\uffff"))


def _draft_ink(path: Path) -> str:
    source = decode(path.read_bytes(), str(path))
    return _expected_ink(parse(source))


_TOP = ("copy_number", "classification", "urgency", "issuer_mark", "signer", "doc_number")
_BOTTOM = ("cc", "printed_by")


def _expected_ink(document) -> str:
    """The draft's text in layout order: GB/T 9704 puts the head's 份号/密级/紧急程度 (and, with a 版头,
    标志/签发人/发文字号) on top (§7.2) and 抄送/印发 in the 版记 at the end (§7.4); everything else keeps
    its order."""
    blocks = [b for b in document.blocks if b.line_start >= document.body_start and b.kind != "directive"]
    consumed = consumed_by_masthead(document, header_of(document))
    top = sorted((b for b in blocks if id(b) in consumed), key=lambda b: _TOP.index(b.kind))
    bottom = [b for b in blocks if b.kind in _BOTTOM]
    middle = [b for b in blocks if id(b) not in consumed and b.kind not in _BOTTOM]
    return _ink("".join(_laid_out_text(b) for b in top + middle + bottom))


def _laid_out_text(block) -> str:
    """A table's text is its cells: the | between them becomes the table's grid."""
    if block.kind == "table" and block.cells:
        return "".join("".join(row) for row in block.cells)
    return block.text


def test_dev_corpus_loses_nothing(tmp_path):
    for doc in sorted((CORPUS / "docs").glob("*.txt")):
        out = tmp_path / f"{doc.stem}.docx"
        write_docx(read_document(doc), STYLE, out)
        assert _ink(body_text(out)) == _draft_ink(doc), doc.name


_PIECES = st.sampled_from([
    "关于", "通知", "各省、自治区、直辖市人民政府：", "一、", "（一）", "1.", "（1）", "一是", "——", "附件：",
    "附件1", "抄送：", "国办发〔2019〕3号", "2024年3月1日", "二〇二四年三月一日", "（此件公开发布）", "。", "，",
    "：", ":", ",", "“", "”", "《", "》", "**县", "*", "\t", "|", " ", "\u3000", "同志们：", "目录", "第一章",
    "印发", "2024年3月1日印发", "1.5亿元", "8:30", "http://example.gov.cn/a.html", "ABC", "---", "&<>\"'",
])
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_LINE = st.lists(st.one_of(_PIECES, st.text(_CHARS, max_size=12)), max_size=8).map("".join)
_DRAFT = st.lists(_LINE, min_size=1, max_size=30).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DRAFT)
def test_generated_drafts_lose_nothing(tmp_path_factory, draft):
    data = draft.encode("utf-8")
    if not data.strip() or data.lstrip().startswith(b"---"):
        return  # empty drafts are refused; a leading --- block is front matter, not text
    source = decode(data, "gen.txt")
    if not draft_lines(source):
        return  # only spaces: refused as empty, tested in test_ingest
    out = tmp_path_factory.mktemp("gen") / "gen.docx"
    document = parse(source)
    write_docx(document, STYLE, out)
    assert _ink(body_text(out)) == _expected_ink(document)
    # and nothing of the draft is missing at all, whatever the order
    written = "\n".join(source.text.split("\n")[source.body_start - 1:])
    if not any(b.kind == "table" for b in document.blocks):
        assert sorted(_ink(body_text(out))) == sorted(_ink(written))
