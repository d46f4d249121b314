"""LibreOffice is handed its next documents while the caller is busy (writing DOCX files, measuring PDFs)."""

from __future__ import annotations

import os
import stat
import sys
import time

from govfmt.pdf.fonts import FontPlan
from govfmt.pdf.render import PdfSessions

NO_FONTS = FontPlan((), (), (), None, True)

# A LibreOffice that takes a moment per file, converts the files on its command line and cannot stay up.
SLOW_CONVERTER = r'''#!{python}
import os, sys, time, pathlib
args = sys.argv[1:]
if "--convert-to" not in args:
    sys.exit(1)
out = pathlib.Path(args[args.index("--outdir") + 1])
out.mkdir(exist_ok=True)
for name in [a for a in args if a.endswith(".docx")]:
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(name + "\n")
    time.sleep(0.3)
    (out / (pathlib.Path(name).stem + ".pdf")).write_bytes(b"%PDF-1.7\n" + pathlib.Path(name).read_bytes() + b"\n%%EOF\n")
'''


def test_the_next_document_is_rendered_while_the_caller_does_something_else(tmp_path, monkeypatch):
    program = tmp_path / "soffice"
    program.write_text(SLOW_CONVERTER.replace("{python}", sys.executable))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "log"))
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    for doc in (first, second):
        doc.write_bytes(b"PK\x03\x04" + os.urandom(8))
    told = []
    with PdfSessions(1, soffice=str(program), plan=NO_FONTS) as opened:
        opened.feed([(first, tmp_path / "first.pdf", lambda result: told.append("first"))])
        opened.feed([(second, tmp_path / "second.pdf", lambda result: told.append("second"))])  # waits its turn
        until = time.monotonic() + 30
        while not (tmp_path / "second.pdf").exists() and time.monotonic() < until:
            time.sleep(0.05)  # the caller busy elsewhere: it neither feeds nor drives
        assert (tmp_path / "second.pdf").exists()  # launched and delivered meanwhile, after the first
        assert told == []  # results are told in the caller's own thread, when it next feeds or drives
        opened.drive()
    assert told == ["first", "second"]
    assert (tmp_path / "second.pdf").read_bytes()[9:21] == second.read_bytes()


def test_documents_fed_early_are_rendered_before_those_waiting(tmp_path, monkeypatch):
    program = tmp_path / "soffice"
    program.write_text(SLOW_CONVERTER.replace("{python}", sys.executable))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    log = tmp_path / "log"
    monkeypatch.setenv("FAKE_LOG", str(log))
    told = []
    docs = {}
    for name in ("busy", "plain", "measured", "again"):
        docs[name] = tmp_path / f"{name}.docx"
        docs[name].write_bytes(b"PK\x03\x04" + os.urandom(8))

    def job(name, follow=None):
        return (docs[name], tmp_path / f"{name}.pdf", lambda result: told.append(name) or follow)

    with PdfSessions(1, soffice=str(program), plan=NO_FONTS) as opened:
        opened.feed([job("busy")])  # launched at once; the others wait for it
        until = time.monotonic() + 30
        while not (log.exists() and log.read_text()) and time.monotonic() < until:
            time.sleep(0.01)
        opened.feed([job("plain")])
        opened.feed([job("measured", follow=[job("again")])], early=True)
        opened.drive()
    # the early one overtakes the plain one still waiting; a follow-up (a second layout) is early too
    assert told[:2] == ["busy", "measured"] and sorted(told[2:]) == ["again", "plain"]
