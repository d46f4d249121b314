"""Mistakes clerks make, planted at random spots in real documents: found (recall >= 0.9 per family), and
`--fix` puts back exactly what was there, touching nothing else; a second `--fix` changes nothing.

The base drafts are the dev-corpus documents after govfmt's own safe fixes (so that the only problems a
safe fix could act on are the planted ones). Each plant replaces one occurrence of a correct form with
the wrong form a clerk types; the expected code is what the standard calls that mistake.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict

import pytest

from govfmt.ingest import decode
from govfmt.lint.fixer import fix_text
from govfmt.lint.linter import lint_source

from conftest import CORPUS

# family -> (pattern of the correct form, wrong form, expected codes, whether a safe fix restores it)
PLANTS = {
    "P": [
        (re.compile(r"(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])"), ",", {"P101"}, True),
        (re.compile(r"(?<=[\u4e00-\u9fff])。$", re.MULTILINE), ".", {"P101"}, True),
        (re.compile(r"……"), "...", {"P105"}, True),
        (re.compile(r"(?<=[\u4e00-\u9fff])——(?=[\u4e00-\u9fff])"), "--", {"P107"}, False),
        (re.compile(r"(?<=[\u4e00-\u9fff])“(?=[\u4e00-\u9fff]{2,8}”)"), "「", {"P104"}, False),
    ],
    "N": [
        (re.compile(r"(?<=\d{4}年)(?=[1-9]月)"), "0", {"N101"}, True),
    ],
    "S": [
        (re.compile(r"(?<=\d)(?=[年月日号])"), " ", {"S101"}, True),
        (re.compile(r"(?<=[\u4e00-\u9fff])(?=，)"), " ", {"S102"}, True),
    ],
}

# Plants written as functions of the match (the wrong form depends on the digits matched).
FUNCTION_PLANTS = {
    "N": [
        (re.compile(r"(?<=\d{4}年)(\d{1,2}月\d{1,2})日"), lambda m: m.group(1) + "号", {"N111"}, True),
        (re.compile(r"〔(\d{4})〕"), lambda m: f"[{m.group(1)}]", {"N107"}, True),
        (re.compile(r"(?<=[\u4e00-\u9fff])(\d{2,4})(?=[年个%])"),
         lambda m: "".join(chr(ord(c) + 0xFEE0) for c in m.group(1)), {"N106"}, True),
        (re.compile(r"(?<![\d.])(\d)000(?=万|元|人|个)"), lambda m: f"{m.group(1)}千", {"N112"}, False),
    ],
    "H": [
        (re.compile(r"^([一二三四五六七八九十]{1,2})、", re.MULTILINE), lambda m: f"{m.group(1)}.", {"H101"}, True),
        (re.compile(r"^（([一二三四五六七八九十]{1,2})）", re.MULTILINE), lambda m: f"({m.group(1)})", {"H102"}, True),
        (re.compile(r"^(\d{1,2})\.(?=[\u4e00-\u9fff])", re.MULTILINE), lambda m: f"{m.group(1)}、", {"H103"}, True),
    ],
    "E": [
        (re.compile(r"^(附件)：", re.MULTILINE), lambda m: f"{m.group(1)}:", {"E101"}, True),
        (re.compile(r"^(抄送)：", re.MULTILINE), lambda m: f"{m.group(1)}:", {"E101"}, True),
        (re.compile(r"^(各[^\n：]{2,80})：$", re.MULTILINE), lambda m: f"{m.group(1)}:", {"E101", "P101"}, True),
        (re.compile(r"^(附件：[^\n]{2,60}[\u4e00-\u9fff])$", re.MULTILINE), lambda m: f"{m.group(1)}。", {"E102"},
         False),
    ],
    "C": [
        (re.compile(r"(?<=[\u4e00-\u9fff])(国|关|发|门|经|会|为|实)(?=[\u4e00-\u9fff])"),
         lambda m: {"国": "國", "关": "關", "发": "發", "门": "門", "经": "經", "会": "會", "为": "為",
                    "实": "實"}[m.group(1)], {"C101"}, False),
    ],
}
FAMILIES = sorted(set(PLANTS) | set(FUNCTION_PLANTS))
DRAFTS_PER_FAMILY = 40


def _lint(text: str):
    return list(lint_source(decode(text.encode("utf-8"), "draft.txt")).diagnostics)


def _safe_fixed(text: str) -> str:
    return fix_text(text, _lint).text


@pytest.fixture(scope="module")
def bases() -> list[tuple[str, set[int]]]:
    texts = []
    for path in sorted((CORPUS / "docs").glob("*.txt")):
        text = _safe_fixed(decode(path.read_bytes(), path.name).text)
        texts.append((text, _prose_lines(text)))
    return texts


def _plants(family: str):
    for pattern, wrong, codes, safe in PLANTS.get(family, []):
        yield pattern, (lambda m, w=wrong: w), codes, safe
    yield from FUNCTION_PLANTS.get(family, [])


def _prose_lines(text: str) -> set[int]:
    """Lines the linter reads as the author's prose (not tables, web chrome, front matter)."""
    from govfmt.lint.context import LintContext
    from govfmt.parse import parse

    source = decode(text.encode("utf-8"), "draft.txt")
    return {info.number for info in LintContext(source, parse(source)).prose_lines}


