"""A run killed outright (SIGKILL) still leaves nothing behind: the watcher process ends the process groups
and processes the run named and removes its folders; one that finished in order is left alone, and a forked
worker that outlives its parent does not keep the watcher waiting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from processes import alive, wait_for
from conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX process groups and signals")

RUN = r"""
import os, signal, subprocess, sys, time
from pathlib import Path
from govfmt import reaper

scratch, kept, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
for folder in (scratch, kept):
    folder.mkdir()
    (folder / "part.docx").write_bytes(b"PK")
sleep = [sys.executable, "-c", "import time; time.sleep(60)"]
quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
group = subprocess.Popen(sleep, start_new_session=True, **quiet)  # as LibreOffice is started
worker = subprocess.Popen(sleep, **quiet)  # as a pool worker
reaper.watch_group(group.pid)
reaper.watch_pid(worker.pid)
reaper.watch_folder(scratch)
reaper.watch_folder(kept)
reaper.forget_folder(kept)  # a folder the run handed over: not the watcher's any more
print(group.pid, worker.pid, flush=True)
if mode == "fork":
    child = os.fork()
    if child == 0:
        for fd in (1, 2):
            os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
        time.sleep(4)
        sys.exit(0)
    print(child, flush=True)
elif mode == "finish":
    reaper.finish()
    reaper.finish()  # a second call has nothing left to tell
    print("finished", flush=True)
    sys.exit(0)  # an orderly end: the watcher was told it is done before
os.kill(os.getpid(), signal.SIGKILL)
"""


def _killed_run(tmp_path: Path, mode: str) -> tuple[list[int], Path, Path]:
    scratch, kept = tmp_path / "scratch", tmp_path / "kept"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", RUN, str(scratch), str(kept), mode], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == (0 if mode == "finish" else -signal.SIGKILL), done.stderr
    pids = [int(word) for word in done.stdout.split() if word.isdigit()]
    return pids, scratch, kept


def _end(pids) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_a_killed_run_leaves_no_process_and_no_folder_behind(tmp_path):
    (group, worker), scratch, kept = _killed_run(tmp_path, "kill")
    try:
        assert wait_for(lambda: not alive(group) and not alive(worker))
        assert wait_for(lambda: not scratch.exists())
        assert (kept / "part.docx").exists()  # forgotten before the run died
    finally:
        _end([group, worker])


def test_a_run_that_finished_in_order_is_left_alone(tmp_path):
    (group, worker), scratch, kept = _killed_run(tmp_path, "finish")
    try:
        time.sleep(0.5)
        assert alive(group) and alive(worker) and (scratch / "part.docx").exists()
    finally:
        _end([group, worker])


def test_a_forked_child_still_running_does_not_hold_the_watcher(tmp_path):
    (group, worker, child), scratch, _ = _killed_run(tmp_path, "fork")
    try:
        assert wait_for(lambda: not scratch.exists() and not alive(group), 10)
        assert alive(child)  # cleaned up while the forked child still runs
    finally:
        _end([group, worker, child])
