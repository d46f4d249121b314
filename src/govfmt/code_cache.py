"""The methods `@dataclass` writes for govfmt's classes, compiled once per machine instead of once per run.

`dataclasses` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__` and
`__delattr__` as source text and compiles it when the class is created; for the ~25 frozen classes that
`govfmt check` loads, those compiles were about a quarter of its start-up. Like the bytecode cache, the
compiled code of each generated text is kept in a file of the user's cache folder (keyed by the exact Python
build) and handed to `exec` on the next run. Only the compile step is skipped: the dataclass machinery runs
as always and the classes are the same frozen dataclasses; a class that changes generates other text, which
is compiled afresh. Classes of other packages are never touched. GOVFMT_NO_CACHE=1 turns it off.
The file is trusted as Python trusts its own __pycache__: it lives in the user's own cache folder.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import os
import sys

from govfmt.cache_files import cache_folder, read_table, write_table

# generated source text -> its compiled code, marshalled (unmarshalled when used: a run uses only its classes')
_table: dict[str, bytes] | None = None
_new = 0
_owner = 0  # the process that loaded the cache writes it back (not forked workers)
MAX_ENTRIES = 3000  # code of older govfmt versions is dropped when the file grows past this
_PREFIX = "govfmt."
_CODE = type(compile("", "<string>", "exec"))


def cache_file() -> str | None:
    """The cache's path, or None when caching is off."""
    if os.environ.get("GOVFMT_NO_CACHE"):
        return None
    tag = f"{sys.implementation.cache_tag}-{sys.version.split()[0]}"
    return os.path.join(cache_folder(), f"dataclass-code-{tag}.marshal")


def install() -> None:
    """Let `dataclasses` take the compiled code of govfmt's classes from the cache (idempotent)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    if "exec" in vars(dataclasses) or cache_file() is None:  # patched by someone else, or caching off
        return
    dataclasses.exec = _exec


def _exec(source, globals=None, locals=None, /):  # noqa: A002 - the signature of exec
    if type(source) is not str or type(globals) is not dict or \
            not str(globals.get("__name__", "")).startswith(_PREFIX):
        return builtins.exec(source, globals, locals)
    table = _table if _table is not None else _load()
    blob = table.get(source)
    code = None
    if blob is not None:
        try:
            code = marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            code = None
    if type(code) is not _CODE:
        global _new
        code = builtins.compile(source, "<string>", "exec", dont_inherit=True)  # what exec(source) does
        table[source] = marshal.dumps(code)
        _new += 1
    return builtins.exec(code, globals, locals)


def _load() -> dict:
    global _table, _owner

    _owner = os.getpid()
    _table = {}
    path = cache_file()
    if path is None:
        return _table
    _table = read_table(path) or _table
    import atexit

    atexit.register(_save)
    return _table


def _save() -> None:
    global _new
    if not _new or os.getpid() != _owner or _table is None:
        return
    path = cache_file()
    if path is None:
        return
    if write_table(path, _table if len(_table) <= MAX_ENTRIES else {}):
        _new = 0
