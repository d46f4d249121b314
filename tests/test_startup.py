"""What `govfmt check` does on every start: the cached dataclass code, constants written out, modules loaded."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govfmt import code_cache, ingest

SRC = Path(__file__).resolve().parent.parent / "src"


def test_the_written_out_whitespace_is_what_str_isspace_accepts():
    computed = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
    assert ingest._WHITESPACE == computed


def test_dataclasses_take_their_code_from_the_cache_for_govfmt_classes_only():
    assert dataclasses.exec is code_cache._exec  # installed when govfmt is imported


def _run(code: str, cache: Path, **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(SRC), "GOVFMT_CACHE_DIR": str(cache), **env}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=environment, timeout=60)


# A run that creates govfmt's model classes and one class of another module, and shows how they behave.
_USE_THE_CLASSES = """
    import dataclasses, sys
    from govfmt import code_cache
    from govfmt.model import Block, Document
    from govfmt.lint.diagnostic import Diagnostic

    @dataclasses.dataclass(frozen=True)
    class Elsewhere:
        x: int = 1

    block = Block("title", 1, 1, "关于印发的通知")
    document = Document("a.txt", "utf-8", (block,))
    try:
        block.text = "x"
    except dataclasses.FrozenInstanceError:
        print("frozen")
    print(repr(block))
    print(block == Block("title", 1, 1, "关于印发的通知"), hash(block) == hash(Block("title", 1, 1, "关于印发的通知")))
    print(document == dataclasses.replace(document, corrections=()))  # corrections are not compared
    print(Diagnostic("a", 1, 2, 1, 3, "P101", "n", "error", "m") < Diagnostic("a", 1, 3, 1, 3, "P101", "n", "error", "m"))
    print(Block.__init__.__code__.co_filename, Elsewhere.__init__.__code__.co_filename)
    table = code_cache._table or {}
    print(len(table), any("Elsewhere" in key for key in table))
    print("compiled", code_cache._new)
