"""jieba's word list, read a word at a time from an SQLite file instead of loaded whole.

jieba segments by looking up the fragments of the text in a table of 350,000 words and their prefixes;
loading that table takes most of a second and 75 MiB in every process that breaks a title, for the few
dozen fragments one title asks about. The table is written once per machine (from jieba's own dictionary,
by jieba's own reader) into the user's cache folder, and jieba's tokenizer is handed a mapping that asks
the file: the same segmentation, from the same words and frequencies. Anything unexpected (no SQLite, a
cache folder that cannot be written, GOVFMT_NO_CACHE=1) leaves jieba to load its table as it always does.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

FORMAT = 1  # of the file's tables; part of its name


def cache_folder() -> Path | None:
    """The user's cache folder for govfmt (the same one the compiled patterns use), or None when off."""
    if os.environ.get("GOVFMT_NO_CACHE"):
        return None
    from govfmt.cache_files import cache_folder as folder

    return Path(folder())


def import_jieba():
    """jieba, imported without pkg_resources: jieba falls back to plain file access without it (as it does
    where setuptools is not installed), and importing pkg_resources costs a quarter of a second."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # an ImportError for jieba's `import pkg_resources`
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


class StoredFrequencies:
    """The part of a dict jieba's tokenizer uses (in, [], get), answered from the words table."""

    def __init__(self, connection) -> None:
        self._connection = connection
        self._known: dict[str, int | None] = {}  # fragments asked about so far; titles share many

    def get(self, word: str, default=None):
        try:
            value = self._known[word]
        except KeyError:
            row = self._connection.execute("SELECT freq FROM words WHERE word = ?", (word,)).fetchone()
            value = self._known[word] = row[0] if row is not None else None
        return default if value is None else value

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value


def stored_tokenizer():
    """A jieba tokenizer whose word list is the cached SQLite file (written now when missing), or None
    when the file cannot be had."""
    jieba = import_jieba()
    try:
        import sqlite3
    except ImportError:  # pragma: no cover - Python built without SQLite
        return None
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    folder = cache_folder()
    if folder is None:
        return None
    try:
        facts = dictionary.stat()
        identity = f"{jieba.__version__}-{facts.st_size}-{facts.st_mtime_ns}-{dictionary}"
        path = folder / f"words-{FORMAT}-{hashlib.sha256(identity.encode()).hexdigest()[:16]}.sqlite3"
        if not path.is_file():
            _write(path, jieba, dictionary, sqlite3)
        try:
            connection, total = _open(path, sqlite3)
        except (sqlite3.Error, TypeError):  # a damaged file (a full disk, a crash): written again once
            _write(path, jieba, dictionary, sqlite3)
            connection, total = _open(path, sqlite3)
    except (OSError, sqlite3.Error, TypeError, ValueError):
        return None
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = StoredFrequencies(connection)
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer


def _open(path: Path, sqlite3):
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        total = connection.execute("SELECT value FROM facts WHERE key = 'total'").fetchone()[0]
        connection.execute("SELECT freq FROM words WHERE word = ?", ("的",)).fetchone()
    except BaseException:
        connection.close()
        raise
    return connection, int(total)


def _write(path: Path, jieba, dictionary: Path, sqlite3) -> None:
    """The words and prefixes of jieba's dictionary as jieba itself reads them, written to a temporary file
    and moved into place (two processes writing at once each move a complete file)."""
    import tempfile

    with dictionary.open("rb") as stream:
        frequencies, total = jieba.Tokenizer.gen_pfdict(stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".words-", suffix=".part")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
            connection.execute("CREATE TABLE facts (key TEXT PRIMARY KEY, value)")
            connection.executemany("INSERT INTO words VALUES (?, ?)", sorted(frequencies.items()))
            connection.execute("INSERT INTO facts VALUES ('total', ?)", (total,))
            connection.commit()
        finally:
            connection.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
