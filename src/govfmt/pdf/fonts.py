"""Which installed font stands in for each official font name, and a fontconfig file that says so.

Documents keep the official names (仿宋_GB2312, 黑体, 方正小标宋简体 …). For PDF output the LibreOffice process,
and only that process, gets a generated fontconfig file (through FONTCONFIG_FILE) whose strong aliases send
each official name that is not installed to the best installed font of the same role. Choices are made by
exact family names from `fc-list`, never by what `fc-match` falls back to (it always returns something).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

ROLES = ("fangsong", "heiti", "kaiti", "songti", "xiaobiaosong", "latin")


@dataclass(frozen=True)
class Candidate:
    family: str
    styles: tuple[str, ...] = ()  # preferred faces, best first; empty: whatever the document asks for


@dataclass(frozen=True)
class RoleFonts:
    official: tuple[str, ...]  # names documents use; the real fonts, used as they are when installed
    substitutes: tuple[Candidate, ...]  # open fonts, best first (GBT9704.md §11.2)


ROLE_FONTS: Mapping[str, RoleFonts] = {
    "fangsong": RoleFonts(
        ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体", "华文仿宋", "STFangsong"),
        (Candidate("FandolFang"), Candidate("Noto Serif CJK SC", ("Regular",)))),
    "heiti": RoleFonts(
        ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti", "Heiti SC", "黑体-简"),
        # FandolHei Bold wins a bare fc-match for 黑体; the Regular face is the one meant.
        (Candidate("FandolHei", ("Regular",)), Candidate("Noto Sans CJK SC", ("Regular",)),
         Candidate("WenQuanYi Zen Hei"), Candidate("Microsoft YaHei"), Candidate("微软雅黑"),
         Candidate("PingFang SC"), Candidate("Source Han Sans SC"))),
    "kaiti": RoleFonts(
        ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体", "华文楷体", "STKaiti",
         "Kaiti SC", "楷体-简"),
        (Candidate("FandolKai"), Candidate("AR PL UKai CN"), Candidate("AR PL KaitiM GB"))),
    "songti": RoleFonts(
        ("宋体", "SimSun", "NSimSun", "新宋体", "方正书宋_GBK", "华文宋体", "STSong", "Songti SC", "宋体-简"),
        (Candidate("FandolSong", ("Regular",)), Candidate("AR PL UMing CN"),
         Candidate("Noto Serif CJK SC", ("Regular",)), Candidate("AR PL SungtiL GB"),
         Candidate("Source Han Serif SC", ("Regular",)))),
    "xiaobiaosong": RoleFonts(
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "方正小标宋"),
        # No open 小标宋 exists: a heavy Song face is the closest stand-in (华文中宋 on Windows and macOS).
        (Candidate("Noto Serif CJK SC", ("Black", "Bold")), Candidate("FandolSong", ("Bold",)),
         Candidate("华文中宋"), Candidate("STZhongsong"), Candidate("Songti SC", ("Black", "Bold")),
         Candidate("Source Han Serif SC", ("Heavy", "Bold")))),
    "latin": RoleFonts(
        ("Times New Roman", "Times"),
        (Candidate("Liberation Serif"), Candidate("Tinos"), Candidate("TeX Gyre Termes"),
         Candidate("Nimbus Roman"), Candidate("FreeSerif"), Candidate("DejaVu Serif"))),
}

# Fonts for the characters the role fonts lack, in this order: CJK Ext-A/B (花園明朝, fonts-hanazono),
# symbols and emoji (Symbola, fonts-symbola), then combining marks and the rest (DejaVu). fontconfig appends
# them to every pattern, so LibreOffice's glyph fallback looks there first.
FALLBACK_FAMILIES = ("HanaMinA", "HanaMinB", "Symbola", "DejaVu Sans", "DejaVu Serif")

# Where Windows and macOS keep fonts, and the families of the font files that matter for 公文 (file names are
# stable across versions; without fontconfig they are how the installed fonts are known).
SYSTEM_FONT_DIRS = {
    "win32": ("%WINDIR%/Fonts", "%LOCALAPPDATA%/Microsoft/Windows/Fonts"),
    "darwin": ("/System/Library/Fonts", "/System/Library/Fonts/Supplemental", "/Library/Fonts", "~/Library/Fonts"),
}
_ANY = ("Regular",)
KNOWN_FONT_FILES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "simfang.ttf": (("仿宋", "FangSong"), _ANY),
    "simhei.ttf": (("黑体", "SimHei"), _ANY),
    "simkai.ttf": (("楷体", "KaiTi"), _ANY),
    "simsun.ttc": (("宋体", "SimSun", "新宋体", "NSimSun"), _ANY),
    "simsunb.ttf": (("SimSun-ExtB",), _ANY),
    "fzxbsjw.ttf": (("方正小标宋简体",), _ANY),
    "fzxbsk.ttf": (("方正小标宋_GBK",), _ANY),
    "方正小标宋简体.ttf": (("方正小标宋简体",), _ANY),
    "fs_gb2312.ttf": (("仿宋_GB2312",), _ANY),
    "仿宋_gb2312.ttf": (("仿宋_GB2312",), _ANY),
    "kaiti_gb2312.ttf": (("楷体_GB2312",), _ANY),
    "楷体_gb2312.ttf": (("楷体_GB2312",), _ANY),
    "msyh.ttc": (("微软雅黑", "Microsoft YaHei"), ("Regular", "Bold")),
    "stzhongs.ttf": (("华文中宋", "STZhongsong"), _ANY),
    "华文中宋.ttf": (("华文中宋", "STZhongsong"), _ANY),
    "stfangso.ttf": (("华文仿宋", "STFangsong"), _ANY),
    "华文仿宋.ttf": (("华文仿宋", "STFangsong"), _ANY),
    "stkaiti.ttf": (("华文楷体", "STKaiti"), _ANY),
    "stsong.ttf": (("华文宋体", "STSong"), _ANY),
    "times.ttf": (("Times New Roman",), _ANY),
    "times new roman.ttf": (("Times New Roman",), _ANY),
    "songti.ttc": (("Songti SC", "宋体-简", "STSong", "华文宋体"), ("Regular", "Bold", "Black")),
    "stheiti medium.ttc": (("Heiti SC", "黑体-简", "STHeiti", "华文黑体"), _ANY),
    "stheiti light.ttc": (("Heiti SC", "黑体-简", "STHeiti", "华文黑体"), _ANY),
    "kaiti.ttc": (("Kaiti SC", "楷体-简", "STKaiti", "华文楷体"), _ANY),
    "pingfang.ttc": (("PingFang SC",), _ANY),
    "times.ttc": (("Times",), _ANY),
    "fandolfang-regular.otf": (("FandolFang",), _ANY),
    "fandolhei-regular.otf": (("FandolHei",), ("Regular", "Bold")),
    "fandolsong-regular.otf": (("FandolSong",), ("Regular", "Bold")),
    "fandolkai-regular.otf": (("FandolKai",), _ANY),
}


def escape(text: str) -> str:
    """Text for XML character data (xml.sax.saxutils.escape, without its import of urllib and email)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Traditional-only repertoire (2379 GB2312 hanzi missing): never a stand-in for Simplified Chinese text.
