"""Ink the page layout left unread is found for a second read."""
from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.unread import unread_region


def _two_column_page():
    img = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=28)
    for row in range(8):
        draw.text((50, 50 + row * 60), f"Hex bolt zinc M{row + 8}", fill=0, font=font)
        draw.text((800, 50 + row * 60), f"{row + 1}3.70", fill=0, font=font)
    return img


def test_ink_left_unread_by_the_layout_is_found_for_a_second_read():
    img = _two_column_page()
    left_column = [(40, 40 + row * 60, 420, 90 + row * 60) for row in range(8)]
    crop, (x0, _) = unread_region(img, left_column, dpi=200)
    assert 700 < x0 < 800 and crop.width < 500  # only the price column is read again
    both = left_column + [(790, 40 + row * 60, 1000, 90 + row * 60) for row in range(8)]
    assert unread_region(img, both, dpi=200) is None
