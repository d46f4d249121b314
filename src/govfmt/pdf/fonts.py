"""Which installed font stands in for each official font name, and a fontconfig file that says so.

Documents keep the official names (仿宋_GB2312, 黑体, 方正小标宋简体 …). For PDF output the LibreOffice process,
and only that process, gets a generated fontconfig file (through FONTCONFIG_FILE) whose strong aliases send
each official name that is not installed to the best installed font of the same role. Choices are made by
exact family names from `fc-list`, never by what `fc-match` falls back to (it always returns something).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping
from xml.sax.saxutils import escape

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
        ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "华文黑体", "STHeiti"),
        # FandolHei Bold wins a bare fc-match for 黑体; the Regular face is the one meant.
        (Candidate("FandolHei", ("Regular",)), Candidate("Noto Sans CJK SC", ("Regular",)),
         Candidate("WenQuanYi Zen Hei"))),
    "kaiti": RoleFonts(
        ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体", "华文楷体", "STKaiti"),
        (Candidate("FandolKai"), Candidate("AR PL UKai CN"), Candidate("AR PL KaitiM GB"))),
    "songti": RoleFonts(
        ("宋体", "SimSun", "NSimSun", "新宋体", "方正书宋_GBK", "华文宋体", "STSong"),
        (Candidate("FandolSong", ("Regular",)), Candidate("AR PL UMing CN"),
         Candidate("Noto Serif CJK SC", ("Regular",)), Candidate("AR PL SungtiL GB"))),
    "xiaobiaosong": RoleFonts(
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "方正小标宋"),
        # No open 小标宋 exists: a heavy Song face is the closest stand-in.
        (Candidate("Noto Serif CJK SC", ("Black", "Bold")), Candidate("FandolSong", ("Bold",)))),
    "latin": RoleFonts(
        ("Times New Roman",),
        (Candidate("Liberation Serif"), Candidate("Tinos"), Candidate("TeX Gyre Termes"),
         Candidate("Nimbus Roman"), Candidate("FreeSerif"), Candidate("DejaVu Serif"))),
}

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
    fc_list: bool  # False: fontconfig is not available, so nothing could be checked

    @property
    def substitutions(self) -> tuple[FontChoice, ...]:
        return tuple(c for c in self.choices if c.substitute)

    @property
    def missing(self) -> tuple[FontChoice, ...]:
        return tuple(c for c in self.choices if c.used is None)

    def notice(self) -> str:
        """One line for `convert --to pdf`: what was substituted or is missing."""
        changed = [c.describe() for c in self.choices if c.substitute or c.used is None]
        if not changed:
            return "fonts: all official fonts are installed"
        return "fonts: " + ", ".join(changed)

    def family_for(self, requested: str) -> str | None:
        for choice in (*self.choices, *self.aliases):
            if choice.requested == requested:
                return choice.used
        return None


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


def font_plan(style) -> FontPlan:
    """For each official font name in the style, the installed font the PDF will use."""
    dirs = existing_font_dirs()
    base = system_config()
    installed = installed_fonts(dirs, base)
    return plan_for(style_font_names(style), installed or InstalledFonts({}), font_dirs=dirs, base_config=base,
                    fc_list=installed is not None)


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