REJECTED_FAMILY_PATTERN = re.compile(r"cwtex", re.IGNORECASE)
REJECTED_FILE_GLOBS = ("*cwtex*", "*cwTeX*")

# Font folders outside fontconfig's default paths that hold open substitutes (Debian's texlive-lang-chinese
# ships the Fandol fonts here).
EXTRA_FONT_DIRS = (
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/texmf/fonts/opentype/public/fandol",
    "/usr/local/texlive/*/texmf-dist/fonts/opentype/public/fandol",
    "/opt/texlive/*/texmf-dist/fonts/opentype/public/fandol",
)
BASE_CONFIGS = ("/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf", "/opt/homebrew/etc/fonts/fonts.conf")

# What a PostScript font name in a PDF says about its role, most specific first ("song" is inside "fangsong").
_PDF_FONT_ROLE_HINTS = (
    ("xiaobiaosong", ("xiaobiaosong", "fzxbs", "小标宋")),
    ("fangsong", ("fangsong", "fandolfang", "simfang", "fzfs", "stfangsong", "仿宋")),
    ("kaiti", ("kaiti", "fandolkai", "simkai", "fzkt", "ukai", "kaitim", "stkaiti", "楷")),
    ("heiti", ("simhei", "heiti", "fandolhei", "fzht", "sanscjk", "zenhei", "microhei", "黑")),
    ("songti", ("simsun", "songti", "fandolsong", "stsong", "fzss", "serifcjk", "uming", "sungti", "宋")),
    ("latin", ("times", "liberationserif", "tinos", "termes", "nimbusrom", "freeserif", "dejavuserif")),
)


