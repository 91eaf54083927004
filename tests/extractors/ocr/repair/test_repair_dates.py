"""Dates under labels a fax reduced to junk are placed by chronology; a lone bracket
on an OCRed number is not a minus sign."""
from __future__ import annotations

from extractors.model import Page, Word
from extractors.po.extract import extract_po
from extractors.po.rows import number_of


def ocr_page(rows: list[list[tuple[str, float]]]) -> Page:
    """Rows of (word, confidence) as OCR gives them, in columns 130 pt apart."""
    words = []
    for r, row in enumerate(rows):
        top = 100.0 + 15 * r
        for c, (text, conf) in enumerate(row):
            x = 60.0 + 130 * c
            words.append(Word(text, x, top, x + 6 * len(text), top + 9, page=1, conf=conf, source="ocr"))
    return Page(number=1, width=612, height=792, words=words, source="ocr")


TITLE = [("Bestellung", 0.9)]
JUNK = [("tetummnet", 0.0), ("tetlatuny", 0.1), ("Cictorterean", 0.0)]


def test_two_dates_under_junk_labels_are_the_order_date_then_the_delivery_date():
    page = ocr_page([TITLE, JUNK, [("BE-2024-71762", 0.9), ("28.04.2024", 0.9), ("27.03.2024", 0.9)]])
    result = extract_po([page]).to_result()
    assert (result["order_date"], result["requested_delivery_date"]) == ("2024-03-27", "2024-04-28")


def test_the_one_date_before_a_labelled_delivery_date_is_the_order_date():
    page = ocr_page([TITLE, [("tetummnet", 0.0), ("Lieferdatum", 0.9)],
                     [("2025-02-27", 0.9), ("2025-03-30", 0.9)]])
    result = extract_po([page]).to_result()
    assert (result["order_date"], result["requested_delivery_date"]) == ("2025-02-27", "2025-03-30")


def test_dates_under_well_read_words_or_a_lone_date_are_not_guessed():
    clear = ocr_page([TITLE, [("Ship", 0.9), ("Quote", 0.9)], [("27.03.2024", 0.9), ("28.04.2024", 0.9)]])
    lone = ocr_page([TITLE, JUNK, [("27.03.2024", 0.9)]])
    for page in (clear, lone):
        result = extract_po([page]).to_result()
        assert result["order_date"] is None and result["requested_delivery_date"] is None


def test_a_lone_bracket_on_an_ocred_number_is_no_minus_sign():
    def word(text, source):
        return Word(text, 0, 0, 10, 10, page=1, conf=0.9, source=source)
    assert number_of(word("463,60)", "ocr"), True) == number_of(word("463,60", "ocr"), True) > 0
    assert number_of(word("(12.00)", "ocr"), False) < 0
    assert number_of(word("12.00)", "pdf"), False) < 0  # a text layer is taken as printed
