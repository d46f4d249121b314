"""Benchmark `govfmt check`: start-up time and files per second on 1,000 drafts with planted mistakes,
beside autocorrect (the CJK copywriting linter) on the same files.

    python3 benchmarks/bench_check.py [--files 1000] [--runs 10] [--startup-runs 30] [--startup-only]
                                      [--no-autocorrect-install]

Start-up: the installed `govfmt` console script checking one draft beside a bare `python -c pass` of the
same interpreter, best of --startup-runs, wall and CPU time (the CPU time of the child process, which a
busy machine disturbs less than the wall clock), in the C and the zh_CN locale.

The drafts are the dev-corpus documents with mistakes planted at random (half-width commas, padded
dates, spaces around numbers, wrong heading markers, 发文字号 in square brackets, ...), written to a
temporary folder. autocorrect is used through its Python API (pip install autocorrect-py) and its
command line (npm install autocorrect-node); whichever is missing is reported as unavailable.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "dev" / "docs"
NODE_CACHE = Path.home() / ".cache" / "govfmt-bench" / "autocorrect-node"

PLANTS = [
    (re.compile(r"，"), ","),
    (re.compile(r"："), ":"),
    (re.compile(r"（"), "("),
    (re.compile(r"(\d{4})年(\d)月"), r"\1年0\2月"),
    (re.compile(r"(\d)([年月日号])"), r"\1 \2"),
    (re.compile(r"^([一二三四五六七八九十]+)、", re.MULTILINE), r"\1."),
    (re.compile(r"^（([一二三四五六七八九十]+)）", re.MULTILINE), r"(\1)"),
    (re.compile(r"^(\d+)\.", re.MULTILINE), r"\1、"),
    (re.compile(r"〔(\d{4})〕"), r"[\1]"),
    (re.compile(r"……"), "..."),
    (re.compile(r"——"), "—"),
    (re.compile(r"。$", re.MULTILINE), "。  "),
]


def plant_mistakes(text: str, rng: random.Random) -> str:
    """Apply a few of the planted mistakes, each to one random occurrence."""
    for pattern, replacement in rng.sample(PLANTS, k=rng.randint(2, 6)):
        matches = list(pattern.finditer(text))
        if matches:
            match = rng.choice(matches)
            text = text[:match.start()] + match.expand(replacement) + text[match.end():]
    return text


def make_drafts(folder: Path, count: int, seed: int = 9704) -> list[Path]:
    rng = random.Random(seed)
    sources = sorted(CORPUS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    paths = []
    for index in range(count):
        path = folder / f"draft{index:04d}.txt"
        path.write_text(plant_mistakes(texts[index % len(texts)], rng), encoding="utf-8")
        paths.append(path)
    return paths


# Start-up is measured as a user meets it: with Python's bytecode cache (a setting that turns the
# cache off makes every start compile the modules again).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# The govfmt of this tree is timed, whichever one the interpreter's installed console script points at.
os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, **kwargs)
    return time.perf_counter() - start, result


def best_and_median(command: list[str], runs: int, cold_cache: bool = False) -> tuple[float, float]:
    """Best and median wall time; cold_cache: every run with empty caches (govfmt's first run on a machine)."""
    times = []
    for _ in range(runs):
        if cold_cache:
            with tempfile.TemporaryDirectory(prefix="govfmt-bench-cache-") as cache:
                times.append(timed(command, env={**os.environ, "GOVFMT_CACHE_DIR": cache})[0])
        else:
            times.append(timed(command)[0])
    return min(times), statistics.median(times)


def govfmt_command() -> list[str]:
    script = Path(sys.executable).with_name("govfmt")  # the command users run, not `python -m`
    return [str(script)] if script.exists() else [sys.executable, "-m", "govfmt"]


def best_wall_and_cpu(command: list[str], runs: int, env: dict | None = None) -> tuple[float, float, float]:
    """Best wall time, median wall time and best CPU time (user + system of the child) over `runs`."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(timed(command, env=env)[0])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), statistics.median(walls), min(cpus)


def startup_figures(paths: list[Path], runs: int) -> None:
    """`govfmt check` on one small draft beside a bare interpreter start (target: within 60 ms of it)."""
    small = min(paths, key=lambda p: p.stat().st_size)
    one = [*govfmt_command(), "check", "--exit-zero", "-q", str(small)]
    timed(one)  # fills the caches (govfmt.regex_cache, govfmt.code_cache) as any first run does
    english = {**os.environ, "LC_ALL": "C.UTF-8"}
    bare = best_wall_and_cpu([sys.executable, "-c", "pass"], runs, english)
    floor = [sys.executable, "-c", "import click, dataclasses"]  # what the CLI framework and the classes cost
    rows = [("python -c pass (no imports)", bare),
            ("python: import click, dataclasses", best_wall_and_cpu(floor, runs, english)),
            ("govfmt check, one small draft", best_wall_and_cpu(one, runs, english)),
            ("  the same, zh_CN locale", best_wall_and_cpu(one, runs, {**os.environ, "LC_ALL": "zh_CN.UTF-8"}))]
    for label, (best, median, cpu) in rows:
        share = "" if label.startswith("python -c pass") else f"   (over python: {(best - bare[0]) * 1000:.0f} ms wall, " \
                                                    f"{(cpu - bare[2]) * 1000:.0f} ms CPU)"
        print(f"{label:34}best {best * 1000:6.0f} ms   median {median * 1000:6.0f} ms   CPU {cpu * 1000:5.0f} ms{share}")
    first = best_and_median(one, max(1, runs // 10), cold_cache=True)
    print(f"  the same, empty caches:         best {first[0] * 1000:6.0f} ms   median {first[1] * 1000:6.0f} ms"
          f"   (a machine's first run)")


def govfmt_figures(folder: Path, paths: list[Path], runs: int) -> None:
    govfmt = govfmt_command()
    for jobs, label in (("1", "one process"), ("0", f"{os.cpu_count()} CPUs")):
        times, cpus = [], []
        for _ in range(max(1, runs // 3)):
            before = children_cpu()
            elapsed, result = timed([*govfmt, "check", "--format", "json", "--exit-zero", "-j", jobs, str(folder)])
            times.append(elapsed)
            cpus.append(children_cpu() - before)
        elapsed = min(times)
        problems = result.stdout.count(b'"code"')
        # CPU time (all processes of the run, start-up included) does not depend on what else the machine runs
        print(f"govfmt check, {len(paths)} drafts, {label:11}: {elapsed:6.2f} s = {len(paths) / elapsed:7.0f} files/s"
              f"   CPU {min(cpus) / len(paths) * 1000:.2f} ms a file   ({problems} problems)")

    sys.path.insert(0, str(REPO / "src"))
    from govfmt.ingest import read_source
    from govfmt.lint import lint_source

    start, cpu = time.perf_counter(), time.process_time()
    count = sum(len(lint_source(read_source(p)).diagnostics) for p in paths)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"govfmt lint_source in-process:    {elapsed:6.2f} s = {len(paths) / elapsed:7.0f} files/s"
          f"   CPU {cpu / len(paths) * 1000:.2f} ms a file   ({count} problems)")


# autocorrect-py as a user runs it over a folder: one Python process that reads every draft and lints it.
AUTOCORRECT_SCRIPT = """
import sys
from pathlib import Path
import autocorrect_py
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    count += len(autocorrect_py.lint_for(path.read_text(encoding="utf-8"), str(path)).lines)
print(count)
"""


def autocorrect_python(folder: Path, paths: list[Path], runs: int) -> None:
    try:
        import autocorrect_py  # noqa: F401
    except ImportError:
        print("autocorrect (Python API):         unavailable (pip install autocorrect-py)")
        return
    times, cpus = [], []
    for _ in range(max(1, runs // 3)):
        before = children_cpu()
        elapsed, result = timed([sys.executable, "-c", AUTOCORRECT_SCRIPT, str(folder)])
        times.append(elapsed)
        cpus.append(children_cpu() - before)
    elapsed = min(times)
    count = int(result.stdout.strip() or 0)
    print(f"autocorrect-py, {len(paths)} drafts, one process: {elapsed:6.2f} s = {len(paths) / elapsed:7.0f} files/s"
          f"   CPU {min(cpus) / len(paths) * 1000:.2f} ms a file"
          f"   ({count} changed lines; it also adds spaces between Chinese and digits, which 公文 forbid)")
    startup = best_and_median([sys.executable, "-c", AUTOCORRECT_SCRIPT.replace('glob("*.txt")', 'glob("draft0000.txt")'),
                               str(folder)], runs)
    print(f"autocorrect-py, one draft:        best {startup[0] * 1000:6.0f} ms   median {startup[1] * 1000:6.0f} ms")


def autocorrect_cli(install: bool) -> list[str] | None:
    found = shutil.which("autocorrect")
    if found:
        return [found]
    local = NODE_CACHE / "node_modules" / ".bin" / "autocorrect"
    if not local.exists() and install and shutil.which("npm"):
        NODE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(NODE_CACHE), "autocorrect-node"],
                       capture_output=True, timeout=300)
    return [str(local)] if local.exists() else None


def autocorrect_cli_figures(folder: Path, paths: list[Path], runs: int, install: bool) -> None:
    command = autocorrect_cli(install)
    if command is None:
        print("autocorrect (command line):       unavailable (npm install autocorrect-node failed or npm missing)")
        return
    version = subprocess.run([*command, "--version"], capture_output=True, text=True).stdout.strip()
    small = min(paths, key=lambda p: p.stat().st_size)
    startup = best_and_median([*command, "--lint", str(small)], runs)
    print(f"{version} --lint, one draft:   best {startup[0] * 1000:6.0f} ms   median {startup[1] * 1000:6.0f} ms")
    elapsed, _ = timed([*command, "--lint", str(folder)])
    print(f"autocorrect --lint, {len(paths)} drafts:  {elapsed:6.2f} s = {len(paths) / elapsed:7.0f} files/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10, help="repetitions for the other timings")
    parser.add_argument("--startup-runs", type=int, default=30, help="repetitions for the start-up timings")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up figures")
    parser.add_argument("--no-autocorrect-install", action="store_true", help="do not npm-install autocorrect-node")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govfmt-bench-") as temporary:
        folder = Path(temporary)
        paths = make_drafts(folder, args.files)
        print(f"{len(paths)} drafts from {CORPUS.relative_to(REPO)} with planted mistakes; "
              f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}; govfmt of {REPO / 'src'}")
        startup_figures(paths, args.startup_runs)
        if args.startup_only:
            return
        govfmt_figures(folder, paths, args.runs)
        autocorrect_python(folder, paths, args.runs)
        autocorrect_cli_figures(folder, paths, args.runs, not args.no_autocorrect_install)


if __name__ == "__main__":
    main()
