"""A 信函 carries no page number on its first page (GB/T 9704 §10.1): `verify --draft` measures its PDF
against the style the draft's kind chooses, as `convert` laid it out."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from govfmt.cli import cli

from conftest import REPO

pytestmark = pytest.mark.slow
LETTER = REPO / "samples" / "信函-复函.txt"


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("letter")
    result = CliRunner().invoke(cli, ["convert", str(LETTER), "-o", str(out), "--to", "pdf"])
    assert result.exit_code == 0, result.output
    (pdf,) = out.glob("*.pdf")
    return pdf


def test_a_letter_verified_with_its_draft_is_not_asked_for_a_first_page_number(letter_pdf):
    result = CliRunner().invoke(cli, ["verify", str(letter_pdf), "--draft", str(LETTER), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "page number" not in result.output


def test_the_letter_style_named_by_hand_agrees(letter_pdf):
    result = CliRunner().invoke(cli, ["verify", str(letter_pdf), "--style", "letter"])
    assert result.exit_code == 0, result.output


def test_against_the_style_of_numbered_documents_the_missing_first_number_is_reported(letter_pdf):
    result = CliRunner().invoke(cli, ["verify", str(letter_pdf), "--format", "json"])
    assert result.exit_code == 1
    assert "page number" in result.output
