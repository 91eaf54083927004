"""Access to the API: no key, no answer (every route, found by walking app.routes); a customer's key
reaches only that customer's things, on every route with an id; roles; segregation of duties with
two real people; revoked keys; and an audit log that can only grow."""
from __future__ import annotations

import hashlib
import re
from types import SimpleNamespace

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import text
from sqlmodel import select

from app.accounts.models import ApiKey, AuditEntry
from app.core.transactions import commit
from app.intake.models import Document
from app.orders import actions as act
from app.orders.models import Shipment
from app.web.access import PageRoute
from tests.app.helpers import key_headers
from tests.app.scenarios import CLERK, invoiced_order, seed

# Reachable without a key, and why.
PUBLIC = {
    "/healthz", "/readyz",  # probes
    "/metrics",  # Prometheus scrapes it; counts only, no customer data (see README, Access)
    "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc",  # the API's description
    "/login", "/static/{path:path}",  # the login page and its stylesheet
    "/portal/{token}",  # signed self-service links carry their own proof
}
SIGNED = "/api/v1/portal/{token}"  # signed-link API: a bad token is 401 invalid_link
NO_KEY_CODES = {"not_authenticated", "invalid_link"}
VALUES = {"line_no": 1, "index": 0, "name": "po_number", "number": 1, "kind": "customers", "token": "1.1.x",
          "view_id": 1, "path": "review.css"}
BODIES = {
    "ship": {"carrier": "UPS", "tracking_number": "1Z"}, "price_override": {"line_no": 1, "unit_price": "1.00"},
    "request_return": {"lines": {"1": 1}}, "portal_return": {"lines": {"1": 1}},
    "receive_return": {"lines": {"1": {"quantity": 1, "disposition": "scrap"}}},
    "correct_invoice": {"lines": {"1": {"unit_price": "1.00"}}}, "patch_field": {"version": 1, "value": "x"},
    "patch_line": {"version": 1, "changes": {}}, "post_approve": {"version": 1}, "post_reject": {"version": 1},
    "change": {}, "create_order": {"customer_code": "ACME", "lines": []},
}


def routes(app) -> list[tuple[str, str, str, bool]]:
    """(method, path, endpoint name, is a page) for every route the app serves."""
    try:
        from fastapi.routing import iter_route_contexts

        found = [(c.original_route, c.path, c.methods) for c in iter_route_contexts(app.routes)]
    except ImportError:  # FastAPI before included routers were kept lazily
        found = [(r, r.path, r.methods) for r in app.routes]
    return [(m, path, r.endpoint.__name__, isinstance(r, PageRoute))
            for r, path, methods in found if isinstance(r, APIRoute) for m in sorted(methods - {"HEAD"})]


def fill(path: str, values: dict) -> str:
    return re.sub(r"{(\w+)(:\w+)?}", lambda m: str(values[m.group(1)]), path)


def call(client, method: str, path: str, endpoint: str, headers: dict):
    return client.request(method, path, json=BODIES.get(endpoint, {}) if method != "GET" else None,
                          headers=headers, follow_redirects=False)


# --- (a) no key, no answer ------------------------------------------------------------------


def test_without_a_key_every_route_but_the_public_ones_answers_401(client):
    client.headers.pop("authorization")
    checked = 0
    for method, path, endpoint, page in routes(client.app):
        if path in PUBLIC:
            continue
        ids = dict.fromkeys(re.findall(r"{(\w+)", path), 1)
        r = call(client, method, fill(path, {**ids, **VALUES}), endpoint, {})
        checked += 1
        if page and r.status_code == 303:  # a browser asking for a page is sent to the login page
            assert "/login" in r.headers["location"], (method, path)
        else:
            assert r.status_code == 401, (method, path, r.status_code, r.text[:200])
            assert r.json()["error"]["code"] in NO_KEY_CODES, (method, path)
    assert checked > 60


def test_a_wrong_key_is_401_invalid_api_key(client):
    for headers in ({"Authorization": "Bearer oi_abc_def"}, {"X-API-Key": "nonsense"}):
        client.headers.pop("authorization", None)
        r = client.get("/api/v1/orders", headers=headers)
        assert (r.status_code, r.json()["error"]["code"]) == (401, "invalid_api_key")


def test_public_routes_answer_without_a_key(client):
    client.headers.pop("authorization")
    for path in ("/healthz", "/metrics", "/openapi.json", "/login"):
        assert client.get(path).status_code == 200, path


# --- (b) customers see only their own ---------------------------------------------------------


