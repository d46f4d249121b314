"""Cleaning up after a run even when it is killed outright (SIGKILL, out of memory).

A run that starts LibreOffice or makes temporary folders also starts one tiny watcher process. The run
tells it, through a pipe, which process groups and folders are in play; when the pipe closes without a
final "done" (the run died, whatever the cause), the watcher ends those groups and removes those folders.
An orderly run cleans up itself and then says "done". POSIX only; elsewhere this does nothing.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
from pathlib import Path

_WATCHER = r"""
import os, shutil, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
groups, folders, pids = set(), set(), set()
done = False
for raw in sys.stdin.buffer:
    kind, _, value = raw.decode("utf-8", "surrogateescape").rstrip("\n").partition(" ")
    if kind == "group": groups.add(int(value))
    elif kind == "ungroup": groups.discard(int(value))
    elif kind == "pid": pids.add(int(value))
    elif kind == "unpid": pids.discard(int(value))
    elif kind == "folder": folders.add(value)
    elif kind == "unfolder": folders.discard(value)
    elif kind == "done": done = True; break
if not done:
    for group in groups:
        try: os.killpg(group, signal.SIGKILL)
        except OSError: pass
    for pid in pids:
        try: os.kill(pid, signal.SIGKILL)
        except OSError: pass
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
"""

_lock = threading.Lock()
_process: subprocess.Popen | None = None
_inherited: list = []


def _send(line: str) -> None:
    global _process
    if not sys.platform.startswith(("linux", "darwin", "freebsd")):
        return
    with _lock:
        if _process is None or _process.poll() is not None:
            try:
                _process = subprocess.Popen([sys.executable, "-I", "-S", "-c", _WATCHER], stdin=subprocess.PIPE,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            start_new_session=True, close_fds=True)
            except OSError:
                _process = None
                return
            atexit.register(finish)
        try:
            _process.stdin.write((line + "\n").encode("utf-8", "surrogateescape"))
            _process.stdin.flush()
        except OSError:
            pass


def _after_fork_in_child() -> None:
    # A forked worker must not hold the pipe open: the watcher would then outlive a killed run unnoticed.
    global _process
    if _process is not None and _process.stdin is not None:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, _process.stdin.fileno())
            os.close(devnull)
        except OSError:
            pass
    _inherited.append(_process)  # kept referenced: collecting it would close the fd again
    _process = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def watch_group(group: int) -> None:
    _send(f"group {group}")


def forget_group(group: int) -> None:
    _send(f"ungroup {group}")


def watch_pid(pid: int) -> None:
    _send(f"pid {pid}")


def forget_pid(pid: int) -> None:
    _send(f"unpid {pid}")


def watch_folder(folder: Path) -> None:
    _send(f"folder {os.path.abspath(folder)}")


def forget_folder(folder: Path) -> None:
    _send(f"unfolder {os.path.abspath(folder)}")


def remove_folder(folder: Path) -> None:
    """Remove a scratch folder now, and stop watching it."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    forget_folder(folder)


def finish() -> None:
    """The run cleaned up after itself: the watcher leaves without touching anything."""
    global _process
    with _lock:
        if _process is None:
            return
        try:
            _process.stdin.write(b"done\n")
            _process.stdin.close()
        except OSError:
            pass
        try:
            _process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        _process = None
