#!/usr/bin/env python3
"""Break govfmt on purpose, one named behaviour at a time, and see which test notices.

Each breakage is a textual patch of one file. It is applied to a copy of the checkout in a temporary
folder (the working tree is never touched), then the tests named for it run against that copy; the
report says which test failed first, or that none did (a gap in the suite). A patch that no longer
applies, because the code moved on, is reported as such: update its text here.

    python tools/mutate.py                 # every breakage
    python tools/mutate.py --list          # names and files only
    python tools/mutate.py cc-last-line verify-no-pitch   # some of them
    python tools/mutate.py --fast          # leave out the breakages whose tests need LibreOffice

Exit code 0 when every breakage was caught, 1 when one was not or a patch does not apply.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ("src", "tests", "samples", "styles", "tools", "pyproject.toml", ".pre-commit-hooks.yaml")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache", "out")


@dataclass(frozen=True)
class Breakage:
    name: str
    path: str  # relative to the checkout
    old: str  # text that must occur exactly once
    new: str
    tests: tuple[str, ...]  # pytest node ids or files
    slow: bool = False  # the catching tests render through LibreOffice or run external tools
    what: str = ""
    uncommitted: bool = False  # the copy is made a git checkout first, and the patch left uncommitted


BREAKAGES = (
    # parse
    Breakage("cc-last-line", "src/govfmt/parse/blocks.py",
             "    text = join_wrapped(texts)\n    if kind == \"heading\":",
             "    text = join_wrapped(texts[:-1] if kind in (\"cc\", \"note\") and len(texts) > 1 else texts)\n"
             "    if kind == \"heading\":",
             ("tests/test_nothing_lost.py",), what="the parser drops the last line of a wrapped 附注 or 抄送"),
    Breakage("continuation-apart", "src/govfmt/parse/blocks.py",
             "        if not block.continues or above is None",
             "        if True or above is None",
             ("tests/test_parse_paragraphs.py",), what="the halves of a paragraph around a page number stay apart"),
    Breakage("short-wrap-apart", "src/govfmt/parse/blocks.py",
             "        return head.kind == \"body\" and _wrapped_at_widest(last.line, item.line, wrapping)",
             "        return False",
             ("tests/test_parse_paragraphs.py",), what="a paragraph wrapped over two lines stays two paragraphs"),
    Breakage("rule-row-as-text", "src/govfmt/parse/tables.py",
             "for line in lines if line.number not in rules)",
             "for line in lines)",
             ("tests/test_parse_tables.py",), what="a markdown rule row is laid out as a row of dashes"),
    Breakage("signature-blank-on-top", "src/govfmt/layout/plan.py",
             "            del self.items[index + 1:start]\n",
             "",
             ("tests/test_signature_page_top.py",), what="a 署名 opening a page keeps the blank line above it"),
    Breakage("heading-level", "src/govfmt/parse/blocks.py",
             "return Block(kind, start, end, text, level=head.level)",
             "return Block(kind, start, end, text, level=min(4, (head.level or 1) + 1))",
             ("tests/test_inspect.py", "tests/test_parse_headings.py"), what="headings reported one level deeper"),
    # inspect
    Breakage("inspect-text-empty", "src/govfmt/inspect.py",
             "    return \"\\n\".join(rows)", "    return \"\"",
             ("tests/test_inspect.py",), what="`inspect`'s text output emptied"),
    Breakage("inspect-json-spans", "src/govfmt/inspect.py",
             "record[\"line_end\"] = block.line_end", "record[\"line_end\"] = block.line_start",
             ("tests/test_inspect.py",), what="`inspect --format json` gives every block one line"),
    # layout and docx
    Breakage("cc-moved-to-body", "src/govfmt/layout/colophon.py",
             "(addressee if block.text.startswith(\"主送\") else cc).append(block.text)",
             "(addressee if block.text.startswith(\"主送\") else cc).append(block.text[:-1])",
             ("tests/test_nothing_lost.py",), what="the 版记 loses the last character of each 抄送 line"),
    Breakage("body-indent", "src/govfmt/docx/writer.py",
             "first_line=round(element.first_line_indent_chars * element.char_twips),",
             "first_line=0,",
             ("tests/test_docx_layout.py", "tests/test_document_parts.py", "tests/test_placement.py"),
             what="paragraphs lose their 2-字 first-line indent"),
    Breakage("pitch-not-exact", "src/govfmt/docx/ooxml.py",
             "    if line_twips is not None:\n"
             "        _set_child(ppr, \"w:spacing\", _PPR_ORDER, before=0, after=0, line=line_twips, lineRule=\"exact\")",
             "    if line_twips is not None:\n"
             "        _set_child(ppr, \"w:spacing\", _PPR_ORDER, before=0, after=0, line=line_twips, lineRule=\"auto\")",
             ("tests/test_docx_line_pitch.py", "tests/test_docx_layout.py"),
             what="paragraphs lose their exact line pitch (§5.2.3)"),
    # pdf/verify
    Breakage("verify-no-page-size", "src/govfmt/pdf/verify.py",
             "    found += _page_sizes(pages, frame)\n", "",
             ("tests/test_verify_checks.py::test_page_size",), slow=True, what="verify's page-size check off"),
    Breakage("verify-no-pitch", "src/govfmt/pdf/verify.py",
             "if abs(fitted - frame.pitch) > PITCH_TOL_PT * MM_PER_PT:", "if False:",
             ("tests/test_verify_checks.py::test_line_pitch",), slow=True, what="verify's line-pitch check off"),
    Breakage("verify-no-right-end", "src/govfmt/pdf/verify.py",
             "if row.x1 > frame.right + OVERHANG_TOL:", "if False:",
             ("tests/test_verify_checks.py::test_a_full_line_past_the_right_edge",), slow=True,
             what="verify's right-end check off"),
    Breakage("verify-no-body-font", "src/govfmt/pdf/verify.py",
             "    found += _body_font(pages, frame, summary)\n", "    _body_font(pages, frame, summary)\n",
             ("tests/test_verify_checks.py::test_body_text_in_the_wrong_font",), slow=True,
             what="verify's body-font check off"),
    Breakage("verify-no-dash-height", "src/govfmt/pdf/verify.py",
             "if abs(ink - expected_ink) > MARGIN_TOL:", "if False:",
             ("tests/test_verify_checks.py::test_page_number_dashes_too_low",), slow=True,
             what="verify's dash-height check off"),
    # pdf/measure: the PDF reader
    Breakage("reader-ink-widths", "src/govfmt/pdf/measure.py",
             "if font and raw.FPDFFont_GetGlyphWidth(", "if False and raw.FPDFFont_GetGlyphWidth(",
             ("tests/test_pdf_reader.py",), what="glyph boxes as wide as their ink instead of their advance"),
    Breakage("reader-ignores-rotate", "src/govfmt/pdf/measure.py",
             "_Shown(page.get_mediabox(), page.get_rotation())", "_Shown(page.get_mediabox(), 0)",
             ("tests/test_pdf_reader.py",), what="pages turned by /Rotate read as if upright"),
    # lint and check --fix
    Breakage("readonly-guard", "src/govfmt/lint/runner.py",
             "if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:", "if False:",
             ("tests/test_guards.py",), what="the read-only guard of `check --fix` removed"),
    Breakage("lint-p101-off", "src/govfmt/lint/rules/punctuation.py",
             "            if ch not in \",;:?!.\":", "            if ch not in \"\":",
             ("tests/lint/test_lint_rules.py", "tests/test_guards.py"), what="rule P101 never fires"),
    # the pre-commit hooks, as a user's checkout has them before they commit
    Breakage("hooks-uncommitted", ".pre-commit-hooks.yaml",
             "  entry: govfmt check --force-exclude\n", "  entry: govfmt check --force-exclude --exit-zero\n",
             ("tests/lint/test_lint_precommit.py::test_check_hook_passes_the_published_document_and_blocks_the_planted_one",),
             slow=True, uncommitted=True,
             what="uncommitted .pre-commit-hooks.yaml change (the check hook never blocks)"),
)


def _copy(into: Path) -> None:
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=IGNORED, symlinks=True)
        elif source.exists():
            shutil.copy2(source, into / name)


def _commit(root: Path) -> None:
    """Make the copy a git checkout with everything committed, so a patch is an uncommitted change."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "mutate", "GIT_AUTHOR_EMAIL": "mutate@example.org",
           "GIT_COMMITTER_NAME": "mutate", "GIT_COMMITTER_EMAIL": "mutate@example.org"}
    for args in (["init", "--quiet"], ["add", "-A"], ["commit", "--quiet", "--no-verify", "-m", "copy"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _apply(root: Path, breakage: Breakage) -> str | None:
    """Patch the copy; the reason it cannot be patched, or None."""
    target = root / breakage.path
    if not target.exists():
        return f"{breakage.path} does not exist"
    text = target.read_text(encoding="utf-8")
    count = text.count(breakage.old)
    if count != 1:
        return f"the text to replace occurs {count} times in {breakage.path}"
    target.write_text(text.replace(breakage.old, breakage.new), encoding="utf-8")
    return None


_FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.M)


def run(breakage: Breakage, python: str) -> tuple[str, str, float]:
    """(verdict, detail, seconds): verdict is caught, MISSED or STALE."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"govfmt-mutant-{breakage.name}-") as folder:
        root = Path(folder)
        _copy(root)
        if breakage.uncommitted:
            _commit(root)
        problem = _apply(root, breakage)
        if problem:
            return "STALE", problem, time.monotonic() - started
        tests = [t for t in breakage.tests if (root / t.split("::")[0]).exists()]
        if not tests:
            return "STALE", "none of its tests exist", time.monotonic() - started
        env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
        command = [python, "-m", "pytest", *tests, "-x", "-q", "-rfE", "-p", "no:cacheprovider",
                   "-m", "slow or not slow" if breakage.slow else "not slow", "-o", "addopts="]
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    failed = _FAILED.findall(done.stdout)
    if done.returncode == 0:
        return "MISSED", "all of " + ", ".join(tests) + " passed", seconds
    if failed:
        return "caught", failed[0], seconds
    tail = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return "caught", f"pytest exit {done.returncode}: {tail}", seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="breakages to try (default: all)")
    parser.add_argument("--list", action="store_true", help="list the breakages and exit")
    parser.add_argument("--fast", action="store_true", help="skip breakages whose tests need LibreOffice")
    parser.add_argument("--python", default=sys.executable, help="interpreter with govfmt's dependencies")
    args = parser.parse_args(argv)
    known = {b.name: b for b in BREAKAGES}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"unknown breakage {', '.join(unknown)}; see --list")
    chosen = [known[n] for n in args.names] if args.names else list(BREAKAGES)
    if args.fast:
        chosen = [b for b in chosen if not b.slow]
    if args.list:
        for b in chosen:
            print(f"{b.name:<22} {b.path:<36} {b.what}")
        return 0
    bad = 0
    for b in chosen:
        verdict, detail, seconds = run(b, args.python)
        bad += verdict != "caught"
        print(f"{verdict:<7} {b.name:<22} {seconds:6.1f} s  {detail}", flush=True)
    print(f"{len(chosen) - bad} of {len(chosen)} breakages caught")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
