"""A draft's bytes from disk or stdin: only regular files, never more than a draft can be."""

from __future__ import annotations

import os
import stat
import sys
from typing import TYPE_CHECKING

from govfmt.errors import InputError
from govfmt.i18n import _

from govfmt.ingest import MAX_BYTES

if TYPE_CHECKING:
    from pathlib import Path


def too_large(name: str, size: int | None = None, limit: int = MAX_BYTES) -> InputError:
    if size is None:
        return InputError(_("too large for a draft (over {limit} MB); split it into separate documents")
                          .format(limit=limit // 1048576), path=name)
    return InputError(_("too large for a draft ({size} MB, the limit is {limit} MB); split it into separate "
                        "documents").format(size=round(size / 1048576), limit=limit // 1048576), path=name)


def read_bytes(path: str | Path, name: str | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, or one InputError sentence saying why they cannot be had.

    The file is opened without blocking and checked with fstat before a byte is read, so a FIFO, a
    device such as /dev/zero or a socket is refused instead of hanging or filling the memory.
    """
    name = name or str(path)
    nonblock = getattr(os, "O_NONBLOCK", 0)  # POSIX: opening a FIFO must not wait for a writer
    flags = os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(_("no such file"), path=name) from None
    except PermissionError:
        if os.path.isdir(path):
            raise InputError(_("is a folder, not a file"), path=name) from None
        raise InputError(_("cannot be read (permission denied)"), path=name) from None
    except OSError as exc:
        raise InputError(_("cannot be read ({reason})").format(reason=exc.strerror or exc), path=name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(_("is a folder, not a file"), path=name)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_("is not a regular file (a pipe, device or socket); save the draft as a file, "
                               "or pipe it in as - on standard input"), path=name)
        if info.st_size > limit:
            raise too_large(name, info.st_size, limit)
        if nonblock:
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(_("cannot be read ({reason})").format(reason=exc.strerror or exc), path=name) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise too_large(name, limit=limit)
    return data


def read_stdin(name: str = "-", limit: int = MAX_BYTES) -> bytes:
    """Standard input's bytes, refused past the size a draft can have."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(_("there is no standard input to read"), path=name)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(name, limit=limit)
    return data
