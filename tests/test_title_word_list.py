"""Titles are broken at the same word boundaries whether jieba's word list is read from the cached file
or loaded whole, and a missing, damaged or unwritable cache only changes how fast that is."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govfmt.layout import title, word_list

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVFMT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVFMT_NO_CACHE", raising=False)
    monkeypatch.setattr(title, "_segmenters", {})
    return tmp_path / "cache"


def _whole_list_tokenizer():
    jieba = word_list.import_jieba()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted([*ROOT.glob("tests/corpus/*/docs/*.txt"), *ROOT.glob("samples/*.txt")]):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def test_every_line_of_the_corpus_is_cut_into_the_same_words_as_with_the_whole_list(cache):
    stored = word_list.stored_tokenizer()
    assert isinstance(stored.FREQ, word_list.StoredFrequencies)
    whole = _whole_list_tokenizer()
    lines = _corpus_lines()
    assert len(lines) > 1000
    differing = [line for line in lines if list(stored.cut(line, HMM=False)) != list(whole.cut(line, HMM=False))]
    assert differing == []


def test_the_file_is_written_once_and_read_by_later_runs(cache):
    word_list.stored_tokenizer()
    files = list(cache.glob("words-*.sqlite3"))
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    tokenizer = word_list.stored_tokenizer()
    assert files[0].stat().st_mtime_ns == written
    assert list(tokenizer.cut("关于进一步加强安全生产工作的通知", HMM=False)) == [
        "关于", "进一步", "加强", "安全", "生产", "工作", "的", "通知"]
    assert not list(cache.glob(".words-*"))  # no temporary file left beside it


def test_a_damaged_file_is_written_again(cache):
    word_list.stored_tokenizer()
    [path] = cache.glob("words-*.sqlite3")
    path.write_bytes(b"not a database at all" * 100)
    tokenizer = word_list.stored_tokenizer()
    assert tokenizer is not None
    assert "进一步" in tokenizer.FREQ
    assert path.read_bytes().startswith(b"SQLite format 3")


def test_no_cache_or_an_unwritable_one_loads_the_whole_list_and_breaks_the_same(cache, monkeypatch, tmp_path):
    name = "国务院办公厅关于印发《国家综合性消防救援车辆悬挂应急救援专用号牌管理规定》的通知"
    expected = title.split_title((name,), 26)
    for setting in ("GOVFMT_NO_CACHE", "GOVFMT_CACHE_DIR"):
        monkeypatch.setattr(title, "_segmenters", {})
        if setting == "GOVFMT_NO_CACHE":
            monkeypatch.setenv("GOVFMT_NO_CACHE", "1")
        else:
            monkeypatch.delenv("GOVFMT_NO_CACHE")
            blocker = tmp_path / "a-file"
            blocker.write_text("x")
            monkeypatch.setenv("GOVFMT_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: unwritable
        assert word_list.stored_tokenizer() is None
        assert title.split_title((name,), 26) == expected
        assert not isinstance(title._segmenter().FREQ, word_list.StoredFrequencies)


def test_a_forked_process_opens_the_file_again(cache):
    title._segmenter()
    parent = title._segmenters[os.getpid()]
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        ok = False
        try:
            segmenter = title._segmenter()
            ok = segmenter is not parent and "进一步" in segmenter.FREQ
        finally:
            os.write(write, b"1" if ok else b"0")
            os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(child, 0)


def test_breaking_a_title_imports_no_pkg_resources(cache):
    code = ("import sys; from govfmt.layout.title import split_title; "
            "split_title(('国务院办公厅关于印发《国家综合性消防救援车辆悬挂应急救援专用号牌管理规定》的通知',), 26); "
            "print('pkg_resources' in sys.modules, 'jieba' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GOVFMT_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.split() == ["False", "True"], result.stderr