@dataclass(frozen=True)
class FontChoice:
    requested: str  # the official name in the document
    role: str
    used: str | None  # installed family that renders it; None: nothing suitable is installed
    style: str | None = None  # face forced on the stand-in (e.g. Bold for 小标宋); None: as requested

    @property
    def substitute(self) -> bool:
        return self.used is not None and self.used != self.requested

    def describe(self) -> str:
        if self.used is None:
            return f"{self.requested} → missing"
        face = f" {self.style}" if self.style and self.style != "Regular" else ""
        return f"{self.requested} → {self.used}{face}"


@dataclass(frozen=True)
class FontPlan:
    choices: tuple[FontChoice, ...]  # the names the style uses, in style order
    aliases: tuple[FontChoice, ...]  # every known official name that needs a stand-in
    font_dirs: tuple[str, ...]  # extra folders the rendering process must see
    base_config: str | None  # the system fontconfig file the generated one includes
    fc_list: bool  # False: neither fontconfig nor the system font folders could be read: nothing was checked
    method: str = "fontconfig"  # how LibreOffice is told: "fontconfig" or "replacement table" (its profile)

    @property
    def missing(self) -> tuple[FontChoice, ...]:
        return tuple(c for c in self.choices if c.used is None)

    def notice(self) -> str:
        """One line for `convert --to pdf`: what was substituted or is missing."""
        changed = [c.describe() for c in self.choices if c.substitute or c.used is None]
        if not changed:
            return "fonts: all official fonts are installed"
        return "fonts: " + ", ".join(changed)


@dataclass(frozen=True)
class InstalledFonts:
    styles: Mapping[str, frozenset[str]]  # family → its faces (style names)

    def has(self, family: str) -> bool:
        return _fold(family) in self._folded

    def faces(self, family: str) -> frozenset[str]:
        key = _fold(family)
        return frozenset().union(*(s for f, s in self.styles.items() if _fold(f) == key))

    @functools.cached_property
    def _folded(self) -> frozenset[str]:
        return frozenset(_fold(f) for f in self.styles)


def _fold(name: str) -> str:
    # fontconfig compares family names ignoring case and blanks.
    return re.sub(r"\s+", "", name).casefold()


def role_of_name(name: str, style_fonts: Mapping[str, str] | None = None) -> str:
    """The role of an official font name: from the style's [fonts] table, else from the name itself."""
    for role, official in (style_fonts or {}).items():
        if official == name:
            return role
    for role, fonts in ROLE_FONTS.items():
        if name in fonts.official:
            return role
    return role_of_pdf_font(name) or "songti"


def role_of_pdf_font(fontname: str) -> str | None:
    """The role of a font as a PDF names it ("ABCDEF+FandolFang-Regular" → fangsong); None if unknown."""
    base = fontname.split("+", 1)[-1]
    key = re.sub(r"[\s_\-]+", "", base).casefold()
    for role, hints in _PDF_FONT_ROLE_HINTS:
        if any(h in key for h in hints):
            return role
    return None


def style_font_names(style) -> list[tuple[str, str]]:
    """(official name, role) for every font the style uses, in a stable order without repeats."""
    names: dict[str, str] = {}
    for role in ROLES:
        if role in style.fonts:
            names.setdefault(style.fonts[role], role)
    for element in style.elements.values():
        names.setdefault(element.font, role_of_name(element.font, style.fonts))
    names.setdefault(style.page_number.font, role_of_name(style.page_number.font, style.fonts))
    return list(names.items())


