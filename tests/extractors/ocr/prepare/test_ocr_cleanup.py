"""Cleanup before OCR: dotted row rules erased, faint grey print darkened, stray quotes dropped."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import read as ocr
from extractors.ocr.prepare.dotted import dotted_rules, erase_dotted_rules
from extractors.ocr.prepare.tone import darken_faint
from extractors.ocr.words import page_words

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 200
needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVu fonts are not installed")


def text_rows(rows: list[str], fill: int = 0, dotted: bool = False) -> Image.Image:
    """A black-and-white strip of text rows; with `dotted`, a fax-broken rule under each."""
    img = Image.new("L", (round(7 * DPI), round(0.4 * DPI * len(rows) + 40)), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), round(10 * DPI / 72))
    rng = np.random.default_rng(3)
    for i, text in enumerate(rows):
        top = 20 + round(i * 0.4 * DPI)
        draw.text((40, top), text, fill=fill, font=font)
        if dotted:
            y = top + round(0.3 * DPI)
            for x in range(40, img.width - 40, 4):
                if rng.random() < 0.6:  # specks 1 px wide and 2 high, gaps of a few pixels
                    draw.rectangle((x, y, x, y + 1), fill=0)
    return img


@needs_font
def test_dotted_rules_under_rows_are_erased_and_the_text_kept():
    # Given text rows, each over a dotted rule as a fax leaves a light dashed line
    plain = np.asarray(text_rows(["HN-M8 Hex nut M8 8 7.58 60.64", "SHC-612 Socket head cap screw 10 5.48"]))
    dotted = np.asarray(text_rows(["HN-M8 Hex nut M8 8 7.58 60.64", "SHC-612 Socket head cap screw 10 5.48"],
                                  dotted=True))
    # When the dotted rules are erased
    out = erase_dotted_rules(dotted, DPI)
    # Then (nearly) all the specks are gone and every pixel of the text is still there
    specks = (dotted < 128) & (plain >= 128)
    assert specks.sum() > 500
    assert ((out < 128) & specks).sum() < 0.1 * specks.sum()
    assert ((out >= 128) & (plain < 128)).sum() == 0


@needs_font
def test_text_alone_has_no_dotted_rule():
    page = np.asarray(text_rows(["Wood screw #12 x 2 Phillips flat head, yellow zinc (100/px)",
                                 "===== ----- ..... _____ commissioning"]))
    assert not dotted_rules(page, DPI).any()


def washed_out(label: int, text: int) -> np.ndarray:
    """A label row over a value row, as blur, noise and JPEG leave them: grey paper,
    the label at `label`, the value's print at `text`."""
    a = np.asarray(text_rows(["PO No.", "SPS/PO/2024/12644"])).copy()
    a[a < 128] = text
    a[: a.shape[0] // 2][a[: a.shape[0] // 2] == text] = label
    a[a == 255] = 240
    return a


@needs_font
def test_faint_grey_label_on_a_washed_out_page_is_darkened():
    a = washed_out(label=180, text=90)
    out = np.asarray(darken_faint(Image.fromarray(a)))
    label = a[: a.shape[0] // 2] == 180
    assert out[: a.shape[0] // 2][label].max() <= 128  # now on the ink side of a threshold
    assert out[a == 90].max() == 0 and out[a == 240].min() == 255


@needs_font
def test_page_with_black_print_is_left_alone():
    # Its strokes would only grow fatter: bold names on crisp scans read as noise
    page = Image.fromarray(washed_out(label=170, text=0))
    assert darken_faint(page) is page


def test_blank_page_tone_is_left_alone():
    page = Image.new("L", (400, 300), 236)
    assert darken_faint(page) is page
    page.paste(200, (0, 0, 12, 300))  # a scanner's shadowed edge is no faded print
    assert darken_faint(page) is page


def test_speck_read_as_an_opening_quote_is_dropped_from_a_word():
    data = {"level": [5, 5], "conf": [60, 90], "text": ["“Menge", '2"'],
            "left": [100, 300], "top": [100, 100], "width": [80, 40], "height": [30, 30]}
    assert [w.text for w in page_words(data, 1, 0.36)] == ["Menge", '2"']


def test_ruling_remnant_read_as_an_em_dash_before_an_amount_is_dropped():
    data = {"level": [5, 5], "conf": [60, 90], "text": ["—270.00", "-12.50"],
            "left": [100, 300], "top": [100, 100], "width": [80, 60], "height": [30, 30]}
    assert [w.text for w in page_words(data, 1, 0.36)] == ["270.00", "-12.50"]


@needs_font
@pytest.mark.skipif(not ocr.tesseract_available(), reason="tesseract is not installed")
def test_rows_over_dotted_rules_are_read_on_a_fax_page():
    # Given a black-and-white fax page whose rows sit over dotted rules
    img = text_rows(["HN-M8 Hex nut M8 8 7.58 60.64", "SHC-612 Socket head cap screw 10 5.48 54.80",
                     "PC-20-3M Rigid PVC conduit 2 2.53 5.06"], dotted=True).convert("1")
    # When it is OCRed
    page = ocr.ocr_page(ocr.PageImage(img.convert("L"), DPI, bilevel=True), 1, lang="eng", timeout=60)
    # Then every row's numbers are read
    texts = {w.text for w in page.words}
    assert {"60.64", "54.80", "5.06", "HN-M8"} <= texts


@pytest.mark.parametrize("raw, cleaned", [
    pytest.param("%5,82,678.00", "5,82,678.00", id="rupee_read_as_percent_indian_grouping"),
    pytest.param("&29,140.00", "29,140.00", id="rupee_read_as_ampersand"),
    pytest.param("%18", "%18", id="not_an_amount"),
])
def test_unknown_currency_sign_before_an_amount_is_dropped(raw, cleaned):
    data = {"level": [5], "conf": [90], "text": [raw], "left": [100], "top": [100], "width": [200],
            "height": [30]}
    assert [w.text for w in page_words(data, 1, 0.36)] == [cleaned]


def test_blank_page_with_a_shadowed_edge_and_dust_has_no_ink():
    # A scanner's grey edge and a few specks are not print: no second read to turn the page
    page = Image.new("L", (1654, 2338), 236)
    page.paste(200, (0, 0, 12, 2338))
    page.paste(90, (800, 900, 802, 902))
    assert not ocr._has_ink(page)
    page.paste(20, (300, 400, 1300, 440))  # a line of print
    assert ocr._has_ink(page)
