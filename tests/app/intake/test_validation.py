"""Each exception code, and the automation decision built on them (pure logic)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from app.intake.validation import LineFacts, OrderFacts, ProductFacts, decide, validate

BOLT = ProductFacts("HB-1240", "EA", 1, True)
WASHERS = ProductFacts("WS-12", "EA", 100, True)


def line(**kw) -> LineFacts:
    base = dict(quantity=D("40"), unit="EA", unit_price=D("0.85"), amount=D("34.00"), product=BOLT,
                match_score=1.0, match_reason="sku", expected_price=D("0.85"), confidence=0.95)
    return LineFacts(**(base | kw))


def clean(**kw) -> OrderFacts:
    base = dict(customer_known=True, customer_score=0.97, po_number="4500012345", order_date=date(2024, 3, 5),
                requested_date=date(2024, 3, 20), ship_to="1200 Commerce St, Dallas", subtotal=D("34.00"),
                total=D("34.00"), confidences={"po_number": 0.95, "total": 0.9}, lines=[line()],
                today=date(2024, 3, 6))
    return OrderFacts(**(base | kw))


def codes(facts: OrderFacts) -> list[str]:
    return [i.code for i in validate(facts)]


def test_a_clean_po_has_no_issues():
    assert codes(clean()) == []


@pytest.mark.parametrize("facts,code", [
    pytest.param(clean(customer_known=False), "unknown_customer", id="unknown-customer"),
    pytest.param(clean(customer_score=0.6), "uncertain_customer", id="uncertain-customer"),
    pytest.param(clean(sender_trusted=False), "untrusted_sender", id="untrusted-sender"),
    pytest.param(clean(lines=[line(product=None)]), "unknown_sku", id="unknown-sku"),
    pytest.param(clean(lines=[line(product=replace(BOLT, active=False))]), "inactive_sku", id="inactive-sku"),
    pytest.param(clean(lines=[line(match_score=0.5)]), "uncertain_sku", id="uncertain-sku"),
    pytest.param(clean(confidences={"po_number": 0.4}), "low_confidence", id="low-confidence-field"),
    pytest.param(clean(lines=[line(confidence=0.3)]), "low_confidence", id="low-confidence-line"),
    pytest.param(clean(lines=[line(product=WASHERS, quantity=D("150"), unit_price=D("0.04"), amount=D("6.00"),
                                   expected_price=D("0.04"))], subtotal=D("6.00"), total=D("6.00")),
                 "pack_size_multiple", id="not-a-pack-multiple"),
    pytest.param(clean(lines=[line(unit="kg")]), "unit_mismatch", id="a-unit-that-cannot-be-converted"),
    pytest.param(clean(lines=[line(unit_price=D("0.95"), amount=D("38.00"))], subtotal=D("38.00"), total=D("38.00")),
                 "price_mismatch", id="price-off-list"),
    pytest.param(clean(lines=[line(amount=D("35.00"))], subtotal=D("35.00"), total=D("35.00")),
                 "line_amount_mismatch", id="line-amount"),
    pytest.param(clean(subtotal=D("40.00")), "total_mismatch", id="lines-vs-subtotal"),
    pytest.param(clean(subtotal=None, total=D("50.00")), "total_mismatch", id="lines-vs-total"),
    pytest.param(clean(duplicate_order="SO-000007"), "duplicate_po", id="duplicate-po"),
    pytest.param(clean(ship_to=None), "missing_ship_to", id="missing-ship-to"),
    pytest.param(clean(requested_date=None), "missing_required_date", id="missing-date"),
    pytest.param(clean(requested_date=date(2024, 3, 6), lead_days=5), "date_too_early", id="date-too-early"),
    pytest.param(clean(doc_type="invoice"), "not_a_po", id="an-invoice"),
    pytest.param(clean(po_number=None), "missing_po_number", id="missing-po-number"),
    pytest.param(clean(lines=[line(quantity=D("0"))]), "invalid_quantity", id="zero-quantity"),
    pytest.param(clean(lines=[]), "no_line_items", id="no-lines"),
])
def test_each_problem_has_its_own_code(facts, code):
    assert code in codes(facts)


@pytest.mark.parametrize("uom, unit", [("PR", "PR"), ("PR", "pairs"), ("RL", "Roll"), ("M", "m"), ("SET", "kit")])
def test_units_of_their_own_are_not_pack_problems(uom, unit):
    """Pairs, rolls and units we have no word for, ordered in the product's own unit, are fine."""
    gloves = ProductFacts("GL-8", uom, 1, True)
    assert codes(clean(lines=[line(product=gloves, unit=unit)])) == []


def test_a_box_of_100_is_a_pack_multiple_and_priced_per_box():
    facts = clean(lines=[line(product=WASHERS, quantity=D("2"), unit="box of 100", unit_price=D("4.00"),
                              amount=D("8.00"), expected_price=D("4.00"))], subtotal=D("8.00"), total=D("8.00"))
    assert codes(facts) == []


def test_tax_and_shipping_complete_the_total():
    assert codes(clean(tax=D("2.81"), shipping=D("5.00"), total=D("41.81"))) == []


@pytest.mark.parametrize("level,facts,touchless", [
    pytest.param("never", clean(), False, id="never-even-when-clean"),
    pytest.param("confident", clean(), True, id="confident-and-clean"),
    pytest.param("confident", clean(confidences={"po_number": 0.5}), False, id="confident-but-unsure"),
    pytest.param("always", clean(confidences={"po_number": 0.5}), True, id="always-overlooks-confidence"),
    pytest.param("always", clean(lines=[line(product=None)]), False, id="always-stops-at-validation"),
    pytest.param("confident", clean(ship_to=None), True, id="a-warning-does-not-block"),
])
def test_the_automation_decision(level, facts, touchless):
    assert decide(level, validate(facts)) is touchless


def test_a_weakly_matched_product_raises_no_pack_unit_or_price_noise():
    """A 31 % guess (an unknown customer's line against some catalogue item) is uncertain, and its
    pack size, unit and list price say nothing about the line: only the uncertainty is reported."""
    weak = line(product=WASHERS, match_score=0.31, quantity=D("1.6"), unit="kg", unit_price=D("13.00"),
                amount=D("20.80"), expected_price=D("1.00"))
    codes = {i.code for i in validate(clean(lines=[weak], subtotal=D("20.80"), total=D("20.80")))}
    assert "uncertain_sku" in codes
    assert not codes & {"pack_size_multiple", "unit_mismatch", "price_mismatch"}
    sure = replace(weak, match_score=1.0)  # once the clerk confirms the product, they count again
    assert {"unit_mismatch", "price_mismatch"} <= {i.code for i in validate(clean(lines=[sure], subtotal=D("20.80"),
                                                                                   total=D("20.80")))}
