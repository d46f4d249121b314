"""Font mapping for PDF output: exact family names, real fonts first, open stand-ins, never cwTeX."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from govfmt.cli import cli
from govfmt.pdf.fonts import (choose, font_plan, fontconfig_xml, parse_fc_list, plan_for,
                              role_of_pdf_font, style_font_names, write_fontconfig)
from govfmt.style import load_style

FC_LIST_SAMPLE = "\n".join([
    "FandolFang,FandolFang R\tRegular",
    "FandolHei\tBold",
    "FandolHei\tRegular",
    "FandolSong\tRegular",
    "FandolSong\tBold",
    "Noto Serif CJK SC\tBold",
    "Noto Serif CJK SC\tRegular",
    "cwTeX Q Fangsong,cwTeX Q 仿宋体\tMedium",
    "AR PL UKai CN\tBook",
    "DejaVu Serif\tBook",
])


def test_fc_list_output_gives_every_family_name_with_its_faces():
    installed = parse_fc_list(FC_LIST_SAMPLE)
    assert installed.has("FandolFang") and installed.has("fandolfang r")
    assert installed.faces("FandolHei") == {"Bold", "Regular"}
    assert not installed.has("cwTeX Q Fangsong")


def test_each_role_gets_its_best_installed_stand_in():
    plan = plan_for(style_font_names(load_style()), parse_fc_list(FC_LIST_SAMPLE))
    chosen = {c.requested: (c.used, c.style) for c in plan.choices}
    assert chosen["仿宋_GB2312"] == ("FandolFang", None)
    assert chosen["黑体"] == ("FandolHei", "Regular")
    assert chosen["楷体_GB2312"] == ("AR PL UKai CN", None)
    assert chosen["宋体"] == ("FandolSong", "Regular")
    assert chosen["方正小标宋简体"] == ("Noto Serif CJK SC", "Bold")
    assert chosen["Times New Roman"] == ("DejaVu Serif", None)
    assert plan.notice().startswith("fonts: 仿宋_GB2312 → FandolFang, 黑体 → FandolHei, ")
    assert "方正小标宋简体 → Noto Serif CJK SC Bold" in plan.notice()


def test_real_fonts_are_used_as_they_are_and_a_sibling_official_font_comes_before_open_ones():
    installed = parse_fc_list("仿宋,FangSong\tRegular\nFandolFang\tRegular\n宋体,SimSun\tRegular")
    assert choose("宋体", "songti", installed).substitute is False
    sibling = choose("仿宋_GB2312", "fangsong", installed)
    assert (sibling.used, sibling.substitute) == ("仿宋", True)


def test_cwtex_is_never_chosen_and_a_role_without_fonts_is_missing():
    installed = parse_fc_list("cwTeX Q Fangsong\tMedium\ncwTeXFangSong\tRegular")
    choice = choose("仿宋_GB2312", "fangsong", installed)
    assert choice.used is None
    plan = plan_for([("仿宋_GB2312", "fangsong")], installed)
    assert plan.missing == (choice,)
    assert plan.notice() == "fonts: 仿宋_GB2312 → missing"


def test_the_fontconfig_file_adds_to_the_system_setup_and_aliases_every_official_name(tmp_path):
    plan = plan_for(style_font_names(load_style()), parse_fc_list(FC_LIST_SAMPLE),
                    font_dirs=("/fonts/fandol",), base_config="/etc/fonts/fonts.conf")
    xml = fontconfig_xml(plan, cache=str(tmp_path))
    assert xml.index(f"<cachedir>{tmp_path}</cachedir>") < xml.index("<include")
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in xml
    assert "<dir>/fonts/fandol</dir>" in xml
    assert "<glob>*cwtex*</glob>" in xml
    for name in ("仿宋_GB2312", "仿宋", "FangSong", "楷体", "KaiTi", "SimHei", "SimSun", "方正小标宋_GBK"):
        assert f'<test name="family" qual="any"><string>{name}</string></test>' in xml
    title = xml[xml.index("<string>方正小标宋简体</string>"):]
    assert title.index("Noto Serif CJK SC") < title.index("<const>bold</const>") < title.index("</match>")


def test_pdf_font_names_map_to_roles():
    assert role_of_pdf_font("CAAAAA+FandolFang-Regular") == "fangsong"
    assert role_of_pdf_font("FangSong_GB2312") == "fangsong"
    assert role_of_pdf_font("DAAAAA+FandolSong-Regular") == "songti"
    assert role_of_pdf_font("SimSun") == "songti"
    assert role_of_pdf_font("BAAAAA+NotoSerifCJKjp-Bold-VKana") == "songti"
    assert role_of_pdf_font("FZXBSJW--GB1-0") == "xiaobiaosong"
    assert role_of_pdf_font("FZXiaoBiaoSong-B05S") == "xiaobiaosong"
    assert role_of_pdf_font("KaiTi_GB2312") == "kaiti"
    assert role_of_pdf_font("SimHei") == "heiti"
    assert role_of_pdf_font("Helvetica") is None


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig is not installed")
def test_the_generated_file_makes_fontconfig_resolve_the_official_names(tmp_path):
    plan = font_plan(load_style())
    if plan.missing:
        pytest.skip("open CJK fonts are not installed: " + plan.notice())
    config = write_fontconfig(plan, tmp_path)
    env = {"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin"}
    for choice in plan.choices:
        answer = subprocess.run(["fc-match", "--format", "%{family}", choice.requested], env=env,
                                capture_output=True, text=True, check=True).stdout
        assert choice.used in answer.split(","), (choice, answer)


def test_doctor_reports_substitutes_and_a_missing_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVFMT_SOFFICE", str(tmp_path / "no-soffice"))
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert "LibreOffice: not found (GOVFMT_SOFFICE names" in result.output
    plan = font_plan(load_style())
    for choice in plan.choices:
        assert choice.describe() in result.output


@pytest.mark.slow
def test_doctor_is_ready_with_libreoffice_and_the_open_fonts():
    plan = font_plan(load_style())
    if plan.missing or shutil.which("soffice") is None:
        pytest.skip("LibreOffice or the open fonts are not installed")
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "ready for PDF output" in result.output
    assert "仿宋_GB2312 → FandolFang (substitute)" in result.output


def test_windows_and_macos_fonts_are_known_by_their_files(tmp_path):
    from govfmt.pdf.fonts import fonts_from_files

    windows = tmp_path / "Windows" / "Fonts"
    windows.mkdir(parents=True)
    for name in ("simfang.ttf", "SIMHEI.TTF", "simkai.ttf", "simsun.ttc", "STZHONGS.TTF", "times.ttf"):
        (windows / name).write_bytes(b"")
    installed = fonts_from_files([windows])
    plan = plan_for(style_font_names(load_style()), installed)
    chosen = {c.requested: c.used for c in plan.choices}
    assert chosen["仿宋_GB2312"] == "仿宋" and chosen["黑体"] == "黑体" and chosen["楷体_GB2312"] == "楷体"
    assert chosen["方正小标宋简体"] == "华文中宋" and chosen["Times New Roman"] == "Times New Roman"
    mac = tmp_path / "Library" / "Fonts"
    mac.mkdir(parents=True)
    for name in ("Songti.ttc", "STHeiti Medium.ttc", "Kaiti.ttc", "华文仿宋.ttf", "Times.ttc"):
        (mac / name).write_bytes(b"")
    chosen = {c.requested: (c.used, c.style) for c in plan_for(style_font_names(load_style()),
                                                               fonts_from_files([mac])).choices}
    assert chosen["仿宋_GB2312"] == ("华文仿宋", None) and chosen["宋体"] == ("华文宋体", None)
    assert chosen["方正小标宋简体"] == ("Songti SC", "Black") and chosen["Times New Roman"] == ("Times", None)


def test_elsewhere_than_linux_the_plan_goes_into_the_profiles_replacement_table(tmp_path, monkeypatch):
    import dataclasses

    from govfmt.pdf.fonts import fonts_from_files, uses_fontconfig, write_replacement_table

    assert uses_fontconfig("linux") and not uses_fontconfig("win32") and not uses_fontconfig("darwin")
    folder = tmp_path / "Fonts"
    folder.mkdir()
    (folder / "simfang.ttf").write_bytes(b"")
    plan = dataclasses.replace(plan_for(style_font_names(load_style()), fonts_from_files([folder])),
                               method="replacement table")
    profile = tmp_path / "profile"
    kept = profile / "user" / "registrymodifications.xcu"
    kept.parent.mkdir(parents=True)
    kept.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">'
                    '\n<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" '
                    'oor:op="fuse"><value>true</value></prop></item>\n</oor:items>\n', encoding="utf-8")
    write_replacement_table(plan, profile)
    write_replacement_table(plan, profile)  # a seeded profile gets the table once, not twice
    from xml.etree import ElementTree

    root = ElementTree.parse(kept).getroot()
    pairs = {}
    for node in root.iter("node"):
        props = {p.get("{http://openoffice.org/2001/registry}name"): p.findtext("value") for p in node}
        pairs[props["ReplaceFont"]] = (props["SubstituteFont"], props["Always"], props["OnScreenOnly"])
    assert pairs["仿宋_GB2312"] == ("仿宋", "true", "false")
    assert pairs["FangSong_GB2312"] == ("仿宋", "true", "false")
    assert "ooSetupInstCompleted" in kept.read_text(encoding="utf-8")
    assert kept.read_text(encoding="utf-8").count('oor:name="Replacement"') == 1
    linux_plan = plan_for(style_font_names(load_style()), fonts_from_files([folder]))
    assert write_replacement_table(linux_plan, tmp_path / "other") is None


def test_the_fontconfig_file_appends_the_fallback_chain():
    from govfmt.pdf.fonts import FALLBACK_FAMILIES

    xml = fontconfig_xml(plan_for(style_font_names(load_style()), parse_fc_list(FC_LIST_SAMPLE)))
    chain = xml[xml.index('mode="append"'):]
    assert [f for f in FALLBACK_FAMILIES if f"<string>{f}</string>" in chain] == list(FALLBACK_FAMILIES)


@pytest.mark.slow
def test_rare_characters_reach_the_pdf_through_the_fallback_chain(tmp_path):
    import pdfplumber

    from govfmt.docx import write_docx
    from govfmt.parse import parse
    from govfmt.pdf.render import render_pdfs
    from govfmt.read import read_source

    rare = {"𠀀": "Ext-B", "𪚥": "Ext-B", "㐀": "Ext-A", "😀": "emoji", "☎": "symbol", "é": "combining"}
    draft = tmp_path / "d.txt"
    draft.write_text("关于𠀀𪚥㐀等字的通知\n各单位：\n请拨☎联系，标记😀，人名Rene\u0301。\n", encoding="utf-8")
    write_docx(parse(read_source(draft)), load_style(), tmp_path / "d.docx")
    (result,) = render_pdfs([(tmp_path / "d.docx", tmp_path / "d.pdf")])
    assert result.ok, result.error
    with pdfplumber.open(tmp_path / "d.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    missing = [f"{char} ({kind})" for char, kind in rare.items() if char not in text]
    assert not missing, missing


@pytest.mark.slow
def test_libreoffice_applies_the_replacement_table_of_its_profile(tmp_path):
    """The Windows/macOS mechanism, shown on Linux: the profile's table sends 仿宋_GB2312 to another family."""
    import docx
    import pdfplumber

    from govfmt.pdf.fonts import FontChoice, FontPlan, parse_fc_list, write_replacement_table
    from govfmt.pdf.soffice import find_soffice

    listed = subprocess.run(["fc-list", "--format", "%{family}\t%{style}\n"], capture_output=True, text=True).stdout
    assert parse_fc_list(listed).has("Noto Serif CJK SC"), "fonts-noto-cjk is installed by scripts/setup.sh"
    document = docx.Document()
    run = document.add_paragraph().add_run("关于开展检查的通知")
    run.font.name = "仿宋_GB2312"
    run._r.get_or_add_rPr().rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "仿宋_GB2312")
    document.save(tmp_path / "t.docx")
    choice = FontChoice("仿宋_GB2312", "fangsong", "Noto Serif CJK SC")
    write_replacement_table(FontPlan((choice,), (choice,), (), None, True, method="replacement table"),
                            tmp_path / "profile")
    subprocess.run([find_soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "t.docx")],
                   capture_output=True, timeout=180, check=True)
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        fonts = {char["fontname"].split("+")[-1] for char in pdf.pages[0].chars}
    assert fonts and all(name.startswith("NotoSerifCJK") for name in fonts), fonts
