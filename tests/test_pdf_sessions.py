"""LibreOffice sessions opened before their documents and kept running between launches."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from processes import alive
from govfmt.pdf.fonts import FontPlan
from govfmt.pdf.render import PdfSessions, _pipe_of, _profile_cache, render_pdfs
from govfmt.pdf.soffice import find_soffice
from test_pdf_fixture_docx import build_docx

NO_FONTS = FontPlan((), (), (), None, True)

# A LibreOffice that converts the files on its command line and cannot stay up without them.
CONVERTING_ONLY = r'''#!{python}
import os, sys, pathlib
args = sys.argv[1:]
with pathlib.Path(os.environ["FAKE_LOG"]).open("a") as handle:
    handle.write(" ".join(args) + "\n")
if "--convert-to" not in args:
    sys.exit(1)
out = pathlib.Path(args[args.index("--outdir") + 1])
out.mkdir(exist_ok=True)
for name in [a for a in args if a.endswith(".docx")]:
    data = pathlib.Path(name).read_bytes()
    (out / (pathlib.Path(name).stem + ".pdf")).write_bytes(b"%PDF-1.7\n" + data[-8:] + b"\n%%EOF\n")
'''


def test_a_libreoffice_that_cannot_stay_up_still_converts_every_file(tmp_path, monkeypatch):
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text(CONVERTING_ONLY.replace("{python}", sys.executable))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (_profile_cache(str(program)) / "user").mkdir(parents=True)  # an initialised profile, as after a first run
    docs = []
    for name in ("a", "b", "c"):
        docs.append(tmp_path / f"{name}.docx")
        docs[-1].write_bytes(b"PK\x03\x04" + os.urandom(8))
    later = tmp_path / "later.docx"
    later.write_bytes(b"PK\x03\x04" + os.urandom(8))
    with PdfSessions(1, soffice=str(program), plan=NO_FONTS) as opened:
        assert opened.resident  # tried: a LibreOffice holding an empty document
        results = opened.render([(d, d.with_suffix(".pdf")) for d in docs],
                                on_result=lambda i, r: [(later, tmp_path / "later.pdf", lambda r: None)] if i == 0
                                else None)
        assert not opened.resident  # it quit at once, so each launch converted its own list
    assert [r.ok for r in results] == [True, True, True]
    for doc in [*docs, later]:
        assert doc.with_suffix(".pdf").read_bytes()[-15:-7] == doc.read_bytes()[-8:]
    calls = log.read_text().splitlines()
    assert "--convert-to" not in calls[0] and all("--convert-to" in call for call in calls[1:])


@pytest.mark.slow
def test_a_resident_libreoffice_renders_later_documents_without_starting_again(tmp_path):
    program = find_soffice()
    render_pdfs([(build_docx(tmp_path / "seed.docx"), tmp_path / "seed.pdf")])  # a first run keeps its profile
    assert (_profile_cache(program) / "user").is_dir()
    first = [(build_docx(tmp_path / f"{i}.docx", paragraphs=2 + i), tmp_path / "pdf" / f"{i}.pdf") for i in range(2)]
    follow = (build_docx(tmp_path / "again.docx", paragraphs=6), tmp_path / "pdf" / "again.pdf")
    arrived = []
    with PdfSessions(1) as opened:
        session = opened.renderer.slots[0]
        server = session.server.pid
        profile = session.profile
        opened.feed([(docx, pdf, lambda result, pdf=pdf: arrived.append(pdf) or
                      ([(*follow, lambda result: arrived.append(follow[1]))] if pdf == first[0][1] else None))
                     for docx, pdf in first])
        opened.drive()
        assert session.served and session.server.pid == server and alive(server)
        second = opened.render([(build_docx(tmp_path / "late.docx"), tmp_path / "pdf" / "late.pdf")])
        assert second[0].ok and session.server.pid == server
        starts = [p for p in session.processes if "--convert-to" not in p.args]
        assert len(starts) == 1  # the one resident LibreOffice did every document
    assert sorted(arrived) == sorted([pdf for _, pdf in first] + [follow[1]])
    for pdf in [*arrived, tmp_path / "pdf" / "late.pdf"]:
        assert pdf.read_bytes().startswith(b"%PDF-")
    assert not alive(server)
    assert not _pipe_of(profile).exists()  # its single-instance socket is removed with it


@pytest.mark.slow
def test_a_launch_waits_its_turn_while_the_resident_libreoffice_converts_the_one_before(tmp_path):
    """Documents that come while the resident LibreOffice is on the last one of a launch are launched
    at once: the launch waits at its single-instance pipe, and every PDF is still the rendering of its
    own document."""
    import pypdfium2 as pdfium

    render_pdfs([(build_docx(tmp_path / "seed.docx"), tmp_path / "seed.pdf")])  # a first run keeps its profile
    short = (build_docx(tmp_path / "short.docx", paragraphs=1), tmp_path / "pdf" / "short.pdf")
    long = (build_docx(tmp_path / "long.docx", paragraphs=400), tmp_path / "pdf" / "long.pdf")
    later = [(build_docx(tmp_path / f"later{i}.docx", paragraphs=1 + 60 * i), tmp_path / "pdf" / f"later{i}.pdf")
             for i in range(2)]
    arrived = []

    def after(result):  # the short document is back: the long one is being converted
        arrived.append(result.pdf)
        return [(docx, pdf, lambda result: arrived.append(result.pdf)) for docx, pdf in later]

    with PdfSessions(1) as opened:
        session = opened.renderer.slots[0]
        opened.feed([(*short, after), (*long, lambda result: arrived.append(result.pdf))])
        opened.drive()
        assert session.queued_launches == 1
        assert len([p for p in session.processes if "--convert-to" not in p.args]) == 1
    assert arrived == [short[1], long[1], later[0][1], later[1][1]]
    pages = {}
    for _docx, pdf in [short, long, *later]:
        document = pdfium.PdfDocument(str(pdf))
        pages[pdf.name] = len(document)
        document.close()
    # each PDF has its own document's length: 1 and 61 paragraphs, and 400 on many pages
    assert pages["short.pdf"] == pages["later0.pdf"] == 1 and pages["later1.pdf"] > 1
    assert pages["long.pdf"] > pages["later1.pdf"]
