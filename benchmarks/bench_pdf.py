#!/usr/bin/env python3
"""Time N documents DOCX → PDF: govfmt's render_pdfs vs. one bare `soffice --convert-to pdf` call (the floor)
vs. one soffice process per file.

Usage: python benchmarks/bench_pdf.py [-n 20] [--repeat 3] [--soffice PATH]

The DOCX files are written once from the sample drafts (tests/corpus/dev/docs, cycled to reach N). The bare
calls use a warm private profile, as a user's everyday LibreOffice would be; govfmt starts from its usual
throw-away profile every run. Each figure is the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from govfmt.docx import write_docx
from govfmt.pdf.render import render_pdfs
from govfmt.pdf.soffice import find_soffice
from govfmt.reader import read_document
from govfmt.style import load_style

DRAFTS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "dev" / "docs"
TARGET_RATIO = 1.3


def write_docx_files(count: int, folder: Path) -> list[Path]:
    style = load_style()
    folder.mkdir(parents=True, exist_ok=True)
    drafts = sorted(DRAFTS.glob("*.txt"))
    paths = []
    for index, draft in zip(range(count), itertools.cycle(drafts)):
        path = folder / f"{index:02d}-{draft.stem}.docx"
        write_docx(read_document(draft), style, path)
        paths.append(path)
    return paths


def bare_command(soffice: str, profile: Path, outdir: Path, files: list[Path]) -> list[str]:
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
            "--outdir", str(outdir), *map(str, files)]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--soffice", default=None)
    args = parser.parse_args()
    soffice = find_soffice(args.soffice)

    with tempfile.TemporaryDirectory(prefix="govfmt-bench-") as tmp:
        work = Path(tmp)
        files = write_docx_files(args.n, work / "docx")
        profile = work / "bare-profile"
        outdir = work / "bare"

        def bare() -> None:
            subprocess.run(bare_command(soffice, profile, outdir, files), capture_output=True, check=True)

        def per_file() -> None:
            for file in files:
                subprocess.run(bare_command(soffice, profile, outdir, [file]), capture_output=True, check=True)

        def govfmt() -> None:
            results = render_pdfs([(f, work / "govfmt" / f.with_suffix(".pdf").name) for f in files],
                                  soffice=soffice)
            failed = [r.error for r in results if not r.ok]
            if failed:
                raise SystemExit(f"bench: {failed[0]}")

        bare()  # warm the bare profile and the system's file caches
        figures = {"bare": [], "govfmt": [], "per_file": []}
        for _ in range(args.repeat):
            for name, action in (("bare", bare), ("govfmt", govfmt), ("per_file", per_file)):
                shutil.rmtree(outdir, ignore_errors=True)
                figures[name].append(timed(action))
        medians = {name: statistics.median(values) for name, values in figures.items()}

    floor = medians["bare"]
    print(f"{args.n} documents, median of {args.repeat} runs, {soffice}")
    print(f"  one bare soffice call (floor)   {floor:6.2f} s   1.00×")
    print(f"  govfmt render_pdfs              {medians['govfmt']:6.2f} s   {medians['govfmt'] / floor:.2f}×"
          f"   (target ≤ {TARGET_RATIO}×)")
    print(f"  one soffice process per file    {medians['per_file']:6.2f} s   {medians['per_file'] / floor:.2f}×")
    if medians["govfmt"] > TARGET_RATIO * floor:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
