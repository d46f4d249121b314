"""A numbered Word draft as LibreOffice writes .docx (its own numbering definitions, styles and settings):
the ordinals reach the text and the headings are found, as from the typed draft."""

from __future__ import annotations

import subprocess

import pytest
from word_drafts import numbered_draft, ordinals_run_in_sequence

from conftest import CORPUS
from govfmt.parse import parse
from govfmt.pdf.soffice import find_soffice
from govfmt.read import read_source

pytestmark = pytest.mark.slow

DRAFTS = [path for path in sorted((CORPUS / "docs").glob("*.txt"))
          if ordinals_run_in_sequence(path.read_text(encoding="utf-8"))
          and any(line.startswith(("一、", "（一）")) for line in path.read_text(encoding="utf-8").split("\n"))][:3]


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory):
    """Each draft numbered in a .docx, opened by LibreOffice and saved again as .docx (Word 2007–365)."""
    work = tmp_path_factory.mktemp("lo-docx")
    made = work / "made"
    made.mkdir()
    for draft in DRAFTS:
        numbered_draft(draft.read_text(encoding="utf-8"), made / f"{draft.stem}.docx")
    out = work / "saved"
    subprocess.run([find_soffice(), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    *(str(made / f"{draft.stem}.docx") for draft in DRAFTS)],
                   check=True, capture_output=True, timeout=300)
    return out


def test_there_are_drafts_to_number():
    assert len(DRAFTS) == 3


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_libreoffice_docx_keeps_ordinals_and_headings(saved_by_libreoffice, draft, tmp_path):
    text = draft.read_text(encoding="utf-8")
    saved = saved_by_libreoffice / f"{draft.stem}.docx"
    assert "w:numPr" in _document_xml(saved), "LibreOffice kept the numbering as numbering"
    source = read_source(saved)
    assert [line.strip() for line in source.text.split("\n") if line.strip()] == \
        [line.strip() for line in text.split("\n") if line.strip()]
    plain = tmp_path / draft.name
    plain.write_text(text, encoding="utf-8")
    expected = [(b.level, b.text) for b in parse(read_source(plain)).of_kind("heading")]
    assert expected
    assert [(b.level, b.text) for b in parse(source).of_kind("heading")] == expected


def _document_xml(path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")
