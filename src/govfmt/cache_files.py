"""govfmt's files in the user's cache folder: where they live, and a table read or written in one piece.

A table file is a marshalled dict. Reading it is all or nothing (an unreadable or damaged file is no
table); writing goes to a temporary file beside it, moved over it in one step, so a reader never sees
half a file and a failed write leaves the old one.
"""

from __future__ import annotations

import os
import sys


def cache_folder() -> str:
    """govfmt's folder in the user's cache (GOVFMT_CACHE_DIR overrides it)."""
    base = os.environ.get("GOVFMT_CACHE_DIR")
    if base:
        return base
    if sys.platform == "win32":
        return os.path.join(os.environ.get("LOCALAPPDATA") or os.path.expanduser("~"), "govfmt", "Cache")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", "govfmt")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "govfmt")


def read_table(path: str) -> dict | None:
    """The table in the file, or None when it is missing, unreadable or not a table."""
    import marshal

    try:
        with open(path, "rb") as stream:
            loaded = marshal.loads(stream.read())  # load() would read the file in tiny pieces
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return loaded if isinstance(loaded, dict) else None


def write_table(path: str, table: dict) -> bool:
    """Write the table over the file in one step; False (and nothing changed) when it cannot be."""
    import marshal

    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "xb") as stream:
            marshal.dump(table, stream)
        os.replace(temporary, path)
        return True
    except (OSError, ValueError):
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
