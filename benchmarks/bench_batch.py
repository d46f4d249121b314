"""Batch DOCX throughput of `govfmt convert` against a shell loop calling pandoc once per file.

    python3 benchmarks/bench_batch.py [--files 500] [--repeat 3]

Drafts are real-sized: copies of tests/corpus/dev/docs, each given its own title line so no two files
are identical. Also times one draft (tests/corpus/dev/docs/000.txt) end to end against
`pandoc -f markdown -t docx` on the same file, and one long draft at three lengths (about 250, 500 and
1,000 pages) to show the time grows linearly with the length. Every figure is the best of --repeat
runs, all in one run of this script. Target (issue 11): -j 2 at least 1.7× the files/s of -j 1.

On a shared machine the wall-clock figures follow its load (printed with them); the CPU seconds of each
batch (the process and its workers) and their ratio show what running in parallel costs in work.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypandoc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "dev" / "docs"
GOVFMT = [sys.executable, "-m", "govfmt"]


def make_drafts(folder: Path, count: int) -> list[Path]:
    sources = sorted(CORPUS.glob("*.txt"))
    folder.mkdir(parents=True)
    drafts = []
    for index in range(count):
        text = sources[index % len(sources)].read_text(encoding="utf-8")
        path = folder / f"{index:04d}.txt"
        path.write_text(text.replace("\n", f"（第{index}稿）\n", 1), encoding="utf-8")
        drafts.append(path)
    return drafts


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def check(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def children_cpu() -> float:
    """CPU seconds (user and system) of every finished child process so far, their own children included."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pandoc = pypandoc.get_pandoc_path()
    with tempfile.TemporaryDirectory(prefix="govfmt-bench-") as tmp:
        work = Path(tmp)
        drafts = make_drafts(work / "in", args.files)
        figures = {}
        runs: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        load_before = load()
        for _ in range(args.repeat):  # -j 1 and -j 2 alternate, so a busy spell of the machine hits both
            for jobs in runs:
                out = work / f"out-j{jobs}"
                before = children_cpu()
                runs[jobs].append(best_of(1, lambda: check(
                    [*GOVFMT, "convert", str(work / "in"), "-o", str(out), "-j", str(jobs), "--force", "-q"])))
                cpu[jobs].append(children_cpu() - before)
                assert len(list(out.glob("*.docx"))) == len(drafts)
        load_after = load()
        for jobs, times in runs.items():
            figures[f"govfmt convert -j {jobs}"] = min(times)
        loop_out = work / "out-pandoc"
        loop_out.mkdir()
        script = (f"for f in {shlex.quote(str(work / 'in'))}/*.txt; do "
                  f"{shlex.quote(pandoc)} -f markdown -t docx -o {shlex.quote(str(loop_out))}/$(basename \"$f\" .txt).docx \"$f\"; done")
        figures["shell loop: pandoc -t docx per file"] = best_of(args.repeat, lambda: check(["bash", "-c", script]))
        assert len(list(loop_out.glob("*.docx"))) == len(drafts)

        print(f"{len(drafts)} drafts, {sum(p.stat().st_size for p in drafts) / len(drafts) / 1024:.1f} KB each "
              f"on average; best of {args.repeat}")
        for name, seconds in figures.items():
            print(f"  {name:40s} {seconds:7.2f} s  {len(drafts) / seconds:7.1f} files/s")

        speech = work / "speech" / "000.txt"
        speech.parent.mkdir()
        shutil.copy(CORPUS / "000.txt", speech)
        single = {
            "govfmt convert 000.txt (end to end)": [*GOVFMT, "convert", str(speech), "-o",
                                                   str(work / "speech" / "g.docx"), "--force", "-q"],
            "pandoc -f markdown -t docx 000.txt": [pandoc, "-f", "markdown", "-t", "docx", "-o",
                                                   str(work / "speech" / "p.docx"), str(speech)],
        }
        print("one draft (tests/corpus/dev/docs/000.txt), best of 5")
        for name, command in single.items():
            print(f"  {name:40s} {best_of(5, lambda: check(command)) * 1000:7.0f} ms")

        ratio = figures["govfmt convert -j 1"] / figures["govfmt convert -j 2"]
        print(f"-j 2 / -j 1 throughput: {ratio:.2f}×   (target ≥ 1.7×)")
        print(f"  every run: -j 1 {' '.join(f'{t:.2f}' for t in runs[1])} s, -j 2 {' '.join(f'{t:.2f}' for t in runs[2])} s;"
              f" load average {load_before} before, {load_after} after")
        print(f"  CPU of a batch (least of {args.repeat}): -j 1 {min(cpu[1]):.2f} s, -j 2 {min(cpu[2]):.2f} s"
              f" ({min(cpu[2]) / min(cpu[1]):.2f}× the work of -j 1)")
        long_drafts(work / "long", args.repeat)


def long_drafts(folder: Path, repeat: int) -> None:
    """A draft of the sizes a long report reaches: its body paragraphs repeated to about 250, 500 and
    1,000 pages of 22 lines; the time per page should stay flat."""
    folder.mkdir()
    lines = (CORPUS / "000.txt").read_text(encoding="utf-8").splitlines()
    first_paragraph = next(i for i, line in enumerate(lines) if len(line) > 40)
    head = "\n".join(lines[:first_paragraph])  # the lines above the running text, kept once
    paragraphs = [line for line in lines[first_paragraph:] if len(line) > 40]
    print(f"one long draft, best of {repeat}")
    for pages in (250, 500, 1000):
        body, lines_laid_out = [], 0
        while lines_laid_out < pages * 22:  # 22 lines of 28 characters a page (GB/T 9704 §5.2.2)
            paragraph = paragraphs[len(body) % len(paragraphs)]
            body.append(paragraph)
            lines_laid_out += -(-(len(paragraph) + 2) // 28)  # with its two-character indent
        count = len(body)
        draft = folder / f"long-{pages}.txt"
        draft.write_text(head + "\n" + "\n".join(body) + "\n", encoding="utf-8")
        seconds = best_of(repeat, lambda: check([*GOVFMT, "convert", str(draft), "-o",
                                                 str(folder / f"long-{pages}.docx"), "--force", "-q"]))
        print(f"  about {pages:4d} pages ({count} paragraphs)   {seconds:7.2f} s  {seconds / pages * 1000:6.1f} ms a page")


if __name__ == "__main__":
    main()