"""


def test_a_second_run_compiles_nothing_and_its_classes_behave_the_same(tmp_path):
    first = _run(_USE_THE_CLASSES, tmp_path)
    assert first.returncode == 0, first.stderr
    assert list(tmp_path.glob("dataclass-code-*.marshal"))
    second = _run(_USE_THE_CLASSES, tmp_path)
    assert second.returncode == 0, second.stderr
    off = _run(_USE_THE_CLASSES, tmp_path / "off", GOVFMT_NO_CACHE="1")
    assert off.returncode == 0, off.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "frozen"
    assert lines[1].startswith("Block(kind='title', line_start=1, line_end=1, text='关于印发的通知'")
    assert lines[2:5] == ["True True", "True", "True"]
    assert lines[5] == "<string> <string>"  # the file name exec gives compiled text
    assert lines[6].endswith("False")  # the other module's class went through plain exec
    assert int(lines[7].split()[1]) > 0
    assert second.stdout.splitlines()[:6] == lines[:6] == off.stdout.splitlines()[:6]
    assert off.stdout.splitlines()[6] == "0 False"
    assert second.stdout.splitlines()[7] == "compiled 0"
    assert not list((tmp_path / "off").glob("dataclass-code-*"))


def test_a_damaged_cache_changes_nothing(tmp_path):
    assert _run(_USE_THE_CLASSES, tmp_path).returncode == 0
    (path,) = tmp_path.glob("dataclass-code-*.marshal")
    path.write_bytes(path.read_bytes()[:100])
    damaged = _run(_USE_THE_CLASSES, tmp_path)
    assert damaged.returncode == 0, damaged.stderr
    assert damaged.stdout.splitlines()[0] == "frozen"
    path.write_bytes(b"not marshal data")
    assert _run(_USE_THE_CLASSES, tmp_path).returncode == 0


def test_an_entry_that_is_not_code_is_compiled_again(monkeypatch):
    import marshal

    source = "def __create_fn__():\n def f(self): return 7\n return f"
    monkeypatch.setattr(code_cache, "_table", {source: marshal.dumps("not code")})
    monkeypatch.setattr(code_cache, "_new", 0)
    namespace: dict = {}
    code_cache._exec(source, {"__name__": "govfmt.example"}, namespace)
    assert namespace["__create_fn__"]()(None) == 7
    assert code_cache._new == 1


@pytest.mark.parametrize("name", ["elsewhere", "govfmtish.module"])
def test_other_modules_code_is_executed_as_given(monkeypatch, name):
    monkeypatch.setattr(code_cache, "_table", {})
    namespace: dict = {}
    code_cache._exec("x = 1", {"__name__": name}, namespace)
    assert namespace == {"x": 1}
    assert code_cache._table == {}


# Libraries `govfmt check` of a plain-text draft has no use for (OpenCC only for a character GB 2312 lacks).
NOT_ON_THE_CHECK_PATH = ("docx", "lxml", "pypandoc", "pandoc", "pdfplumber", "pdfminer", "pypdfium2", "rich",
                         "jieba", "opencc", "charset_normalizer", "PIL")
# sys.modules when the run ends, importlib's and lazy imports included, through the console script's entry
_MODULES_AT_EXIT = """
import atexit, sys
atexit.register(lambda: sys.__stderr__.write("MODULES " + " ".join(sorted(sys.modules)) + "\\n"))
from govfmt.cli import main
sys.argv[0] = "govfmt"
main()
"""


def _modules_at_exit(tmp_path: Path, text: str) -> set[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _MODULES_AT_EXIT, "check", "--exit-zero", str(draft)],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(SRC), "GOVFMT_CACHE_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def _loaded(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in NOT_ON_THE_CHECK_PATH)


DRAFT = "关于做好安全生产工作的通知\n\n各区人民政府：\n\n    现将有关事项通知如下。\n\n北京市人民政府\n2024年3月1日\n"


def test_checking_a_gb2312_draft_loads_no_heavy_library(tmp_path):
    DRAFT.encode("gb2312")  # every character is in GB 2312
    modules = _modules_at_exit(tmp_path, DRAFT)
    assert {"govfmt.lint.rules", "govfmt.lint.rules.script"} <= modules  # the linter and its script rule ran
    assert _loaded(modules) == []


def test_opencc_is_loaded_only_for_a_character_gb2312_lacks(tmp_path):
    modules = _modules_at_exit(tmp_path, DRAFT.replace("现将", "現將"))  # traditional forms
    assert "opencc" in modules
    assert {m.split(".")[0] for m in _loaded(modules)} == {"opencc"}


# The collector as the command's process and as a program importing govfmt see it, after a check.
_COLLECTOR = """
import atexit, gc, sys
sys.argv[0] = {program!r}
import govfmt
paused = not gc.isenabled()
atexit.register(lambda: sys.__stderr__.write(f"COLLECTOR {{paused}} {{gc.isenabled()}} {{gc.get_freeze_count() > 0}}\\n"))
from govfmt.cli import main
sys.argv[1:] = ["check", "--exit-zero", {draft!r}]
main()
"""


@pytest.mark.parametrize("program, expected", [("/usr/local/bin/govfmt", "True True True"),
                                               ("-m", "True True True"),
                                               ("/usr/bin/some-tool", "False True False")])
def test_the_collector_waits_for_the_command_modules_and_runs_while_it_checks(tmp_path, program, expected):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result = _run(_COLLECTOR.format(program=program, draft=str(draft)), tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "No problems found" in result.stdout or "draft.txt" in result.stdout
    line = next(line for line in result.stderr.splitlines() if line.startswith("COLLECTOR "))
    assert line.split(maxsplit=1)[1] == expected


# Standard modules a check of one text draft has no use for: pathlib (with urllib.parse and ipaddress) is
# loaded to walk folders, read .gitignore or match a configuration's patterns; tomllib for a configuration
# file, pathspec for a .gitignore.
OFF_THE_PATH = ("pathlib", "urllib.parse", "ipaddress", "tomllib", "pathspec", "difflib", "json")


def test_checking_a_draft_loads_no_module_it_has_no_use_for(tmp_path):
    assert sorted(set(OFF_THE_PATH) & _modules_at_exit(tmp_path, DRAFT)) == []


def test_a_configuration_file_loads_tomllib_and_pathlib(tmp_path):
    (tmp_path / "govfmt.toml").write_text('ignore = ["S101"]\n', encoding="utf-8")
    modules = _modules_at_exit(tmp_path, DRAFT)
    assert {"tomllib", "pathlib"} <= modules
    assert "pathspec" not in modules


def test_a_folder_with_a_gitignore_loads_pathspec(tmp_path):
    (tmp_path / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")
    (tmp_path / "ignored.txt").write_text(DRAFT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _MODULES_AT_EXIT, "check", "--exit-zero", str(tmp_path)],
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(SRC), "GOVFMT_CACHE_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "ignored.txt" not in result.stdout
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    assert "pathspec" in line.split()


_PARTS = ["", ".", "..", "a", "x.txt", ".txt", "notes.", "a.b.md", "/", "//", "dir.d"]


def _paths():
    import itertools

    for count in range(1, 4):
        for parts in itertools.product(_PARTS, repeat=count):
            yield "/".join(parts)


def test_the_suffix_and_folder_of_a_path_are_those_pathlib_gives():
    from govfmt.lint.config import parent_folder
    from govfmt.read import suffix_of

    for path in _paths():
        assert suffix_of(path) == Path(path).suffix, path
        # the folder is resolved before use: the same folder, however it is spelled
        assert os.path.realpath(parent_folder(path)) == os.path.realpath(Path(path).parent), path
