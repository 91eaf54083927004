"""OCR digit repairs, code variants, reading order, and the text-layer decision."""
from __future__ import annotations

import pytest

from extractors.model import Page, Word
from extractors.ocr_repair import code_variants, looks_numeric, numeric_repair, separator_repair
from extractors.ocr_words import page_words
from extractors.pdf.textlayer import has_text_layer


@pytest.mark.parametrize("raw, fixed", [
    pytest.param("1O.5O", "10.50", id="O_for_zero_in_price"),
    pytest.param("1,2O0.00", "1,200.00", id="thousands"),
    pytest.param("$l25.00", "$125.00", id="l_for_one_after_currency"),
    pytest.param("12/2O/2020", "12/20/2020", id="date"),
    pytest.param("4S0.00", "450.00", id="S_for_five"),
])
def test_numeric_repair_fixes_letters_in_numbers(raw, fixed):
    assert numeric_repair(raw) == fixed


@pytest.mark.parametrize("text", [
    pytest.param("SO", id="word"), pytest.param("AB-120", id="code"),
    pytest.param("2G0", id="postal_code_part"), pytest.param("V0E", id="postal_code_start"),
    pytest.param("BOLT", id="all_letters"), pytest.param("948284", id="clean_number"),
    pytest.param("IO0039475", id="po_number_with_letters"),
    pytest.param("I00039475", id="po_number_one_letter"),
    pytest.param("IO0039475.", id="po_number_ending_a_sentence"),
    pytest.param("B77", id="uk_postcode_part"), pytest.param("4S0", id="bare_token_unconfirmed"),
])
def test_numeric_repair_leaves_words_and_codes_alone(text):
    assert numeric_repair(text) == text


def test_po_number_letters_survive_ocr_word_cleanup():
    # Given an OCRed PO number with letters that look like digits
    data = {"level": [5, 5], "conf": [93, 95], "text": ["PO:", "IO0039475"],
            "left": [100, 200], "top": [100, 100], "width": [80, 200], "height": [30, 30]}
    # When the tesseract rows become words, nothing confirms a repair
    words = page_words(data, page=1, pt_per_px=72 / 300)
    # Then the letters are kept as read
    assert [w.text for w in words] == ["PO:", "IO0039475"]


def test_code_variants_list_the_original_first_then_look_alikes():
    variants = code_variants("HB-1O40")
    assert variants[0] == "HB-1O40"
    assert "HB-1040" in variants and "H8-1O40" in variants and "HB-l040" in variants
    assert len(variants) == len(set(variants))
    assert code_variants("XYZ") == ["XYZ", "XY2"]


def test_looks_numeric_after_repair():
    assert looks_numeric("1,2O0.00") and looks_numeric("$4.00") and not looks_numeric("EACH")


def test_tesseract_rows_become_words_in_points_and_reading_order():
    # Two lines; the second word of line 1 sits 3 px lower than the first.
    data = {"level": [5, 5, 5, 5, 4], "conf": [90, 95, 80, 10, -1],
            "text": ["Total", "|34.0O", "Qty", "~", ""],
            "left": [400, 100, 100, 300, 0], "top": [103, 100, 200, 200, 0],
            "width": [100, 90, 60, 5, 0], "height": [30, 30, 30, 30, 0]}
    words = page_words(data, page=2, pt_per_px=72 / 300)
    assert [w.text for w in words] == ["34.00", "Total", "Qty"]
    assert words[0].x0 == pytest.approx(24.0) and words[0].conf == pytest.approx(0.95)
    assert all(w.page == 2 and w.source == "ocr" for w in words)


def page_of(*texts: str) -> Page:
    words = [Word(t, 10.0 * i, 10.0, 10.0 * i + 8, 18.0, page=1) for i, t in enumerate(texts)]
    return Page(number=1, width=612, height=792, words=words)


def test_real_text_layer_is_used():
    assert has_text_layer(page_of("Purchase", "Order", "4500012345", "Total", "34.00"))


