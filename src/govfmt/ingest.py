"""Bytes to `Source`: decoding, newline normalisation, front matter, and the draft's non-blank lines.

Kept free of heavy imports: `govfmt check` goes through here on every start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govfmt import regex_cache
from govfmt.errors import InputError
from govfmt.i18n import _
from govfmt.model import Line, Source

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a draft is a few dozen KB; anything this large is not a draft
MAX_LINE_CHARS = 100_000

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt saved under another name?)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel file (.doc/.xls)"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "an RTF file"),
)

# Characters that are whitespace for a clerk but not always for str.strip().
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_SPACE_CLASS = "[\\s\u3000\u00a0" + _INVISIBLE + "]"
# str.strip with these is linear; the regex `\s+$` is quadratic on a long run of inner spaces.
# Every character below U+3001 that str.isspace() accepts, written out (working it out took a loop over
# 12,289 characters on every start; tests/test_startup.py checks the list against str.isspace).
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
               "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_STRIP_CHARS = _WHITESPACE + _INVISIBLE
_LEADING_RE = regex_cache.compile(f"^{_SPACE_CLASS}+")
_FRONT_MATTER_KEY = regex_cache.compile(r"^([^:：#\s][^:：]*?)\s*[:：]\s*(.*?)\s*(?:#.*)?$")


def read_source(path: str | Path, encoding: str | None = None, display_name: str | None = None) -> Source:
    """Read a plain-text draft from disk."""
    name = display_name or str(path)
    return decode(read_draft_bytes(path, name), name, encoding)


def read_draft_bytes(path: str | Path, name: str) -> bytes:
    """A draft file's bytes (regular files only, size-capped), or one InputError sentence saying why not."""
    from govfmt.read.files import read_bytes

    return read_bytes(path, name)


