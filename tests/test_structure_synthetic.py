"""Structure detection on the synthetic drafts (speeches, requests, letters, minutes, wrapped text)."""

from conftest import TESTS
from structure_scoring import assert_blocks_cover_every_line, score_corpus

SYNTHETIC = TESTS / "corpus" / "synthetic"


def test_line_accuracy_on_synthetic_corpus():
    score = score_corpus(SYNTHETIC)
    assert score.accuracy >= 0.97, f"line accuracy {score.accuracy:.4f}: {score.misses[:20]}"
    stem, worst = score.worst
    assert worst >= 0.85, f"{stem}: {worst:.3f}"


def test_synthetic_corpus_covers_every_line_once():
    assert_blocks_cover_every_line(SYNTHETIC)
