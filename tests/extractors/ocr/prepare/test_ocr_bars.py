"""Table headers printed white on a dark bar are read like any other words."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import read as ocr
from extractors.ocr.prepare.clean import invert_bars

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
DPI = 200
HEADER = [("Item", 0.3), ("Description", 1.4), ("Qty", 4.6), ("Unit", 5.2), ("Total", 6.6)]
ROW = [("HB-1240", 0.3), ("Hex bolt zinc", 1.4), ("40", 4.7), ("EA", 5.2), ("34.00", 6.6)]

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="DejaVu fonts are not installed")


def table_page() -> Image.Image:
    img = Image.new("L", (round(7.5 * DPI), round(2.0 * DPI)), 250)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), round(10 * DPI / 72))
    top = round(0.5 * DPI)
    draw.rectangle((round(0.2 * DPI), top, round(7.3 * DPI), top + round(0.22 * DPI)), fill=60)
    for text, x in HEADER:
        draw.text((round(x * DPI), top + 8), text, fill=255, font=font)
    for text, x in ROW:
        draw.text((round(x * DPI), top + round(0.4 * DPI)), text, fill=0, font=font)
    return img


def test_dark_bar_becomes_dark_text_on_white_and_the_rest_is_untouched():
    a = np.asarray(table_page())
    out = invert_bars(a, DPI)
    bar = out[round(0.5 * DPI):round(0.72 * DPI), round(0.3 * DPI):round(7.2 * DPI)]
    assert np.median(bar) > 200  # the bar's background is paper now
    assert (bar < 100).mean() > 0.02  # and its letters are ink
    below = slice(round(0.8 * DPI), None)
    assert np.array_equal(out[below], a[below])  # ordinary black-on-white text is left alone


def test_page_without_bars_is_returned_as_it_is():
    img = Image.new("L", (800, 400), 255)
    ImageDraw.Draw(img).text((20, 20), "PO 4500012345", fill=0,
                             font=ImageFont.truetype(str(FONT), 28))
    a = np.asarray(img)
    assert invert_bars(a, DPI) is a


@pytest.mark.skipif(not ocr.tesseract_available(), reason="tesseract is not installed")
def test_every_header_cell_in_a_dark_bar_is_read():
    buf = io.BytesIO()
    table_page().save(buf, "PNG", dpi=(DPI, DPI))
    page, = ocr.ocr_image_bytes(buf.getvalue(), lang="eng", timeout=60.0, max_pages=1)
    words = [w.text for w in page.words]
    for text, _ in HEADER:
        assert text in words
    assert "HB-1240" in words and "34.00" in words
