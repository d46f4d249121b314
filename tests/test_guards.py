"""The guards around the user's files: no input is ever changed except by `check --fix`, which leaves a
read-only draft alone; special files (pipes, devices) are refused at once; an output never replaces its
input; a refused run leaves nothing behind. Each case runs the real command and looks at the files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

DRAFT = "关于开展检查的通知\n各单位：\n请做好准备,谢谢.\n某某办公室\n2024年3月1日\n"  # two half-width marks to fix


def _govfmt(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "govfmt", *args], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=cwd, stdin=subprocess.DEVNULL)


def _snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every entry of a folder: contents (None for non-regular files) and mode."""
    found = {}
    for entry in sorted(folder.iterdir()):
        info = entry.lstat()
        data = entry.read_bytes() if stat.S_ISREG(info.st_mode) else None
        found[entry.name] = (data, info.st_mode)
    return found


def _one_sentence(stderr: str, *words: str) -> None:
    assert "Traceback" not in stderr
    assert all(word in stderr for word in words), stderr


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "通知.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


# --- check --fix ---------------------------------------------------------------------------------------

def test_fix_changes_a_writable_draft_in_place(draft):
    """The guard's other side: the same draft, writable, is fixed (so the read-only case below means it)."""
    done = _govfmt("check", "--fix", str(draft))
    assert done.returncode == 0, done.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT.replace(",", "，").replace(".\n", "。\n")
    assert sorted(p.name for p in draft.parent.iterdir()) == [draft.name]  # no temporary file left


def test_fix_leaves_a_read_only_draft_alone(draft):
    draft.chmod(0o444)
    before = _snapshot(draft.parent)
    done = _govfmt("check", "--fix", str(draft))
    assert _snapshot(draft.parent) == before  # same bytes, same mode, no temporary file (even for root)
    assert done.returncode != 0
    _one_sentence(done.stderr, str(draft), "read-only")


def test_diff_writes_nothing(draft):
    before = _snapshot(draft.parent)
    done = _govfmt("check", "--diff", str(draft))
    assert done.returncode == 1
    assert "-请做好准备,谢谢." in done.stdout and "+请做好准备，谢谢。" in done.stdout
    assert _snapshot(draft.parent) == before


def test_check_without_fix_writes_nothing(draft):
    before = _snapshot(draft.parent)
    assert _govfmt("check", str(draft)).returncode == 1
    assert _snapshot(draft.parent) == before


# --- special files -------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["inspect"], ["check"], ["check", "--fix"], ["convert"]])
def test_a_pipe_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / "通知.txt"
    os.mkfifo(fifo)
    done = _govfmt(*command, str(fifo), timeout=30)  # reading it would wait for a writer forever
    assert done.returncode == 2
    _one_sentence(done.stderr, str(fifo))
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and sorted(p.name for p in tmp_path.iterdir()) == [fifo.name]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
@pytest.mark.parametrize("command", [["inspect"], ["check", "--fix"], ["convert", "-o", "out.docx"]])
def test_a_device_is_refused(tmp_path, device, command):
    if not os.path.exists(device):
        pytest.fail(f"{device} is missing on this machine")
    done = _govfmt(*command[:1], device, *command[1:], cwd=tmp_path, timeout=30)
    assert done.returncode == 2
    _one_sentence(done.stderr, device)
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_to_a_draft_is_read_and_fixed_through_it(draft):
    link = draft.parent / "link.txt"
    link.symlink_to(draft.name)
    assert _govfmt("check", "--fix", str(link)).returncode == 0
    assert link.is_symlink() and "，谢谢。" in draft.read_text(encoding="utf-8")


# --- convert -------------------------------------------------------------------------------------------

def test_convert_leaves_its_input_untouched(draft, tmp_path):
    before = (draft.read_bytes(), draft.stat().st_mtime_ns, draft.stat().st_mode)
    done = _govfmt("convert", str(draft), "-o", str(tmp_path / "out.docx"))
    assert done.returncode == 0, done.stderr
    assert (draft.read_bytes(), draft.stat().st_mtime_ns, draft.stat().st_mode) == before


def test_an_output_never_replaces_its_input(draft, tmp_path):
    word = tmp_path / "旧.docx"
    assert _govfmt("convert", str(draft), "-o", str(word)).returncode == 0
    (tmp_path / "link.docx").symlink_to(word.name)
    before = _snapshot(tmp_path)
    for target in (word, tmp_path / "link.docx"):
        done = _govfmt("convert", str(word), "-o", str(target))
        assert done.returncode == 2
        _one_sentence(done.stderr, "overwrite the input")
    done = _govfmt("convert", str(draft), "-o", str(draft), "--to", "docx")
    assert done.returncode == 2
    assert _snapshot(tmp_path) == before


def test_an_output_that_cannot_be_written_leaves_nothing_behind(draft, tmp_path):
    blocked = tmp_path / "out"
    blocked.write_text("a file where a folder is needed", encoding="utf-8")
    before = _snapshot(tmp_path)
    done = _govfmt("convert", str(draft), "-o", str(blocked / "通知.docx"))
    assert done.returncode in (1, 2)
    _one_sentence(done.stderr, str(blocked))
    assert _snapshot(tmp_path) == before


def test_a_refused_draft_in_a_batch_leaves_no_output_for_it(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "好.txt").write_text(DRAFT, encoding="utf-8")
    (source / "空.txt").write_bytes(b"   \n")
    done = _govfmt("convert", str(source), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    _one_sentence(done.stderr, "空.txt")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["好.docx"]