def choose(requested: str, role: str, installed: InstalledFonts) -> FontChoice:
    """The installed font for one official name: itself, another real font of its role, then open ones."""
    if installed.has(requested):
        return FontChoice(requested, role, requested)
    fonts = ROLE_FONTS.get(role)
    if fonts is None:
        return FontChoice(requested, role, None)
    for name in fonts.official:
        if installed.has(name):
            return FontChoice(requested, role, name)
    for candidate in fonts.substitutes:
        if REJECTED_FAMILY_PATTERN.search(candidate.family) or not installed.has(candidate.family):
            continue
        faces = installed.faces(candidate.family)
        face = next((s for s in candidate.styles if s in faces), None)
        if candidate.styles and face is None and candidate.styles[0] != "Regular":
            continue  # the heavy face a stand-in needs is not installed
        return FontChoice(requested, role, candidate.family, face)
    return FontChoice(requested, role, None)


def plan_for(names: Iterable[tuple[str, str]], installed: InstalledFonts, *, font_dirs: tuple[str, ...] = (),
             base_config: str | None = None, fc_list: bool = True) -> FontPlan:
    """Pure core of font_plan: choices for the style's names plus aliases for every official name."""
    choices = tuple(choose(name, role, installed) for name, role in names)
    seen = {c.requested for c in choices}
    extra = tuple(choose(name, role, installed) for role, fonts in ROLE_FONTS.items()
                  for name in fonts.official if name not in seen)
    aliases = tuple(c for c in (*choices, *extra) if c.substitute)
    return FontPlan(choices, aliases, font_dirs, base_config, fc_list)


def font_plan(style, platform: str = sys.platform) -> FontPlan:
    """For each official font name in the style, the installed font the PDF will use."""
    if not uses_fontconfig(platform):
        installed = fonts_from_files(system_font_dirs(platform))
        plan = plan_for(style_font_names(style), installed or InstalledFonts({}), fc_list=installed is not None)
        return dataclasses.replace(plan, method="replacement table")
    dirs = existing_font_dirs()
    base = system_config()
    installed = installed_fonts(dirs, base)
    return plan_for(style_font_names(style), installed or InstalledFonts({}), font_dirs=dirs, base_config=base,
                    fc_list=installed is not None)


def uses_fontconfig(platform: str = sys.platform) -> bool:
    """LibreOffice finds fonts through fontconfig everywhere but on Windows and macOS."""
    return not (platform.startswith("win") or platform == "darwin")


def system_font_dirs(platform: str = sys.platform, environ: Mapping[str, str] = os.environ) -> tuple[Path, ...]:
    key = "win32" if platform.startswith("win") else platform
    found = []
    for pattern in SYSTEM_FONT_DIRS.get(key, ()):
        for name, value in environ.items():
            pattern = pattern.replace(f"%{name}%", value)
        if "%" in pattern:
            continue
        path = Path(pattern).expanduser()
        if path.is_dir():
            found.append(path)
    return tuple(found)


def fonts_from_files(folders: Iterable[Path]) -> InstalledFonts | None:
    """The known official fonts and stand-ins among the font files of these folders; None: no folder."""
    folders = list(folders)
    if not folders:
        return None
    styles: dict[str, set[str]] = {}
    for folder in folders:
        try:
            names = [entry.name.casefold() for entry in folder.iterdir()]
        except OSError:
            continue
        for name in names:
            known = KNOWN_FONT_FILES.get(name)
            if known:
                for family in known[0]:
                    styles.setdefault(family, set()).update(known[1])
    return InstalledFonts({f: frozenset(s) for f, s in styles.items()})


_XCU_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
             'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
_SUBSTITUTION = "/org.openoffice.Office.Common/Font/Substitution"


def replacement_items(plan: FontPlan) -> str:
    """LibreOffice's font replacement table (Tools ▸ Options ▸ Fonts) as registry items: each official name
    that is not installed is always replaced by its stand-in, on screen and in print."""
    items = [f'<item oor:path="{_SUBSTITUTION}"><prop oor:name="Replacement" oor:op="fuse"><value>true</value>'
             "</prop></item>"]
    for index, choice in enumerate(plan.aliases):
        props = "".join(f'<prop oor:name="{key}" oor:op="fuse"><value>{escape(value)}</value></prop>'
                        for key, value in (("Always", "true"), ("OnScreenOnly", "false"),
                                           ("ReplaceFont", choice.requested), ("SubstituteFont", choice.used)))
        items.append(f'<item oor:path="{_SUBSTITUTION}/FontPairs"><node oor:name="govfmt{index}" oor:op="replace">'
                     f"{props}</node></item>")
    return "\n".join(items) + "\n"


