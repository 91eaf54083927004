"""PO fields from email text: PO number, dates resolved against the day the email
came, order lines, ship-to; each field with a confidence, a rule and a box."""
from __future__ import annotations

import json
from datetime import date

import pytest

from extractors.email.body.dates import find_dates
from extractors.email.body.extract import extract_from_text
from extractors.email.extract import extract_email
from extractors.email.message.parse import parse_email
from tests.helpers import SAMPLES

EMAILS = SAMPLES / "emails"
MONDAY = date(2024, 3, 4)
DALLAS = ("Hi, please send 40 x HB-1240 and 2 boxes of the 12mm washers to our Dallas site "
          "by the 14th. PO 77812.")


def lines(ex) -> list[dict]:
    return ex.to_result()["line_items"]


def test_the_dallas_example():
    ex = extract_from_text(DALLAS, received=MONDAY)
    assert ex.value("po_number") == "77812"
    assert ex.value("requested_delivery_date") == "2024-03-14"
    assert "Dallas" in ex.value("ship_to")
    assert lines(ex) == [
        {"sku": "HB-1240", "quantity": "40"},
        {"description": "12mm washers", "quantity": "2", "unit": "box"},
    ]


def test_fields_carry_page_box_confidence_and_rule():
    ex = extract_from_text(DALLAS, received=MONDAY)
    po = ex.fields["po_number"]
    assert po.page == 1 and po.rule == "email:po_label" and 0.5 < po.confidence <= 1
    col = DALLAS.index("77812")
    assert po.bbox[0] == col * 6.0 and po.bbox[1] == 0.0
    item = ex.line_items[0]
    assert item.page == 1 and item.bbox is not None and item.quantity.rule == "email:qty_x_sku"
    assert ex.page_count == 1 and ex.sources == ["email"]


def test_second_line_boxes_point_at_the_second_row():
    ex = extract_from_text("Hello,\nPO 123456 please.", received=MONDAY)
    assert ex.fields["po_number"].bbox[1] == 12.0


@pytest.mark.parametrize("text, po", [
    pytest.param("PO 77812", "77812", id="po-space"),
    pytest.param("our PO# A-1234 is attached", "A-1234", id="po-hash-letters"),
    pytest.param("P.O. No.: 4500012345", "4500012345", id="p-o-no"),
    pytest.param("Purchase Order 98-7765 for March", "98-7765", id="purchase-order"),
    pytest.param("order number 4500012345", "4500012345", id="order-number"),
    pytest.param("Bestellnummer: 112233", "112233", id="german"),
    pytest.param("Send it to PO Box 55, Leeds", None, id="po-box-is-not-a-po"),
    pytest.param("Please send 40 x HB-1240", None, id="none"),
])
def test_po_number(text, po):
    assert extract_from_text(text, received=MONDAY).value("po_number") == po


@pytest.mark.parametrize("phrase, expected", [
    pytest.param("by Friday", "2024-03-08", id="weekday"),
    pytest.param("next Tuesday", "2024-03-12", id="next-weekday"),
    pytest.param("on the 3rd", "2024-04-03", id="ordinal-past-rolls-to-next-month"),
    pytest.param("by the 14th", "2024-03-14", id="ordinal-this-month"),
    pytest.param("by March 5", "2024-03-05", id="month-day"),
    pytest.param("by 5th of March 2024", "2024-03-05", id="day-of-month-year"),
    pytest.param("by 05/03/2024", "2024-03-05", id="ambiguous-numeric-nearest"),
    pytest.param("by 03/15/2024", "2024-03-15", id="us-numeric"),
    pytest.param("by 12.03.2024", "2024-03-12", id="dotted-day-first"),
    pytest.param("delivery date 2024-03-28", "2024-03-28", id="iso"),
    pytest.param("within 3 business days", "2024-03-07", id="business-days"),
    pytest.param("by tomorrow", "2024-03-05", id="tomorrow"),
    pytest.param("by the end of the month", "2024-03-31", id="end-of-month"),
])
def test_requested_date_resolved_against_received(phrase, expected):
    ex = extract_from_text(f"Please send 40 x HB-1240 {phrase}.", received=MONDAY)
    assert ex.value("requested_delivery_date") == expected


def test_date_without_a_delivery_cue_is_not_a_requested_date():
    ex = extract_from_text("We spoke on the phone about March 5 last year.", received=MONDAY)
    assert ex.value("requested_delivery_date") is None


def test_order_date_needs_its_own_cue():
    ex = extract_from_text("PO 5566 dated 2024-03-01, deliver by 2024-03-20.", received=MONDAY)
    assert ex.value("order_date") == "2024-03-01"
    assert ex.value("requested_delivery_date") == "2024-03-20"


def test_weekday_before_an_explicit_date_is_one_date():
    (d,) = find_dates("Monday, March 11th, 2024", MONDAY)
    assert d.value == date(2024, 3, 11)


