"""What a clerk may type: a PO number's shape, dates that exist, numbers; the amount from quantity x price."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.intake.review import fields
from app.intake.review.fields import FieldError


@pytest.mark.parametrize("text", ["4500012345", "PO-10", "JT-5521", "PO 2024/117", "A1", "SO#4471", "7"])
def test_real_po_numbers_pass(text):
    assert fields.check_header("po_number", text) == text


@pytest.mark.parametrize("text,why", [
    pytest.param("jjjjjjjj7", "key held down", id="a-held-key"),
    pytest.param("PO-", "letters and digits", id="a-trailing-dash"),
    pytest.param("ORDER", "at least one digit", id="no-digit"),
    pytest.param("x" * 30 + "1234567", "at most", id="too-long"),
    pytest.param("PO<1>", "letters and digits", id="markup"),
])
def test_stray_po_numbers_are_refused_with_the_reason(text, why):
    with pytest.raises(FieldError, match=why):
        fields.check_header("po_number", text)


@pytest.mark.parametrize("text,iso", [("2025-02-28", "2025-02-28"), ("28/02/2025", "2025-02-28"),
                                      ("28.02.2025", "2025-02-28"), ("5-3-24", "2024-03-05"),
                                      ("29 Feb 2024", "2024-02-29"), ("March 5, 2024", "2024-03-05")])
def test_dates_are_stored_as_iso(text, iso):
    assert fields.check_header("order_date", text) == iso


@pytest.mark.parametrize("text", ["31/02/2025", "29/02/2025", "2025-13-01", "next week", "32.01.2024", "5 Foo 2024"])
def test_dates_that_do_not_exist_are_refused(text):
    with pytest.raises(FieldError):
        fields.check_header("requested_delivery_date", text)


@pytest.mark.parametrize("name,text,value", [("quantity", "12", "12"), ("quantity", "1,200", "1200"),
                                              ("quantity", "2.5", "2.5"), ("unit_price", "6.20", "6.20"),
                                              ("amount", "126840.00", "126840.00")])
def test_numbers_are_cleaned(name, text, value):
    assert fields.check_line(name, text) == value


@pytest.mark.parametrize("name,text", [("quantity", "abc"), ("quantity", "0"), ("quantity", "-3"),
                                        ("unit_price", "-1"), ("amount", "1.234"), ("quantity", "NaN"),
                                        ("quantity", "1e30")])
def test_numbers_that_cannot_be_stored_are_refused(name, text):
    with pytest.raises(FieldError):
        fields.check_line(name, text)


def test_an_empty_field_is_cleared_and_free_text_is_kept():
    assert fields.check_header("po_number", "  ") is None
    assert fields.check_header("ship_to", " Dock 4, Dallas ") == "Dock 4, Dallas"
    assert fields.check_header("currency", "eur") == "EUR"


@given(st.decimals(min_value=0, max_value=10**6, places=4), st.decimals(min_value=0, max_value=10**4, places=4))
def test_the_amount_is_quantity_times_price_at_cents_half_up(q, p):
    amount = fields.line_amount(str(q), str(p))
    exact = q * p
    assert abs(fields.Decimal(amount) - exact) <= fields.Decimal("0.005")
    assert fields.line_amount(None, str(p)) is None and fields.line_amount("x", "1") is None
