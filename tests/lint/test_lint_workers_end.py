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

from processes import alive, children, wait_for

DRAFT = Path(__file__).resolve().parents[1] / "corpus" / "dev" / "docs" / "015.txt"


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
        workers = children(check.pid)
        time.sleep(0.05)
    assert len(workers) == 2, "the check ended before its workers could be seen"
    check.send_signal(signal.SIGTERM)
    check.wait(10)
    wait_for(lambda: not any(alive(pid) for pid in workers), 5)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
