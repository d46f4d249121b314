"""`%% govfmt:` comments that silence rules: each way of writing one wrong is reported (G902) at its line,
and disable/enable ranges, ignore-file and an ignore on the last line cover exactly what they say."""

from __future__ import annotations

import pytest

from lint_helpers import diagnostics, draft


def found(text: str) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in diagnostics(text) if d.code in ("G901", "G902", "P101")]


@pytest.mark.parametrize("comment, message", [
    ("%% govfmt: silence[P101]", "cannot read this govfmt comment; write e.g. %% govfmt: ignore[P101]"),
    ("%% govfmt: ignore[ , ]", "ignore[] names no rule; name the codes, e.g. ignore[P101]"),
    ("%% govfmt: disable[ALL]", "ALL is only allowed in ignore-file[ALL]; name the codes"),
    ("%% govfmt: enable[P101]", "enable[P101] without an earlier disable[P101]"),
])
def test_a_comment_written_wrong_is_reported_where_it_stands(comment, message):
    text = draft(f"{comment}\n经研究，同意。")
    assert found(text) == [("G902", 5, message)]


def test_disable_and_enable_cover_the_lines_between():
    text = draft("%% govfmt: disable[P101]\n经研究,同意。\n%% govfmt: enable[P101]\n经研究,同意。")
    assert found(text) == [("P101", 8, "half-width comma beside Chinese text; use ，")]


def test_ignore_file_all_silences_every_rule_and_is_not_unused():
    text = draft("经研究,同意。") + "%% govfmt: ignore-file[ALL]\n"
    assert found(text) == []


def test_an_ignore_on_the_last_line_covers_itself_and_is_reported_unused():
    text = draft("经研究，同意。") + "%% govfmt: ignore[P101]\n"
    codes = found(text)
    assert [(code, line) for code, line, _ in codes] == [("G901", text.count("\n"))]
