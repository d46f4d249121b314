"""C1xx: the script of the text. 公文 are written in 规范汉字 (simplified characters)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from govfmt.lint.chars import is_cjk
from govfmt.lint.context import LintContext, LineInfo
from govfmt.lint.diagnostic import Finding, Fix
from govfmt.lint.registry import rule
from govfmt.i18n import _

# Above this share of converted characters the draft is written in traditional script as a whole, and
# one finding says so instead of one per character.
_TRADITIONAL_DRAFT_SHARE = 0.3


@lru_cache(maxsize=1)
def _converter():
    """OpenCC's traditional-to-simplified converter, loaded on first need (it costs tens of ms)."""
    import opencc

    return opencc.OpenCC("t2s")


def load_converter() -> None:
    _converter()


def _outside_gb2312(text: str) -> bool:
    """Whether text has a character GB 2312 lacks; GB 2312 holds simplified characters only, so a text
    inside it needs no conversion at all (one C-level call decides it for a whole draft)."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _candidates(ctx: LintContext) -> list[LineInfo]:
    return [info for info in ctx.prose_lines if _outside_gb2312(info.text)]


@rule(
    code="C101", name="traditional-characters",
    summary=_("Traditional characters in a simplified-Chinese draft (國務院關於…)."),
    why=_("The 国家通用语言文字法 (arts. 2, 9, 14) makes 规范汉字, the simplified characters of the 通用规范汉字表, the script of "
           "state organs' documents, and 条例 art. 11 asks for 规范 wording. Characters are converted by OpenCC's t2s "
           "dictionaries, which keep words whose characters stay traditional in simplified text (乾隆, 著作); as the "
           "dictionary may still choose a reading, the fix is unsafe."),
    bad="國務院關於做好防汛工作的通知", good="国务院关于做好防汛工作的通知", fix="unsafe",
)
def traditional_characters(ctx: LintContext) -> Iterator[Finding]:
    if not _outside_gb2312(ctx.source.text):
        return
    lines = _candidates(ctx)
    if not lines:
        return
    converted = _converter().convert("\n".join(info.text for info in lines)).split("\n")
    changed: list[tuple[LineInfo, str]] = []
    count = 0
    for info, simple in zip(lines, converted):
        if len(simple) != len(info.text):
            simple = "".join(_single(ch) for ch in info.text)
        if simple != info.text:
            changed.append((info, simple))
            count += sum(1 for old, new in zip(info.text, simple) if old != new)
    if not changed:
        return
    if count > 20:
        han = sum(1 for info in ctx.prose_lines for ch in info.text if is_cjk(ch))
        if count > _TRADITIONAL_DRAFT_SHARE * max(han, 1):
            info, simple = changed[0]
            index = next(i for i, (old, new) in enumerate(zip(info.text, simple)) if old != new)
            yield Finding(info.number, index, index + 1,
                          _("the draft is written in traditional characters ({count} of them); 公文 use simplified "
                             "characters (规范汉字)").format(count=count))
            return
    for info, simple in changed:
        for index, (old, new) in enumerate(zip(info.text, simple)):
            if old != new and is_cjk(old):
                yield Finding(info.number, index, index + 1,
                              _("traditional character {old}; the simplified form is {new}").format(old=old, new=new), Fix(new, safe=False))


def _single(ch: str) -> str:
    converted = _converter().convert(ch)
    return converted if len(converted) == 1 else ch
