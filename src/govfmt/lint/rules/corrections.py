"""G903–G905: the `%% govfmt: 标题` corrections, and the guesses one of them would settle."""

from __future__ import annotations

from collections.abc import Iterator

from govfmt.i18n import N_, _
from govfmt.lint.context import LintContext
from govfmt.lint.diagnostic import ERROR, INFO, WARNING, Finding
from govfmt.lint.registry import rule
from govfmt.parse.confidence import Doubt, doubts
from govfmt.parse.directives import APPLIED, DANGLING, UNKNOWN, UNUSED, unknown_kind_message
from govfmt.i18n import _

# A head or tail decision less certain than this is pointed out, with the correction that settles it.
UNSURE_BELOW = 0.7

_TAKEN_AS = {
    "title": N_("the title"), "subtitle": N_("the subtitle"), "addressee": N_("the 主送机关 (addressee)"),
    "salutation": N_("the salutation"), "body": N_("body text"), "signature": N_("the 署名 (signature)"),
    "date": N_("the 成文日期 (date)"), "note": N_("the 附注 (note)"),
}
_WOULD_BE = {"标题": N_("the title"), "主送机关": N_("the 主送机关"), "署名": N_("the 署名"),
             "成文日期": N_("the 成文日期")}


def _whole_line(ctx: LintContext, number: int, message: str) -> Finding:
    info = ctx.line(number)
    return Finding(number, info.content_start, max(len(info.text.rstrip()), info.content_start + 1), message)


@rule(
    code="G903", name="unused-correction", severity=WARNING,
    summary=_("A `%% govfmt: 标题`-style correction that changes nothing."),
    why=_("Detection already gives the block below that kind (and was sure of it), a later correction above the "
           "same text wins, or no text follows; like an unused suppression (G901) it only hides the next real "
           "change, so remove it."),
    bad="%% govfmt: 标题\n关于做好春节期间安全工作的通知", good="关于做好春节期间安全工作的通知",
)
def unused_correction(ctx: LintContext) -> Iterator[Finding]:
    corrections = ctx.document.corrections
    for correction in corrections:
        written = f"%% govfmt: {correction.name}"
        if correction.status == DANGLING:
            yield _whole_line(ctx, correction.line, _("{written} has no text below it; remove it")
                              .format(written=written))
        elif correction.status == UNUSED and not _settles_a_doubt(correction.doubted):
            later = any(c.status == APPLIED and c.target == correction.target and c.line > correction.line
                        for c in corrections)
            reason = (_("a later correction above the same line wins") if later
                      else _("line {line} is taken as {kind} already").format(
                          line=correction.target, kind=_kind_phrase(correction.kind, correction.level)))
            yield _whole_line(ctx, correction.line, _("{written} changes nothing: {reason}; remove it")
                              .format(written=written, reason=reason))


@rule(
    code="G904", name="unknown-kind", severity=ERROR,
    summary=_("A `%% govfmt: …` correction naming no block kind."),
    why=_("`govfmt convert` refuses such a draft rather than guess what was meant; write a kind such as 标题, 正文, "
           "一级标题 … 四级标题, 署名, 成文日期, 附注 (or the English names of `govfmt inspect`)."),
    bad="%% govfmt: 大标题", good="%% govfmt: 标题",
)
def unknown_kind(ctx: LintContext) -> Iterator[Finding]:
    for correction in ctx.document.corrections:
        if correction.status == UNKNOWN:
            yield _whole_line(ctx, correction.line, unknown_kind_message(correction.name))


@rule(
    code="G905", name="uncertain-structure", severity=INFO,
    summary=_("The least certain head and tail decisions, with the correction that would settle each."),
    why=_("Where a pasted draft leaves the title, the 主送机关, the 署名 or the 成文日期 unclear, the layout depends on a "
           "guess; one `%% govfmt: …` line above the text makes it the author's decision instead."),
    bad="春节期间安全工作提示\n各单位：", good="%% govfmt: 标题\n春节期间安全工作提示\n各单位：",
)
def uncertain_structure(ctx: LintContext) -> Iterator[Finding]:
    found = ctx.memo("doubts", lambda c: doubts(c.document))
    for place in ("head", "tail"):
        unsure = [d for d in found if d.place == place and d.confidence < UNSURE_BELOW]
        if unsure:
            doubt = min(unsure, key=lambda d: d.confidence)
            yield _whole_line(ctx, doubt.block.line_start, _advice(doubt))


def _settles_a_doubt(confidence: float | None) -> bool:
    """A correction confirming a guess G905 would point out is the author's decision, not dead weight."""
    return confidence is not None and confidence < UNSURE_BELOW


def _advice(doubt: Doubt) -> str:
    block = doubt.block
    line, kind = block.line_start, _kind_phrase(block.kind, block.level)
    if doubt.alternative == "正文":
        return _('line {line} taken as {kind}; if it is not, add "%% govfmt: 正文" above it').format(
            line=line, kind=kind)
    return _('line {line} taken as {kind}; if it is {other}, add "%% govfmt: {name}" above it').format(
        line=line, kind=kind, other=_(_WOULD_BE[doubt.alternative]), name=doubt.alternative)


def _kind_phrase(kind: str | None, level: int | None) -> str:
    if kind == "heading":
        return _("a heading of level {level}").format(level=level)
    if kind in _TAKEN_AS:
        return _(_TAKEN_AS[kind])
    return _("a {kind} block").format(kind=(kind or "").replace("_", " "))

