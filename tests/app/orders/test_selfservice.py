"""Customer self-service through a signed link: my orders by PO, shipments with tracking,
invoice PDFs, a return request; another customer's ids answer 404; bad or expired links 401."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.orders import selfservice
from tests.app.helpers import key_headers
from tests.app.scenarios import invoiced_order, new_order, seed


@pytest.fixture
def two_customers(session):
    ids = seed(session)
    mine, inv = invoiced_order(session, po="PO-MINE")
    theirs = new_order(session, customer="KEY", po="PO-THEIRS")
    return {"acme": ids["acme"].id, "key": ids["key"].id, "mine": mine, "inv": inv, "theirs": theirs}


def _link(client, customer_id, days=7):
    clerk = key_headers(client.app.state.settings, "clerk", user="carla")
    r = client.post(f"/api/v1/customers/{customer_id}/portal-link", json={"days": days}, headers=clerk)
    assert r.status_code == 201
    return r.json()["token"]


def test_tokens_are_signed_and_expire():
    key = b"k" * 32
    now = datetime(2026, 1, 1, tzinfo=UTC)
    token = selfservice.make_token(key, 7, now + timedelta(days=1))
    assert selfservice.verify_token(key, token, now) == 7
    forged = token.replace("7.", "8.", 1)
    with pytest.raises(selfservice.BadToken) as bad:
        selfservice.verify_token(key, forged, now)
    assert bad.value.code == "invalid_link"
    with pytest.raises(selfservice.BadToken) as old:
        selfservice.verify_token(key, token, now + timedelta(days=2))
    assert old.value.code == "link_expired"


def test_a_customer_sees_status_tracking_and_invoice_of_their_po(client, two_customers):
    token = _link(client, two_customers["acme"])
    (order,) = client.get(f"/api/v1/portal/{token}/orders", params={"po": "PO-MINE"}).json()
    assert order["state"] == "invoiced" and order["shipments"][0]["tracking_number"] == "1Z999"
    pdf = client.get(order["invoices"][0]["pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert [o["po_number"] for o in client.get(f"/api/v1/portal/{token}/orders").json()] == ["PO-MINE"]
    page = client.get(f"/portal/{token}")
    assert page.status_code == 200 and "PO-MINE" in page.text and "PO-THEIRS" not in page.text


def test_another_customers_ids_are_not_found(client, two_customers):
    token = _link(client, two_customers["acme"])
    theirs = two_customers["theirs"].id
    assert client.get(f"/api/v1/portal/{token}/orders/{theirs}").status_code == 404
    assert client.post(f"/api/v1/portal/{token}/orders/{theirs}/returns", json={"lines": {"1": 1}}).status_code == 404
    their_token = _link(client, two_customers["key"])
    assert client.get(f"/api/v1/portal/{their_token}/invoices/{two_customers['inv'].id}.pdf").status_code == 404
    assert client.get(f"/api/v1/portal/{their_token}/orders", params={"po": "PO-MINE"}).json() == []


def test_a_customer_requests_a_return(client, two_customers):
    token = _link(client, two_customers["acme"])
    mine = two_customers["mine"].id
    r = client.post(f"/api/v1/portal/{token}/orders/{mine}/returns", json={"lines": {"1": 2}, "reason": "damaged"})
    assert r.status_code == 201 and r.json()["status"] == "requested"
    assert client.get(f"/api/v1/portal/{token}/orders/{mine}").json()["returns"][0]["status"] == "requested"
    too_many = client.post(f"/api/v1/portal/{token}/orders/{mine}/returns", json={"lines": {"1": 99}})
    assert too_many.status_code in (409, 422) and too_many.json()["error"]["code"] == "over_return"


def test_a_tampered_link_is_refused(client, two_customers):
    token = _link(client, two_customers["acme"])
    _cid, exp, mac = token.split(".")
    forged = f"{two_customers['key']}.{exp}.{mac}"
    r = client.get(f"/api/v1/portal/{forged}/orders")
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_link"


def test_only_clerks_and_finance_make_links(client, settings, two_customers):
    path = f"/api/v1/customers/{two_customers['acme']}/portal-link"
    for who in (key_headers(settings, "warehouse"), key_headers(settings, "customer", two_customers["acme"])):
        r = client.post(path, json={"days": 1}, headers=who)
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert client.post(path, json={"days": 1}, headers=key_headers(settings, "finance")).status_code == 201
