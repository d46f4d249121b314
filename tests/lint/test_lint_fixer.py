"""The fixer: idempotent, local (only the fixed characters change), and byte-faithful on write-back."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfmt.ingest import decode
from govfmt.lint.fixer import Edit, FixError, apply_edits, encode_like, equivalence_key
from govfmt.lint.linter import lint_source

from lint_helpers import HEAD, TAIL, fixed

# Characters a safe fix may touch: spaces, punctuation of either width, digits of either width, zeros.
FIXABLE = set(" \u3000\t,.;:?!()（），。；：？！、…—―-[]【】〔〕「」『』“”‘’\"0123456789０１２ABＡＢ○O〇第")

ALPHABET = st.sampled_from(list("经研究同意年月日号国发附件抄送一二三四五六七八九十为了做好工作的通知") +
                           list("0123456789０１２ABＡ .,;:?!()（），。；：？！、…—-[]【】〔〕「」\"“”○O〇第 \u3000"))
LINES = st.lists(st.text(ALPHABET, min_size=0, max_size=30), min_size=1, max_size=8)


def _safe_fix(text: str) -> str:
    return fixed(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_fix_is_idempotent(lines):
    text = HEAD + "\n".join(lines) + TAIL
    once = _safe_fix(text)
    assert _safe_fix(once) == once


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_safe_fixes_change_only_fixable_characters(lines):
    text = HEAD + "\n".join(lines) + TAIL
    result = _safe_fix(text)
    assert result.count("\n") == text.count("\n")
    for old, new in zip(text.split("\n"), result.split("\n")):
        # the characters no safe fix touches are the same, in the same order (a diff's alignment is not an
        # oracle: for " ,一 ，" → " ，一，" it may pair the two ， and call 一 changed)
        assert [ch for ch in old if ch not in FIXABLE] == [ch for ch in new if ch not in FIXABLE], (old, new)
        assert equivalence_key(old) == equivalence_key(new)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_unsafe_fixes_settle_too(lines):
    text = HEAD + "\n".join(lines) + TAIL
    once = fixed(text, unsafe=True)
    assert fixed(once, unsafe=True) == once


def test_overlapping_edits_are_applied_one_at_a_time():
    text, used = apply_edits("abc", [Edit(1, 0, 2, "X", False), Edit(1, 1, 3, "Y", False)])
    assert text == "Xc" and len(used) == 1


def test_a_safe_edit_that_changes_wording_is_refused():
    with pytest.raises(FixError):
        apply_edits("经研究同意", [Edit(1, 2, 3, "批", True)])


def test_an_edit_may_not_reach_past_the_line():
    with pytest.raises(FixError):
        apply_edits("ab\ncd", [Edit(1, 1, 5, "", True)])


@pytest.mark.parametrize("codec, bom, newline", [
    ("utf-8", False, "\n"),
    ("utf-8", True, "\r\n"),
    ("gb18030", False, "\r\n"),
    ("utf-16", True, "\n"),
    ("utf-8", False, "\r"),
])
def test_write_back_keeps_encoding_bom_and_line_endings(codec, bom, newline):
    text = HEAD + "经研究,同意。\n\n一.总体要求" + TAIL
    raw = text.replace("\n", newline)
    data = raw.encode("utf-8-sig" if codec == "utf-8" and bom else codec)
    source = decode(data, "draft.txt")
    assert (source.encoding.startswith(codec[:5]), source.bom) == (True, bom)
    new_text = fixed(source.text)
    out = encode_like(data, source.encoding, source.bom, source.text, new_text)
    expected = new_text.replace("\n", newline).encode("utf-8-sig" if codec == "utf-8" and bom else codec)
    assert out == expected
    # bytes outside the fixed lines are identical
    assert out.split(newline.encode(codec if codec != "utf-16" else "utf-16-le"))[0] == \
        data.split(newline.encode(codec if codec != "utf-16" else "utf-16-le"))[0]


def test_write_back_keeps_mixed_line_endings():
    data = "关于做好防汛工作的通知\r\n\n各区人民政府：\n\r\n经研究,同意。\r\n".encode()
    source = decode(data, "draft.txt")
    out = encode_like(data, source.encoding, source.bom, source.text, fixed(source.text))
    assert out == "关于做好防汛工作的通知\r\n\n各区人民政府：\n\r\n经研究，同意。\r\n".encode()


def test_write_back_refuses_characters_the_encoding_cannot_store():
    data = "經研究同意".encode("big5")
    with pytest.raises(FixError):
        encode_like(data, "big5", False, "經研究同意", "經研究同意镇")


def test_fix_lints_the_same_text_it_fixes():
    text = HEAD + "%% govfmt: ignore[P101]\n经研究,同意。\n\n请认真执行,按时上报。" + TAIL
    result = fixed(text)
    assert "经研究,同意。" in result and "请认真执行，按时上报。" in result
    assert not lint_source(decode(result.encode(), "d.txt")).diagnostics