def write_replacement_table(plan: FontPlan, profile: Path) -> Path | None:
    """Put the replacement table into a LibreOffice profile (kept items of a seeded profile stay); only where
    LibreOffice does not use fontconfig, whose aliases also set the weight of a stand-in."""
    if plan.method != "replacement table" or not plan.aliases:
        return None
    path = profile / "user" / "registrymodifications.xcu"
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = ""
    if path.is_file():
        old = path.read_text(encoding="utf-8", errors="replace")
        body = old.split(">", 2)[-1] if old.startswith("<?xml") else old
        start, end = body.find("<item"), body.rfind("</oor:items>")
        if start != -1 and end != -1:
            kept = "\n".join(line for line in body[start:end].splitlines() if _SUBSTITUTION not in line) + "\n"
    path.write_text(_XCU_HEAD + kept + replacement_items(plan) + "</oor:items>\n", encoding="utf-8")
    return path


def existing_font_dirs(patterns: Iterable[str] = EXTRA_FONT_DIRS) -> tuple[str, ...]:
    found: list[str] = []
    for pattern in patterns:
        matches = sorted(Path("/").glob(pattern.lstrip("/"))) if "*" in pattern else [Path(pattern)]
        found.extend(str(p) for p in matches if p.is_dir() and str(p) not in found)
    return tuple(found)


def system_config(environ: Mapping[str, str] = os.environ) -> str | None:
    """The fontconfig file the user's programs read, so the generated one adds to it rather than replaces it."""
    given = environ.get("FONTCONFIG_FILE")
    if given and Path(given).is_file():
        return str(Path(given).resolve())
    return next((p for p in BASE_CONFIGS if Path(p).is_file()), None)


def cache_dir() -> str:
    """A fontconfig cache that belongs to govfmt, so scans of the extra folders are kept between runs."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govfmt" / "fontconfig"
    try:
        root.mkdir(parents=True, exist_ok=True)
        if os.access(root, os.W_OK):
            return str(root)
    except OSError:
        pass
    return str(Path(tempfile.gettempdir()) / "govfmt-fontconfig-cache")


def fontconfig_xml(plan: FontPlan, cache: str | None = None) -> str:
    """The fontconfig file for the rendering process: the system setup, the extra folders, the aliases."""
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">', "<fontconfig>"]
    if cache:
        lines.append(f"  <cachedir>{escape(cache)}</cachedir>")  # first, so fontconfig writes its cache here
    if plan.base_config:
        lines.append(f'  <include ignore_missing="yes">{escape(plan.base_config)}</include>')
    lines.extend(f"  <dir>{escape(d)}</dir>" for d in plan.font_dirs)
    lines.append("  <selectfont><rejectfont>")
    lines.extend(f"    <glob>{escape(g)}</glob>" for g in REJECTED_FILE_GLOBS)
    lines.append("  </rejectfont></selectfont>")
    lines.append('  <match target="pattern">')
    lines.append('    <edit name="family" mode="append" binding="weak">'
                 + "".join(f"<string>{escape(f)}</string>" for f in FALLBACK_FAMILIES) + "</edit>")
    lines.append("  </match>")
    for choice in plan.aliases:
        lines += [
            '  <match target="pattern">',
            f'    <test name="family" qual="any"><string>{escape(choice.requested)}</string></test>',
            f'    <edit name="family" mode="prepend" binding="strong"><string>{escape(choice.used)}</string></edit>',
        ]
        if choice.style:
            weight = {"Regular": "regular", "Bold": "bold", "Black": "black"}.get(choice.style)
            if weight:
                lines.append(f'    <edit name="weight" mode="assign" binding="strong"><const>{weight}</const></edit>')
        lines.append("  </match>")
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def write_fontconfig(plan: FontPlan, directory: Path) -> Path:
    path = directory / "fonts.conf"
    path.write_text(fontconfig_xml(plan, cache_dir()), encoding="utf-8")
    return path


def installed_fonts(font_dirs: tuple[str, ...], base_config: str | None) -> InstalledFonts | None:
    """Families and faces fontconfig sees with the extra folders added; None when fc-list is missing."""
    return _installed_fonts_cached(font_dirs, base_config)


@functools.lru_cache(maxsize=4)
def _installed_fonts_cached(font_dirs: tuple[str, ...], base_config: str | None) -> InstalledFonts | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    discovery = FontPlan((), (), font_dirs, base_config, True)
    with tempfile.TemporaryDirectory(prefix="govfmt-fc-") as tmp:
        config = Path(tmp) / "fonts.conf"
        config.write_text(fontconfig_xml(discovery, cache_dir()), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(config)}
        try:
            out = subprocess.run([fc_list, "--format", "%{family}\t%{style}\n"], env=env, capture_output=True,
                                 text=True, timeout=120, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
    return parse_fc_list(out)


def parse_fc_list(text: str) -> InstalledFonts:
    """Parse `fc-list --format '%{family}\\t%{style}\\n'`: every family name (all languages) with its faces."""
    styles: dict[str, set[str]] = {}
    for line in text.splitlines():
        family_field, _, style_field = line.partition("\t")
        faces = {s.strip() for s in style_field.split(",") if s.strip()}
        for family in family_field.split(","):
            family = family.replace("\\-", "-").strip()
            if family and not REJECTED_FAMILY_PATTERN.search(family):
                styles.setdefault(family, set()).update(faces)
    return InstalledFonts({f: frozenset(s) for f, s in styles.items()})


@dataclass(frozen=True)
class Coverage:
    """Which characters the installed fonts have, from fontconfig's charsets."""

    ranges: tuple[tuple[int, int], ...]  # merged, sorted (first, last) code points
    families: Mapping[str, tuple[tuple[int, int], ...]]

    def has(self, char: str) -> bool:
        return _in_ranges(ord(char), self.ranges)


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    index = bisect.bisect_right(ranges, (code, 0x110000)) - 1
    return index >= 0 and ranges[index][0] <= code <= ranges[index][1]


