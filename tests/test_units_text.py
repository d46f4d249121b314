"""The unit and character-class helpers against figures from the standard and Unicode."""

from govfmt import text, units


def test_a4_and_the_body_size_in_every_unit():
    assert units.mm_to_twips(210) == 11906  # A4 width, as Word writes it
    assert units.pt_to_twips(16) == 320  # 三号
    assert round(units.pt_to_mm(16), 2) == 5.64
    assert round(units.mm_to_pt(25.4), 6) == 72
    assert abs(units.twips_to_mm(units.mm_to_twips(37)) - 37) < 0.02


def test_width_and_classes_of_chinese_text():
    assert text.display_width("国务院") == 6
    assert text.display_width("2024年") == 6
    assert text.display_width("e\u0301") == 1  # a combining mark takes no column
    assert text.is_ideograph("国") and text.is_ideograph("\U00020000") and not text.is_ideograph("，")
    assert text.is_fullwidth_punctuation("，") and not text.is_fullwidth_punctuation(",")
