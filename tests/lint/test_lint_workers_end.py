"""`check -j 2` stopped by SIGTERM (which reaches only the process that was started, not its workers)
leaves no worker behind checking or waiting on its queue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DRAFT = Path(__file__).resolve().parents[1] / "corpus" / "dev" / "docs" / "015.txt"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc").is_dir() or sys.platform != "linux", reason="reads /proc")
def test_workers_end_with_a_terminated_check(tmp_path):
    text = DRAFT.read_text("utf-8")
    for number in range(800):
        (tmp_path / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    check = subprocess.Popen([sys.executable, "-m", "govfmt", "check", str(tmp_path), "-j", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and check.poll() is None:
        workers = _children(check.pid)
        time.sleep(0.05)
    assert len(workers) == 2, "the check ended before its workers could be seen"
    check.send_signal(signal.SIGTERM)
    check.wait(10)
    deadline = time.monotonic() + 5
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if _running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
