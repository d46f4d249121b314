"""§5.2.3: every line of text sits on the 22-line grid, so every paragraph of the DOCX has an exact line
pitch of 225 mm / 22 (rounded down to whole twips: 579), whether it says so itself, through its style, or
through the document defaults. An `auto` or `atLeast` pitch anywhere lets LibreOffice leave the grid."""

from __future__ import annotations

from click.testing import CliRunner

from govfmt.cli import cli

from conftest import CORPUS
from docx_xml import NS, attr, part

EXACT_TWIPS = int(225 / 25.4 * 72 * 20 / 22)  # 579


def _spacing(element):
    return element.find("w:pPr/w:spacing", NS) if element is not None else None


def _effective_pitch(paragraph, styles, defaults) -> tuple[str | None, str | None]:
    """(lineRule, line) the paragraph is set with: its own, else its style chain's, else the defaults'."""
    chain = [paragraph]
    style_id = paragraph.find("w:pPr/w:pStyle", NS)
    style_id = attr(style_id, "val") if style_id is not None else "Normal"
    while style_id:
        style = styles.get(style_id)
        if style is None:
            break
        chain.append(style)
        based = style.find("w:basedOn", NS)
        style_id = attr(based, "val") if based is not None else None
    chain.append(defaults)
    for element in chain:
        spacing = _spacing(element)
        if spacing is not None and attr(spacing, "line") is not None:
            return attr(spacing, "lineRule") or "auto", attr(spacing, "line")
    return None, None


def test_every_text_paragraph_has_the_exact_grid_pitch(tmp_path):
    for stem in ("000", "002", "017"):
        out = tmp_path / f"{stem}.docx"
        result = CliRunner().invoke(cli, ["convert", str(CORPUS / "docs" / f"{stem}.txt"), "-o", str(out)])
        assert result.exit_code == 0, result.output
        styles_root = part(out, "word/styles.xml")
        styles = {attr(s, "styleId"): s for s in styles_root.findall("w:style", NS)}
        defaults = styles_root.find("w:docDefaults/w:pPrDefault", NS)
        body = part(out, "word/document.xml").find("w:body", NS)
        checked = 0
        for paragraph in body.findall("w:p", NS):  # top-level text paragraphs (tables have their own rows)
            if not "".join(t.text or "" for t in paragraph.iter(f"{{{NS['w']}}}t")).strip():
                continue
            rule, line = _effective_pitch(paragraph, styles, defaults)
            if rule == "exact" and line != str(EXACT_TWIPS):
                assert int(line) > EXACT_TWIPS, (stem, line)  # a title or 标志 may take more than one line
                continue
            assert (rule, line) == ("exact", str(EXACT_TWIPS)), (stem, rule, line)
            checked += 1
        assert checked >= 5