@pytest.mark.parametrize("page", [
    pytest.param(page_of(), id="empty"),
    pytest.param(page_of(" ", "\t"), id="whitespace"),
    pytest.param(page_of("(cid:3)(cid:4)(cid:5)", "(cid:6)(cid:7)", "(cid:8)(cid:9)(cid:10)(cid:11)",
                         "(cid:12)(cid:13)(cid:14)(cid:15)"), id="unmapped_cids"),
    pytest.param(page_of("\ufffd\ufffd\ufffd\ufffd", "ab\ufffd\ufffd\ufffd", "\ue001\ue002\ue003\ue004\ue005",
                         "\x01\x02\x03"), id="replacement_and_private_use"),
    pytest.param(page_of("a", ".", "x1"), id="stray_chars_on_a_scan"),
    pytest.param(page_of("....", "----", "____", "....", "~~~~"), id="punctuation_only"),
])
def test_garbage_or_empty_text_layer_sends_page_to_ocr(page):
    assert not has_text_layer(page)


def test_amount_cut_at_the_decimal_point_is_joined_but_separate_columns_are_not():
    data = {"level": [5] * 5, "conf": [90, 91, 92, 93, 94],
            "text": ["716.", "00", "54", ".00", "12"],
            "left": [100, 152, 400, 432, 900], "top": [100] * 5,
            "width": [48, 20, 30, 30, 20], "height": [30] * 5}
    words = page_words(data, page=1, pt_per_px=1.0)
    assert [w.text for w in words] == ["716.00", "54.00", "12"]
    assert words[0].x0 == 100 and words[0].x1 == 172 and words[0].conf == pytest.approx(0.9)


def _two_column_page():
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=28)
    for row in range(8):
        draw.text((50, 50 + row * 60), f"Hex bolt zinc M{row + 8}", fill=0, font=font)
        draw.text((800, 50 + row * 60), f"{row + 1}3.70", fill=0, font=font)
    return img


def test_ink_left_unread_by_the_layout_is_found_for_a_second_read():
    from extractors.ocr_residual import unread_region

    img = _two_column_page()
    left_column = [(40, 40 + row * 60, 420, 90 + row * 60) for row in range(8)]
    crop, (x0, y0) = unread_region(img, left_column, dpi=200)
    assert 700 < x0 < 800 and crop.width < 500  # only the price column is read again
    both = left_column + [(790, 40 + row * 60, 1000, 90 + row * 60) for row in range(8)]
    assert unread_region(img, both, dpi=200) is None


@pytest.mark.parametrize("raw, fixed", [
    pytest.param("1,929,06", "1929.06", id="eu_point_read_as_comma"),
    pytest.param("10.152.97", "10152.97", id="us_comma_read_as_point"),
    pytest.param("20,09.2024", "20.09.2024", id="date_with_mixed_separators"),
    pytest.param("1,929,060", "1,929,060", id="valid_integer_untouched"),
    pytest.param("1.929,06", "1.929,06", id="valid_eu_amount_untouched"),
    pytest.param("929,06", "929,06", id="plain_decimal_comma_untouched"),
])
def test_separator_misreads_in_amounts_and_dates(raw, fixed):
    assert separator_repair(raw) == fixed


def slanted_rows(slope: float) -> dict:
    """tesseract rows of a photographed table: 4 lines of 6 words, each line
    climbing `slope` px per px to the right, lines 40 px apart."""
    data = {k: [] for k in ("level", "conf", "text", "left", "top", "width", "height",
                            "block_num", "par_num", "line_num")}
    for line in range(4):
        for i in range(6):
            x = 100 + i * 250
            for key, value in (("level", 5), ("conf", 90), ("text", f"r{line}w{i}"), ("left", x),
                               ("top", 200 + line * 40 - round(slope * x)), ("width", 120),
                               ("height", 24), ("block_num", 1), ("par_num", 1),
                               ("line_num", line + 1)):
                data[key].append(value)
    return data


def test_slanted_photo_rows_are_laid_level_so_rows_do_not_mix():
    from extractors.layout.textlines import page_lines

    # Given a photo whose text lines climb 60 px across the page, more than a row apart
    words = page_words(slanted_rows(0.045), page=1, pt_per_px=72 / 200)
    # When the layout groups the words into lines
    lines = page_lines([Page(number=1, width=612, height=792, words=words, source="ocr")])
    # Then each printed row is one line, in order
    assert [ln.text for ln in lines] == [" ".join(f"r{r}w{i}" for i in range(6)) for r in range(4)]


def test_level_rows_keep_their_boxes():
    data = slanted_rows(0.0)
    words = page_words(data, page=1, pt_per_px=1.0)
    assert sorted(w.top for w in words) == sorted(float(t) for t in data["top"])
