"""The lifecycle through the HTTP API: happy path, refusal codes, version checks, PDF download."""
from __future__ import annotations

import io
from decimal import Decimal
from types import SimpleNamespace

import pypdfium2
import pytest
from sqlmodel import Session

from app.core.db import get_engine
from tests.app.helpers import key_headers
from tests.app.scenarios import seed

ORDER = {"customer_code": "ACME", "po_number": "PO-77",
         "lines": [{"sku": "HB-1240", "quantity": 10, "unit_price": "2.50"}]}


def _seed(settings, **kw):
    with Session(get_engine(settings.db_url), expire_on_commit=False) as s:
        seed(s, **kw)


@pytest.fixture
def k(settings):
    """One API key per person: carla (clerk), walt (warehouse), fiona (finance), cris (credit)."""
    return SimpleNamespace(clerk=key_headers(settings, "clerk", user="carla"),
                           wh=key_headers(settings, "warehouse", user="walt"),
                           fin=key_headers(settings, "finance", user="fiona"),
                           credit=key_headers(settings, "credit", user="cris"))


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_an_api_client_takes_an_order_to_paid_and_downloads_the_invoice(client, settings, k):
    _seed(settings)
    r = client.post("/api/v1/orders", json=ORDER, headers={**k.clerk, "Idempotency-Key": "k1"})
    assert r.status_code == 201, r.text
    oid = r.json()["id"]
    again = client.post("/api/v1/orders", json=ORDER, headers={**k.clerk, "Idempotency-Key": "k1"})
    assert again.status_code == 201 and again.json()["id"] == oid
    assert client.post(f"/api/v1/orders/{oid}/validate", headers=k.clerk).json()["order"]["state"] == "credit_approved"
    assert client.post(f"/api/v1/orders/{oid}/allocate", json={"rule": "fifo"}, headers=k.wh).status_code == 200
    client.post(f"/api/v1/orders/{oid}/pick", json={}, headers=k.wh)
    client.post(f"/api/v1/orders/{oid}/pack", json={}, headers=k.wh)
    r = client.post(f"/api/v1/orders/{oid}/ship", json={"carrier": "UPS", "tracking_number": "1Z9"}, headers=k.wh)
    assert r.json()["order"]["state"] == "shipped" and r.json()["shipment"]["tracking_number"] == "1Z9"
    r = client.post(f"/api/v1/orders/{oid}/invoice", json={}, headers=k.fin)
    inv = r.json()["invoices"][0]
    assert inv["total"] == "25.00" and inv["status"] == "open" and inv["accuracy_problems"] == []
    pdf = client.get(f"/api/v1/invoices/{inv['id']}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert inv["number"] in _pdf_text(pdf.content)
    pay = {"invoice_number": inv["number"], "amount": "10"}
    r = client.post("/api/v1/payments", json=pay, headers={**k.fin, "Idempotency-Key": "pay-1"})
    assert r.status_code == 201 and r.json()["invoice"]["status"] == "partially_paid"
    retry = client.post("/api/v1/payments", json=pay, headers={**k.fin, "Idempotency-Key": "pay-1"})
    assert retry.json()["payment"]["id"] == r.json()["payment"]["id"]
    order = client.get(f"/api/v1/orders/{oid}").json()
    assert order["state"] == "partially_paid" and order["payment_status"] == "partially_paid"
    csv_text = f"invoice_number,amount,reference\n{inv['number']},15,WIRE-2\nINV-NOPE,3,x\n"
    r = client.post("/api/v1/payments/import", content=csv_text, headers={**k.fin, "Content-Type": "text/csv"})
    assert len(r.json()["recorded"]) == 1 and r.json()["errors"][0]["code"] == "invoice_not_found"
    assert client.post(f"/api/v1/orders/{oid}/close", json={}, headers=k.fin).json()["order"]["state"] == "closed"
    types = [e["type"] for e in client.get(f"/api/v1/orders/{oid}/events").json()]
    assert types[-3:] == ["payment_received", "payment_received", "closed"]


def test_refusals_answer_with_stable_codes(client, settings, k):
    _seed(settings)
    oid = client.post("/api/v1/orders", json=ORDER, headers=k.clerk).json()["id"]
    r = client.post(f"/api/v1/orders/{oid}/ship", json={"carrier": "UPS", "tracking_number": "1"}, headers=k.wh)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "transition_not_allowed")
    r = client.post(f"/api/v1/orders/{oid}/pick", json={}, headers=k.fin)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden")
    r = client.post(f"/api/v1/orders/{oid}/validate", headers={**k.clerk, "If-Match": "7"})
    assert (r.status_code, r.json()["error"]["code"]) == (409, "version_mismatch")
    r = client.post("/api/v1/orders", json=ORDER, headers=k.clerk)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "duplicate_po")
    assert client.get("/api/v1/invoices/999").json()["error"]["code"] == "invoice_not_found"


def test_credit_hold_is_released_by_someone_else_with_the_credit_role(client, settings, k):
    _seed(settings, limit="10")
    oid = client.post("/api/v1/orders", json=ORDER, headers=k.clerk).json()["id"]
    r = client.post(f"/api/v1/orders/{oid}/validate", json={"version": 1}, headers=k.clerk)
    assert r.json()["order"]["state"] == "credit_hold"
    carla_credit = key_headers(settings, "credit", user="carla")
    r = client.post(f"/api/v1/orders/{oid}/release-credit", json={}, headers=carla_credit)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "segregation_of_duties")
    r = client.post(f"/api/v1/orders/{oid}/release-credit", json={}, headers=k.clerk)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden")
    r = client.post(f"/api/v1/orders/{oid}/release-credit", json={"note": "ok"}, headers=k.credit)
    assert r.status_code == 200 and r.json()["order"]["state"] == "credit_approved"


