import os
from pathlib import Path

import pytest

# Messages follow the locale (zh_* is Chinese); the suite asserts the English ones, on any desktop.
os.environ["LC_ALL"] = "C.UTF-8"

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus" / "dev"
REPO = TESTS.parent


@pytest.fixture
def corpus_docs() -> list[Path]:
    return sorted((CORPUS / "docs").glob("*.txt"))