@pytest.mark.parametrize("text, expected", [
    pytest.param("HB-1240 qty 40", [{"sku": "HB-1240", "quantity": "40"}], id="sku-qty"),
    pytest.param("please send 100 pcs of M8 nuts",
                 [{"description": "M8 nuts", "quantity": "100", "unit": "pcs"}], id="pcs-of"),
    pytest.param("- 25 pcs WS-12 washer\n- 10 x HB-1240 hex bolt\n* 3 boxes M8 nuts", [
        {"sku": "WS-12", "description": "washer", "quantity": "25", "unit": "pcs"},
        {"sku": "HB-1240", "description": "hex bolt", "quantity": "10"},
        {"description": "M8 nuts", "quantity": "3", "unit": "box"}], id="bullets"),
    pytest.param("HB-1240 - Hex bolt M12x40: 40",
                 [{"sku": "HB-1240", "description": "Hex bolt M12x40", "quantity": "40"}],
                 id="sku-desc-qty-line"),
    pytest.param("Item      Description       Qty   Price   Total\n"
                 "HB-1240   Hex bolt M12x40   40    0.85    34.00", [
                     {"sku": "HB-1240", "description": "Hex bolt M12x40", "quantity": "40",
                      "unit_price": "0.85", "amount": "34.00"}], id="table-with-header"),
    pytest.param("HB-1240 | Hex bolt | 40 | pcs",
                 [{"sku": "HB-1240", "description": "Hex bolt", "quantity": "40", "unit": "pcs"}],
                 id="pipe-table"),
    pytest.param("a dozen of your blue pallets",
                 [{"description": "blue pallets", "quantity": "12"}], id="a-dozen"),
    pytest.param("We have 2 sites in Texas and 40 employees.", [], id="numbers-that-are-not-items"),
])
def test_order_lines(text, expected):
    assert lines(extract_from_text(text, received=MONDAY)) == expected


def test_table_amounts_are_cross_checked():
    text = ("Item   Description   Qty   Price   Total\nAB-100   Widget   4   2.50   10.00\n"
            "AB-200   Gadget   2   1.00   3.00\n")
    ex = extract_from_text(text, received=MONDAY)
    assert ex.checks == {"line_amounts": False}


@pytest.mark.parametrize("text, ship_to", [
    pytest.param("Ship to: Acme, 1 Main St, Dallas TX", "Acme, 1 Main St, Dallas TX", id="label-inline"),
    pytest.param("Deliver to:\nBuildCo Ltd\n14 Harbour Road\nLeeds LS1 4AP\n\nThanks",
                 "BuildCo Ltd, 14 Harbour Road, Leeds LS1 4AP", id="label-block"),
    pytest.param("Send 4 x HB-1240. Deliver to: 5 Main Road, Leeds", "5 Main Road, Leeds",
                 id="label-mid-line"),
    pytest.param("send 4 x HB-1240 to our Fort Worth warehouse", "Fort Worth warehouse", id="site"),
    pytest.param("send 4 x HB-1240 to the address below:\nUnit 7\nPort Road\n", "Unit 7, Port Road",
                 id="address-below"),
    pytest.param("send 4 x HB-1240 asap", None, id="none"),
])
def test_ship_to(text, ship_to):
    assert extract_from_text(text, received=MONDAY).value("ship_to") == ship_to


def test_empty_text_gives_an_empty_extraction():
    ex = extract_from_text("", received=MONDAY)
    assert ex.fields == {} and ex.line_items == []


PO_EMAILS = sorted(p.name for p in EMAILS.glob("po-in-body-*.eml"))


@pytest.mark.parametrize("name", PO_EMAILS)
def test_sample_po_emails_match_their_truth(name):
    truth = json.loads((EMAILS / f"{name}.truth.json").read_text(encoding="utf-8"))
    result = extract_email(parse_email((EMAILS / name).read_bytes())).to_result()
    for key in ("po_number", "requested_delivery_date", "ship_to"):
        assert result[key] == truth.get(key), key
    got = [(li.get("sku"), li.get("quantity")) for li in result["line_items"]]
    assert got == [(li.get("sku"), li["quantity"]) for li in truth["line_items"]]


def test_po_number_falls_back_to_the_subject():
    raw = (b"From: a@b.example\nSubject: Purchase order 4500099\nDate: Mon, 04 Mar 2024 09:00:00 +0000\n"
           b"\nPlease send 4 x HB-1240 by Friday.\n")
    ex = extract_email(parse_email(raw))
    assert ex.value("po_number") == "4500099"
    assert ex.fields["po_number"].rule == "email:subject_po"
    assert ex.value("requested_delivery_date") == "2024-03-08"


