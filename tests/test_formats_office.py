"""Word 97–2003 and WPS drafts, made by LibreOffice from a numbered Word draft, read through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from word_drafts import numbered_draft

from conftest import CORPUS
from govfmt.parse import parse
from govfmt.pdf.soffice import find_soffice
from govfmt.read import read_source

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def legacy_drafts(tmp_path_factory):
    """002.txt as .docx with Word numbering, saved by LibreOffice as .doc, the .doc renamed .wps (WPS Office
    writes its .wps in the Word 97 binary format); and as .rtf with the ordinals typed, because LibreOffice's
    RTF export writes list labels in a code page (、 becomes ?, （ becomes ()."""
    work = tmp_path_factory.mktemp("legacy")
    text = (CORPUS / "docs" / "002.txt").read_text(encoding="utf-8")
    numbered_draft(text, work / "draft.docx")
    typed = docx.Document()
    for line in text.split("\n"):
        typed.add_paragraph(line)
    typed.save(work / "typed.docx")
    program = find_soffice()
    for target, source in (("doc", "draft.docx"), ("rtf", "typed.docx")):
        subprocess.run([program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(work), str(work / source)],
                       check=True, capture_output=True, timeout=180)
    shutil.copyfile(work / "draft.doc", work / "draft.wps")
    shutil.copyfile(work / "typed.rtf", work / "draft.rtf")
    return text, work


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".rtf"])
def test_legacy_word_files_keep_their_text_numbering_and_headings(legacy_drafts, suffix, tmp_path):
    text, work = legacy_drafts
    source = read_source(work / f"draft{suffix}")
    got = [line.strip() for line in source.text.split("\n") if line.strip()]
    assert got == [line.strip() for line in text.split("\n") if line.strip()]
    plain = tmp_path / "draft.txt"
    plain.write_text(text, encoding="utf-8")
    expected = [(b.level, b.text) for b in parse(read_source(plain)).of_kind("heading")]
    assert [(b.level, b.text) for b in parse(source).of_kind("heading")] == expected


def test_a_doc_that_is_not_one_is_refused_with_one_sentence(tmp_path):
    path = tmp_path / "x.doc"
    path.write_text("只是文字", encoding="utf-8")
    from govfmt.errors import InputError

    with pytest.raises(InputError) as caught:
        read_source(path)
    assert str(caught.value).startswith(f"{path}: ") and ".doc" in str(caught.value)
