#!/usr/bin/env python3
"""DOCX writing time against a draft's length: drafts of 125 to 1,000 pages, laid out and written.

Usage: python benchmarks/bench_docx_scaling.py [--repeat 3]

Prints seconds and milliseconds per page for each length; linear writing keeps ms/page flat (issue 11:
a 1,000-page draft converts in time linear in its length).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from govfmt.docx import write_plan  # noqa: E402
from govfmt.ingest import decode  # noqa: E402
from govfmt.layout.plan import plan_document  # noqa: E402
from govfmt.parse import parse  # noqa: E402
from govfmt.style import load_style  # noqa: E402

PARAGRAPH = "各地区各部门要认真落实工作责任，确保各项措施落到实处、取得实效，" * 3  # about three lines
PARAGRAPHS_PER_PAGE = 6


def draft(pages: int) -> str:
    body = []
    for index in range(pages * PARAGRAPHS_PER_PAGE):
        if index % 30 == 0:
            body.append(f"{'一二三四五六七八九十'[index // 30 % 10]}、第{index // 30 + 1}部分")
        body.append(PARAGRAPH)
    return "关于做好有关工作的通知\n\n各单位：\n\n" + "\n\n".join(body) + "\n\n某某市人民政府\n2024年3月1日\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    style = load_style()
    with tempfile.TemporaryDirectory(prefix="govfmt-bench-") as folder:
        out = Path(folder) / "d.docx"
        write_plan(plan_document(parse(decode(draft(1).encode(), "w.txt")), style), style, out)  # warm
        for pages in (125, 250, 500, 1000):
            document = parse(decode(draft(pages).encode("utf-8"), f"{pages}.txt"))
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                write_plan(plan_document(document, style), style, out)
                times.append(time.perf_counter() - started)
            seconds = statistics.median(times)
            print(f"{pages:5d} pages: {seconds:6.2f} s  {1000 * seconds / pages:5.2f} ms/page")


if __name__ == "__main__":
    main()
