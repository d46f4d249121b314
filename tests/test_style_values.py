"""Style values no page can have are refused with one sentence naming the key."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from govfmt.errors import StyleError
from govfmt.style import load_style


def _style(tmp_path, body: str):
    path = tmp_path / "mine.toml"
    path.write_text('extends = "gbt9704"\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "key"), [
    ("[page]\nlines_per_page = 0\n", "page.lines_per_page"),
    ("[page]\nchars_per_line = -3\n", "page.chars_per_line"),
    ("[page]\nline_pitch_pt = 0\n", "page.line_pitch_pt"),
    ('[fonts]\nfangsong = "仿宋\\u0007GB2312"\n', "fonts.fangsong"),
    ('[element.body]\nfont = "仿宋\\u001b"\n', "element.body.font"),
])
def test_impossible_values_name_their_key(tmp_path, body, key):
    with pytest.raises(StyleError) as caught:
        load_style(str(_style(tmp_path, body)))
    assert f"'{key}'" in str(caught.value)


def test_a_control_character_in_a_font_name_is_a_sentence_not_an_internal_error(tmp_path):
    style = _style(tmp_path, '[fonts]\nfangsong = "仿宋\\u0007"\n')
    draft = tmp_path / "a.txt"
    draft.write_text("关于开展检查的通知\n各单位：\n请做好准备。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "govfmt", "convert", str(draft), "--style", str(style),
                           "-o", str(tmp_path / "a.docx")], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "LANG": "C"})
    assert done.returncode == 2, done.stderr
    assert "fonts.fangsong" in done.stderr and "internal error" not in done.stderr
    assert not (tmp_path / "a.docx").exists()