def parse_charsets(text: str) -> Coverage:
    """Parse `fc-list --format '%{family[0]}\\t%{charset}\\n'` (charsets as hex ranges "20-7e a0")."""
    families: dict[str, list[tuple[int, int]]] = {}
    for line in text.splitlines():
        family, _, charset = line.partition("\t")
        if not family or REJECTED_FAMILY_PATTERN.search(family):
            continue
        spans = families.setdefault(family.replace("\\-", "-"), [])
        for item in charset.split():
            first, _, last = item.partition("-")
            try:
                spans.append((int(first, 16), int(last or first, 16)))
            except ValueError:
                continue
    merged = _merge([span for spans in families.values() for span in spans])
    return Coverage(merged, {f: _merge(s) for f, s in families.items()})


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return tuple(out)


def font_coverage(plan: FontPlan) -> Coverage | None:
    """The characters the fonts LibreOffice will see have; None where fontconfig is not how it finds fonts."""
    fc_list = shutil.which("fc-list")
    if fc_list is None or plan.method != "fontconfig":
        return None
    with tempfile.TemporaryDirectory(prefix="govfmt-fc-") as tmp:
        config = Path(tmp) / "fonts.conf"
        config.write_text(fontconfig_xml(plan, cache_dir()), encoding="utf-8")
        try:
            out = subprocess.run([fc_list, "--format", "%{family[0]}\t%{charset}\n"],
                                 env={**os.environ, "FONTCONFIG_FILE": str(config)}, capture_output=True, text=True,
                                 timeout=120, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            return None
    return parse_charsets(out)


def unprintable(text: str, coverage: Coverage) -> dict[str, list[int]]:
    """Characters of text (with the lines they are on) that no installed font has; spaces and controls aside."""
    missing: dict[str, list[int]] = {}
    for number, line in enumerate(text.split("\n"), 1):
        for char in line:
            if char.isspace() or ord(char) < 32 or char in missing and missing[char][-1] == number:
                continue
            if char in missing or not coverage.has(char):
                missing.setdefault(char, []).append(number)
    return missing
