"""`check` on a Markdown draft lints the text its reader sees, at the places the author edits: heading and
quote marks are not the text, a link's brackets, address and title are not prose, code is quoted, and
`--fix` never breaks any of them; a mistake in the words of a link or heading is still found, at its column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govfmt.ingest import decode
from govfmt.lint.fixer import fix_text
from govfmt.lint.linter import lint_source
from lint_helpers import draft

DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev"
HEADING_LEVELS = {"title": 1, "h1": 2, "h1_inline": 2, "h2": 3, "h2_inline": 3, "h3": 4, "h3_inline": 4,
                  "h4": 5, "h4_inline": 5}


def _found(text: str, name: str) -> list[tuple]:
    source = decode(text.encode("utf-8"), name)
    return [(d.line, d.column, d.end_column, d.code, d.message, d.fix)
            for d in lint_source(source, path=name).diagnostics]


def _fixed(text: str, name: str) -> str:
    def lint(current: str):
        return list(lint_source(decode(current.encode("utf-8"), name), path=name).diagnostics)

    return fix_text(decode(text.encode("utf-8"), name).text, lint).text


def _as_markdown(number: str) -> tuple[str, str, dict[int, int]]:
    """A corpus document as plain text and as Markdown (its title and headings marked with #)."""
    text = (DEV / "docs" / f"{number}.txt").read_text("utf-8")
    labels = dict(line.split("\t") for line in (DEV / "labels" / f"{number}.tsv").read_text("utf-8").splitlines())
    lines = text.split("\n")
    widths = {}
    for index, label in labels.items():
        level = HEADING_LEVELS.get(label)
        if level:
            widths[int(index)] = level + 1
            lines[int(index) - 1] = "#" * level + " " + lines[int(index) - 1]
    return text, "\n".join(lines), widths


@pytest.mark.parametrize("number", sorted(p.stem for p in (DEV / "docs").glob("*.txt")))
def test_heading_marks_change_nothing_but_the_columns(number):
    text, markdown, widths = _as_markdown(number)
    expected = [(line, column + widths.get(line, 0), end + widths.get(line, 0), *rest)
                for line, column, end, *rest in _found(text, "稿.txt")]
    assert _found(markdown, "稿.md") == expected


@pytest.mark.parametrize("body", [
    "详见[市应急局](https://yjj.example.gov.cn/a.html)网站。",
    "详见[市应急局](<https://yjj.example.gov.cn/a b.html> \"应急预案(2024)\")网站。",
    "图![市徽](images/logo.png)如上，网址<https://www.gov.cn/>，来信<ban@example.cn>。",
    "参考[文件][预案]与[预案]。\n\n[预案]: https://www.gov.cn/yuan.html \"预案\"",
    "见[第\\]号文件](a.html \"(一)\")。",  # an escaped bracket is the text's
    "命令`govfmt check --fix`即可，写作`甲,乙`。",
    "```\nprint(\"hello\") ; a,b\n```",
    "上文。\n\n---\n\n下文。",
])
def test_markdown_syntax_is_no_mistake(body):
    assert _found(draft(body), "稿.md") == []


@pytest.mark.parametrize("body", [
    "详见[市应急局](https://yjj.example.gov.cn/a.html)网站。",
    "写作`甲,乙`即可。",
])
def test_the_same_characters_in_a_text_draft_are_reported(body):  # the exemption is Markdown's alone
    assert _found(draft(body), "稿.txt") != []


def test_a_mistake_in_the_words_of_a_link_is_found_at_its_column():
    body = "详见[市应急局,市水务局](https://yjj.example.gov.cn/)网站。"
    found = _found(draft(body), "稿.md")
    line = draft(body).split("\n").index(body) + 1
    assert [(d[0], d[1], d[3]) for d in found] == [(line, body.index(",") + 1, "P101")]


def test_a_mistake_in_a_marked_heading_is_found_at_its_column():
    markdown = draft("## 一、总体要求\n\n坚持人民至上。\n\n## 二.工作措施\n\n落实责任。")
    plain = markdown.replace("## ", "")
    line = markdown.split("\n").index("## 二.工作措施") + 1
    shifted = [(d[0], d[1] + (3 if d[0] in (line, line - 4) else 0), d[3]) for d in _found(plain, "稿.txt")]
    found = [(d[0], d[1], d[3]) for d in _found(markdown, "稿.md")]
    assert found == shifted and any(d[0] == line for d in found)


def test_fix_mends_the_prose_and_leaves_the_links_whole():
    body = ("详见[市应急局](https://yjj.example.gov.cn/a.html \"预案(2024)\")网站,及时查看.\n\n"
            "## 二、工作要求\n\n命令`a,b`不改。")
    once = _fixed(draft(body), "稿.md")
    assert "详见[市应急局](https://yjj.example.gov.cn/a.html \"预案(2024)\")网站，及时查看。" in once
    assert "## 二、工作要求" in once and "命令`a,b`不改。" in once
    assert _fixed(once, "稿.md") == once
