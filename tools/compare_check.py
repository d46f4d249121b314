"""Compare the output of `govfmt check` of this tree with that of another revision, byte for byte.

    python tools/compare_check.py [--base REV] [--files 1000] [--keep DIR]

The base revision (default: where this branch left main) is exported to a temporary folder and both
trees check the same inputs: the dev corpus, the shared corpus, samples/, 1,000 drafts with the
benchmark's planted mistakes and drafts with the recall tests' planted mistakes. Every output form is
compared (text, concise, json, github, sarif, --statistics, --diff, --diff --unsafe-fixes, the files
--fix leaves and what it prints, --fix --show-fixes), one process and two, and this tree with -j 2
against the base with -j 1. Prints each difference and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path("/work/shared/corpus/dev")

RUNS = [
    ("text", ["--format", "text"]),
    ("concise", ["--format", "concise"]),
    ("json", ["--format", "json"]),
    ("github", ["--format", "github"]),
    ("sarif", ["--format", "sarif"]),
    ("statistics", ["--statistics"]),
    ("diff", ["--diff"]),
    ("diff-unsafe", ["--diff", "--unsafe-fixes"]),
    ("strict-json-select", ["--format", "json", "--strict", "--select", "P,N,S"]),
]


def export(rev: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def recall_drafts(folder: Path, per_family: int = 60, seed: int = 12) -> None:
    """Drafts with the recall tests' plants (several per draft, of every family)."""
    sys.path.insert(0, str(REPO / "tests"))
    sys.path.insert(0, str(REPO / "src"))
    planted = load(REPO / "tests" / "lint" / "test_lint_planted.py", "planted_plants")
    rng = random.Random(seed)
    bases = sorted((REPO / "tests" / "corpus" / "dev" / "docs").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in bases]
    folder.mkdir(parents=True)
    count = 0
    for family in planted.FAMILIES:
        plants = list(planted._plants(family))
        for index in range(per_family):
            text = texts[(index * 7 + len(family)) % len(texts)]
            for _ in range(rng.randint(1, 4)):
                pattern, wrong, _codes, _safe = rng.choice(plants)
                matches = list(pattern.finditer(text))
                if matches:
                    match = rng.choice(matches)
                    text = text[:match.start()] + wrong(match) + text[match.end():]
            (folder / f"{family}{index:03d}.txt").write_text(text, encoding="utf-8")
            count += 1


def bench_drafts(folder: Path, count: int) -> None:
    bench = load(REPO / "benchmarks" / "bench_check.py", "bench_check_drafts")
    folder.mkdir(parents=True)
    bench.make_drafts(folder, count)


def govfmt(src: Path, args: list[str], cwd: Path) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    result = subprocess.run([sys.executable, "-m", "govfmt", "check", "--isolated", "--exit-zero", *args, "."],
                            cwd=cwd, env=env, capture_output=True)
    return b"exit %d\n" % result.returncode + result.stdout + b"\n--stderr--\n" + result.stderr


class BaseOutputs:
    """The base revision's outputs, kept in the work folder between runs (--keep) as they never change."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, key: str, make):
        import pickle

        path = self.folder / (key.replace("/", "_") + ".pickle")
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = make()
        path.write_bytes(pickle.dumps(value))
        return value


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def compare(label: str, old: bytes, new: bytes, problems: list[str]) -> None:
    if old != new:
        old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
        first = next((i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b),
                     min(len(old_lines), len(new_lines)))
        problems.append(f"{label}: differs from line {first + 1}\n  base: {old_lines[first:first + 1]!r}\n"
                        f"  this: {new_lines[first:first + 1]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=None, help="revision to compare with (default: merge-base with main)")
    parser.add_argument("--this", default=None, help="revision to check instead of the working tree (e.g. HEAD)")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the inputs and outputs in this folder")
    args = parser.parse_args()
    base = args.base or subprocess.run(["git", "-C", str(REPO), "merge-base", "HEAD", "main"], check=True,
                                       capture_output=True, text=True).stdout.strip()
    work = args.keep or Path(tempfile.mkdtemp(prefix="govfmt-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    base_src = export(base, Path(tempfile.mkdtemp(prefix="govfmt-base-", dir=work)))
    this_src = export(args.this, Path(tempfile.mkdtemp(prefix="govfmt-this-", dir=work))) if args.this else REPO / "src"
    inputs = work / "inputs"
    if inputs.exists():
        shutil.rmtree(inputs)
    inputs.mkdir()
    shutil.copytree(REPO / "tests" / "corpus" / "dev" / "docs", inputs / "dev")
    if (SHARED_CORPUS / "docs").exists():
        shutil.copytree(SHARED_CORPUS / "docs", inputs / "shared")
    shutil.copytree(REPO / "samples", inputs / "samples")
    bench_drafts(inputs / "bench", args.files)
    recall_drafts(inputs / "recall")
    problems: list[str] = []
    saved = BaseOutputs(work / "base-outputs" / f"{base}-{args.files}")
    for corpus in sorted(p for p in inputs.iterdir() if p.is_dir()):
        jobs = ["-j", "1"], ["-j", "2"]
        for label, options in RUNS:
            old = saved.get(f"{corpus.name}-{label}", lambda: govfmt(base_src, [*options, "-j", "1"], corpus))
            for job in jobs:
                compare(f"{corpus.name} {label} {' '.join(job)}", old, govfmt(this_src, [*options, *job], corpus),
                        problems)
        for label, extra in (("fix", []), ("fix-show-fixes", ["--show-fixes"]), ("fix-unsafe", ["--unsafe-fixes"])):
            outputs = {}

            def fixed(name: str, src: Path, job: str) -> tuple[bytes, dict[str, bytes]]:
                copy = work / "fix" / name / corpus.name
                if copy.exists():
                    shutil.rmtree(copy)
                shutil.copytree(corpus, copy)
                printed = govfmt(src, ["--fix", *extra, "-j", job], copy)
                return printed, folder_bytes(copy)

            outputs["base"] = saved.get(f"{corpus.name}-{label}", lambda: fixed("base", base_src, "1"))
            outputs["this"] = fixed("this", this_src, "1")
            outputs["this2"] = fixed("this2", this_src, "2")
            for name in ("this", "this2"):
                compare(f"{corpus.name} {label} ({name}) output", outputs["base"][0], outputs[name][0], problems)
                if outputs["base"][1] != outputs[name][1]:
                    changed = [k for k in outputs["base"][1] if outputs["base"][1][k] != outputs[name][1].get(k)]
                    problems.append(f"{corpus.name} {label} ({name}): fixed files differ: {changed[:5]}")
        print(f"{corpus.name}: compared ({len(list(corpus.rglob('*')))} files)", flush=True)
    for problem in problems:
        print(problem)
    print(f"base {base[:10]} against this tree: {'identical' if not problems else f'{len(problems)} differences'}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
