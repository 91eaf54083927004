"""Dates, amounts and currencies as printed -> normalised values."""
from decimal import Decimal

import pytest

from extractors.normalize import currency_of, date_order, money_str, parse_amount, parse_date


@pytest.mark.parametrize("text, dayfirst, iso", [
    pytest.param("03/05/2024", False, "2024-03-05", id="us-numeric"),
    pytest.param("03/05/2024", True, "2024-05-03", id="european-numeric-when-document-is-dayfirst"),
    pytest.param("13/03/2024", False, "2024-03-13", id="day-over-12-decides-order"),
    pytest.param("05.03.2024", False, "2024-03-05", id="german-dots-are-day-first"),
    pytest.param("2024-03-05", True, "2024-03-05", id="iso"),
    pytest.param("1/6/21", False, "2021-01-06", id="two-digit-year"),
    pytest.param("5 March 2024", False, "2024-03-05", id="written-day-month"),
    pytest.param("March 5, 2024", False, "2024-03-05", id="written-month-day"),
    pytest.param("27-Apr-2023", False, "2023-04-27", id="dd-mon-yyyy"),
    pytest.param("16-JAN-2021", False, "2021-01-16", id="upper-case-month"),
    pytest.param("2. Mai 2025", False, "2025-05-02", id="german-month"),
])
def test_dates_normalise_to_iso(text, dayfirst, iso):
    assert parse_date(text, dayfirst) == iso


@pytest.mark.parametrize("text", ["31/31/2024", "hello", "12345", "2024-13-01", "1,234.56"])
def test_non_dates_are_rejected(text):
    assert parse_date(text) is None


def test_date_order_is_known_only_when_unambiguous():
    assert date_order("25/12/2024") == "dmy"
    assert date_order("12/25/2024") == "mdy"
    assert date_order("05/06/2024") is None


@pytest.mark.parametrize("text, decimal_comma, value", [
    pytest.param("1,234.56", None, "1234.56", id="us-thousands"),
    pytest.param("1.234,56", None, "1234.56", id="european-thousands"),
    pytest.param("1 234,56", None, "1234.56", id="space-thousands"),
    pytest.param("$1,895.00", None, "1895.00", id="dollar-sign"),
    pytest.param("EUR 3,00", None, "3.00", id="code-before"),
    pytest.param("600,00 €", None, "600.00", id="euro-after"),
    pytest.param("(12.50)", None, "-12.50", id="parenthesised-negative"),
    pytest.param("1,26,840.00", None, "126840.00", id="indian-grouping"),
    pytest.param("1,234", None, "1234", id="comma-thousands-without-decimals"),
    pytest.param("1.234", True, "1234", id="dot-thousands-in-a-decimal-comma-document"),
    pytest.param("7.7842", None, "7.7842", id="four-decimals-kept"),
    pytest.param("10,152,97", True, "10152.97", id="ocr-misread-thousands-point"),
    pytest.param("1.234.56", None, "1234.56", id="ocr-misread-decimal-point"),
    pytest.param("1.234.567", None, "1234567", id="dot-thousands-twice"),
])
def test_amounts_parse(text, decimal_comma, value):
    assert parse_amount(text, decimal_comma) == Decimal(value)


@pytest.mark.parametrize("text", ["20%", "abc", "PO-1234", "", "12/28/2020"])
def test_non_amounts_are_rejected(text):
    assert parse_amount(text) is None


def test_money_strings_have_two_decimals_at_least():
    assert money_str(Decimal("1234.5")) == "1234.50"
    assert money_str(Decimal("7.7842")) == "7.7842"


@pytest.mark.parametrize("text, code", [
    ("€ 12,00", "EUR"), ("£953.10", "GBP"), ("USD 2,575.50", "USD"), ("₹2,19,836.00", "INR"),
    ("CA$ 1,448.58", "CAD"), ("$ 1,895.00", "USD"), ("Total 12.00", None),
])
def test_currency_from_code_or_symbol(text, code):
    assert currency_of(text) == code
