"""Structure detection speed: `govfmt inspect` on the 3-page speech and batch DOCX throughput, this
checkout beside another one (e.g. the main branch before a change), on the same files in one run.

    python3 benchmarks/bench_structure.py --baseline /path/to/other/checkout [--files 200] [--repeat 5]

Each checkout's `govfmt` runs from its own src/ with the same interpreter. Every figure is the best of
--repeat runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "samples" / "讲话稿.txt"
CORPUS = ROOT / "tests" / "corpus" / "dev" / "docs"


def runner(checkout: Path):
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))

    def run(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "govfmt", *args], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return run


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sources = sorted(CORPUS.glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="govfmt-bench-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        for index in range(args.files):
            text = sources[index % len(sources)].read_text(encoding="utf-8")
            (work / "in" / f"{index:04d}.txt").write_text(text.replace("\n", f"（第{index}稿）\n", 1), encoding="utf-8")
        print(f"inspect {SPEECH.name} and convert {args.files} drafts to DOCX (-j 1), best of {args.repeat}")
        for name, checkout in (("this checkout", ROOT), ("baseline", args.baseline.resolve())):
            run = runner(checkout)
            inspect = best_of(args.repeat, lambda: run("inspect", str(SPEECH)))
            out = work / f"out-{name.replace(' ', '-')}"
            batch = best_of(max(1, args.repeat // 2), lambda: run("convert", str(work / "in"), "-o", str(out),
                                                                  "-j", "1", "--force", "-q"))
            print(f"  {name:14s} inspect {inspect * 1000:7.0f} ms   batch {batch:6.2f} s "
                  f"({args.files / batch:6.1f} files/s)   [{checkout}]")


if __name__ == "__main__":
    main()
