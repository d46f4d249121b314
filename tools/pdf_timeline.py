#!/usr/bin/env python3
"""A timeline of one `govfmt convert FOLDER --to pdf` run: when LibreOffice starts and opens its pipe,
when each DOCX is written and fed, when each rendering is launched and arrives, when measuring,
second layouts and findings run, and the tail after the last rendering; then where LibreOffice was idle.

Usage: python tools/pdf_timeline.py [-n 20] [-j 1] [--soffice PATH] [--keep FOLDER]

Runs the command in this process with the stages wrapped to note their times (nothing in the product
changes); the drafts are the ones benchmarks/bench_pdf.py makes. Times are seconds since this process
started (the interpreter's own start-up included, read from /proc where there is one).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def _process_start() -> float:
    """This process's start on the time.time() clock (Linux), else now."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, StopIteration, IndexError, ValueError):
        return time.time()


ORIGIN = _process_start()
EVENTS: list[tuple[float, str, str]] = []  # (seconds, thread, what)


def note(what: str) -> None:
    EVENTS.append((time.time() - ORIGIN, threading.current_thread().name[:8], what))


def wrap(owner, name: str, label=None) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def noted(*args, **kwargs):
        note(f"{label or name} {_describe(args)} >")
        try:
            return original(*args, **kwargs)
        finally:
            note(f"{label or name} {_describe(args)} <")
    setattr(owner, name, noted)


def _describe(args) -> str:
    for value in args:
        if isinstance(value, Path):
            return value.name
        name = getattr(value, "name", None)
        if isinstance(name, str) and len(name) < 60:
            return name
    return ""


def instrument() -> None:
    note("imports >")
    from govfmt.convert import pipeline, run
    from govfmt.pdf import render
    note("imports <")

    from govfmt.convert import pool
    wrap(pool, "convert_one", "docx")
    wrap(pipeline, "measure", "measure")
    wrap(pipeline, "relaid", "relaid")
    wrap(pipeline, "findings", "findings")
    wrap(pipeline, "write", "write")
    wrap(render.PdfSessions, "open", "sessions.open")
    wrap(render.PdfSessions, "close", "sessions.close")
    wrap(render.PdfSessions, "feed", "feed")
    wrap(render._Session, "open_resident", "resident.start")
    wrap(run._PdfStage, "finish", "stage.finish")
    wrap(run._PdfStage, "_follow_up", "follow_up")

    original_launch = render._Session.launch

    def launch(self):
        original_launch(self)
        note(f"launch s{self.number} {[d.name for d in self.launched]}")
    render._Session.launch = launch

    original_queue = render._Session.queue_launch

    def queue_launch(self):
        original_queue(self)
        note(f"launch s{self.number} (queued) {[d.name for d in self.waiting]}")
    render._Session.queue_launch = queue_launch

    original_finish = render._finish

    def finish(run_, doc, report, result):
        produced = run_.out / f"{doc.name}.pdf"
        try:
            written = produced.stat().st_mtime - ORIGIN
        except OSError:
            written = None
        note(f"pdf {doc.name} -> {doc.pdf.name} ok={result.ok}"
             + (f" (written {written:.3f})" if written is not None else ""))
        return original_finish(run_, doc, report, result)
    render._finish = finish

    original_deliver = render._deliver

    def deliver(doc, produced):
        try:
            EVENTS.append((produced.stat().st_mtime - ORIGIN, "lo", f"written {doc.name}"))
        except OSError:
            pass
        return original_deliver(doc, produced)
    render._deliver = deliver


    def watch_pipe(session):
        pipe = render._pipe_of(session.profile)
        while pipe is not None and not pipe.exists():
            if session.server is None or session.server.poll() is not None:
                return
            time.sleep(0.01)
        note(f"pipe s{session.number} open")

    original_open = render._Session.open_resident

    def open_resident(self):
        original_open(self)
        threading.Thread(target=watch_pipe, args=(self,), daemon=True, name="pipewatch").start()
    render._Session.open_resident = open_resident


def summarise() -> None:
    events = sorted(EVENTS)
    for seconds, thread, what in events:
        print(f"{seconds:8.3f}  {thread:8s}  {what}")
    written = [s for s, _t, w in events if w.startswith("written ")]
    pipe = next((s for s, _t, w in events if w.startswith("pipe ")), None)
    end = events[-1][0]
    if not written:
        return
    print("\nLibreOffice")
    print(f"  first PDF written at {written[0]:.3f}, last at {written[-1]:.3f}, run ends {end:.3f}"
          f" (tail {end - written[-1]:.3f} s)")
    if pipe is not None:
        print(f"  pipe open at {pipe:.3f}")
    feeds = [s for s, _t, w in events if w.startswith("launch ")]
    gaps = []
    for before, after in zip(written, written[1:]):
        gaps.append(after - before)
    print(f"  {len(written)} renderings; gaps between PDFs: median {sorted(gaps)[len(gaps) // 2]:.3f}"
          f", longest {max(gaps):.3f}" if gaps else "")
    long_gaps = [(b, a) for b, a in zip(written, written[1:]) if a - b > 1.5 * sorted(gaps)[len(gaps) // 2]]
    for b, a in long_gaps:
        print(f"  long gap {b:.3f} → {a:.3f} ({a - b:.3f} s)")
    print(f"  launches at {', '.join(f'{s:.2f}' for s in feeds)}")
    print("\nPython's main thread, seconds per stage (wall)")
    for stage in ("docx", "write", "measure", "relaid", "findings", "follow_up", "sessions.open", "sessions.close"):
        total, opened = 0.0, {}
        for seconds, thread, what in events:
            head = what.split(" ", 1)[0]
            if head != stage or thread != "MainThre":
                continue
            if what.endswith(">"):
                opened[what[:-1]] = seconds
            elif what.endswith("<") or " < " in what:
                key = what.split(" <", 1)[0] + " "
                total += seconds - opened.pop(key, seconds)
        print(f"  {stage:15s} {total:6.3f}")
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"CPU: this process {own.ru_utime + own.ru_stime:.2f} s, the processes it started "
          f"{children.ru_utime + children.ru_stime:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("-j", type=int, default=1)
    parser.add_argument("--soffice", default=None)
    parser.add_argument("--keep", default=None, help="folder to keep the drafts and outputs in")
    args = parser.parse_args()
    from bench_pdf import adopt_orphans, make_drafts, reap

    note("main")
    adopt_orphans()  # LibreOffice's processes are reaped here, so their CPU counts
    instrument()
    from govfmt.cli import main as govfmt_main

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govfmt-timeline-"))
    drafts = work / "in"
    if not drafts.exists():
        make_drafts(drafts, args.n)
    command = ["convert", str(drafts), "-o", str(work / "out"), "--to", "pdf", "-j", str(args.j), "--force", "-q"]
    if args.soffice:
        command += ["--soffice", args.soffice]
    note("convert >")
    try:
        govfmt_main(command)
    except SystemExit:
        pass
    finally:
        note("convert <")
        reap(10.0)
        summarise()


if __name__ == "__main__":
    main()
