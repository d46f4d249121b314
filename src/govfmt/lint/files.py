"""Which files `govfmt check` looks at: walk folders, keep drafts, honour excludes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from govfmt.lint.config import ConfigResolver

DRAFT_SUFFIXES = (".txt", ".md", ".docx")


def discover(arguments: list[str], resolver: ConfigResolver, force_exclude: bool) -> Iterator[tuple[Path, str]]:
    """(path, name to show) for every draft named or found under a named folder.

    Folders are walked for .txt, .md and .docx files, skipping hidden folders and configured excludes.
    A file named explicitly is always checked, unless --force-exclude is given and it is excluded
    (pre-commit passes every staged file by name).
    """
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from _walk(path, argument, resolver)
        elif force_exclude and path.exists() and resolver.for_path(path).is_excluded(path):
            continue
        else:
            yield path, argument  # a missing file is reported when it is read


def _walk(root: Path, shown_root: str, resolver: ConfigResolver) -> Iterator[tuple[Path, str]]:
    for folder, dirs, names in os.walk(root):
        folder_path = Path(folder)
        settings = resolver.for_path(folder_path / "_")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not settings.is_excluded(folder_path / d))
        for name in sorted(names):
            if not name.lower().endswith(DRAFT_SUFFIXES) or name.startswith((".", "~$")):
                continue
            path = folder_path / name
            if resolver.for_path(path).is_excluded(path):
                continue
            relative = path.relative_to(root)
            yield path, os.path.join(shown_root, str(relative)) if shown_root != "." else str(relative)
