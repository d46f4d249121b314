"""Regular expressions compiled once per machine instead of once per run.

Python compiles a pattern in Python code, and a class of Han characters makes it fill a 65,536-entry table;
the linter's and parser's ~200 patterns took most of `govfmt check`'s start-up. Like the bytecode cache, the
compiled program of each pattern is kept in a file of the user's cache folder (keyed by the exact Python
build and the regular-expression engine's version) and handed straight to the engine on the next run.

The engine's own compiler is used on a miss, and the engine checks every program it is given. Anything
unexpected (another Python implementation, a changed internal interface, an unreadable or unwritable cache)
falls back to `re.compile`: the cache only ever changes speed, never a match. GOVFMT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import os
import re
import sys

from govfmt.cache_files import cache_folder, read_table, write_table

try:  # CPython's engine and compiler (internal, hence the fallback)
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - other Python implementations
    _sre = None

# pattern source, flags -> (flags, program, group count, group names); the program as the bytes of its
# code words, which load in one piece (a list of ints is rebuilt one object at a time), made a list on use
_Entry = tuple[int, bytes, int, dict[str, int]]
_table: dict[tuple[str, int], _Entry] | None = None
_new = 0
_owner = 0  # the process that loaded the cache writes it back (not forked workers)
# the machine type of one code word of the engine (_sre.CODESIZE bytes)
_WORD = "I" if _sre is not None and memoryview(bytes(4)).cast("I").itemsize == getattr(_sre, "CODESIZE", 0) else ""
_usable = _sre is not None and hasattr(_sre, "compile") and hasattr(_compiler, "_code") and bool(_WORD)
MAX_ENTRIES = 4000  # patterns of older govfmt versions are dropped when the file grows past this


def cache_file() -> str | None:
    """The cache's path, or None when caching is off."""
    if not _usable or os.environ.get("GOVFMT_NO_CACHE"):
        return None
    tag = f"{sys.implementation.cache_tag}-{sys.version.split()[0]}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return os.path.join(cache_folder(), f"regex-v2-{tag}.marshal")  # v2: programs kept as bytes


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


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - the re.compile of this module
    """`re.compile(pattern, flags)`, from the cache when this Python compiled it before."""
    global _new, _usable
    flags = int(flags)
    if not _usable or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    table = _table if _table is not None else _load()
    key = (pattern, flags)
    entry = table.get(key)
    try:
        if entry is None:
            parsed = _parser.parse(pattern, flags)
            from array import array

            program = array(_WORD, _compiler._code(parsed, flags)).tobytes()
            entry = (flags | parsed.state.flags, program, parsed.state.groups - 1, dict(parsed.state.groupdict))
            compiled = _engine(pattern, entry)
            table[key] = entry
            _new += 1
            return compiled
        return _engine(pattern, entry)
    except Exception:  # noqa: BLE001 - an internal interface changed or the file is stale: compile as usual
        _usable = False
        return re.compile(pattern, flags)


def _engine(pattern: str, entry: _Entry) -> re.Pattern:
    flags, program, groups, names = entry
    index_to_name = [None] * (groups + 1)
    for name, index in names.items():
        index_to_name[index] = name
    words = memoryview(program).cast(_WORD).tolist()
    return _sre.compile(pattern, flags, words, groups, names, tuple(index_to_name))
