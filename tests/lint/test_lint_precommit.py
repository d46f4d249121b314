"""The hooks of .pre-commit-hooks.yaml under the real pre-commit framework, on a throw-away repository.

pre-commit installs govfmt from a git repository at a commit, so the hooks are taken from a clone of this
repository's HEAD: commit before running this test. The hook environments are kept in pytest's cache,
so only the first run pays for installing govfmt and its dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

BAD = "关于做好防汛工作的通知\n\n各区人民政府：\n\n经研究,现将有关事项通知如下。\n\n某某市人民政府\n2024年3月1日\n"
GOOD = BAD.replace("经研究,", "经研究，")


def _git(cwd, *args, env=None):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def _pre_commit(cwd, env, *args):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture
def hook_source(request):
    """A clone of this repository's HEAD at a stable path, so pre-commit can reuse its environments."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    cache = request.config.cache.mkdir("govfmt-pre-commit")
    source = cache / "govfmt-src"
    shutil.rmtree(source, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(source)], check=True)
    if not (source / ".pre-commit-hooks.yaml").exists():
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return source, cache / "home"


def test_hooks_block_a_bad_commit_and_pass_after_the_fix(tmp_path, hook_source):
    source, home = hook_source
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "--quiet", env=env)
    (project / "bad.txt").write_text(BAD, encoding="utf-8")
    (project / "good.txt").write_text(GOOD, encoding="utf-8")
    rev = _git(source, "rev-parse", "HEAD", env=env).strip()
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {source}\n  rev: {rev}\n  hooks:\n  - id: govfmt-check\n", encoding="utf-8")
    _git(project, "add", "-A", env=env)

    checked = _pre_commit(project, env, "try-repo", str(source), "govfmt-check", "--ref", rev, "--all-files")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "bad.txt:5:4: P101" in checked.stdout and "good.txt" not in checked.stdout

    installed = _pre_commit(project, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    blocked = subprocess.run(["git", "commit", "-m", "drafts"], cwd=project, env=env, capture_output=True, text=True)
    assert blocked.returncode != 0 and "P101" in blocked.stdout + blocked.stderr

    fixing = _pre_commit(project, env, "try-repo", str(source), "govfmt-fix", "--ref", rev, "--all-files")
    assert fixing.returncode == 1  # files were modified, so the hook reports failure once
    assert (project / "bad.txt").read_text(encoding="utf-8") == GOOD

    _git(project, "add", "-A", env=env)
    passed = subprocess.run(["git", "commit", "-m", "drafts"], cwd=project, env=env, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout + passed.stderr
