"""Odd style files: each mistake a user can make in one is one sentence naming the file and the key, with
what is allowed, and `govfmt convert --style` stops with exit code 2 before writing anything."""

from __future__ import annotations

import pytest

from govfmt.cli import main
from govfmt.style import STYLES_DIR, StyleError, load_style

EXTENDS = 'extends = "gbt9704"\n'
FULL = (STYLES_DIR / "gbt9704.toml").read_text(encoding="utf-8")


def _without(text: str, line_start: str, after: str = "") -> str:
    """The default style's text without the first line starting with line_start (after the line `after`)."""
    head, found, tail = text.partition(after) if after else ("", "", text)
    lines = tail.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(line_start))
    return head + found + "\n".join(lines[:index] + lines[index + 1:])


CASES = [
    # the file itself
    ("extends = 3\n", "key 'extends' must be a style name or path (text)"),
    (EXTENDS + "name = 3\n", "key 'name' must be text"),
    (EXTENDS + "margins = 3\n", "unknown key 'margins'; allowed are name, description, extends, page, fonts"),
    (EXTENDS + "page = 3\n", "[page] must be a table"),
    (EXTENDS + "element = 3\n", "[element] must hold tables such as [element.body]"),
    # types of values
    (EXTENDS + "[page]\nlines_per_page = true\n", "key 'page.lines_per_page' must be a whole number, not true/false"),
    (EXTENDS + "[page]\nlines_per_page = \"22\"\n", "key 'page.lines_per_page' must be a whole number, not str '22'"),
    (EXTENDS + "[page]\nmargin_top_mm = \"37\"\n", "key 'page.margin_top_mm' must be a number, not str '37'"),
    (EXTENDS + "[page_number]\nfirst_page = \"yes\"\n", "key 'page_number.first_page' must be true or false"),
    (EXTENDS + "[page_number]\ntext = 3\n", "key 'page_number.text' must be text, not int 3"),
    (EXTENDS + "[page_number]\nsize = [14]\n", "key 'page_number.size' must be a number or a size name such as 三号"),
    (EXTENDS + "[element.body]\nsize = 0\n", "key 'element.body.size' must be between 0 and 200 pt, not 0"),
    (EXTENDS + "[element.body]\nsize = 400\n", "key 'element.body.size' must be between 0 and 200 pt, not 400"),
    # values out of range
    (EXTENDS + "[masthead]\nnumber_align = \"left\"\n", "key 'masthead.number_align' must be center or right"),
    (EXTENDS + "[element.heading1]\noutline_level = 12\n", "key 'element.heading1.outline_level' must be 1 to 9"),
    (EXTENDS + "[element.title]\nmax_line_fill = 0.1\n", "key 'element.title.max_line_fill' must be between 0.3 and 1"),
    (EXTENDS + "[page]\nmargin_left_mm = 100\nmargin_right_mm = 100\n",
     "key 'page.margin_*' leaves no room for text on the page"),
    (EXTENDS + "[page]\nlines_per_page = 0\n", "key 'page.lines_per_page' must be a whole number from 1 to 200, not 0"),
    (EXTENDS + "[page]\nline_pitch_pt = 0\n", "key 'page.line_pitch_pt' must be above 0, not 0"),
    (EXTENDS + "[fonts]\nfangsong = \"仿宋\\u0007\"\n", "key 'fonts.fangsong' must be a font name without control characters"),
    (EXTENDS + "[element.body]\ncolor = \"red\"\n", "key 'element.body.color' must be a hex colour such as FF0000"),
    # a whole style (no extends) with a part left out
    (_without(FULL, "dash_below_type_area_mm"), "key 'page_number.dash_below_type_area_mm' is missing"),
    (FULL.replace("[element.note]", "[element.notes]"), "table [element.note] is missing"),
    (FULL + "\n[element.banner]\nfont = \"heiti\"\nsize = 16\n", "unknown element '[element.banner]'"),
    (_without(FULL, "font = ", after="[element.body]"), "key 'element.body.font' is missing"),
]


@pytest.mark.parametrize("text, sentence", CASES, ids=[c[1][:40] for c in CASES])
def test_each_mistake_in_a_style_file_is_named(tmp_path, text, sentence):
    path = tmp_path / "office.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StyleError) as caught:
        load_style(str(path))
    assert str(caught.value).startswith(f"{path}: ")
    assert sentence in str(caught.value)


def test_a_style_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "office.toml"
    path.write_bytes('extends = "gbt9704"\nname = "公文"\n'.encode("gb18030"))
    with pytest.raises(StyleError, match="not UTF-8 text; save the style file as UTF-8"):
        load_style(str(path))


def test_styles_extending_each_other_in_a_loop_are_refused(tmp_path):
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(StyleError) as caught:
        load_style(str(tmp_path / "a.toml"))
    assert "'extends' makes a loop through" in str(caught.value)


def _convert(args, capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "convert", *map(str, args)])
    return exited.value.code, capsys.readouterr().err


def test_a_style_path_that_does_not_exist_stops_convert_before_anything_is_written(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text("关于开展检查的通知\n\n各单位：\n请按时报送。\n", encoding="utf-8")
    missing = tmp_path / "styles" / "office.toml"
    code, err = _convert([draft, "--style", missing], capsys)
    assert code == 2
    assert err == f"govfmt: style file {missing} does not exist\n"
    bad = tmp_path / "bad.toml"
    bad.write_text(EXTENDS + "[page]\nline_pitch_pt = 0\n", encoding="utf-8")
    code, err = _convert([draft, "--style", bad], capsys)
    assert code == 2 and err == f"govfmt: {bad}: key 'page.line_pitch_pt' must be above 0, not 0\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "d.txt"]
