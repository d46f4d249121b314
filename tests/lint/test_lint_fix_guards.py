"""`check --fix` writes a draft back only when it is sure: the bytes it writes are the draft's own encoding
and byte order (UTF-16 without a BOM stays without one), and every guard against a misbehaving rule or a
file changed meanwhile stops the fix with nothing written."""

from __future__ import annotations

import pytest

from govfmt.cli import main
from govfmt.ingest import decode
from govfmt.lint.diagnostic import Diagnostic, Fix
from govfmt.lint.fixer import FixError, encode_like, fix_text

from lint_helpers import draft

BAD = draft("经研究,同意。")
CLEAN = draft("经研究，同意。")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_fix_keeps_utf16_without_a_byte_order_mark_as_it_was(codec, tmp_path, capsys):
    path = tmp_path / "通知.txt"
    path.write_bytes(BAD.encode(codec))
    with pytest.raises(SystemExit) as stop:
        main(["check", "--fix", str(path)])
    assert stop.value.code == 0, capsys.readouterr()
    assert path.read_bytes() == CLEAN.encode(codec)  # no BOM added, byte order kept


def _diagnostic(line: int, column: int, end: int, replacement: str, safe: bool = True) -> Diagnostic:
    return Diagnostic(path="d.txt", line=line, column=column, end_line=line, end_column=end, code="P101",
                      name="halfwidth-punctuation", severity="error", message="m", fix=Fix(replacement, safe))


def test_a_fix_that_replaces_a_character_with_itself_ends_the_passes():
    outcome = fix_text("甲,乙", lambda text: [_diagnostic(1, 2, 3, ",")])
    assert (outcome.text, outcome.applied, outcome.passes) == ("甲,乙", 0, 0)


def test_fixes_that_never_settle_write_nothing():
    """A rule that always finds one more thing to change (, then ， then , …) is stopped."""
    def flip(text):
        return [_diagnostic(1, 2, 3, "，" if text[1] == "," else ",")]

    with pytest.raises(FixError) as caught:
        fix_text("甲,乙", flip)
    assert "fixes did not settle after" in str(caught.value) and "nothing was written" in str(caught.value)


def test_a_safe_fix_that_changes_the_wording_is_refused():
    with pytest.raises(FixError) as caught:
        fix_text("经研究,同意。", lambda text: [_diagnostic(1, 1, 4, "不同意")] if "研究" in text else [])
    assert str(caught.value) == "line 1: a safe fix changed the wording; nothing was written (internal error)"


def test_a_fix_whose_end_comes_before_its_start_is_refused():
    """A rule reporting a backwards range would duplicate characters; the fixer notices, writes nothing."""
    with pytest.raises(FixError) as caught:
        fix_text("甲乙,丙丁", lambda text: [_diagnostic(1, 4, 2, "，")])
    assert str(caught.value).startswith("line 1: a ")
    assert str(caught.value).endswith("nothing was written (internal error)")


def test_a_line_changed_on_disk_while_fixing_is_not_overwritten():
    data = "甲,乙\n丙\n".encode("utf-8")
    with pytest.raises(FixError) as caught:
        encode_like(data, "utf-8", False, "甲，乙\n丙\n", "甲，乙。\n丙\n")
    assert str(caught.value) == "line 1 changed while it was being fixed; nothing was written"


def test_a_file_with_other_lines_on_disk_is_not_overwritten():
    data = "甲,乙\n丙\n丁\n".encode("utf-8")
    with pytest.raises(FixError) as caught:
        encode_like(data, "utf-8", False, "甲,乙\n丙\n", "甲，乙\n丙\n")
    assert str(caught.value) == "the file changed while it was being fixed; nothing was written"


def test_a_fix_the_encoding_cannot_store_writes_nothing():
    data = "甲,乙\n".encode("big5")
    with pytest.raises(FixError) as caught:
        encode_like(data, "big5", False, "甲,乙\n", "甲﹐乙\n".replace("﹐", "\u2e41"))
    assert "which big5 cannot store; nothing was written" in str(caught.value)


def test_a_decoded_draft_reads_back_after_the_fix_in_every_byte_order():
    for codec in ("utf-16-le", "utf-16-be", "utf-16"):
        data = BAD.encode(codec)
        source = decode(data, "d.txt")
        out = encode_like(data, source.encoding, source.bom, source.text, CLEAN)
        assert decode(out, "d.txt").text == CLEAN and out[:2] == CLEAN.encode(codec)[:2], codec
