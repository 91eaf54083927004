"""Idempotency-Key on every POST: a repeat answers as the first time and creates nothing new,
another body under the same key is refused, a twin still running is not run twice."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import anyio
import pytest
from sqlmodel import Session, func, select
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from app.accounts.service import create_api_key
from app.core.clock import utcnow
from app.core.db import get_engine
from app.core.idempotency import IdempotencyRecord
from app.intake.models import Document
from app.ops import idempotency as idempotency_mw
from app.ops.idempotency import Idempotency
from app.orders.models import Order, Payment, Shipment
from tests.app.scenarios import seed
from tests.pdfs import simple_po

ORDER = {"customer_code": "ACME", "po_number": "PO-IDEM",
         "lines": [{"sku": "HB-1240", "quantity": 10, "unit_price": "2.50"}]}


# --- the middleware around a small app -------------------------------------------


class Things:
    """An app that creates a numbered thing per POST; it can be made to hold or to fail."""

    def __init__(self):
        self.calls: list[bytes] = []
        self.started, self.release = threading.Event(), threading.Event()
        self.release.set()
        self.fail_next = False

    async def create(self, request):
        body = await request.body()
        self.calls.append(body)
        self.started.set()
        await anyio.to_thread.run_sync(self.release.wait)
        if self.fail_next:
            self.fail_next = False
            return JSONResponse({"error": "boom"}, status_code=503)
        return JSONResponse({"thing": len(self.calls)}, status_code=201, headers={"Location": f"/t/{len(self.calls)}"})

    def client(self, settings) -> TestClient:
        app = Starlette(routes=[Route("/things", self.create, methods=["POST"]),
                                Route("/things", lambda r: JSONResponse({"n": len(self.calls)}), methods=["GET"])])
        return TestClient(Idempotency(app, settings))


KEY_A = {"Authorization": "Bearer ak_alice", "Idempotency-Key": "order-1"}


def test_a_repeat_replays_status_body_and_location_without_running_again(settings):
    things = Things()
    with things.client(settings) as c:
        first = c.post("/things", json={"sku": "A"}, headers=KEY_A)
        again = c.post("/things", json={"sku": "A"}, headers=KEY_A)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() == {"thing": 1}
    assert again.headers["location"] == "/t/1" and again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(things.calls) == 1


def test_the_same_key_with_another_body_is_refused(settings):
    things = Things()
    with things.client(settings) as c:
        c.post("/things", json={"sku": "A"}, headers=KEY_A)
        other = c.post("/things", json={"sku": "B"}, headers=KEY_A)
    assert (other.status_code, other.json()["error"]["code"]) == (409, "idempotency_key_reused")
    assert len(things.calls) == 1


def test_keys_are_scoped_by_caller_and_path(settings):
    things = Things()
    with things.client(settings) as c:
        c.post("/things", json={"sku": "A"}, headers=KEY_A)
        bob = c.post("/things", json={"sku": "A"}, headers={**KEY_A, "Authorization": "Bearer ak_bob"})
        anonymous = c.post("/things", json={"sku": "A"}, headers={"Idempotency-Key": "order-1"})
    assert bob.json() == {"thing": 2} and anonymous.json() == {"thing": 3}  # nobody gets another's answer


def test_without_a_key_or_for_other_methods_nothing_is_stored(settings):
    things = Things()
    with things.client(settings) as c:
        c.post("/things", json={"sku": "A"})
        c.post("/things", json={"sku": "A"})
        assert c.get("/things", headers=KEY_A).json() == {"n": 2}
    with Session(get_engine(settings.db_url)) as s:
        assert s.exec(select(func.count()).select_from(IdempotencyRecord)).one() == 0


def test_a_malformed_key_is_refused_with_a_code(settings):
    with Things().client(settings) as c:
        resp = c.post("/things", json={}, headers={"Idempotency-Key": "x" * 201})
    assert (resp.status_code, resp.json()["error"]["code"]) == (400, "invalid_idempotency_key")


def test_a_failed_request_frees_the_key_so_a_retry_runs(settings):
    things = Things()
    things.fail_next = True
    with things.client(settings) as c:
        assert c.post("/things", json={"sku": "A"}, headers=KEY_A).status_code == 503
        retry = c.post("/things", json={"sku": "A"}, headers=KEY_A)
    assert retry.status_code == 201 and "idempotent-replayed" not in retry.headers
    assert len(things.calls) == 2


def test_a_new_multipart_boundary_is_still_the_same_request(settings):
    things = Things()
    files = {"files": ("po.pdf", b"%PDF-1.4 same bytes", "application/pdf")}
    with things.client(settings) as c:
        c.post("/things", files=files, headers=KEY_A)  # httpx picks a random boundary each time
        again = c.post("/things", files=files, headers=KEY_A)
    assert again.headers["idempotent-replayed"] == "true" and len(things.calls) == 1


def test_a_twin_sent_while_the_first_runs_gets_idempotency_in_progress(settings, monkeypatch):
    monkeypatch.setattr(idempotency_mw, "WAIT_SECONDS", 0)
    things = Things()
    things.release.clear()
    with things.client(settings) as c, ThreadPoolExecutor(1) as pool:
        first = pool.submit(c.post, "/things", json={"sku": "A"}, headers=KEY_A)
        assert things.started.wait(30)
        twin = c.post("/things", json={"sku": "A"}, headers=KEY_A)
        things.release.set()
        assert first.result().status_code == 201
        later = c.post("/things", json={"sku": "A"}, headers=KEY_A)
    assert (twin.status_code, twin.json()["error"]["code"]) == (409, "idempotency_in_progress")
    assert "retry-after" in twin.headers
    assert later.json() == {"thing": 1} and len(things.calls) == 1


def test_a_twin_that_waits_gets_the_first_answer(settings):
    things = Things()
    things.release.clear()
    with things.client(settings) as c, ThreadPoolExecutor(2) as pool:
        first = pool.submit(c.post, "/things", json={"sku": "A"}, headers=KEY_A)
        assert things.started.wait(30)
        twin = pool.submit(c.post, "/things", json={"sku": "A"}, headers=KEY_A)
        things.release.set()  # whether the twin is already waiting or not, it must not run
        answers = [first.result(), twin.result()]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json() and len(things.calls) == 1


def test_a_claim_left_by_a_dead_process_is_taken_over(settings):
    things = Things()
    with things.client(settings) as c:
        c.post("/things", json={"sku": "A"}, headers=KEY_A)
        with Session(get_engine(settings.db_url)) as s:  # make it look like the first run never finished
            rec = s.exec(select(IdempotencyRecord)).one()
            rec.status_code, rec.created_at = 0, utcnow() - timedelta(hours=1)
            s.add(rec)
            s.commit()
        retry = c.post("/things", json={"sku": "A"}, headers=KEY_A)
    assert retry.status_code == 201 and len(things.calls) == 2


# --- the service: repeats create nothing new --------------------------------------


@pytest.fixture
def admin(settings) -> dict:
    with Session(get_engine(settings.db_url), expire_on_commit=False) as s:
        seed(s)
        _, key = create_api_key(s, role="admin", name="idempotency tests")
        s.commit()
    return {"Authorization": f"Bearer {key}"}


def _count(settings, model) -> int:
    with Session(get_engine(settings.db_url)) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _twice(client, path: str, key: str, headers: dict, **kw):
    first = client.post(path, headers={**headers, "Idempotency-Key": key}, **kw)
    again = client.post(path, headers={**headers, "Idempotency-Key": key}, **kw)
    assert first.status_code < 300, first.text
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again.headers.get("idempotent-replayed") == "true"
    return first


def test_repeating_a_create_order_makes_one_order(client, settings, admin):
    first = _twice(client, "/api/v1/orders", "ord-1", admin, json=ORDER)
    assert first.status_code == 201 and _count(settings, Order) == 1
    assert _count(settings, IdempotencyRecord) == 1  # the route's own call stepped aside: one record, by caller
    other = client.post("/api/v1/orders", json={**ORDER, "po_number": "PO-OTHER"},
                        headers={**admin, "Idempotency-Key": "ord-1"})
    assert other.json()["error"]["code"] == "idempotency_key_reused"


def test_repeating_a_shipment_ships_once(client, settings, admin):
    oid = client.post("/api/v1/orders", json=ORDER, headers=admin).json()["id"]
    for step in ("validate", "allocate", "pick", "pack"):
        assert client.post(f"/api/v1/orders/{oid}/{step}", json={}, headers=admin).status_code == 200, step
    _twice(client, f"/api/v1/orders/{oid}/ship", "ship-1", admin, json={"carrier": "UPS", "tracking_number": "1Z1"})
    assert _count(settings, Shipment) == 1


def test_repeating_a_payments_import_records_each_payment_once(client, settings, admin):
    oid = client.post("/api/v1/orders", json=ORDER, headers=admin).json()["id"]
    for step in ("validate", "allocate", "pick", "pack"):
        client.post(f"/api/v1/orders/{oid}/{step}", json={}, headers=admin)
    client.post(f"/api/v1/orders/{oid}/ship", json={"carrier": "UPS", "tracking_number": "1Z2"}, headers=admin)
    inv = client.post(f"/api/v1/orders/{oid}/invoice", json={}, headers=admin).json()["invoices"][0]
    csv_text = f"invoice_number,amount,reference\n{inv['number']},5,WIRE-9\n"
    _twice(client, "/api/v1/payments/import", "imp-1", {**admin, "Content-Type": "text/csv"}, content=csv_text)
    assert _count(settings, Payment) == 1


def test_repeating_an_upload_with_new_content_stores_one_document(client, settings, admin):
    files = {"files": ("po.pdf", simple_po("PO-IDEM-UP"), "application/pdf")}
    first = _twice(client, "/api/v1/documents", "up-1", admin, files=files)
    assert first.json()["documents"][0]["duplicate"] is False and _count(settings, Document) == 1
