"""The one atomic writer and the folder lock at their edges: the umask where /proc cannot be read, part files
of killed runs named twice or standing as folders, an output folder that cannot be made, a lock file removed
while the run holds it."""

from __future__ import annotations

import builtins
import os
import sys

import pytest

from govfmt import fsutil
from govfmt.fsutil import LOCK_NAME, atomic_output, clear_stale_parts, folder_lock

POSIX = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX umask and flock")


@POSIX
def test_the_umask_is_read_without_proc_too(monkeypatch):
    real_open = builtins.open

    def no_proc(path, *args, **kwargs):
        if str(path).startswith("/proc/"):
            raise OSError("no /proc here")
        return real_open(path, *args, **kwargs)
    previous = os.umask(0o027)
    try:
        monkeypatch.delattr(fsutil.umask, "value", raising=False)
        monkeypatch.setattr(builtins, "open", no_proc)
        assert fsutil.umask() == 0o027
        assert fsutil.file_mode() == 0o640
        assert os.umask(0o027) == 0o027  # left as it was
    finally:
        os.umask(previous)
        monkeypatch.delattr(fsutil.umask, "value", raising=False)


def test_stale_parts_are_cleared_once_per_target_and_folders_of_that_name_are_left(tmp_path):
    target = tmp_path / "a.docx"
    stale = tmp_path / ".a.k3j2h1.part.docx"
    stale.write_bytes(b"half")
    odd = tmp_path / ".a.zzzzzz.part.docx"
    odd.mkdir()  # not a file a run left: not removed
    other = tmp_path / ".b.k3j2h1.part.docx"
    other.write_bytes(b"another target's")
    assert clear_stale_parts([target, target]) == 1
    assert not stale.exists() and odd.is_dir() and other.exists()
    assert clear_stale_parts([tmp_path / "gone" / "a.docx"]) == 0  # a folder not there yet holds nothing


@POSIX
def test_an_output_folder_that_cannot_be_made_is_left_to_each_file_to_report(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with folder_lock([blocker / "out"]):
        assert not (blocker / "out").exists()
    with pytest.raises(OSError):
        with atomic_output(blocker / "out" / "a.docx"):
            pass


@POSIX
def test_a_lock_file_removed_during_the_run_does_not_fail_it(tmp_path):
    out = tmp_path / "out"
    with folder_lock([out]):
        (out / LOCK_NAME).unlink()
    assert not out.exists()  # the run made the folder, wrote nothing, and took it away again


@POSIX
def test_folders_made_for_a_run_that_wrote_something_stay(tmp_path):
    out = tmp_path / "a" / "b"
    with folder_lock([out]):
        with atomic_output(out / "x.docx") as temporary:
            temporary.write_bytes(b"whole")
    assert sorted(p.name for p in out.iterdir()) == ["x.docx"]