def decode(data: bytes, path: str = "<input>", encoding: str | None = None) -> Source:
    """Decode a draft's bytes; raise InputError with one clear sentence when that is impossible."""
    if not data.strip():
        raise InputError(_("is empty; nothing to convert"), path=path)
    if len(data) > MAX_BYTES:
        raise InputError(_("too large for a draft (over {value} MB)").format(value=MAX_BYTES // 1048576), path=path)
    text, codec, bom = _decode_bytes(data, path, encoding)
    newline = _dominant_newline(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_lines(text, path)
    fields, body_start = split_front_matter(text, path)
    return Source(path=path, text=text, encoding=codec, bom=bom, newline=newline,
                  front_matter=fields, body_start=body_start)


def _decode_bytes(data: bytes, path: str, encoding: str | None) -> tuple[str, str, bool]:
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(_("unknown encoding {encoding!r}; use e.g. utf-8, gb18030, big5 or utf-16")
                             .format(encoding=encoding), path=path) from None
        except UnicodeDecodeError as exc:
            raise InputError(_("is not valid {encoding} (byte {byte}); check --encoding")
                             .format(encoding=encoding, byte=exc.start), path=path,
                             line=data.count(b"\n", 0, exc.start) + 1) from None
        except (UnicodeError, TypeError, ValueError):
            raise InputError(_("{encoding!r} is not an encoding text can be read with; use e.g. utf-8, gb18030, "
                               "big5 or utf-16").format(encoding=encoding), path=path) from None
        bom = text.startswith("\ufeff")
        return text.lstrip("\ufeff"), encoding, bom
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8", True
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path).lstrip("\ufeff"), "utf-16", True
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(_("not text (looks like {what}); give a plain-text draft").format(what=what), path=path, line=1)
    if b"\x00" in data:
        without_bom = _utf16_without_bom(data)
        if without_bom:
            return without_bom
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise InputError(_("not text (contains NUL bytes, a binary file?); give a plain-text draft"),
                         path=path, line=line)
    try:
        text = data.decode("utf-8")
        if not _utf8_by_accident(text, data):
            return text, "utf-8", False
        return data.decode("gb18030"), "gb18030", False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    codec = _guess_legacy_codec(data)
    if codec:
        return data.decode(codec), codec, False
    line = data.count(b"\n", 0, utf8_error.start) + 1
    raise InputError(_("cannot be decoded: it is not UTF-8, UTF-16, GB18030/GBK or Big5 text; save it as UTF-8 or "
                        "name the encoding with --encoding"), path=path, line=line)


def _utf16_without_bom(data: bytes) -> tuple[str, str, bool] | None:
    """UTF-16 saved without a byte-order mark: NULs only in the high byte of ASCII characters, and text
    that decodes strictly into printable characters."""
    if len(data) % 2:
        return None
    zeros_even = data[0::2].count(0)
    zeros_odd = data[1::2].count(0)
    if zeros_even and zeros_odd:
        return None
    codec = "utf-16-le" if zeros_odd else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls or "\x00" in text:
        return None
    return text, codec, False  # the byte order named: without a BOM, "utf-16" would mean the machine's


def _strict(data: bytes, codec: str, path: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(_("is marked as {codec} but is not valid {codec}; save it again as UTF-8")
                          .format(codec=codec),
                         path=path, line=data.count(b"\n", 0, exc.start) + 1) from None


def _common_simplified(text: str) -> bool:
    """All Chinese characters of text are in GB2312, the 6763 characters of everyday simplified text."""
    hanzi = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not hanzi:
        return False
    try:
        "".join(hanzi).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _utf8_by_accident(text: str, data: bytes) -> bool:
    """Short GBK text can be valid UTF-8 by chance (通知 → ֪ͨ): no Chinese at all in the UTF-8 reading,
    but plain simplified Chinese in the GB18030 one."""
    if text.isascii() or any(ord(ch) >= 0x2E80 for ch in text):
        return False
    if not any(0x250 <= ord(ch) < 0x800 for ch in text):
        return False  # accented Latin letters (café, á) are text in their own right, not GBK bytes
    try:
        return _common_simplified(data.decode("gb18030"))
    except UnicodeDecodeError:
        return False


def _guess_legacy_codec(data: bytes) -> str | None:
    """Pick GB18030 or Big5 for non-UTF-8 Chinese text; None when neither decodes."""
    candidates = []
    for codec in ("gb18030", "big5"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append(codec)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if _common_simplified(data.decode("gb18030")):
        return "gb18030"  # Big5 bytes read as GB18030 give rare characters, never plain GB2312 text
    from charset_normalizer import from_bytes  # only for ambiguous legacy bytes

    best = from_bytes(data, cp_isolation=candidates).best()
    if best is not None and best.encoding in candidates:
        return best.encoding
    return "gb18030"  # offices on the mainland write GBK far more often than Big5


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf >= max(cr, lf) and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def _check_lines(text: str, path: str) -> None:
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(_("has a line of {count_line:,} characters, longer than any draft's (limit "
                                "{MAX_LINE_CHARS:,}); is it really a text draft?")
                              .format(count_line=len(line), MAX_LINE_CHARS=MAX_LINE_CHARS), path=path, line=number)


def split_front_matter(text: str, path: str = "<input>") -> tuple[tuple[tuple[str, str, int], ...], int]:
    """Split a leading `---` block of `key: value` lines; returns (fields, first draft line)."""
    lines = text.split("\n")
    first = 0
    while first < len(lines) and not strip_line(lines[first]):
        first += 1
    if first >= len(lines) or strip_line(lines[first]) != "---":
        return (), 1
    fields = []
    seen: dict[str, int] = {}
    for index in range(first + 1, len(lines)):
        raw = lines[index]
        stripped = strip_line(raw)
        if stripped == "---":
            return tuple(fields), index + 2
        if not stripped or stripped.startswith("#"):
            continue
        match = _FRONT_MATTER_KEY.match(stripped)
        if not match:
            raise InputError(_("front matter line {stripped!r} is not `key: value`; write one field a line, or "
                                "remove the leading ---").format(stripped=stripped), path=path, line=index + 1)
        key = match.group(1).strip()
        if key in seen:
            raise InputError(_("front matter names {key!r} twice, on lines {first} and {second}; keep one of them")
                             .format(key=key, first=seen[key], second=index + 1), path=path, line=index + 1)
        seen[key] = index + 1
        fields.append((key, match.group(2).strip(), index + 1))
    raise InputError(_("front matter starts with --- but never ends; add a closing --- line"),
                     path=path, line=first + 1)


def strip_line(line: str) -> str:
    """Strip ASCII, full-width, no-break and zero-width spaces from both ends."""
    return line.strip(_STRIP_CHARS)


def draft_lines(source: Source) -> list[Line]:
    """The non-blank lines of the draft after the front matter, with their physical numbers."""
    last = _last_draft_lines
    if last and last[0] is source:
        return list(last[1])  # the parser and the linter both ask for the same draft's lines
    out = _draft_lines(source)
    _last_draft_lines[:] = [source, tuple(out)]
    return out


_last_draft_lines: list = []


def _draft_lines(source: Source) -> list[Line]:
    out = []
    for number, raw in enumerate(source.physical_lines, 1):
        if number < source.body_start:
            continue
        text = strip_line(raw)
        if not text:
            continue
        out.append(Line(number=number, text=text, indented=bool(_LEADING_RE.match(raw))))
    return out