@pytest.mark.parametrize("text, expected", [
    pytest.param("2x Pump seal kit PS-220", [
        {"sku": "PS-220", "description": "Pump seal kit", "quantity": "2"}], id="2x-desc-with-code"),
    pytest.param("15 ea. Filter cartridge FC-10", [
        {"sku": "FC-10", "description": "Filter cartridge", "quantity": "15", "unit": "ea"}],
        id="unit-with-dot-desc-code"),
    pytest.param("we'd like 500 units of SKU 88-1002 (blue caps)", [
        {"sku": "88-1002", "description": "blue caps", "quantity": "500", "unit": "pcs"}],
        id="units-of-sku-label"),
    pytest.param("Bitte 100 Stk. Schrauben M6x20 (Art.-Nr. 4711-620), 50 Stk. Muttern M6.", [
        {"sku": "4711-620", "description": "Schrauben M6x20", "quantity": "100", "unit": "pcs"},
        {"description": "Muttern M6", "quantity": "50", "unit": "pcs"}], id="german-stk-art-nr"),
    pytest.param("Please add 12 more HB-1240 to the order", [
        {"sku": "HB-1240", "quantity": "12"}], id="qty-more-sku"),
    pytest.param("Item: HB-1240\nQty: 40\nItem: WS-12\nQty: 100", [
        {"sku": "HB-1240", "quantity": "40"}, {"sku": "WS-12", "quantity": "100"}],
        id="item-qty-pairs"),
    pytest.param("1) Hex bolt M12x40, part no. HB-1240 - 40 pcs", [
        {"sku": "HB-1240", "description": "Hex bolt M12x40", "quantity": "40", "unit": "pcs"}],
        id="desc-part-no-qty-unit-line"),
])
def test_more_order_line_phrasings(text, expected):
    assert lines(extract_from_text(text, received=MONDAY)) == expected


@pytest.mark.parametrize("text, field, expected", [
    pytest.param("Our purchase order number is 4711-22.", "po_number", "4711-22", id="po-number-is"),
    pytest.param("PO ref: ACME-PO-5521", "po_number", "ACME-PO-5521", id="po-ref"),
    pytest.param("please deliver to 45 Industrial Way, Reno, NV 89502 by 3/22.", "ship_to",
                 "45 Industrial Way, Reno, NV 89502", id="deliver-to-street-address"),
    pytest.param("please deliver to 45 Industrial Way, Reno, NV 89502 by 3/22.",
                 "requested_delivery_date", "2024-03-22", id="short-us-date"),
    pytest.param("ship the items to our warehouse in Houston", "ship_to", "warehouse in Houston",
                 id="warehouse-in-city"),
    pytest.param("send 10 x pipe HB-1240 for 1/2 inch fittings", "requested_delivery_date", None,
                 id="fraction-is-not-a-date"),
    pytest.param("deliver on the 3rd floor please", "requested_delivery_date", None,
                 id="floor-is-not-a-date"),
])
def test_more_header_phrasings(text, field, expected):
    assert extract_from_text(text, received=MONDAY).value(field) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("please supply BV-050 ball valve x 20", [
        {"sku": "BV-050", "description": "ball valve", "quantity": "20"}], id="sku-desc-x-qty"),
    pytest.param("Qty: 5, Part: FL-330 (air filter)", [
        {"sku": "FL-330", "description": "air filter", "quantity": "5"}], id="qty-label-then-part"),
    pytest.param("  HB-1240   Hex bolt M12x40   qty 400   @ 0.85   = 340.00", [
        {"sku": "HB-1240", "description": "Hex bolt M12x40", "quantity": "400",
         "unit_price": "0.85", "amount": "340.00"}], id="labelled-cells-qty-at-equals"),
    pytest.param("change SKU LT-77 to 30 units. Everything else stays the same.", [
        {"sku": "LT-77", "quantity": "30", "unit": "pcs"}], id="change-sku-to-qty"),
    pytest.param("deliver 1,200 units of BR-220 bracket", [
        {"sku": "BR-220", "description": "bracket", "quantity": "1200", "unit": "pcs"}],
        id="thousands-separator"),
    pytest.param("60 pcs of hex nut M10 (HN-M10)", [
        {"sku": "HN-M10", "description": "hex nut M10", "quantity": "60", "unit": "pcs"}],
        id="bracketed-code-after-line"),
])
def test_order_line_phrasings_from_held_out_emails(text, expected):
    assert lines(extract_from_text(text, received=MONDAY)) == expected


@pytest.mark.parametrize("text, expected", [
    pytest.param("* 4 x GR-115 grinding disc\n* 1 first aid kit", [
        {"sku": "GR-115", "description": "grinding disc", "quantity": "4"},
        {"description": "first aid kit", "quantity": "1"}], id="bullet-without-unit-or-code"),
    pytest.param("pls send 10 reams of A4 copy paper + 2 toner cartridges TN-243", [
        {"description": "A4 copy paper", "quantity": "10", "unit": "ream"},
        {"sku": "TN-243", "description": "toner cartridges", "quantity": "2"}], id="plus-and-words-before-code"),
    pytest.param("wir bestellen 500 Stück Kabelbinder KB-300 und 20 Rollen Isolierband IB-19.", [
        {"sku": "KB-300", "description": "Kabelbinder", "quantity": "500", "unit": "pcs"},
        {"sku": "IB-19", "description": "Isolierband", "quantity": "20", "unit": "roll"}],
        id="german-und"),
    pytest.param("PO 5566 dated 2024-03-01", [], id="date-is-not-an-item-code"),
])
def test_order_line_phrasings_from_a_fourth_held_out_set(text, expected):
    assert lines(extract_from_text(text, received=MONDAY)) == expected
