from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus" / "dev"
REPO = TESTS.parent


@pytest.fixture
def corpus_docs() -> list[Path]:
    return sorted((CORPUS / "docs").glob("*.txt"))
