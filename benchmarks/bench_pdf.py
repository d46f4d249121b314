#!/usr/bin/env python3
"""The whole `govfmt convert FOLDER --to pdf` path (drafts in, PDFs out) beside one bare
`soffice --convert-to pdf` call on the same DOCX files, in one run.

Usage: python benchmarks/bench_pdf.py [-n 20] [-n 60] [--repeat 3] [--soffice PATH] [--fonts]

Drafts are the dev corpus (tests/corpus/dev/docs) and samples/, cycled to reach N, each given its own
title so no two are alike. The DOCX files the bare call converts are govfmt's own output for those
drafts. The bare call uses a warm private profile, as a user's everyday LibreOffice would be; govfmt
runs as a user runs it (its profile cache warm after a first run). Runs alternate between the commands;
each figure is the median of --repeat runs. Targets (issue 11): -j 1 at most 1.15×, -j 2 at most 0.75×
of the bare call (wall clock). CPU is the user + system time of every process the command started,
LibreOffice's included (on Linux this process adopts the ones their parents leave, to count them too).
govfmt runs with its bytecode cached, as an installed copy does (PYTHONDONTWRITEBYTECODE is dropped).
The bare call renders with the system's fonts (where 仿宋_GB2312 is not installed, whatever fontconfig
falls back to); --fonts adds the same call with the fonts govfmt maps the style's names to (its
fontconfig file), the floor for a rendering in the fonts a run uses.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "corpus" / "dev" / "docs").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))
GOVFMT = [sys.executable, "-m", "govfmt"]
TARGETS = {1: 1.15, 2: 0.75}


def make_drafts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    drafts = []
    for index in range(count):
        source = SOURCES[index % len(SOURCES)]
        if source.suffix == ".png":
            continue
        text = source.read_text(encoding="utf-8")
        if index >= len(SOURCES):
            text = text.replace("\n", f"（第{index}稿）\n", 1)
        path = folder / f"{index:03d}-{source.stem}.txt"
        path.write_text(text, encoding="utf-8")
        for extra in source.parent.glob("*.png"):  # a sample's seal image travels with it
            shutil.copy(extra, folder / extra.name)
        drafts.append(path)
    return drafts


def bare_command(soffice: str, profile: Path, outdir: Path, files: list[Path]) -> list[str]:
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
            "--outdir", str(outdir), *map(str, files)]


def adopt_orphans() -> None:
    """Become the child subreaper (Linux): processes whose parent ended are reaped here, so their CPU counts."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap(seconds: float = 30.0) -> None:
    """Every adopted process that has ended, waited for (a process left running is a finding in itself)."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)  # an adopted process still ending
    print("warning: a process the command started was still running after it", file=sys.stderr)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of command."""
    cpu = children_cpu()
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV)
    wall = time.perf_counter() - started
    reap()
    return wall, children_cpu() - cpu


def govfmt_fonts(work: Path) -> dict:
    """The environment of a bare call that renders with govfmt's fonts for the default style."""
    from govfmt.pdf.fonts import font_plan, write_fontconfig
    from govfmt.style import load_style

    folder = work / "fonts"
    folder.mkdir(exist_ok=True)
    return {**ENV, "FONTCONFIG_FILE": str(write_fontconfig(font_plan(load_style()), folder))}


def bench(count: int, repeat: int, soffice: str, work: Path, fonts: bool = False) -> dict[str, float]:
    drafts = make_drafts(work / f"in-{count}", count)
    docx = work / f"docx-{count}"
    subprocess.run([*GOVFMT, "convert", str(drafts[0].parent), "-o", str(docx), "--to", "docx", "-q"], check=True)
    files = sorted(docx.glob("*.docx"))
    assert len(files) == len(drafts)
    profile = work / "bare-profile"
    bare_out = work / "bare-out"
    commands = {
        "bare soffice --convert-to pdf": bare_command(soffice, profile, bare_out, files),
        **({"bare soffice, govfmt's fonts": bare_command(soffice, profile, bare_out, files)} if fonts else {}),
        **{f"govfmt convert --to pdf -j {j}": [*GOVFMT, "convert", str(drafts[0].parent), "-o",
                                               str(work / f"out-{count}-j{j}"), "--to", "pdf", "-j", str(j),
                                               "--force", "-q", "--soffice", soffice] for j in TARGETS},
    }
    envs = {"bare soffice, govfmt's fonts": govfmt_fonts(work)} if fonts else {}
    timed(commands["bare soffice --convert-to pdf"])  # warm the bare profile and the file caches
    timed(commands["govfmt convert --to pdf -j 1"])  # and govfmt's profile and bytecode caches, as after a first run
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            shutil.rmtree(bare_out, ignore_errors=True)
            figures[name].append(timed(command, envs.get(name)))
    for j in TARGETS:
        assert len(list((work / f"out-{count}-j{j}").glob("*.pdf"))) == len(drafts)
    return {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
            for name, values in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, action="append", help="number of drafts (repeatable; default 20 and 60)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--soffice", default=None)
    parser.add_argument("--fonts", action="store_true", help="also time the bare call with govfmt's fonts")
    args = parser.parse_args()
    from govfmt.pdf.soffice import find_soffice

    soffice = find_soffice(args.soffice)
    missed = False
    adopt_orphans()
    with tempfile.TemporaryDirectory(prefix="govfmt-bench-") as tmp:
        for count in args.n or [20, 60]:
            medians = bench(count, args.repeat, soffice, Path(tmp), args.fonts)
            floor = medians["bare soffice --convert-to pdf"][0]
            print(f"{count} drafts, median of {args.repeat} runs, {soffice}")
            for name, (seconds, cpu) in medians.items():
                line = f"  {name:34s} {seconds:7.2f} s  {seconds / floor:5.2f}×  CPU {cpu:6.2f} s"
                for j, target in TARGETS.items():
                    if name.endswith(f"-j {j}"):
                        line += f"   (target ≤ {target}×)"
                        missed |= seconds > target * floor
                print(line, flush=True)
    if missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
