"""G9xx: problems with the suppression comments themselves (reported by govfmt.lint.suppress)."""

from govfmt.lint.diagnostic import WARNING
from govfmt.lint.registry import rule
from govfmt.lint.suppress import INVALID_CODE, INVALID_NAME, UNUSED_CODE, UNUSED_NAME
from govfmt.i18n import _

rule(
    code=UNUSED_CODE, name=UNUSED_NAME, severity=WARNING,
    summary=_("A `%% govfmt: ignore[...]` comment that silences nothing."),
    why=_("A stale suppression hides the next real problem on that line; remove it once the text is fixed (ruff's "
           "RUF100 follows the same idea)."),
    bad="%% govfmt: ignore[P101]\n经研究，同意。", good="经研究，同意。",
)(None)
rule(
    code=INVALID_CODE, name=INVALID_NAME, severity=WARNING,
    summary=_("A govfmt comment that cannot be read or names no known rule."),
    why=_("Such a line silences nothing but is still dropped from the DOCX and PDF; write `%% govfmt: "
           "ignore[CODE]`, `disable[CODE]` … `enable[CODE]` or `ignore-file[CODE]`."),
    bad="%% govfmt: ignore[P999]", good="%% govfmt: ignore[P101]",
)(None)
