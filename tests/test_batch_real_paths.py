"""Planning a batch resolves each folder once; the paths it compares are exactly os.path.realpath's."""

from __future__ import annotations

import os

import pytest

from govfmt.convert.jobs import RealPaths

POSIX = pytest.mark.skipif(os.name != "posix", reason="symbolic links")


@POSIX
def test_every_kind_of_path_resolves_as_realpath_does(tmp_path, monkeypatch):
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "a.txt").write_text("x")
    (tmp_path / "real" / "sub" / "b.txt").write_text("x")
    (tmp_path / "linked").symlink_to(tmp_path / "real")  # a folder on the way is a link
    (tmp_path / "real" / "file-link.txt").symlink_to(tmp_path / "real" / "sub" / "b.txt")
    (tmp_path / "real" / "dangling.docx").symlink_to(tmp_path / "nowhere" / "x.docx")
    (tmp_path / "real" / "sub" / "up").symlink_to(tmp_path / "real" / "sub")  # .. after a link
    monkeypatch.chdir(tmp_path / "real")
    paths = [
        tmp_path / "real" / "a.txt", tmp_path / "linked" / "a.txt", tmp_path / "linked" / "sub" / "b.txt",
        tmp_path / "real" / "file-link.txt", tmp_path / "real" / "dangling.docx",
        tmp_path / "real" / "missing" / "c.docx", tmp_path / "linked" / "missing.docx",
        tmp_path / "real" / "sub" / "up" / ".." / "a.txt", "a.txt", "./sub/b.txt", "sub/../a.txt",
        "../linked/sub/b.txt", tmp_path / "real" / "sub" / ".", tmp_path / "real" / "",
    ]
    real = RealPaths()
    for _ in range(2):  # the second time from the folders already resolved
        assert [real(p) for p in paths] == [os.path.realpath(p) for p in paths]
