"""Which files `govfmt check` looks at: walk folders, keep drafts, honour excludes and .gitignore."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from govfmt.lint.config import ConfigResolver

if TYPE_CHECKING:  # pathlib is loaded only to walk folders and to read .gitignore files
    from pathlib import Path

DRAFT_SUFFIXES = (".txt", ".md", ".docx")
MARKDOWN_SUFFIXES = (".md", ".markdown")  # checked as the text their reader sees (lint/markdown.py)


def discover(arguments: list[str], resolver: ConfigResolver, force_exclude: bool,
             respect_gitignore: bool = True) -> Iterator[tuple[str, str]]:
    """(path, name to show) for every draft named or found under a named folder.

    Folders are walked for .txt, .md and .docx files, skipping hidden folders, configured excludes and
    (unless told not to) what the repository's .gitignore files ignore. A file named explicitly is
    always checked, unless --force-exclude is given and it is excluded (pre-commit passes every staged
    file by name), as ruff does.
    """
    for argument in arguments:
        path = argument or "."  # as Path("") names the current folder
        if os.path.isdir(path):
            from pathlib import Path

            ignored = GitIgnored(Path(path)) if respect_gitignore else None
            yield from _walk(Path(path), argument, resolver, ignored)
        elif force_exclude and os.path.exists(path) and (
                resolver.for_path(path).is_excluded(path)
                or (respect_gitignore and _ignored_by_git(path))):
            continue
        else:
            yield argument, argument  # a missing file is reported when it is read


def _ignored_by_git(path: str) -> bool:
    from pathlib import Path

    return GitIgnored(Path(path).parent).ignores(Path(path))


def _walk(root: Path, shown_root: str, resolver: ConfigResolver,
          ignored: GitIgnored | None) -> Iterator[tuple[str, str]]:
    from pathlib import Path

    for folder, dirs, names in os.walk(root):
        folder_path = Path(folder)
        settings = resolver.for_path(folder_path / "_")
        if ignored is not None:
            ignored.enter(folder_path)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not settings.is_excluded(folder_path / d)
                         and not (ignored is not None and ignored.ignores(folder_path / d, folder=True)))
        for name in sorted(names):
            if not name.lower().endswith(DRAFT_SUFFIXES) or name.startswith((".", "~$")):
                continue
            path = folder_path / name
            if resolver.for_path(path).is_excluded(path) or (ignored is not None and ignored.ignores(path)):
                continue
            relative = path.relative_to(root)
            yield str(path), os.path.join(shown_root, str(relative)) if shown_root != "." else str(relative)


class GitIgnored:
    """The .gitignore rules (git's own semantics, through pathspec) of the repository around a folder:
    every .gitignore from the repository root down, plus .git/info/exclude. Outside a repository,
    .gitignore files still count from the starting folder down (as ruff does)."""

    def __init__(self, start: Path):
        start = start.resolve()
        self.root = _repository_root(start) or start
        self._specs: list[tuple[Path, object]] = []  # (folder the patterns are relative to, spec)
        self._seen: set[Path] = set()
        exclude = self.root / ".git" / "info" / "exclude"
        if exclude.is_file():
            self._add(self.root, exclude)
        folder = self.root
        for part in start.relative_to(self.root).parts:
            self.enter(folder)
            folder = folder / part
        self.enter(start)

    def enter(self, folder: Path) -> None:
        folder = folder.resolve()
        if folder in self._seen:
            return
        self._seen.add(folder)
        candidate = folder / ".gitignore"
        if candidate.is_file():
            self._add(folder, candidate)

    def _add(self, base: Path, file: Path) -> None:
        import pathspec

        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self._specs.append((base, pathspec.GitIgnoreSpec.from_lines(lines)))

    def ignores(self, path: Path, folder: bool = False) -> bool:
        if not self._specs:
            return False
        absolute = path.resolve()
        verdict = False
        for base, spec in self._specs:
            try:
                relative = absolute.relative_to(base).as_posix()
            except ValueError:
                continue
            if folder:
                relative += "/"
            result = spec.check_file(relative)
            if result.include is not None:
                verdict = result.include
        return verdict


def _repository_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None
