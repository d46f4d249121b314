"""Shortcuts of the check path answer what the patterns they stand in front of answer."""

import random

from govfmt.lint.chars import URL_OR_EMAIL, protected_spans
from govfmt.lint.config import Settings, _matches

_URL_PIECES = ["http://", "https://", "ftp://", "www.", "@", ".cn", ".com", ".gov", ".edu", ".org", ".net", "a", "Z",
               "9", "-", ".", ":", "/", "，", "国", " ", "_", "%", "+", "WWW.", ".CN", "x.y"]


def test_protected_spans_are_the_url_patterns_matches():
    rng = random.Random(9704)
    for _ in range(20000):
        text = "".join(rng.choice(_URL_PIECES) for _ in range(rng.randint(0, 8)))
        assert protected_spans.__wrapped__(text) == tuple(m.span() for m in URL_OR_EMAIL.finditer(text)), text


_PATH_PARTS = ["a", "b.txt", "build", "dist", ".git", "x y", "[ab]", "*", "node_modules", "c.md", "__pycache__", "sub"]
_PATTERNS = ["*.md", "build", "build/", "a/b.txt", "sub/*", "[ab]", "x*", "*/dist", "", "?", "**/c.md", "node_*/"]


def test_excluded_paths_are_those_a_pattern_matches():
    rng = random.Random(12)
    for _ in range(3000):
        path = "/".join(rng.choice(_PATH_PARTS) for _ in range(rng.randint(1, 4)))
        settings = Settings(exclude=tuple(rng.sample(_PATTERNS, rng.randint(0, 4))),
                            extend_exclude=tuple(rng.sample(_PATTERNS, rng.randint(0, 2))))
        relative = settings._relative(path)
        expected = any(_matches(relative, pattern) for pattern in (*settings.exclude, *settings.extend_exclude))
        assert settings.is_excluded(path) == expected, (path, settings.exclude, settings.extend_exclude)
