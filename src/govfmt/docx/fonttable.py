"""word/fontTable.xml for the fonts a document uses: Windows names, the names Word also accepts for them
(altName), character set, family, pitch and PANOSE class, so that Word and WPS on a machine without a
font substitute one of its kind instead of guessing (ECMA-376 §17.8.3)."""

from __future__ import annotations

from dataclasses import dataclass

from govfmt.docx.ooxml import xml_attribute

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class FontFacts:
    alt_name: str | None
    panose: str  # PANOSE-1 classification, 10 bytes in hex, as the font itself declares it
    charset: str  # Windows character set in hex: 86 = GB2312_CHARSET (134), 00 = ANSI
    family: str  # roman, swiss, modern, script, decorative, auto
    pitch: str  # fixed or variable


# The faces of GB/T 9704 offices as Windows and WPS install them, with the PANOSE classes Word records
# for them in its font tables (the _GB2312 faces are the ones most templates name).
KNOWN_FONTS = {
    "仿宋_GB2312": FontFacts("FangSong_GB2312", "02010609030101010101", "86", "modern", "fixed"),
    "仿宋": FontFacts("FangSong", "02010609060101010101", "86", "modern", "fixed"),
    "楷体_GB2312": FontFacts("KaiTi_GB2312", "02010609030101010101", "86", "modern", "fixed"),
    "楷体": FontFacts("KaiTi", "02010609060101010101", "86", "modern", "fixed"),
    "黑体": FontFacts("SimHei", "02010609060101010101", "86", "modern", "fixed"),
    "宋体": FontFacts("SimSun", "02010600030101010101", "86", "auto", "variable"),
    "方正小标宋简体": FontFacts("FZXiaoBiaoSong-B05S", "02000000000000000000", "86", "auto", "variable"),
    "方正小标宋_GBK": FontFacts("FZXiaoBiaoSong-B05", "02000000000000000000", "86", "auto", "variable"),
    "方正仿宋_GBK": FontFacts("FZFangSong-Z02", "02000000000000000000", "86", "auto", "variable"),
    "方正黑体_GBK": FontFacts("FZHei-B01", "02000000000000000000", "86", "auto", "variable"),
    "方正楷体_GBK": FontFacts("FZKai-Z03", "02000000000000000000", "86", "auto", "variable"),
    "Times New Roman": FontFacts(None, "02020603050405020304", "00", "roman", "variable"),
}


def facts_for(name: str) -> FontFacts:
    """What is known of a font; an unknown Chinese name is declared as a GB2312 face of its own."""
    if name in KNOWN_FONTS:
        return KNOWN_FONTS[name]
    chinese = any(ord(ch) > 0x2E80 for ch in name)
    return FontFacts(None, "02010600030101010101" if chinese else "020B0604020202020204",
                     "86" if chinese else "00", "auto" if chinese else "swiss", "variable")


def font_table_xml(names) -> bytes:
    """The font table part declaring names (each once, in the order given)."""
    entries = []
    for name in dict.fromkeys(names):
        facts = facts_for(name)
        children = []
        if facts.alt_name:
            children.append(f"<w:altName w:val={xml_attribute(facts.alt_name)}/>")
        children += [f'<w:panose1 w:val="{facts.panose}"/>', f'<w:charset w:val="{facts.charset}"/>',
                     f'<w:family w:val="{facts.family}"/>', f'<w:pitch w:val="{facts.pitch}"/>']
        entries.append(f"<w:font w:name={xml_attribute(name)}>{''.join(children)}</w:font>")
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:fonts xmlns:w="{_W}">{"".join(entries)}</w:fonts>').encode("utf-8")
