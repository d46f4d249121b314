"""ZIP packages (.docx, .odt): refused when broken, a ZIP bomb, or when an XML part declares a DOCTYPE."""

from __future__ import annotations

import io
import zipfile

from govfmt.errors import InputError
from govfmt.i18n import _

# A draft's parts unpack to a few MB at most; more than this is a ZIP bomb or not a draft.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000


class Package:
    """The parts of a checked ZIP package, read on demand."""

    def __init__(self, data: bytes, name: str, what: str, required_member: str):
        self.name = name
        self.what = what
        try:
            self._archive = zipfile.ZipFile(io.BytesIO(data))
            members = self._archive.infolist()
        except zipfile.BadZipFile as exc:
            raise InputError(_("is not a valid {what}: the file is damaged ({reason})")
                             .format(what=what, reason=short(exc)), path=name) from None
        if len(members) > MAX_ZIP_MEMBERS:
            raise InputError(_("holds {count:,} parts, far more than any {what}; refusing to unpack it")
                             .format(count=len(members), what=what), path=name)
        unpacked = sum(info.file_size for info in members)
        if unpacked > MAX_UNPACKED_BYTES:
            raise InputError(_("unpacks to {size:,.0f} MB (the limit is {limit} MB), which no {what} does; "
                               "refusing it as a possible ZIP bomb")
                             .format(size=unpacked / 1048576, limit=MAX_UNPACKED_BYTES // 1048576, what=what),
                             path=name)
        self.names = [info.filename for info in members]
        if required_member not in self.names:
            raise InputError(_("is not a {what} (a ZIP archive without {member})")
                             .format(what=what, member=required_member), path=name)

    def read(self, member: str) -> bytes | None:
        if member not in self.names:
            return None
        try:
            return self._archive.read(member)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise InputError(_("is not a valid {what}: {member} cannot be unpacked ({reason})")
                             .format(what=self.what, member=member, reason=short(exc)), path=self.name) from None

    def xml(self, member: str):
        """The parsed part, or None when absent. DTDs and entities are refused, in whatever encoding the
        part is written, by parsing with defusedxml."""
        data = self.read(member)
        if data is None:
            return None
        from xml.etree.ElementTree import ParseError

        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring

        try:
            return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:
            raise InputError(_("has a DOCTYPE or entity declaration in {member}, which a {what} never needs; "
                               "refusing it because it could read other files")
                             .format(member=member, what=self.what), path=self.name) from None
        except (ParseError, ValueError, LookupError) as exc:
            raise InputError(_("is not a valid {what}: {member} is not well-formed XML ({reason})")
                             .format(what=self.what, member=member, reason=short(exc)), path=self.name) from None


def short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:120]