@pytest.fixture
def world(client, session):
    """Two customers, each with an invoiced order, a shipment, a return, a document they uploaded
    and a webhook; a user and a key made by the admin."""
    ids = seed(session)
    out = {}
    for code, customer in (("ACME", ids["acme"]), ("KEY", ids["key"])):
        order, inv = invoiced_order(session, customer=code, po=f"PO-{code}")
        rma = act.request_return(session, order.id, {1: 1}, CLERK)
        commit(session)
        ship = session.exec(select(Shipment).where(Shipment.order_id == order.id)).one()
        key = key_headers(session, "customer", customer.id, user=f"buyer-{code.lower()}")
        up = client.post("/api/v1/documents", files={"files": (f"{code}.txt", f"PO 1 from {code}\n".encode())},
                         headers=key)
        assert up.status_code == 202, up.text
        hook = client.post("/api/v1/webhooks", json={"url": "https://example.com/h", "customer_id": ids["key"].id},
                           headers=key)
        assert hook.status_code == 201 and hook.json()["customer_id"] == customer.id  # never someone else's
        out[code] = SimpleNamespace(
            key=key, values={"order_id": order.id, "invoice_id": inv.id, "shipment_id": ship.id, "return_id": rma.id,
                             "document_id": up.json()["documents"][0]["id"], "sub_id": hook.json()["id"],
                             "customer_id": customer.id})
    user = client.post("/api/v1/admin/users", json={"email": "u@example.com", "roles": ["clerk"]}).json()
    api_key = client.post("/api/v1/admin/keys", json={"role": "clerk"}).json()
    for who in out.values():
        who.values.update(doc_id=who.values["document_id"], email_id=1, user_id=user["id"], key_id=api_key["id"])
    return SimpleNamespace(mine=out["ACME"], theirs=out["KEY"])


def test_a_customer_key_gets_404_for_another_customers_ids_on_every_route(client, world):
    checked = []
    for method, path, endpoint, _page in routes(client.app):
        params = re.findall(r"{(\w+)(?::\w+)?}", path)
        if path in PUBLIC or path.startswith(SIGNED) or not any(p.endswith("_id") for p in params):
            continue
        r = call(client, method, fill(path, {**VALUES, **world.theirs.values}), endpoint, world.mine.key)
        if r.status_code == 403:  # refused by role: the same answer for the customer's own ids
            own = call(client, method, fill(path, {**VALUES, **world.mine.values}), endpoint, world.mine.key)
            assert own.status_code == 403, (method, path, "403 for their ids but", own.status_code)
        else:
            assert r.status_code == 404, (method, path, r.status_code, r.text[:200])
        checked.append((method, path, r.status_code))
    assert len(checked) > 40 and sum(1 for c in checked if c[2] == 404) >= 12, checked


def test_a_customer_key_reads_its_own_things(client, world):
    mine, key = world.mine.values, world.mine.key
    for path in (f"/api/v1/orders/{mine['order_id']}", f"/api/v1/orders/{mine['order_id']}/events",
                 f"/api/v1/orders/{mine['order_id']}/shipments", f"/api/v1/orders/{mine['order_id']}/invoices",
                 f"/api/v1/orders/{mine['order_id']}/returns", f"/api/v1/invoices/{mine['invoice_id']}",
                 f"/api/v1/invoices/{mine['invoice_id']}.pdf", f"/api/v1/documents/{mine['document_id']}",
                 f"/api/v1/documents/{mine['document_id']}/file", f"/api/v1/webhooks/{mine['sub_id']}/deliveries"):
        assert client.get(path, headers=key).status_code == 200, path
    r = client.post(f"/api/v1/orders/{mine['order_id']}/returns", json={"lines": {"2": 1}}, headers=key)
    assert r.status_code == 200 and r.json()["return"]["status"] == "requested"


def test_a_customer_key_lists_only_its_own_things(client, world):
    mine, theirs, key = world.mine.values, world.theirs.values, world.mine.key
    orders = client.get("/api/v1/orders", headers=key).json()
    assert [o["id"] for o in orders["data"]] == [mine["order_id"]] and orders["count"] == 1
    assert client.get("/api/v1/orders", params={"customer_id": theirs["customer_id"]}, headers=key).json()["count"] == 0
    docs = client.get("/api/v1/documents", headers=key).json()
    assert [d["id"] for d in docs["data"]] == [mine["document_id"]]
    assert [h["id"] for h in client.get("/api/v1/webhooks", headers=key).json()] == [mine["sub_id"]]
    assert len(client.get("/api/v1/orders").json()["data"]) == 2  # staff see both
    for path in ("/api/v1/kpis", "/api/v1/alerts", "/api/v1/documents/stats", "/api/v1/customers", "/api/v1/emails"):
        assert client.get(path, headers=key).status_code == 403, path


