"""Messages: every message of the program has a Chinese translation, and the CLI speaks the locale's language."""

from __future__ import annotations

import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govfmt import i18n

SRC = Path(i18n.__file__).parent
PO = SRC / "locale" / "zh_CN" / "LC_MESSAGES" / "govfmt.po"
MO = PO.with_suffix(".mo")


PLURALS: dict[str, str] = {}  # singular -> plural of each ngettext call


def source_messages() -> dict[str, str]:
    """Every literal message id passed to _ / N_ / ngettext in the package, with where it is."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in ("_", "N_", "ngettext"):
                continue
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, f"{path.relative_to(SRC)}:{node.lineno}")
            if node.func.id == "ngettext" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                PLURALS[arg.value] = node.args[1].value
    return found


def catalog() -> gettext.GNUTranslations:
    with MO.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def test_every_message_in_the_source_is_translated():
    translated = catalog()._catalog  # type: ignore[attr-defined]
    ids = {key[0] if isinstance(key, tuple) else key for key, value in translated.items() if value}
    missing = {msg: where for msg, where in source_messages().items() if msg not in ids}
    assert not missing, "untranslated messages (add them to govfmt.po, then `make locale`):\n" + "\n".join(
        f"  {where}: {msg!r}" for msg, where in sorted(missing.items(), key=lambda item: item[1])
    )


def po_entries() -> list[dict[str, str]]:
    """The catalog's entries with their strings joined across continuation lines, as msgfmt reads them."""
    import ast as literal

    entries, entry, field = [], {}, None
    for line in PO.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, field = {}, None
        elif line.startswith("#"):
            entry.setdefault("comments", "")
            entry["comments"] += line + "\n"
        elif line.startswith('"'):
            entry[field] += literal.literal_eval(line)
        else:
            field, _space, value = line.partition(" ")
            entry[field] = literal.literal_eval(value)
    return entries


def test_plural_messages_have_their_plural_in_the_catalog():
    source_messages()
    plurals = {e["msgid"]: e["msgid_plural"] for e in po_entries() if "msgid_plural" in e}
    for singular, plural in PLURALS.items():
        assert plurals.get(singular) == plural, singular


def test_no_entry_of_the_catalog_is_empty_or_fuzzy():
    for entry in po_entries():
        if "msgid" not in entry or not entry["msgid"]:
            continue
        assert "fuzzy" not in entry.get("comments", ""), entry
        translations = [v for k, v in entry.items() if k.startswith("msgstr")]
        assert translations and all(translations), f"empty translation: {entry['msgid']!r}"


def test_the_catalog_keeps_the_placeholders_of_each_message():
    import re

    placeholder = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s")
    for key, value in catalog()._catalog.items():  # type: ignore[attr-defined]
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid:
            continue
        expected = set(placeholder.findall(msgid))
        if isinstance(key, tuple):
            continue  # one Chinese form stands for singular and plural: checked below
        assert set(placeholder.findall(value)) == expected, (msgid, value)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is installed by scripts/setup.sh")
def test_the_compiled_catalog_is_up_to_date(tmp_path):
    fresh = tmp_path / "govfmt.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO)], check=True, capture_output=True)
    with fresh.open("rb") as handle:
        expected = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    assert catalog()._catalog == expected, "run `make locale` after editing govfmt.po"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
        ({}, "en"),
    ],
)
def test_language_follows_the_first_locale_variable_set(env, expected):
    assert i18n.language_from_env(env) == expected


def test_lang_before_the_subcommand_is_the_global_option():
    assert i18n.language_from_argv(["--lang", "zh", "check", "x.txt"]) == "zh"
    assert i18n.language_from_argv(["--lang=en", "inspect"]) == "en"
    assert i18n.language_from_argv(["check", "--lang", "zh"]) is None


def run_cli(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environ.update(env)
    environ["PYTHONPATH"] = str(SRC.parent)
    return subprocess.run([sys.executable, "-m", "govfmt", *args], capture_output=True, text=True, env=environ,
                          timeout=60)


def test_help_is_chinese_under_a_chinese_locale_and_english_under_c():
    chinese = run_cli(["--help"], LANG="zh_CN.UTF-8")
    english = run_cli(["--help"], LANG="C")
    assert chinese.returncode == english.returncode == 0
    assert "用法" in chinese.stdout and "显示本帮助并退出" in chinese.stdout
    assert "Usage:" in english.stdout and "Show this message and exit." in english.stdout
    assert "用法" not in english.stdout


def test_lang_option_overrides_the_locale():
    assert "Usage:" in run_cli(["--lang", "en", "--help"], LANG="zh_CN.UTF-8").stdout
    assert "用法" in run_cli(["--lang", "zh", "--help"], LANG="C").stdout


def test_usage_errors_follow_the_language():
    chinese = run_cli(["no-such-command"], LANG="zh_CN.UTF-8")
    english = run_cli(["no-such-command"], LANG="C")
    assert chinese.returncode == english.returncode == 2
    assert "没有命令" in chinese.stderr
    assert "No such command" in english.stderr


HELP_DUMP = """
import json
from govfmt.cli import cli
out = {"govfmt": [cli.help] + [p.help for p in cli.params if getattr(p, "help", None)]}
import click
context = click.Context(cli)
for name in cli.list_commands(context):
    command = cli.get_command(context, name)
    out[name] = [command.help] + [p.help for p in command.params if getattr(p, "help", None)]
print(json.dumps(out))
"""


def _help_texts(lang: str) -> dict:
    import json

    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environ.update(LANG=lang, PYTHONPATH=str(SRC.parent))
    done = subprocess.run([sys.executable, "-c", HELP_DUMP], capture_output=True, text=True, env=environ,
                          timeout=60, check=True)
    return json.loads(done.stdout)


def test_every_help_text_of_every_command_is_translated():
    english, chinese = _help_texts("C"), _help_texts("zh_CN.UTF-8")
    assert english.keys() == chinese.keys() and len(english) >= 7
    same = [f"{command}: {en[:70]!r}" for command in english
            for en, zh in zip(english[command], chinese[command]) if en and en == zh]
    assert not same, "help shown in English under zh_CN:\n" + "\n".join(same)
