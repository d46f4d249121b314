"""The hooks of .pre-commit-hooks.yaml under the real pre-commit framework, on a throw-away repository.

`pre-commit try-repo` is pointed at this working tree itself: pre-commit then makes a shadow commit of
the tree with its uncommitted changes and installs govfmt from it, so the test sees the hooks and the code
as they are on disk, not as they were at HEAD. A clean published document (a real 国务院办公厅 通知 of
the dev corpus) passes; a draft with a planted mistake is blocked, as .txt, .md and .docx. pip's own
download cache keeps reinstallations cheap.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, REPO

pytestmark = pytest.mark.slow

PUBLISHED = (CORPUS / "docs" / "001.txt").read_text(encoding="utf-8")  # 国办发 通知: warnings only
PLANTED = PUBLISHED.replace("，", ",", 1)  # one half-width comma in Chinese text (P101)


def _git(cwd, *args, env=None):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def _docx(path, text):
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)


def _pre_commit_home(request):
    """pre-commit's store of hook environments, kept between runs in pytest's cache (pre-commit locks it,
    so concurrent runs may share it); a fresh folder when the cache is off (`-p no:cacheprovider`)."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return request.getfixturevalue("tmp_path_factory").mktemp("pre-commit-home")
    return cache.mkdir("govfmt-pre-commit") / "home"


@pytest.fixture
def project(tmp_path, request):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    env = {**os.environ, "PRE_COMMIT_HOME": str(_pre_commit_home(request)),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)
    root = tmp_path / "project"
    root.mkdir()
    _git(root, "init", "--quiet", env=env)
    for stem, text in (("published", PUBLISHED), ("planted", PLANTED)):
        (root / f"{stem}.txt").write_text(text, encoding="utf-8")
        (root / f"{stem}.md").write_text(text, encoding="utf-8")
        _docx(root / f"{stem}.docx", text)
    _git(root, "add", "-A", env=env)
    return root, env


def _try_repo(root, env, hook, *files):
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--files", *files],
                          cwd=root, env=env, capture_output=True, text=True, timeout=1800)


def test_check_hook_passes_the_published_document_and_blocks_the_planted_one(project):
    root, env = project
    published = _try_repo(root, env, "govfmt-check", "published.txt", "published.md", "published.docx")
    assert published.returncode == 0, published.stdout + published.stderr
    planted = _try_repo(root, env, "govfmt-check", "planted.txt", "planted.md", "planted.docx")
    assert planted.returncode == 1, planted.stdout + planted.stderr
    for name in ("planted.txt", "planted.md", "planted.docx"):
        assert f"{name}:" in planted.stdout and "P101" in planted.stdout, planted.stdout


def test_fix_hook_fixes_text_drafts_once_and_then_passes(project):
    root, env = project
    fixing = _try_repo(root, env, "govfmt-fix", "planted.txt", "planted.md")
    assert fixing.returncode == 1, fixing.stdout + fixing.stderr  # files were modified: the hook fails once
    assert (root / "planted.txt").read_text(encoding="utf-8") == PUBLISHED
    assert (root / "planted.md").read_text(encoding="utf-8") == PUBLISHED
    again = _try_repo(root, env, "govfmt-fix", "planted.txt", "planted.md")
    assert again.returncode == 0, again.stdout + again.stderr