def test_stock_arriving_through_the_api_fills_a_backorder(client, settings, k):
    _seed(settings, stock=4)
    oid = client.post("/api/v1/orders", json={**ORDER, "validate_now": True}, headers=k.clerk).json()["id"]
    r = client.post(f"/api/v1/orders/{oid}/allocate", json={}, headers=k.wh)
    assert r.json()["order"]["fulfilment_status"] == "backordered"
    r = client.post("/api/v1/stock/receive", json={"warehouse": "DAL", "sku": "HB-1240", "quantity": 10}, headers=k.wh)
    assert r.json()["allocated_to"][0]["order_id"] == oid and Decimal(r.json()["allocated_to"][0]["quantity"]) == 6
    assert client.get(f"/api/v1/orders/{oid}").json()["state"] == "allocated"


def _shipped_via_api(client, k, order=ORDER):
    oid = client.post("/api/v1/orders", json={**order, "validate_now": True}, headers=k.clerk).json()["id"]
    client.post(f"/api/v1/orders/{oid}/allocate", json={}, headers=k.wh)
    client.post(f"/api/v1/orders/{oid}/pick", json={}, headers=k.wh)
    client.post(f"/api/v1/orders/{oid}/pack", json={}, headers=k.wh)
    r = client.post(f"/api/v1/orders/{oid}/ship", json={"carrier": "FedEx", "tracking_number": "7712"}, headers=k.wh)
    return oid, r.json()["shipment"]["id"]


def test_returns_corrections_and_delivery_through_the_api(client, settings, k):
    _seed(settings)
    oid, shipment_id = _shipped_via_api(client, k)
    assert client.post(f"/api/v1/shipments/{shipment_id}/deliver", headers=k.wh).status_code == 200
    inv = client.post(f"/api/v1/orders/{oid}/invoice", json={"per": "shipment"}, headers=k.fin).json()["invoices"][0]
    r = client.post(f"/api/v1/invoices/{inv['id']}/correct", json={"lines": {"1": {"unit_price": "2.40"}}},
                    headers=k.fin)
    assert r.json()["credit_note"]["kind"] == "credit_note" and r.json()["invoice"]["total"] == "24.00"
    new_id = r.json()["invoice"]["id"]
    rma = client.post(f"/api/v1/orders/{oid}/returns", json={"lines": {"1": 2}, "reason": "bent"}, headers=k.clerk)
    rma_id = rma.json()["return"]["id"]
    assert client.post(f"/api/v1/returns/{rma_id}/approve", headers=k.fin).json()["return"]["status"] == "approved"
    r = client.post(f"/api/v1/returns/{rma_id}/receive",
                    json={"lines": {"1": {"quantity": 2, "disposition": "scrap"}}}, headers=k.wh)
    body = r.json()
    assert body["return"]["status"] == "credited" and body["order"]["return_status"] == "credited"
    (note,) = body["credit_notes"]
    assert (note["corrects_invoice_id"], note["total"]) == (new_id, "4.80")
    assert client.get(f"/api/v1/invoices/{new_id}").json()["balance"] == "19.20"
    pdf = client.get(f"/api/v1/invoices/{note['id']}.pdf")
    assert note["number"] in _pdf_text(pdf.content) and "CREDIT NOTE" in _pdf_text(pdf.content)


def test_changes_price_approval_and_cancel_through_the_api(client, settings, k):
    _seed(settings)
    oid = client.post("/api/v1/orders", json={**ORDER, "validate_now": True}, headers=k.clerk).json()["id"]
    r = client.post(f"/api/v1/orders/{oid}/change", json={"quantities": {"1": 12}, "requested_date": "2026-12-24",
                                                           "add_lines": [{"sku": "WS-12", "quantity": 10}]},
                    headers=k.clerk)
    assert [Decimal(li["ordered"]) for li in r.json()["order"]["lines"]] == [12, 10]
    r = client.post(f"/api/v1/orders/{oid}/price-override", json={"line_no": 1, "unit_price": "1.00"}, headers=k.clerk)
    assert r.json()["order"]["hold_status"] == "price_approval"
    r = client.post(f"/api/v1/orders/{oid}/price-override/1/approve", headers=k.clerk)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden")
    r = client.post(f"/api/v1/orders/{oid}/price-override/1/approve", headers=k.fin)
    assert r.json()["order"]["state"] == "credit_approved"
    r = client.post(f"/api/v1/orders/{oid}/cancel", json={"lines": {"2": None}}, headers=k.clerk)
    assert Decimal(r.json()["order"]["lines"][1]["cancelled"]) == 10
    r = client.post(f"/api/v1/orders/{oid}/cancel", json={"reason": "no longer needed"}, headers=k.clerk)
    assert r.json()["order"]["state"] == "cancelled"
    types = [e["type"] for e in client.get(f"/api/v1/orders/{oid}/events").json()]
    assert types.count("changed") == 3 and types[-2:] == ["line_cancelled", "cancelled"]
