"""Structure detection on the labelled corpora: line accuracy ≥ 0.97, no document below 0.85.

dev: real documents; synthetic: drafts written in-house (speeches, requests, letters, minutes, wrapped text).
"""

import pytest

from conftest import CORPUS, TESTS
from structure_scoring import assert_blocks_cover_every_line, score_corpus

CORPORA = {"dev": CORPUS, "synthetic": TESTS / "corpus" / "synthetic"}


@pytest.mark.parametrize("name", CORPORA)
def test_line_accuracy(name):
    score = score_corpus(CORPORA[name])
    assert score.accuracy >= 0.97, f"line accuracy {score.accuracy:.4f}: {score.misses[:20]}"
    stem, worst = score.worst
    assert worst >= 0.85, f"{stem}: {worst:.3f}"


@pytest.mark.parametrize("name", CORPORA)
def test_every_nonblank_line_is_in_exactly_one_block(name):
    assert_blocks_cover_every_line(CORPORA[name])
