"""Font planning for PDF output where the machine is not the usual Linux one: fonts known from the files in
the Windows and macOS font folders, no fontconfig at all, a fontconfig that fails, an unwritable cache, a
stand-in that lacks the heavy face it needs; and `govfmt doctor` saying each of these."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from govfmt.cli import cli
from govfmt.pdf import fonts
from govfmt.pdf.fonts import (
    FontChoice, FontPlan, InstalledFonts, cache_dir, choose, font_coverage, font_plan, fontconfig_xml,
    fonts_from_files, installed_fonts, parse_charsets, plan_for, role_of_name, style_font_names, system_config,
    system_font_dirs, unprintable, write_replacement_table,
)
from govfmt.style import load_style

STYLE = load_style()
POSIX = pytest.mark.skipif(sys.platform.startswith("win"), reason="shell scripts stand in for fc-list")


def _every_official_font() -> InstalledFonts:
    return InstalledFonts({name: frozenset({"Regular", "Bold"}) for role in fonts.ROLE_FONTS.values()
                           for name in role.official})


@pytest.fixture
def no_fc_list(monkeypatch, tmp_path):
    """A machine without fontconfig's fc-list (the cached answer of other tests cleared)."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    fonts._installed_fonts_cached.cache_clear()
    yield
    fonts._installed_fonts_cached.cache_clear()


