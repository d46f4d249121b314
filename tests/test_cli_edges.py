"""The command line's own edges (DESIGN.md: exit codes, one sentence, no traceback unless --debug): an
error under --debug, an interruption, --version, short Chinese help, and the language of a Windows desktop
when no locale variable is set."""

from __future__ import annotations

import sys
import types

import pytest

from govfmt import cli, i18n
from govfmt.errors import InputError


def _main(args, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(args)
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def test_an_error_is_one_sentence_and_with_debug_its_traceback(tmp_path, capsys):
    missing = tmp_path / "无.txt"
    code, out, err = _main(["inspect", str(missing)], capsys)
    assert (code, out, err) == (2, "", f"govfmt: {missing}: no such file\n")
    with pytest.raises(InputError) as caught:
        cli.main(["--debug", "inspect", str(missing)])
    assert str(caught.value) == f"{missing}: no such file"


def test_an_interruption_ends_with_130_and_one_word(tmp_path, capsys, monkeypatch):
    from govfmt import reader

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(reader, "read_document_and_source", interrupted)
    draft = tmp_path / "a.txt"
    draft.write_text("关于开展检查的通知\n", encoding="utf-8")
    code, _, err = _main(["inspect", str(draft)], capsys)
    assert code == 130 and err.strip().endswith("govfmt: interrupted") and "Traceback" not in err


def test_version_and_help_exit_zero(capsys):
    from govfmt import __version__

    assert _main(["--version"], capsys)[:2] == (0, f"govfmt, version {__version__}\n")
    code, out, _ = _main(["--help"], capsys)
    assert code == 0 and "inspect" in out and "check" in out


def test_short_chinese_help_cuts_at_a_comma_or_else_at_36_characters():
    assert cli._short_chinese_help("检查公文草稿。其余说明") == "检查公文草稿"
    long_clause = "把草稿按国家标准排成公文并输出文档和版式文件，同时检查其中的标点、数字、层次序数和各个要素的写法是否规范"
    assert cli._short_chinese_help(long_clause) == long_clause[:long_clause.index("，")]
    no_comma = "甲" * 50
    assert cli._short_chinese_help(no_comma) == "甲" * 35 + "…"


@pytest.mark.parametrize("lang_id, language", [(0x0804, "zh"), (0x0404, "zh"), (0x0409, "en")])
def test_on_windows_without_a_locale_variable_the_desktop_language_counts(lang_id, language, monkeypatch):
    kernel32 = types.SimpleNamespace(GetUserDefaultUILanguage=lambda: lang_id)
    monkeypatch.setitem(sys.modules, "ctypes", types.SimpleNamespace(windll=types.SimpleNamespace(kernel32=kernel32)))
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.language_from_env() == language


def test_on_windows_without_the_desktop_api_english_is_chosen(monkeypatch):
    monkeypatch.setitem(sys.modules, "ctypes", types.SimpleNamespace())  # no windll
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.language_from_env() == "en"