def _plant(text: str, rng: random.Random, family: str, prose: set[int]):
    """One mistake of the family at a random spot: (new text, line, column range, expected codes, safe)."""
    options = []
    for pattern, wrong, codes, safe in _plants(family):
        for match in pattern.finditer(text):
            if text.count("\n", 0, match.start()) + 1 in prose:
                options.append((match, wrong, codes, safe))
    if not options:
        return None
    match, wrong, codes, safe = rng.choice(options)
    replacement = wrong(match)
    new = text[:match.start()] + replacement + text[match.end():]
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return new, line, (column, column + max(len(replacement), 1)), codes, safe


def _found(diagnostics, line: int, columns: tuple[int, int], codes: set[str]) -> bool:
    first, last = columns
    for d in diagnostics:
        if d.code in codes and d.line == line and d.column <= last and d.end_column >= first:
            return True
    return False


@pytest.mark.parametrize("family", FAMILIES)
def test_planted_mistakes_are_found(family, bases):
    rng = random.Random(f"govfmt-{family}")
    found = total = 0
    misses = []
    for index in range(DRAFTS_PER_FAMILY):
        base, prose = bases[index % len(bases)]
        planted = _plant(base, rng, family, prose)
        if planted is None:
            continue
        text, line, columns, codes, _safe = planted
        total += 1
        if _found(_lint(text), line, columns, codes):
            found += 1
        else:
            misses.append((index % len(bases), line, columns, sorted(codes), text.split("\n")[line - 1][:60]))
    print(f"family {family}: {found}/{total} planted mistakes found")
    assert total >= DRAFTS_PER_FAMILY // 2, f"too few places to plant {family} mistakes"
    assert found / total >= 0.9, (family, found, total, misses)


@pytest.mark.parametrize("family", [f for f in FAMILIES if f != "C"])
def test_fix_changes_only_the_planted_spots_and_settles(family, bases):
    rng = random.Random(f"govfmt-fix-{family}")
    checked = 0
    by_plant = defaultdict(int)
    for index in range(DRAFTS_PER_FAMILY):
        base, prose = bases[index % len(bases)]
        planted = _plant(base, rng, family, prose)
        if planted is None or not planted[4]:
            continue  # only mistakes a safe fix can undo
        text, line, _columns, codes, _safe = planted
        fixed = _safe_fixed(text)
        assert fixed == base, (family, sorted(codes), line, text.split("\n")[line - 1][:80],
                               fixed.split("\n")[line - 1][:80])
        assert _safe_fixed(fixed) == fixed
        checked += 1
        by_plant[tuple(sorted(codes))] += 1
    assert checked >= 5, (family, dict(by_plant))
