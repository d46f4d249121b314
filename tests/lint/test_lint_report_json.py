"""`check --format json` writes what json.dumps(records, ensure_ascii=False, indent=2) writes, byte for byte."""

import json
import random

from govfmt.lint.diagnostic import Diagnostic, Fix
from govfmt.lint.report import format_json

# Characters JSON escapes or that look like it should: quotes, backslashes, controls, separators, surrogates.
_CHARS = ["a", '"', "\\", "\n", "\t", "\x00", "\x1f", "\x7f", "\u2028", "，", "😀", "\ud800", " ", "/", "%"]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 6)))


def _expected(diagnostics) -> str:
    return json.dumps([d.to_record() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


def test_json_output_is_that_of_json_dumps():
    rng = random.Random(9704)
    for _ in range(300):
        diagnostics = [
            Diagnostic(_text(rng), rng.randint(0, 10**6), rng.randint(1, 99), 1, 2, _text(rng), _text(rng),
                       rng.choice(["error", "warning", "info"]), _text(rng),
                       None if rng.random() < 0.5 else Fix(_text(rng), rng.random() < 0.5))
            for _ in range(rng.randint(0, 4))]
        assert format_json(diagnostics) == _expected(diagnostics)


def test_no_problems_is_an_empty_list():
    assert format_json([]) == "[]\n"


def test_a_record_of_another_shape_is_left_to_the_json_module(monkeypatch):
    diagnostic = Diagnostic("a.txt", 1, 1, 1, 2, "P101", "halfwidth-punctuation", "error", "，")
    monkeypatch.setattr(Diagnostic, "to_record", lambda self: {"path": self.path, "score": 0.5, "tags": ["x"]})
    assert format_json([diagnostic]) == _expected([diagnostic])
