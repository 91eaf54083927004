"""Misread numbers on OCRed pages repaired where the order's arithmetic confirms them."""
from __future__ import annotations

import pytest

from extractors.model import Extraction, Field, LineItem
from extractors.ocr.repair.arithmetic import one_slip, repair_lines, sign_variants
from extractors.po.checks import choose_totals


def money(name: str, text: str, normalized: str | None = None) -> Field:
    return Field(name, text, normalized or text.replace(",", ""), 0.9)


def line(qty: str, price: str, amount: str) -> LineItem:
    return LineItem(quantity=money("quantity", qty), unit_price=money("unit_price", price),
                    amount=money("amount", amount))


@pytest.mark.parametrize("read, wanted", [
    pytest.param("0.43", "10.43", id="dropped_digit"),
    pytest.param("371", "3.71", id="lost_decimal_point"),
    pytest.param("329,140.00", "29140.00", id="currency_sign_read_as_digit"),
    pytest.param("17.77", "17.71", id="one_digit_misread"),
])
def test_one_slip_accepts_a_single_ocr_slip(read, wanted):
    assert one_slip(read, wanted)


@pytest.mark.parametrize("read, wanted", [
    pytest.param("125.16", "125.16", id="same_value"),
    pytest.param("60,64", "60.64", id="same_value_decimal_comma"),
    pytest.param("12.00", "21.00", id="two_digits_differ"),
    pytest.param("5", "500", id="two_digits_missing"),
])
def test_one_slip_refuses_what_is_not_one_slip(read, wanted):
    assert not one_slip(read, wanted)


def test_dropped_digit_in_a_price_is_restored_by_quantity_x_price():
    # Given a fax line read as 12 x 0.43 = 125.16 (the price's leading 1 lost)
    ex = Extraction(sources=["ocr"], line_items=[line("12", "0.43", "125.16"), line("2", "4.24", "8.48")])
    # When the lines are repaired
    assert repair_lines(ex) == 1
    # Then the price is the one the arithmetic asks for, marked as repaired
    price = ex.line_items[0].unit_price
    assert price.normalized == "10.43" and price.rule == "repaired:line_arithmetic"
    assert ex.line_items[1].unit_price.normalized == "4.24"


def test_lost_decimal_point_in_a_price_is_restored():
    ex = Extraction(sources=["ocr"], line_items=[line("200", "371", "742.00")])
    repair_lines(ex)
    assert ex.line_items[0].unit_price.normalized == "3.71"


def test_line_far_from_any_single_slip_is_left_as_read():
    # 3 x 9.99 = 29.97, read as 45.00: no single slip explains it (a discount, say)
    ex = Extraction(sources=["ocr"], line_items=[line("3", "9.99", "45.00")])
    assert repair_lines(ex) == 0
    assert [ex.line_items[0].quantity.normalized, ex.line_items[0].unit_price.normalized,
            ex.line_items[0].amount.normalized] == ["3", "9.99", "45.00"]


def test_unread_quantity_is_amount_over_price_when_that_is_whole():
    # Given fax lines whose quantities were not read ("1" as "!", a "3" lost in specks)
    items = [line("1", "34.78", "34.78"), line("1", "18.77", "56.31"), line("1", "2.50", "3.75")]
    for item in items:
        item.quantity = None
    ex = Extraction(sources=["ocr"], line_items=items)
    # When the lines are repaired
    repair_lines(ex)
    # Then whole quantities are derived, marked so; 1.5 units is no quantity anyone wrote
    assert [i.quantity and i.quantity.normalized for i in ex.line_items] == ["1", "3", None]
    assert ex.line_items[1].quantity.rule == "derived:amount_over_price"


def test_unread_price_is_amount_over_quantity_when_that_is_whole_cents():
    # Given OCRed lines whose prices were lost to a rule's specks, in a priced table
    items = [line("40", "7.47", "298.80"), line("8", "7.08", "56.64"), line("3", "1.00", "10.00"),
             line("2", "5.00", "10.00")]
    for item in items[:3]:
        item.unit_price = None
    ex = Extraction(sources=["ocr"], line_items=items)
    # When the lines are repaired
    repair_lines(ex)
    # Then prices are derived, marked so; 3.333... is no price anyone wrote
    assert [i.unit_price and i.unit_price.normalized for i in ex.line_items] == ["7.47", "7.08", None, "5.00"]
    assert ex.line_items[0].unit_price.rule == "derived:amount_over_quantity"


def test_no_price_is_derived_in_a_table_without_prices():
    items = [line("4", "1.00", "10.00")]
    items[0].unit_price = None
    repair_lines(Extraction(sources=["ocr"], line_items=items))
    assert items[0].unit_price is None


def test_currency_sign_read_as_digit_is_dropped_when_the_totals_confirm_it():
    # Given lines of 29,140.00 and totals printed after a rupee sign tesseract read as "3"
    ex = Extraction(sources=["ocr"], line_items=[line("10", "1262.00", "12620.00"),
                                                 line("10", "1652.00", "16520.00")])
    cands = {"subtotal": [money("subtotal", "329,140.00")], "tax": [money("tax", "33,640.00")],
             "total": [money("total", "32,780.00")]}
    # When the totals are chosen
    choose_totals(ex, cands)
    # Then the repaired values win because they add up
    assert ex.fields["subtotal"].normalized == "29140.00"
    assert ex.fields["tax"].normalized == "3640.00"
    assert ex.fields["total"].normalized == "32780.00"


def test_born_digital_totals_are_never_repaired():
    ex = Extraction(sources=["pdf"], line_items=[line("10", "2914.00", "29140.00")])
    choose_totals(ex, {"subtotal": [money("subtotal", "329,140.00")], "total": [money("total", "32,780.00")]})
    assert ex.fields["subtotal"].normalized == "329140.00"


def test_sign_variants_leave_short_numbers_alone():
    assert sign_variants([money("tax", "8.50")]) == []
