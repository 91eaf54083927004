"""API clients load master data, send a PO, and follow the order it became."""
from __future__ import annotations

from tests.app.helpers import key_headers, wait_for_document
from tests.app.master_data import CUSTOMERS, PRODUCTS
from tests.pdfs import simple_po


def test_master_data_csv_in_and_out_through_the_api(client):
    resp = client.post("/api/v1/master/products", files={"file": ("p.csv", PRODUCTS + "BAD,,EA,1,1,true\n")})
    assert resp.status_code == 200
    body = resp.json()
    assert body["created"] == 2 and body["errors"] == [{"line": 4, "message": "description is required"}]
    strict = client.post("/api/v1/master/products", params={"strict": True},
                         files={"file": ("p.csv", PRODUCTS + "BAD,,EA,1,1,true\n")})
    assert strict.status_code == 422 and strict.json()["created"] == 0
    csv = client.get("/api/v1/master/products.csv")
    assert csv.status_code == 200 and "HB-1240,Hex bolt M12x40 zinc" in csv.text
    assert client.get("/api/v1/products", params={"q": "hex bolt m12"}).json()[0]["sku"] == "HB-1240"
    nonsense = client.post("/api/v1/master/nonsense", files={"file": ("x.csv", "a\n")})
    assert nonsense.json()["error"]["code"] == "unknown_kind"


def test_a_po_becomes_an_order_with_its_timeline_and_counts_as_touchless(client):
    client.post("/api/v1/master/customers", files={"file": ("c.csv", CUSTOMERS)})
    client.post("/api/v1/master/products", files={"file": ("p.csv", PRODUCTS)})
    sent = client.post("/api/v1/documents", files={"files": ("po.pdf", simple_po("API-1"))})
    doc_id = sent.json()["documents"][0]["id"]
    doc = wait_for_document(client, doc_id)
    assert doc["status"] == "ordered" and doc["order_id"]
    order = client.get(f"/api/v1/orders/{doc['order_id']}").json()
    assert order["po_number"] == "API-1" and order["touchless"] is True
    assert order["lines"][0]["sku"] == "HB-1240" and order["lines"][0]["match"]["reason"]
    events = client.get(f"/api/v1/orders/{order['id']}/events").json()
    assert [e["type"] for e in events] == ["order_created"]
    assert client.get("/api/v1/orders", params={"po_number": "API-1"}).json()["count"] == 1
    stats = client.get("/api/v1/documents/stats").json()
    assert stats["touchless_orders"] == 1 and stats["touchless_rate"] == 1.0
    assert client.get("/api/v1/orders/99999").json()["error"]["code"] == "order_not_found"


def test_an_api_client_can_review_and_approve(client):
    client.post("/api/v1/master/customers", files={"file": ("c.csv", CUSTOMERS)})
    client.post("/api/v1/master/products", files={"file": ("p.csv", PRODUCTS)})
    lines = (("AC-778", "Bolt to customer spec 778", 40, "0.85"),)
    doc_id = client.post("/api/v1/documents", files={"files": ("po.pdf", simple_po("REV-1", lines=lines))}
                         ).json()["documents"][0]["id"]
    assert wait_for_document(client, doc_id)["status"] == "needs_review"
    state = client.get(f"/api/v1/documents/{doc_id}/review").json()
    erp = key_headers(client.app.state.settings, "clerk", user="erp")
    edited = client.patch(f"/api/v1/documents/{doc_id}/review/lines/0", headers=erp,
                          json={"version": state["version"], "changes": {"our_sku": "HB-1240"}})
    assert edited.status_code == 200 and edited.json()["corrections"][-1]["user"] == "erp@example.com"
    stale = client.patch(f"/api/v1/documents/{doc_id}/review/fields/ship_to", json={"version": state["version"],
                                                                                     "value": "Dock 9"})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "version_conflict"
    assert stale.json()["error"]["details"]["changes"][0]["field"] == "line_items[0].our_sku"
    done = client.post(f"/api/v1/documents/{doc_id}/review/approve", json={"version": edited.json()["version"]})
    assert done.status_code == 200 and done.json()["order_number"].startswith("SO-")
