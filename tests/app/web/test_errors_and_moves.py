"""Errors as pages for people and JSON for programs; order moves refused by the actions come back
to the order page with the reason; the queue's bulk form and views through HTTP."""
from __future__ import annotations

import pytest

from app.orders.models import Order
from tests.app.scenarios import new_order, seed, shipped_order
from tests.app.web_login import HTML, logged_in

HTMX = {"HX-Request": "true"}


@pytest.fixture
def clerk(settings, session):
    seed(session)
    with logged_in(settings, session, "carla@example.com", ["clerk"]) as c:
        yield c


@pytest.mark.parametrize("path,status,code", [("/review/99999", 404, "document_not_found"),
                                              ("/orders/99999", 404, "order_not_found"),
                                              ("/nowhere", 404, "not_found"),
                                              ("/dashboard?from=garbage", 422, "invalid_request")])
def test_a_person_gets_a_page_and_a_program_gets_json(clerk, path, status, code):
    page = clerk.get(path, headers=HTML)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert f'data-code="{code}"' in page.text
    data = clerk.get(path, headers={"Accept": "application/json"})
    assert data.status_code == status and data.json()["error"]["code"] == code
    fragment = clerk.get(path, headers=HTML | HTMX)
    assert fragment.headers["content-type"].startswith("application/json")


def test_the_api_answers_json_even_to_a_browser(clerk):
    response = clerk.get("/api/v1/orders/99999", headers=HTML)
    assert response.status_code == 404 and response.json()["error"]["code"] == "order_not_found"


def test_a_move_the_action_refuses_comes_back_with_the_reason(clerk, session):
    order = new_order(session, customer="KEY", po="PO-1")
    token = clerk.headers["X-CSRF-Token"]
    refused = clerk.post(f"/orders/{order.id}/act/ship", data={"csrf_token": token, "carrier": "UPS",
                                                              "tracking_number": "1Z"}, follow_redirects=False)
    assert refused.status_code == 303 and "/orders/" in refused.headers["location"] and "error=" in \
        refused.headers["location"]
    page = clerk.get(refused.headers["location"])
    assert 'id="order-error"' in page.text
    session.expire_all()
    assert session.get(Order, order.id).state == "entered"
    done = clerk.post(f"/orders/{order.id}/act/validate", data={"csrf_token": token}, follow_redirects=False)
    assert "flash=Validated" in done.headers["location"]
    assert clerk.post(f"/orders/{order.id}/act/teleport", data={"csrf_token": token}).status_code == 404


def test_a_customer_sees_no_moves_and_cannot_make_one(settings, session):
    ids = seed(session)
    order = shipped_order(session, customer="ACME", po="PO-C")
    with logged_in(settings, session, "buyer@acme.example", ["customer"], customer_id=ids["acme"].id) as c:
        page = c.get(f"/orders/{order.id}")
        assert page.status_code == 200 and 'id="moves"' not in page.text and "source-link" not in page.text
        refused = c.post(f"/orders/{order.id}/act/invoice", data={"csrf_token": c.headers["X-CSRF-Token"]})
        assert refused.status_code == 403


def test_bulk_without_ticks_says_so_and_views_are_per_clerk(clerk):
    token = clerk.headers["X-CSRF-Token"]
    r = clerk.post("/review/bulk", data={"csrf_token": token, "action": "assign", "back": "sort=oldest"},
                   follow_redirects=False)
    assert r.status_code == 303 and "sort=oldest" in r.headers["location"] and "Tick" in clerk.get(
        r.headers["location"]).text
    saved = clerk.post("/review/views", data={"csrf_token": token, "name": "old ones", "query": "sort=oldest&x=1"},
                       follow_redirects=False)
    assert saved.headers["location"] == "/review?sort=oldest"
    assert ">old ones</a>" in clerk.get("/review").text
