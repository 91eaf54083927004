"""Stage alerts with a controllable clock: each limit, once per order and kind, env overrides,
the API and page, and the alert_raised webhook."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from app.core.clock import utcnow
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.models import OrderEvent, WebhookDelivery, WebhookSubscription
from app.orders.notify import alerts
from tests.app.scenarios import CLERK, FINANCE, WAREHOUSE, new_order, seed, shipped_order

H = timedelta(hours=1)


def _kinds(session, now, **limits):
    return {(a.order_id, a.kind) for a in alerts.find_alerts(session, now, limits or None)}


def test_an_order_not_credit_checked_is_flagged_after_four_hours(session):
    seed(session)
    order = new_order(session, po="PO-A1")
    now = utcnow()
    assert _kinds(session, now + 3 * H) == set()
    assert _kinds(session, now + 5 * H) == {(order.id, "credit_check")}


def test_each_stage_has_its_own_limit(session):
    seed(session)
    approved = new_order(session, po="PO-A2")
    act.validate(session, approved.id, CLERK)
    allocated = new_order(session, po="PO-A3")
    act.validate(session, allocated.id, CLERK)
    act.allocate(session, allocated.id, WAREHOUSE)
    commit(session)
    shipped = shipped_order(session, po="PO-A4")
    now = utcnow()
    assert _kinds(session, now + 23 * H) == set()
    assert _kinds(session, now + 25 * H) == {(approved.id, "allocation"), (shipped.id, "invoicing")}
    assert (allocated.id, "shipment") in _kinds(session, now + 49 * H)


def test_credit_hold_overdue_invoice_and_late_backorder(session):
    seed(session, limit="10", stock=5)
    held = new_order(session, po="PO-A5")
    act.validate(session, held.id, CLERK)
    commit(session)
    assert held.hold_status == "credit_hold"
    seed_ok = new_order(session, customer="KEY", po="PO-A6")
    act.validate(session, seed_ok.id, CLERK)
    promise = utcnow().date() + timedelta(days=3)
    act.allocate(session, seed_ok.id, WAREHOUSE, promise_date=promise)
    commit(session)
    assert seed_ok.fulfilment_status == "backordered"
    now = utcnow()
    found = _kinds(session, now + 25 * H)
    assert (held.id, "credit_hold") in found
    late = _kinds(session, now + timedelta(days=5))
    assert (seed_ok.id, "backorder_late") in late


def test_an_unpaid_invoice_past_due_is_flagged(session):
    seed(session)
    order = shipped_order(session, po="PO-A7")
    (inv,) = act.invoice(session, order.id, FINANCE)
    commit(session)
    due = inv.due_date
    assert (order.id, "invoice_overdue") not in _kinds(session, utcnow())
    later = utcnow().replace(year=due.year, month=due.month, day=due.day) + timedelta(days=2)
    assert (order.id, "invoice_overdue") in _kinds(session, later)


def test_limits_come_from_the_environment(session, monkeypatch):
    seed(session)
    order = new_order(session, po="PO-A8")
    monkeypatch.setenv("INTAKE_ALERT_LIMITS", '{"credit_check": 1}')
    assert alerts.limits()["credit_check"] == 1
    assert (order.id, "credit_check") in _kinds(session, utcnow() + 2 * H)


def test_alerts_are_raised_once_per_order_and_kind_and_sent_to_subscribers(session):
    seed(session)
    sub = WebhookSubscription(url="http://127.0.0.1:9/alerts", secret="k", event_types=["alert_raised"])
    session.add(sub)
    session.commit()
    order = new_order(session, po="PO-A9")
    now = utcnow() + 5 * H
    assert [(a.order_id, a.kind) for a in alerts.raise_alerts(session, now)] == [(order.id, "credit_check")]
    assert alerts.raise_alerts(session, now + H) == []
    events = session.exec(select(OrderEvent).where(OrderEvent.type == "alert_raised")).all()
    assert [e.details["kind"] for e in events] == ["credit_check"]
    deliveries = session.exec(select(WebhookDelivery).where(WebhookDelivery.subscription_id == sub.id)).all()
    assert [d.event_id for d in deliveries] == [events[0].id]


def test_alerts_api_and_exceptions_page(client, session):
    seed(session)
    order = new_order(session, po="PO-A10")
    later = (utcnow() + 6 * H).isoformat()
    body = client.get("/api/v1/alerts", params={"now": later}).json()
    assert body["count"] == 1 and body["data"][0]["kind"] == "credit_check"
    assert body["data"][0]["order_number"] == order.number
    assert client.get("/api/v1/alerts").json()["count"] == 0
    page = client.get("/alerts")
    assert page.status_code == 200 and "Nothing is late" in page.text
