"""Small drafts for the rule tests: a 公文 frame around the lines under test."""

from __future__ import annotations

from govfmt.ingest import decode
from govfmt.lint.config import Settings
from govfmt.lint.fixer import fix_text
from govfmt.lint.linter import lint_source

HEAD = "关于做好防汛工作的通知\n\n各区人民政府：\n\n"
TAIL = "\n\n某某市人民政府\n2024年3月1日\n"


def draft(body: str, head: str = HEAD, tail: str = TAIL) -> str:
    return head + body + tail


def diagnostics(text: str, settings: Settings | None = None):
    return lint_source(decode(text.encode("utf-8"), "draft.txt"), settings).diagnostics


def codes(text: str) -> list[str]:
    return [d.code for d in diagnostics(text)]


def fixed(text: str, unsafe: bool = False) -> str:
    source = decode(text.encode("utf-8"), "draft.txt")

    def lint(current: str):
        return list(lint_source(decode(current.encode("utf-8"), "draft.txt")).diagnostics)

    return fix_text(source.text, lint, unsafe=unsafe).text
