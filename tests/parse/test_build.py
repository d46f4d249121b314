"""The parser's fast Block construction gives the objects the model's constructor gives."""

import pickle
from dataclasses import replace

import pytest

from govfmt.model import Block
from govfmt.parse import build

CASES = [
    ("body", 3, 3, "经研究，同意。", {}),
    ("title", 1, 2, "关于做好防汛工作的通知", {"lines": ("关于做好防汛", "工作的通知")}),
    ("heading", 5, 5, "一、总体要求。各地要重视。", {"level": 1, "run_in": True, "heading_text": "一、总体要求。"}),
    ("table", 7, 9, "a\tb\nc\td", {"lines": ("a\tb", "c\td"), "cells": (("a", "b"), ("c", "d")), "rule_rows": (8,),
                                      "confidence": 0.5}),
]


@pytest.mark.parametrize("kind, start, end, text, optional", CASES)
def test_block_is_the_constructors_block(kind, start, end, text, optional):
    made, expected = build.block(kind, start, end, text, **optional), Block(kind, start, end, text, **optional)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert pickle.dumps(made) == pickle.dumps(expected)  # the same fields in the same order
    assert list(vars(made)) == list(vars(expected))


@pytest.mark.parametrize("kind, start, end, text, optional", CASES)
def test_changed_is_replace(kind, start, end, text, optional):
    original = Block(kind, start, end, text, **optional)
    for changes in ({"confidence": 0.9}, {"continues": True, "line_end": end + 1}, {}):
        made, expected = build.changed(original, **changes), replace(original, **changes)
        assert made == expected and pickle.dumps(made) == pickle.dumps(expected)
        assert made is not original


def test_unknown_fields_are_refused_as_by_the_constructor():
    with pytest.raises(TypeError):
        build.block("body", 1, 1, "x", colour="red")
    with pytest.raises(TypeError):
        build.changed(Block("body", 1, 1, "x"), colour="red")


def test_the_block_is_frozen():
    with pytest.raises(AttributeError):
        build.block("body", 1, 1, "x").text = "y"
