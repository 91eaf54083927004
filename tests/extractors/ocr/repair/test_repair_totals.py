"""A total whose label OCR garbled is found by the sum it must be."""
from __future__ import annotations

from extractors.model import Page, Word
from extractors.po.extract import extract_po


def ocr_page(rows: list[list[str]]) -> Page:
    """Rows of words as OCR gives them, one after the other."""
    words = []
    for r, row in enumerate(rows):
        top = 100.0 + 15 * r
        for c, text in enumerate(row):
            x = 60.0 + 80 * c
            words.append(Word(text, x, top, x + 6 * len(text), top + 9, page=1, conf=0.9, source="ocr"))
    return Page(number=1, width=612, height=792, words=words, source="ocr")


HEAD = [["PURCHASE", "ORDER"], ["PO", "Number:", "4500012345"]]


def test_total_under_a_garbled_label_is_taken_when_subtotal_tax_and_shipping_add_up_to_it():
    page = ocr_page(HEAD + [["Subtotal", "354.24"], ["Tax", "67.31"], ["Vercandicostati", "45.50"],
                            ["Desamtoetir-[:", "467.05"]])
    result = extract_po([page]).to_result()
    assert (result["subtotal"], result["tax"], result["total"]) == ("354.24", "67.31", "467.05")


def test_no_total_is_guessed_when_no_amount_adds_up():
    page = ocr_page(HEAD + [["Subtotal", "354.24"], ["Tax", "67.31"], ["Desamtoetir-[:", "467.00"]])
    assert extract_po([page]).to_result()["total"] is None



def test_a_misread_currency_sign_loses_to_the_code_printed_on_an_ocred_page():
    rows = HEAD + [["All", "amounts", "in", "INR"], ["Subtotal", "1,000.00"], ["Total", "£1,180.00"]]
    assert extract_po([ocr_page(rows)]).to_result()["currency"] == "INR"
    page = ocr_page(rows)
    text_layer = Page(number=1, width=612, height=792, source="pdf",
                      words=[Word(w.text, w.x0, w.top, w.x1, w.bottom, page=1) for w in page.words])
    assert extract_po([text_layer]).to_result()["currency"] == "GBP"  # a text layer's sign is what was written
