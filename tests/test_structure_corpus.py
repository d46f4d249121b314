"""Structure detection on the labelled real documents: line accuracy ≥ 0.97, no document below 0.85."""

from conftest import CORPUS
from structure_scoring import assert_blocks_cover_every_line, score_corpus


def test_line_accuracy_on_dev_corpus():
    score = score_corpus(CORPUS)
    assert score.accuracy >= 0.97, f"line accuracy {score.accuracy:.4f}: {score.misses[:20]}"
    stem, worst = score.worst
    assert worst >= 0.85, f"{stem}: {worst:.3f}"


def test_every_nonblank_line_is_in_exactly_one_block():
    assert_blocks_cover_every_line(CORPUS)
