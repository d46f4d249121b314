"""The doubts rated() keeps for rule G905 are the ones a fresh look at the rated document finds."""

from __future__ import annotations

import pytest

from govfmt.parse import confidence, parse
from govfmt.ingest import read_source

from conftest import CORPUS, TESTS

DRAFTS = sorted((CORPUS / "docs").glob("*.txt")) + sorted((TESTS / "corpus" / "synthetic" / "docs").glob("*.txt"))


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda path: f"{path.parent.parent.name}/{path.stem}")
def test_kept_doubts_are_those_of_the_rated_document(draft):
    document = parse(read_source(draft))
    kept = confidence.doubts(document)
    confidence._last_rated.clear()  # the next call reads the document afresh
    fresh = confidence.doubts(document)
    assert kept == fresh
    assert all(doubt.confidence == doubt.block.confidence for doubt in kept)
    assert all(any(doubt.block is block for block in document.blocks) for doubt in kept)


def test_an_other_document_is_read_afresh():
    first = parse(read_source(DRAFTS[0]))
    second = parse(read_source(DRAFTS[1]))
    assert confidence.doubts(first)[0].block in first.blocks
    assert all(any(doubt.block is block for block in first.blocks) for doubt in confidence.doubts(first))
    assert all(any(doubt.block is block for block in second.blocks) for doubt in confidence.doubts(second))
