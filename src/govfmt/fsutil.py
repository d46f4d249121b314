"""Writing outputs the way well-behaved tools do: one atomic writer for every file govfmt produces.

A regular file (or a name not yet taken) is replaced atomically: the new content goes to a hidden
`.NAME.RANDOM.part.SUFFIX` beside it and is renamed over it only when complete. A symbolic link is
followed and its target treated the same way, so the link stays a link. Anything else that can be
written (a FIFO, a character device such as /dev/stdout) is written through, never replaced; a folder
or a block device is refused with one sentence. New files get the user's umask, like any other tool.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from govfmt.errors import GovfmtError
from govfmt.i18n import _

PART_MARK = ".part"
LOCK_NAME = ".govfmt.lock"


class OutputError(GovfmtError):
    """An output path cannot be written as asked; nothing was written."""


def umask() -> int:
    """The process umask, read without changing it where the system allows (/proc), else once."""
    if not hasattr(umask, "value"):
        value = None
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("Umask:"):
                        value = int(line.split()[1], 8)
        except (OSError, ValueError):
            value = None
        if value is None:
            value = os.umask(0o022)
            os.umask(value)
        umask.value = value
    return umask.value


def file_mode() -> int:
    return 0o666 & ~umask()


def _kind(path: Path) -> str:
    """'absent', 'regular', 'through' (FIFO, character device) or 'refused' (folder, block device)."""
    try:
        mode = os.stat(path).st_mode  # follows a symbolic link to what it names
    except FileNotFoundError:
        return "absent"
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "through"
    return "refused"


def resolved(target: Path) -> Path:
    """Where writing to target really goes: a symbolic link (or chain of them) is followed."""
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def part_name(target: Path) -> str:
    return f".{target.stem}."


def part_suffix(target: Path) -> str:
    return f"{PART_MARK}{target.suffix}"


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """A temporary path to write the whole output to; it becomes target only if the block succeeds.

    Raises OutputError (before anything is written) for a target that is a folder or a block device.
    """
    target = Path(target)
    real = resolved(target)
    kind = _kind(real)
    if kind == "refused":
        raise OutputError(_("{target} is a folder or a device, not a file; name a file to write").format(target=target))
    if kind == "through":
        with tempfile.TemporaryDirectory(prefix="govfmt-out-") as scratch:
            temporary = Path(scratch) / f"output{target.suffix}"
            yield temporary
            _write_through(temporary, real)
        return
    real.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=part_name(real), suffix=part_suffix(real), dir=real.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, file_mode())
        os.replace(temporary, real)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_through(source: Path, target: Path) -> None:
    with source.open("rb") as data, open(target, "wb") as out:
        shutil.copyfileobj(data, out)


def place(produced: Path, target: Path) -> None:
    """Copy a finished file to target through the atomic writer (never a half-written target)."""
    with atomic_output(target) as temporary:
        shutil.copyfile(produced, temporary)


def write_text(target: Path, text: str) -> None:
    with atomic_output(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def stale_parts(folder: Path, stem: str, suffix: str, names: list[str] | None = None) -> list[Path]:
    """Hidden temporary files an earlier, killed run left beside target folder/stem+suffix (names: the
    folder's part files, listed once for all its targets)."""
    if names is None:
        names = _part_names(folder)
    head, tail = f".{stem}.", f"{PART_MARK}{suffix}"
    return [folder / n for n in names if n.startswith(head) and n.endswith(tail) and len(n) > len(head + tail)]


def _part_names(folder: Path) -> list[str]:
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [n for n in names if n.startswith(".") and PART_MARK in n]


def clear_stale_parts(targets) -> int:
    """Remove what killed runs left beside these targets; call it only while holding the folder lock."""
    removed = 0
    seen = set()
    listed: dict[Path, list[str]] = {}  # each folder listed once: a batch has hundreds of targets in one
    for target in targets:
        real = resolved(Path(target))
        key = (real.parent, real.stem, real.suffix)
        if key in seen:
            continue
        seen.add(key)
        if real.parent not in listed:
            listed[real.parent] = _part_names(real.parent)
        for path in stale_parts(real.parent, real.stem, real.suffix, listed[real.parent]):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


class FolderBusy(GovfmtError):
    """Another govfmt run is writing into the same output folder."""


@contextmanager
def folder_lock(folders) -> Iterator[None]:
    """Hold an exclusive lock on each output folder for the duration of a run (POSIX flock on a hidden
    .govfmt.lock file, removed again afterwards). A second run into one of them is refused at once."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; runs are not serialised
        yield
        return
    held: list[tuple[Path, int]] = []
    created: list[Path] = []
    try:
        for folder in sorted({os.path.realpath(f) for f in folders}):
            folder = Path(folder)
            try:
                created.extend(_make_folders(folder))
            except OSError:
                pass
            if not folder.is_dir():
                continue  # nothing can be written there: each job says so for its own file
            held.append((folder / LOCK_NAME, _lock(folder / LOCK_NAME, fcntl)))
        yield
    finally:
        for path, fd in reversed(held):
            try:
                path.unlink()
            except OSError:
                pass
            os.close(fd)
        for folder in reversed(created):  # a run that wrote nothing leaves no empty folders behind
            try:
                folder.rmdir()
            except OSError:
                pass


def _make_folders(folder: Path) -> list[Path]:
    """Make folder and its missing parents; the ones made, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
    return list(reversed(missing))


def _lock(path: Path, fcntl) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise FolderBusy(_("another govfmt convert is writing into {folder}; wait for it to finish, "
                                   "or write elsewhere with -o").format(folder=path.parent)) from None
            raise
        # The previous holder may have removed the file between our open and our lock: lock the new one.
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)