def test_a_customers_upload_is_theirs_and_another_customers_copy_is_refused(client, world, session):
    doc = session.get(Document, world.mine.values["document_id"])
    assert (doc.customer_id, doc.channel) == (world.mine.values["customer_id"], "portal")
    again = client.post("/api/v1/documents", files={"files": ("x.txt", b"PO 1 from ACME\n")}, headers=world.theirs.key)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "duplicate_document")
    same = client.post("/api/v1/documents", files={"files": ("x.txt", b"PO 1 from ACME\n")}, headers=world.mine.key)
    assert same.status_code == 200 and same.json()["documents"][0]["id"] == doc.id


# --- (c) roles ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role, method, path, body", [
    pytest.param("warehouse", "POST", "/api/v1/orders/{order_id}/invoice", {}, id="warehouse-cannot-invoice"),
    pytest.param("customer", "POST", "/api/v1/documents/{document_id}/review/approve", {"version": 1},
                 id="customer-cannot-approve-a-review"),
    pytest.param("finance", "POST", "/api/v1/orders/{order_id}/ship", BODIES["ship"], id="finance-cannot-ship"),
    pytest.param("clerk", "POST", "/api/v1/payments", {"invoice_id": 1, "amount": "1"},
                 id="clerk-cannot-take-payments"),
    pytest.param("clerk", "POST", "/api/v1/orders/{order_id}/release-credit", {}, id="clerk-cannot-release-credit"),
    pytest.param("customer", "POST", "/api/v1/orders", BODIES["create_order"], id="customer-cannot-enter-orders"),
    pytest.param("clerk", "POST", "/api/v1/master/customers", None, id="clerk-cannot-import-master-data"),
    pytest.param("clerk", "GET", "/api/v1/admin/audit", None, id="clerk-cannot-read-the-audit-log"),
    pytest.param("finance", "POST", "/api/v1/admin/keys", {"role": "admin"}, id="finance-cannot-make-keys"),
    pytest.param("warehouse", "POST", "/api/v1/webhooks", {"url": "https://x.example"}, id="warehouse-no-webhooks"),
])
def test_roles_are_checked(client, world, role, method, path, body):
    customer = world.mine.values["customer_id"] if role == "customer" else None
    headers = key_headers(client.app.state.settings, role, customer)
    r = client.request(method, fill(path, world.mine.values), json=body, headers=headers)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden")


def test_each_role_does_its_own_work(client, world, settings):
    order = world.mine.values["order_id"]
    wh, fin = key_headers(settings, "warehouse"), key_headers(settings, "finance")
    r = client.post("/api/v1/stock/receive", json={"warehouse": "DAL", "sku": "HB-1240", "quantity": 5}, headers=wh)
    assert r.status_code == 200
    r = client.post("/api/v1/payments", json={"invoice_id": world.mine.values["invoice_id"], "amount": "1"},
                    headers=fin)
    assert r.status_code == 201
    assert client.get(f"/api/v1/orders/{order}", headers=wh).status_code == 200


# --- (d) segregation of duties ----------------------------------------------------------------


def test_credit_is_released_by_another_person_and_both_decisions_are_audited(client, session, settings):
    seed(session, limit="10")
    carla_clerk = key_headers(settings, "clerk", user="carla")
    carla_credit = key_headers(settings, "credit", user="carla")
    cris_credit = key_headers(settings, "credit", user="cris")
    order = {"customer_code": "ACME", "lines": [{"sku": "HB-1240", "quantity": 10, "unit_price": "2.50"}],
             "validate_now": True}
    r = client.post("/api/v1/orders", json=order, headers=carla_clerk)
    oid = r.json()["id"]
    assert r.json()["state"] == "credit_hold" and r.json()["entered_by"] == "carla@example.com"
    r = client.post(f"/api/v1/orders/{oid}/release-credit", json={}, headers=carla_credit)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "segregation_of_duties")
    r = client.post(f"/api/v1/orders/{oid}/release-credit", json={"note": "ok"}, headers=cris_credit)
    assert r.status_code == 200 and r.json()["order"]["state"] == "credit_approved"
    log = client.get("/api/v1/admin/audit", params={"action": "duty:release_credit"}).json()["data"]
    assert [(e["actor"], e["details"]["decision"]) for e in reversed(log)] == [
        ("carla@example.com", "refused"), ("cris@example.com", "allowed")]