def _script(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


# -- choosing ------------------------------------------------------------------------------------------

def test_with_every_official_font_installed_nothing_is_substituted():
    plan = plan_for(style_font_names(STYLE), _every_official_font())
    assert plan.notice() == "fonts: all official fonts are installed"
    assert plan.aliases == () and plan.missing == ()


def test_the_role_of_a_font_name_comes_from_the_style_then_the_name():
    assert role_of_name("单位仿宋", {"fangsong": "单位仿宋"}) == "fangsong"  # the style's [fonts] table says
    assert role_of_name("FandolKai-Regular") == "kaiti"  # not an official name: read like a PDF font name
    assert role_of_name("Some Unknown Face") == "songti"  # nothing to go by: the body face of print


def test_a_font_of_no_known_role_is_missing_unless_installed():
    assert choose("单位专用字体", "decorative", InstalledFonts({})) == FontChoice("单位专用字体", "decorative", None)
    installed = InstalledFonts({"单位专用字体": frozenset({"Regular"})})
    assert choose("单位专用字体", "decorative", installed).used == "单位专用字体"


def test_a_stand_in_without_the_heavy_face_a_title_needs_is_passed_over():
    """小标宋 (§7.3.1 titles) needs a heavy Song face: Noto Serif CJK SC in Regular only does not do."""
    only_regular = InstalledFonts({"Noto Serif CJK SC": frozenset({"Regular"})})
    assert choose("方正小标宋简体", "xiaobiaosong", only_regular).used is None
    with_bold = InstalledFonts({"Noto Serif CJK SC": frozenset({"Regular"}), "FandolSong": frozenset({"Bold"})})
    assert choose("方正小标宋简体", "xiaobiaosong", with_bold) == FontChoice("方正小标宋简体", "xiaobiaosong",
                                                                         "FandolSong", "Bold")


def test_a_face_without_a_fontconfig_weight_is_not_forced():
    plan = FontPlan((), (FontChoice("方正小标宋简体", "xiaobiaosong", "Source Han Serif SC", "Heavy"),), (), None, True)
    xml = fontconfig_xml(plan)
    root = ElementTree.fromstring(xml.split("\n", 2)[2])
    [alias] = [m for m in root.findall("match") if m.find("test") is not None]
    assert alias.find("edit").findtext("string") == "Source Han Serif SC"
    assert [e.get("name") for e in alias.findall("edit")] == ["family"]  # no weight edit for "Heavy"


# -- Windows and macOS: fonts known by their files ---------------------------------------------------

def test_windows_font_folders_come_from_the_environment(tmp_path):
    (tmp_path / "win" / "Fonts").mkdir(parents=True)
    found = system_font_dirs("win32", {"WINDIR": str(tmp_path / "win"), "LOCALAPPDATA": str(tmp_path / "none")})
    assert found == (tmp_path / "win" / "Fonts",)  # the user's folder does not exist
    assert system_font_dirs("win32", {}) == ()  # %WINDIR% unknown: nothing to look in
    assert system_font_dirs("linux", {"WINDIR": str(tmp_path / "win")}) == ()


def test_on_windows_the_plan_is_a_replacement_table_from_the_font_files(tmp_path, monkeypatch):
    fonts_folder = tmp_path / "win" / "Fonts"
    fonts_folder.mkdir(parents=True)
    for name in ("simfang.ttf", "simhei.ttf", "simkai.ttf", "simsun.ttc", "times.ttf"):
        (fonts_folder / name).write_bytes(b"")
    monkeypatch.setenv("WINDIR", str(tmp_path / "win"))
    plan = font_plan(STYLE, platform="win32")
    assert plan.method == "replacement table" and plan.fc_list
    chosen = {c.requested: c.used for c in plan.choices}
    assert chosen["仿宋_GB2312"] == "仿宋" and chosen["楷体_GB2312"] == "楷体" and chosen["黑体"] == "黑体"
    assert chosen["方正小标宋简体"] is None  # no 小标宋 and no heavy Song face among those files


def test_on_macos_without_any_font_folder_nothing_can_be_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(fonts, "SYSTEM_FONT_DIRS", {"darwin": ("~/Library/Fonts",)})
    plan = font_plan(STYLE, platform="darwin")
    assert plan.method == "replacement table" and plan.fc_list is False
    assert all(c.used is None for c in plan.choices)
    (tmp_path / "Library" / "Fonts").mkdir(parents=True)
    (tmp_path / "Library" / "Fonts" / "Songti.ttc").write_bytes(b"")
    assert {c.requested: c.used for c in font_plan(STYLE, platform="darwin").choices}["宋体"] == "华文宋体"


def test_font_folders_that_cannot_be_listed_give_no_fonts(tmp_path):
    assert fonts_from_files([]) is None
    assert fonts_from_files([tmp_path / "gone"]).styles == {}


def test_the_replacement_table_is_written_only_where_libreoffice_reads_it(tmp_path):
    fontconfig_plan = plan_for(style_font_names(STYLE), InstalledFonts({"FandolFang": frozenset({"Regular"})}))
    assert write_replacement_table(fontconfig_plan, tmp_path / "p") is None and not (tmp_path / "p").exists()
    import dataclasses

    table_plan = dataclasses.replace(fontconfig_plan, method="replacement table")
    assert write_replacement_table(dataclasses.replace(table_plan, aliases=()), tmp_path / "p") is None
    profile = tmp_path / "profile"
    registry = profile / "user" / "registrymodifications.xcu"
    registry.parent.mkdir(parents=True)
    registry.write_text("<oor:items/>", encoding="utf-8")  # a profile file without items of its own
    assert write_replacement_table(table_plan, profile) == registry
    root = ElementTree.parse(registry).getroot()
    pairs = {n.findtext("prop[@{http://openoffice.org/2001/registry}name='ReplaceFont']/value"):
             n.findtext("prop[@{http://openoffice.org/2001/registry}name='SubstituteFont']/value")
             for n in root.iter("node")}
    assert pairs["仿宋_GB2312"] == "FandolFang"


# -- fontconfig that is absent, fails, or cannot cache ------------------------------------------------

def test_the_system_fontconfig_file_is_the_one_the_user_set(tmp_path):
    own = tmp_path / "fonts.conf"
    own.write_text("<fontconfig/>", encoding="utf-8")
    assert system_config({"FONTCONFIG_FILE": str(own)}) == str(own.resolve())
    assert system_config({"FONTCONFIG_FILE": str(tmp_path / "gone.conf")}) in (None, *fonts.BASE_CONFIGS)


def test_an_unwritable_cache_folder_falls_back_to_the_temporary_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    assert cache_dir() == str(tmp_path / "tmp" / "govfmt-fontconfig-cache")


def test_without_fc_list_the_fonts_are_unknown_and_doctor_says_so(no_fc_list, tmp_path):
    assert installed_fonts((), None) is None
    plan = font_plan(STYLE, platform="linux")
    assert plan.fc_list is False and font_coverage(plan) is None
    result = CliRunner().invoke(cli, ["--lang", "en", "doctor", "--soffice", str(tmp_path / "no-soffice")])
    assert result.exit_code == 1  # no LibreOffice either
    assert "the installed fonts cannot be listed here (no fontconfig, no known font folder)" in result.output


@POSIX
def test_an_fc_list_that_cannot_run_is_treated_as_absent(tmp_path, monkeypatch):
    bin_folder = tmp_path / "bin"
    _script(bin_folder, "fc-list", "#!/nonexistent/interpreter\n")
    monkeypatch.setenv("PATH", str(bin_folder))
    fonts._installed_fonts_cached.cache_clear()
    try:
        assert installed_fonts(("/nowhere",), None) is None
        plan = plan_for(style_font_names(STYLE), InstalledFonts({}))
        assert font_coverage(plan) is None
    finally:
        fonts._installed_fonts_cached.cache_clear()


def test_character_coverage_is_asked_of_fontconfig_only_where_libreoffice_uses_it():
    import dataclasses

    plan = dataclasses.replace(plan_for(style_font_names(STYLE), InstalledFonts({})), method="replacement table")
    assert font_coverage(plan) is None


def test_charsets_with_a_nameless_or_garbled_line_keep_the_rest():
    coverage = parse_charsets("\t20-7e\nFandolSong\t4e00-9fa5 zz-qq 3000\n")
    assert coverage.has("中") and coverage.has("\u3000") and not coverage.has("a")


def test_an_unprintable_character_is_listed_once_per_line():
    coverage = parse_charsets("FandolSong\t4e00-9fa5\n")
    assert unprintable("字\ue000\ue000\n\ue000字\n", coverage) == {"\ue000": [1, 2]}
