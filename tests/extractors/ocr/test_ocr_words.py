"""tesseract rows into words: points, reading order, joined amounts, slanted rows laid level."""
from __future__ import annotations

import pytest

from extractors.layout.textlines import page_lines
from extractors.model import Page
from extractors.ocr.words import page_words


def test_po_number_letters_survive_ocr_word_cleanup():
    # Given an OCRed PO number with letters that look like digits
    data = {"level": [5, 5], "conf": [93, 95], "text": ["PO:", "IO0039475"],
            "left": [100, 200], "top": [100, 100], "width": [80, 200], "height": [30, 30]}
    # When the tesseract rows become words, nothing confirms a repair
    words = page_words(data, page=1, pt_per_px=72 / 300)
    # Then the letters are kept as read
    assert [w.text for w in words] == ["PO:", "IO0039475"]


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


def test_amount_cut_at_the_decimal_point_is_joined_but_separate_columns_are_not():
    data = {"level": [5] * 5, "conf": [90, 91, 92, 93, 94],
            "text": ["716.", "00", "54", ".00", "12"],
            "left": [100, 152, 400, 432, 900], "top": [100] * 5,
            "width": [48, 20, 30, 30, 20], "height": [30] * 5}
    words = page_words(data, page=1, pt_per_px=1.0)
    assert [w.text for w in words] == ["716.00", "54.00", "12"]
    assert words[0].x0 == 100 and words[0].x1 == 172 and words[0].conf == pytest.approx(0.9)


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