# --- (e) keys ------------------------------------------------------------------------------------


def test_a_revoked_key_stops_working_and_keys_are_stored_hashed(client, session):
    made = client.post("/api/v1/admin/keys", json={"role": "clerk", "name": "erp"})
    assert made.status_code == 201
    key, key_id = made.json()["key"], made.json()["id"]
    headers = {"X-API-Key": key}
    assert client.get("/api/v1/me", headers={"Authorization": ""} | headers).json()["roles"] == ["clerk"]
    row = session.get(ApiKey, key_id)
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest() and key not in str(row.model_dump())
    listed = client.get("/api/v1/admin/keys").json()
    assert all("key" not in k for k in listed) and made.json()["prefix"] in [k["prefix"] for k in listed]
    assert client.delete(f"/api/v1/admin/keys/{key_id}").status_code == 204
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert (r.status_code, r.json()["error"]["code"]) == (401, "invalid_api_key")


def test_a_deactivated_users_keys_stop_working(client, settings):
    user = client.post("/api/v1/admin/users", json={"email": "Dan@Example.com", "roles": ["warehouse"],
                                                    "password": "long enough pw"}).json()
    assert user["email"] == "dan@example.com"
    key = client.post("/api/v1/admin/keys", json={"role": "warehouse", "user_id": user["id"]}).json()["key"]
    auth = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/v1/me", headers=auth).json()["name"] == "dan@example.com"
    assert client.post(f"/api/v1/admin/users/{user['id']}/deactivate").json()["active"] is False
    assert client.get("/api/v1/me", headers=auth).status_code == 401
    inactive = client.get("/api/v1/admin/users", params={"active": False}).json()
    assert [u["email"] for u in inactive] == ["dan@example.com"]


def test_bad_user_and_key_requests_have_stable_codes(client):
    r = client.post("/api/v1/admin/users", json={"email": "c@example.com", "roles": ["customer"]})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "customer_required")
    r = client.post("/api/v1/admin/keys", json={"role": "wizard"})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_role")
    client.post("/api/v1/admin/users", json={"email": "e@example.com", "roles": ["clerk"]})
    r = client.post("/api/v1/admin/users", json={"email": "E@example.com", "roles": ["clerk"]})
    assert (r.status_code, r.json()["error"]["code"]) == (409, "user_exists")


# --- (f) the audit log ----------------------------------------------------------------------------


def test_state_changes_are_audited_with_who_what_and_outcome(client, world, settings):
    order = world.mine.values["order_id"]
    wh = key_headers(settings, "warehouse", user="walt")
    stock = {"warehouse": "DAL", "sku": "WS-12", "quantity": 5}
    assert client.post("/api/v1/stock/receive", json=stock, headers=wh).status_code == 200
    client.post(f"/api/v1/orders/{order}/invoice", json={}, headers=wh)  # refused: wrong role
    log = client.get("/api/v1/admin/audit", params={"actor": "walt@example.com"}).json()
    got = [(e["action"], e["object_type"], e["object_id"], e["details"]["outcome"]) for e in reversed(log["data"])]
    assert got == [("POST /api/v1/stock/receive", "stock", None, "ok"),
                   ("POST /api/v1/orders/{order_id}/invoice", "order", str(order), "refused")]
    admin = client.get("/api/v1/admin/audit", params={"action": "key_*"}).json()
    assert admin["count"] >= 1 and admin["data"][0]["action"] == "key_created"
    page = client.get("/api/v1/admin/audit", params={"limit": 2, "offset": 1}).json()
    assert len(page["data"]) == 2 and page["count"] > 3
    assert client.get("/api/v1/admin/audit", headers=world.mine.key).status_code == 403
    reads = client.get("/api/v1/admin/audit", params={"action": "GET*"}).json()
    assert reads["count"] == 0  # reads are not state changes


def test_the_audit_log_cannot_be_changed_or_deleted(client, session):
    """The database refuses it (a trigger, on SQLite and PostgreSQL), and no route offers it."""
    client.post("/api/v1/admin/keys", json={"role": "clerk"})
    assert session.exec(select(AuditEntry)).first() is not None
    for statement in ("UPDATE auditentry SET actor = 'someone else'", "DELETE FROM auditentry"):
        with pytest.raises(Exception, match="append-only"):
            session.execute(text(statement))
            session.commit()
        session.rollback()
    audit_routes = [(m, p) for m, p, _e, _page in routes(client.app) if p.startswith("/api/v1/admin/audit")]
    assert audit_routes == [("GET", "/api/v1/admin/audit")]
