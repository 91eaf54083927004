"""The one ship-to of an order and the gate an email-body order passes to be created untouched:
pure functions, values in, values out (issue #12)."""
from __future__ import annotations

import pytest

from app.intake.body_orders import body_order_issues
from app.intake.shipto import on_file_addresses, resolve

ACME = ("Acme Industrial - Dallas DC, 4400 Irving Blvd, Dallas, TX 75247, USA;"
        "Acme Industrial - Houston, 9000 Clinton Dr, Houston, TX 77029, USA")
HOUSTON = "Acme Industrial - Houston, 9000 Clinton Dr, Houston, TX 77029, USA"


@pytest.mark.parametrize("written, address, on_file", [
    pytest.param(None, "Acme Industrial - Dallas DC, 4400 Irving Blvd, Dallas, TX 75247, USA", True,
                 id="none-written-first-on-file"),
    pytest.param("Houston", HOUSTON, True, id="a-site-name"),
    pytest.param("Houston (9000 Clinton Dr)", HOUSTON, True, id="site-and-street"),
    pytest.param("Acme Industrial - Houston\n9000 Clinton Dr\nHouston, TX 77029".replace("\n", ", "), HOUSTON, True,
                 id="the-address-as-typed"),
    pytest.param("Job site, 77 Rig Road, Odessa, TX 79761", "Job site, 77 Rig Road, Odessa, TX 79761", False,
                 id="one-off"),
    pytest.param("Acme Industrial", "Acme Industrial", False, id="names-both-addresses-kept-as-written"),
])
def test_one_address(written, address, on_file):
    got = resolve(written, on_file_addresses(ACME))
    assert (got.address, got.on_file) == (address, on_file)
    assert ";" not in (got.address or "")


def test_no_addresses_on_file_and_none_written():
    assert resolve(None, []).address is None


def line(score=1.0, runner_up=None, quantity_confidence=0.9, rule="email:line", sku=None):
    candidates = [{"id": 2, "sku": "X-2", "score": runner_up}] if runner_up is not None else []
    return {"sku": sku, "description": "hex nuts", "our_sku": "X-1", "quantity": "4",
            "match": {"score": score, "reason": "r", "candidates": candidates},
            "source": {"quantity_confidence": quantity_confidence, "rule": rule}}


@pytest.mark.parametrize("data, fields, expected", [
    pytest.param({"line_items": [line()]}, {}, [], id="clear"),
    pytest.param({"line_items": [line(score=0.8)]}, {}, ["uncertain_sku"], id="low-score"),
    pytest.param({"line_items": [line(score=0.92, runner_up=0.91)]}, {}, ["uncertain_sku"], id="no-margin"),
    pytest.param({"line_items": [line(quantity_confidence=0.3)]}, {}, ["ambiguous_quantity"], id="two-readings"),
    pytest.param({"line_items": [line()]}, {"references_order": {"value": "LFO-2291", "rule": "email:reorder"}},
                 ["reorder_reference"], id="reorder"),
    pytest.param({"line_items": [line()]}, {"references_order": {"value": "as quoted", "rule": "email:quote"}},
                 ["quote_reference"], id="quote"),
    pytest.param({"line_items": [line()], "ship_to": "77 Rig Road", "ship_to_one_off": True}, {},
                 ["one_off_ship_to"], id="one-off-address"),
    pytest.param({"line_items": [line(rule="email:qty_unit_of")]}, {}, ["line_in_prose"], id="words-out-of-a-sentence"),
    pytest.param({"line_items": [line(rule="email:qty_x_sku", sku="HB-1240")]}, {}, [], id="a-code-in-a-sentence"),
])
def test_what_keeps_an_email_body_order_from_going_through_untouched(data, fields, expected):
    issues = body_order_issues(data, fields)
    assert [i.code for i in issues] == expected
    assert all(i.blocking and i.kind == "validation" for i in issues)  # "always" automation cannot skip them


def test_a_line_that_looks_like_an_order_line_but_was_not_read_keeps_the_order_for_a_clerk():
    issues = body_order_issues({"line_items": [line()]}, {}, ["unread_line: '- 3 x the blue ones, like last time'"])
    assert [i.code for i in issues] == ["unread_line"] and "blue ones" in issues[0].message
