"""Lint settings: built-in defaults, `[tool.govfmt]` in pyproject.toml or govfmt.toml, command-line flags.

Each file gets the configuration nearest to it, found by walking up from its folder and stopping at the
repository root (a folder holding .git) or the filesystem root. Files are not merged: the nearest one
wins, and command-line flags override it.
"""

from __future__ import annotations

import fnmatch
import functools
import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from govfmt.errors import GovfmtError
from govfmt.lint.diagnostic import SEVERITIES
from govfmt.lint.registry import all_rules, resolve, split_selectors
from govfmt.i18n import _

if TYPE_CHECKING:  # pathlib is loaded only where a configuration file's folder is matched against
    from pathlib import Path, PurePosixPath

CONFIG_FILES = ("govfmt.toml", ".govfmt.toml", "pyproject.toml")
KNOWN_KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "severity", "exclude", "extend-exclude")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist")


class ConfigError(GovfmtError):
    """The configuration cannot be used (exit code 2)."""


@dataclass(frozen=True)
class Settings:
    """The rules one file is checked with: selection, per-file ignores and severities, as configured."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (code, "error" | "warning" | "off")
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    root: Path | None = None  # folder that relative patterns are matched against
    origin: str | None = None  # the config file these settings came from

    def enabled_codes(self, path: str | Path | None = None) -> set[str]:
        codes = set(_selected(self.select, self.extend_select, self.ignore, self.severity, self.origin))
        if path is not None and self.per_file_ignores:
            relative = self._relative(path)
            for pattern, selectors in self.per_file_ignores:
                if _matches(relative, pattern):
                    for selector in selectors:
                        codes.difference_update(_resolve_checked(selector, self.origin))
        return codes

    def severity_of(self, code: str, default: str) -> str:
        for key, level in self.severity:
            if key == code:
                return level
        return default

    def is_excluded(self, path: str | Path) -> bool:
        """Whether any exclude pattern matches the path as _matches does: all patterns in one expression."""
        patterns = (*self.exclude, *self.extend_exclude)
        if not patterns:
            return False
        relative = self._relative(path)
        matcher = _any_pattern(patterns)
        return matcher.match(os.path.normcase(str(relative))) is not None \
            or matcher.match(os.path.normcase(relative.name)) is not None \
            or _folder_matches_any(str(relative.parent), patterns)

    def matches(self, path: str | Path, pattern: str) -> bool:
        return _matches(self._relative(path), pattern)

    def _relative(self, path: str | Path) -> PurePosixPath:
        """The path relative to the config folder (as given when it lies elsewhere)."""
        from pathlib import Path, PurePosixPath

        candidate = Path(path)
        if self.root is not None:
            try:
                candidate = candidate.absolute().relative_to(self.root.absolute())
            except ValueError:
                try:
                    candidate = candidate.resolve().relative_to(self.root.resolve())
                except ValueError:
                    pass
        return PurePosixPath(candidate.as_posix())


def _matches(posix: PurePosixPath, pattern: str) -> bool:
    """Glob match against the whole relative path, its name, or any parent folder."""
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(str(posix), pattern) or fnmatch.fnmatch(posix.name, pattern):
        return True
    return _folder_matches(posix.parent, pattern)


@functools.lru_cache(maxsize=1024)  # the files of one folder share their folders' answers
def _folder_matches(folder: PurePosixPath, pattern: str) -> bool:
    """Glob match against a folder or any folder above it."""
    return any(fnmatch.fnmatch(str(parent), pattern) or fnmatch.fnmatch(parent.name, pattern)
               for parent in (folder, *folder.parents) if str(parent) != ".")


@functools.lru_cache(maxsize=64)
def _any_pattern(patterns: tuple[str, ...]):
    """One expression matching what fnmatch.fnmatch matches for any of the patterns (trailing / dropped, as
    _matches drops it; on POSIX fnmatch compares names as they are)."""
    import re

    return re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(pattern.rstrip('/')))})"
                               for pattern in patterns))


@functools.lru_cache(maxsize=1024)  # the files of one folder share their folders' answers
def _folder_matches_any(folder: str, patterns: tuple[str, ...]) -> bool:
    """_folder_matches for any of the patterns; the folder as its POSIX string."""
    from pathlib import PurePosixPath

    posix = PurePosixPath(folder)
    return any(_folder_matches(posix, pattern.rstrip("/")) for pattern in patterns)


@functools.lru_cache(maxsize=64)
def _selected(select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
              severity: tuple[tuple[str, str], ...], origin: str | None) -> frozenset[str]:
    codes: set[str] = set()
    for selector in (*select, *extend_select):
        codes.update(_resolve_checked(selector, origin))
    for selector in ignore:
        codes.difference_update(_resolve_checked(selector, origin))
    codes.difference_update(code for code, level in severity if level == "off")
    return frozenset(codes)


def _resolve_checked(selector: str, origin: str | None) -> list[str]:
    codes = resolve(selector)
    if not codes:
        where = f" (in {origin})" if origin else ""
        names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
        from difflib import get_close_matches  # only for a message: not at start-up

        near = get_close_matches(selector, names, n=1)
        hint = f"; did you mean {near[0]}?" if near else "; `govfmt rules` lists them"
        raise ConfigError(_("unknown rule {selector!r}{where}{hint}")
                           .format(selector=selector, where=where, hint=hint))
    return codes


def parent_folder(path: str) -> str:
    """The folder holding `path`, as `Path(path).parent` names it ('.' for a bare name), without pathlib."""
    head, tail = os.path.split(path)
    while tail in ("", ".") and head and head != path:  # a trailing separator or /. names the same file
        path = head
        head, tail = os.path.split(path)
    return head or "."


def find_config(start: str | os.PathLike) -> str | None:
    """The nearest govfmt.toml, .govfmt.toml or pyproject.toml with [tool.govfmt], walking up from start."""
    start = os.fspath(start)
    folder = os.path.realpath(start if os.path.isdir(start) else parent_folder(start))
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
        above = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or above == folder:
            return None
        folder = above


def _read_text(path: str | os.PathLike) -> str:
    with open(path, encoding="utf-8") as stream:
        return stream.read()


def _has_tool_section(pyproject: str) -> bool:
    try:
        return "[tool.govfmt" in _read_text(pyproject)
    except (OSError, UnicodeDecodeError):
        return False


def load_config(path: str | Path) -> Settings:
    """Settings from one config file; ConfigError (exit 2) for unreadable files and unknown keys."""
    import tomllib

    try:
        data = tomllib.loads(_read_text(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(_("cannot read the configuration ({exc})").format(exc=exc), path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("is not valid TOML: {exc}").format(exc=exc), path=str(path)) from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("govfmt", {})
    return settings_from_table(data, path)


def settings_from_table(table: dict, path: str | Path) -> Settings:
    from pathlib import Path

    origin = str(path)
    for key in table:
        if key not in KNOWN_KEYS:
            from difflib import get_close_matches  # only for a message: not at start-up

            near = get_close_matches(key, KNOWN_KEYS, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; known keys: {', '.join(KNOWN_KEYS)}"
            raise ConfigError(_("unknown key {key!r} in the govfmt configuration{hint}").format(key=key, hint=hint), path=origin)
    settings = Settings(root=Path(path).parent, origin=origin)
    changes: dict = {}
    for key in ("select", "extend-select", "ignore", "exclude", "extend-exclude"):
        if key in table:
            changes[key.replace("-", "_")] = tuple(_string_list(table[key], key, origin))
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise ConfigError(_("per-file-ignores must be a table of pattern = [codes]"), path=origin)
        changes["per_file_ignores"] = tuple((pattern, tuple(_string_list(codes, f"per-file-ignores.{pattern}",
                                                                         origin)))
                                            for pattern, codes in value.items())
    if "severity" in table:
        value = table["severity"]
        if not isinstance(value, dict):
            raise ConfigError(_("severity must be a table such as {P107 = \"error\"}"), path=origin)
        pairs = []
        for selector, level in value.items():
            if level not in (*SEVERITIES, "off"):
                raise ConfigError(_("severity of {selector} must be error, warning, info or off, not {level!r}")
                                   .format(selector=selector, level=level),
                                  path=origin)
            pairs.extend((code, level) for code in _resolve_checked(selector, origin))
        changes["severity"] = tuple(pairs)
    settings = replace(settings, **changes)
    settings.enabled_codes()  # validates every selector now, not at the first file
    for _pattern, selectors in settings.per_file_ignores:  # also those of patterns no file matches
        for selector in selectors:
            _resolve_checked(selector, origin)
    return settings


def _string_list(value, key: str, origin: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_("{key} must be a list of strings").format(key=key), path=origin)
    return split_selectors(value) if key in ("select", "extend-select", "ignore") or key.startswith(
        "per-file-ignores") else list(value)


@dataclass
class ConfigResolver:
    """Settings per file: the nearest config file (cached per folder), then command-line overrides."""

    overrides: dict = field(default_factory=dict)
    config_file: str | Path | None = None  # --config
    isolated: bool = False  # --isolated: no config files at all
    _by_folder: dict = field(default_factory=dict)
    _by_file: dict = field(default_factory=dict)
    _resolved: dict = field(default_factory=dict)

    def for_path(self, path: str | Path) -> Settings:
        if self.isolated:
            base = Settings()
        elif self.config_file is not None:
            base = self._load(self.config_file)
        else:
            path = os.fspath(path)
            folder = path if os.path.isdir(path) else parent_folder(path)
            key = self._resolved.get(folder)
            if key is None:  # one resolve per folder, not per file
                key = self._resolved[folder] = os.path.realpath(folder)
            if key not in self._by_folder:
                found = find_config(path)
                self._by_folder[key] = self._load(found) if found else Settings()
            base = self._by_folder[key]
        return replace(base, **self.overrides) if self.overrides else base

    def _load(self, path: str | Path) -> Settings:
        key = os.path.realpath(path)
        if key not in self._by_file:
            self._by_file[key] = load_config(path)
        return self._by_file[key]
