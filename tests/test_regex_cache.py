"""The regular-expression cache changes speed only: a pattern from the cache matches what re.compile's does."""

from __future__ import annotations

import os
import re
from array import array
import subprocess
import sys

import pytest

from conftest import CORPUS
from govfmt import regex_cache

PATTERNS = [
    (r"^(?P<code>[\u4e00-\u9fff*＊]{1,16})\s*(?P<open>[〔\[【（(])\s*(?P<year>\d{2,4})\s*[〕\]】）)]", 0),
    (r"^[ \t\u3000\ufeff]*%%[ \t\u3000]*govfmt\b", re.IGNORECASE),
    (r"([，、；：！？])\1+|(?<!。)。。(?!。)", 0),
    (r"(?<![\d.])(?P<y>\d{2,4})[ \t\u3000]*年", re.MULTILINE),
]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVFMT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("GOVFMT_NO_CACHE", raising=False)
    monkeypatch.setattr(regex_cache, "_table", None)
    monkeypatch.setattr(regex_cache, "_new", 0)
    monkeypatch.setattr(regex_cache, "_usable", regex_cache._usable)
    return tmp_path


def _same(cached: re.Pattern, plain: re.Pattern, texts: list[str]) -> None:
    assert (cached.pattern, cached.flags, cached.groups, dict(cached.groupindex)) == \
        (plain.pattern, plain.flags, plain.groups, dict(plain.groupindex))
    for text in texts:
        assert [m.span() for m in cached.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert [m.groups() for m in cached.finditer(text)] == [m.groups() for m in plain.finditer(text)]


def test_patterns_from_the_file_match_like_re_compile(fresh_cache):
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "docs").glob("*.txt"))[:6]]
    texts += ["国办发〔2024〕12号", "  %% GOVFMT: ignore", "经研究，，同意。。", "2024 年"]
    for source, flags in PATTERNS:
        _same(regex_cache.compile(source, flags), re.compile(source, flags), texts)
    regex_cache._save()
    assert list(fresh_cache.glob("regex-*.marshal"))
    regex_cache._table = None  # the next run: everything comes from the file
    for source, flags in PATTERNS:
        _same(regex_cache.compile(source, flags), re.compile(source, flags), texts)
    assert regex_cache._new == 0


def test_a_damaged_cache_file_is_ignored(fresh_cache):
    regex_cache.compile(*PATTERNS[0])
    regex_cache._save()
    (path,) = fresh_cache.glob("regex-*.marshal")
    path.write_bytes(b"\x00not marshal")
    regex_cache._table = None
    _same(regex_cache.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]), ["国发〔2012〕1号"])


def test_a_wrong_program_in_the_cache_falls_back_to_re_compile(fresh_cache):
    source, flags = PATTERNS[2]
    words = array("I", [1, 2, 3]).tobytes()  # not a valid program
    regex_cache._table = {(source, flags): (flags | re.UNICODE, words, 1, {})}
    _same(regex_cache.compile(source, flags), re.compile(source, flags), ["经研究，，同意"])


def test_check_writes_the_cache_once_and_then_only_reads_it(tmp_path):
    env = {**os.environ, "GOVFMT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GOVFMT_NO_CACHE", None)
    draft = CORPUS / "docs" / "035.txt"
    outputs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "govfmt", "check", "--format", "json", "--exit-zero", str(draft)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
        (cache,) = (tmp_path / "cache").glob("regex-*.marshal")
        if len(outputs) == 1:
            written = cache.stat().st_mtime_ns
    assert cache.stat().st_mtime_ns == written  # the second run found every pattern it needed
    off = subprocess.run([sys.executable, "-m", "govfmt", "check", "--format", "json", "--exit-zero", str(draft)],
                         capture_output=True, text=True, env={**env, "GOVFMT_NO_CACHE": "1"}, timeout=120)
    assert outputs[0] == outputs[1] == off.stdout
