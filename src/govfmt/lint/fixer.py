"""Apply fixes to draft text: non-overlapping edits, repeated until stable, each pass verified.

Edits never cross a line end, so the text keeps its lines; `write_back` then restores the file's own
encoding, BOM and line endings around the changed characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from govfmt import regex_cache
from govfmt.errors import GovfmtError
from govfmt.lint.diagnostic import Diagnostic
from govfmt.i18n import _

MAX_PASSES = 100


class FixError(GovfmtError):
    """A fix misbehaved (changed other characters, or never settled); nothing is written. Exit code 2."""


@dataclass(frozen=True)
class Edit:
    line: int  # 1-based
    start: int  # 0-based, half-open
    end: int
    replacement: str
    safe: bool


def edits_from(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[Edit]:
    """The applicable fixes of a set of diagnostics as edits."""
    return [Edit(d.line, d.column - 1, d.end_column - 1, d.fix.replacement, d.fix.safe)
            for d in diagnostics
            if d.fix is not None and (d.fix.safe or unsafe) and d.line == d.end_line]


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply the edits that do not overlap an earlier one; return the new text and the edits used."""
    lines = text.split("\n")
    by_line: dict[int, list[Edit]] = {}
    for edit in sorted(edits, key=lambda e: (e.line, e.start, e.end)):
        taken = by_line.setdefault(edit.line, [])
        if taken and edit.start < max(taken[-1].end, taken[-1].start + 1):
            continue  # overlaps; the next pass will see it again if it still applies
        if "\n" in edit.replacement or edit.end > len(lines[edit.line - 1]):
            raise FixError(_("line {line}: a fix reaches past the end of the line (internal error)")
                            .format(line=edit.line))
        taken.append(edit)
    used = []
    for number, line_edits in by_line.items():
        old = lines[number - 1]
        new = old
        for edit in reversed(line_edits):
            new = new[:edit.start] + edit.replacement + new[edit.end:]
        _verify_line(number, old, new, line_edits)
        lines[number - 1] = new
        used.extend(line_edits)
    return "\n".join(lines), used


def _verify_line(number: int, old: str, new: str, edits: list[Edit]) -> None:
    """Check that the characters outside the edited spots are the same, in the same order, and that
    safe edits left the wording alone."""
    kept_old, kept_new = [], []
    old_at = new_at = 0
    for edit in edits:  # in line order
        kept_old.append(old[old_at:edit.start])
        kept_new.append(new[new_at:new_at + edit.start - old_at])
        if new[new_at + edit.start - old_at:][:len(edit.replacement)] != edit.replacement:
            raise FixError(_("line {number}: a fix was not applied where it was reported (internal error)")
                            .format(number=number))
        new_at += edit.start - old_at + len(edit.replacement)
        old_at = edit.end
    kept_old.append(old[old_at:])
    kept_new.append(new[new_at:])
    if kept_old != kept_new:
        raise FixError(_("line {number}: a fix changed characters outside the reported spots; nothing was written "
                          "(internal error)").format(number=number))
    if all(e.safe for e in edits) and equivalence_key(old) != equivalence_key(new):
        raise FixError(_("line {number}: a safe fix changed the wording; nothing was written (internal error)")
                        .format(number=number))


_ZEROS = str.maketrans({ch: "0" for ch in "〇○零OoＯ"})


def equivalence_key(text: str) -> str:
    """The wording of a line: letters, Han characters and digits, each run of punctuation shown as one
    separator, with what a safe fix may change normalised away (spaces, the width and shape of marks and
    digits, the shape of a zero, leading zeros, 第 before a serial number, 号 for the 日 of a date, characters
    that print nothing)."""
    key = unicodedata.normalize("NFKC", text.translate(_ZEROS)).translate(_ZEROS)
    key = "".join(ch if unicodedata.category(ch)[0] in "LN" else "|" for ch in key
                  if not ch.isspace() and ch != "\ufffc" and unicodedata.category(ch) != "Cf")
    key = re.sub(r"\|+", "|", key)
    key = re.sub(r"第(?=\d)", "", key)
    key = re.sub(r"(月\d{1,2})号", r"\1日", key)
    return re.sub(r"(?<!\d)0+(?=\d)", "", key)


@dataclass(frozen=True)
class FixOutcome:
    text: str
    applied: int  # number of edits applied over all passes
    passes: int
    codes: tuple[tuple[str, str], ...] = ()  # (code, rule name) of every applied edit, in order


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool = False) -> FixOutcome:
    """Lint and fix repeatedly until no applicable fix remains; FixError if that never happens."""
    applied = 0
    codes: list[tuple[str, str]] = []
    for passes in range(1, MAX_PASSES + 1):
        diagnostics = lint(text)
        edits = edits_from(diagnostics, unsafe)
        if not edits:
            return FixOutcome(text, applied, passes - 1, tuple(codes))
        new_text, used = apply_edits(text, edits)
        if new_text == text:
            return FixOutcome(text, applied, passes - 1, tuple(codes))
        applied += len(used)
        by_spot = {(d.line, d.column - 1, d.end_column - 1): (d.code, d.name) for d in diagnostics}
        codes.extend(by_spot.get((e.line, e.start, e.end), ("?", "?")) for e in used)
        text = new_text
    raise FixError(_("fixes did not settle after {MAX_PASSES} passes; nothing was written (internal error)")
                    .format(MAX_PASSES=MAX_PASSES))


# -- writing back ----------------------------------------------------------------------------------

_LINE_END = regex_cache.compile(r"(\r\n|\r|\n)")


def encode_like(original: bytes, codec: str, bom: bool, old_text: str, new_text: str) -> bytes:
    """The original bytes with only the changed lines re-encoded: same codec, BOM and line endings."""
    body, prefix, real_codec = _split_bom(original, codec, bom)
    raw = body.decode(real_codec)
    parts = _LINE_END.split(raw)
    contents, ends = parts[0::2], parts[1::2]
    old_lines, new_lines = old_text.split("\n"), new_text.split("\n")
    if len(contents) != len(old_lines) or len(old_lines) != len(new_lines):
        raise FixError(_("the file changed while it was being fixed; nothing was written"))
    for index, (old, new) in enumerate(zip(old_lines, new_lines)):
        if old != new:
            if contents[index] != old:
                raise FixError(_("line {value} changed while it was being fixed; nothing was written")
                                .format(value=index + 1))
            contents[index] = new
    rebuilt = "".join(content + end for content, end in zip(contents, [*ends, ""]))
    try:
        encoded = rebuilt.encode(real_codec)
    except UnicodeEncodeError as exc:
        raise FixError(_("the fix needs {rebuilt!r}, which {codec} cannot store; nothing was written")
                        .format(rebuilt=rebuilt[exc.start], codec=codec)) from None
    result = prefix + encoded
    if _split_bom(result, codec, bom)[0].decode(real_codec) != rebuilt:
        raise FixError(_("the fixed text does not read back the same; nothing was written (internal error)"))
    return result


def _split_bom(data: bytes, codec: str, bom: bool) -> tuple[bytes, bytes, str]:
    """(body, BOM bytes, codec to use for the body without a BOM)."""
    name = codec.lower().replace("_", "-")
    if name.startswith("utf-16") or name.startswith("utf-32"):
        for mark, real in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                           (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if data.startswith(mark) and real.startswith(name[:6]):
                return data[len(mark):], mark, real
        return data, b"", codec
    if bom and data.startswith(b"\xef\xbb\xbf"):
        return data[3:], b"\xef\xbb\xbf", "utf-8" if name in ("utf-8", "utf8", "utf-8-sig") else codec
    return data, b"", codec
