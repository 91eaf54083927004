"""Each KPI figure of GET /api/v1/kpis on a small hand-made set of orders whose dates are set
by hand: A (Acme, api) shipped in full on time and paid; B (Key, email) half backordered, half
shipped and invoiced, 2 units came back damaged; C (Acme) cancelled."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from app.catalog.models import Product
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.kpi import service as kpi_service
from app.orders.models import Invoice, Order, Payment, Shipment
from tests.app.scenarios import CLERK, FINANCE, WAREHOUSE, new_order, seed

D0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday
DAY = timedelta(days=1)


def _at(session, model, row_id, **values):
    session.execute(update(model).where(model.id == row_id).values(**values))


@pytest.fixture
def story(session):
    seed(session, stock=30)
    for sku, line in (("HB-1240", "bolts"), ("WS-12", "washers")):
        session.exec(select(Product).where(Product.sku == sku)).one().product_line = line
    commit(session)
    a = new_order(session, po="A")
    act.validate(session, a.id, CLERK)
    for step in (act.allocate, act.pick, act.pack):
        step(session, a.id, WAREHOUSE)
    act.ship(session, a.id, WAREHOUSE, carrier="UPS", tracking_number="1ZA")
    (inv_a,) = act.invoice(session, a.id, FINANCE)
    act.record_payment(session, inv_a.id, "27.00", FINANCE)
    commit(session)

    b = new_order(session, customer="KEY", po="B", lines=[{"sku": "HB-1240", "quantity": 40, "unit_price": "2.50"}],
                  channel="email")
    act.validate(session, b.id, CLERK)
    act.allocate(session, b.id, WAREHOUSE)
    act.pick(session, b.id, WAREHOUSE)
    act.pack(session, b.id, WAREHOUSE)
    act.ship(session, b.id, WAREHOUSE, carrier="UPS", tracking_number="1ZB")
    (_inv_b,) = act.invoice(session, b.id, FINANCE)
    commit(session)
    rma = act.request_return(session, b.id, {1: 2}, CLERK)
    act.approve_return(session, rma.id, CLERK)
    act.receive_return(session, rma.id, {1: (2, "damaged")}, WAREHOUSE)
    commit(session)

    c = new_order(session, po="C")
    act.cancel(session, c.id, CLERK, reason="changed mind")
    commit(session)

    _at(session, Order, a.id, created_at=D0, touchless=True, promised_date=(D0 + 3 * DAY).date())
    _at(session, Order, b.id, created_at=D0 + DAY)
    _at(session, Order, c.id, created_at=D0 + DAY)
    session.execute(update(Shipment).where(Shipment.order_id == a.id).values(shipped_at=D0 + 2 * DAY))
    session.execute(update(Shipment).where(Shipment.order_id == b.id).values(shipped_at=D0 + 3 * DAY))
    _at(session, Invoice, inv_a.id, issued_at=D0 + 2 * DAY)
    session.execute(update(Invoice).where(Invoice.order_id == b.id).values(issued_at=D0 + 3 * DAY))
    session.execute(update(Payment).where(Payment.invoice_id == inv_a.id).values(received_at=D0 + 10 * DAY))
    commit(session)
    kpi_service.clear_cache()
    return {"a": a, "b": b, "c": c, "ids": {o.customer_id for o in (a, b)}}


def _kpis(client, **params):
    params = {"from": D0.date().isoformat(), "to": (D0 + 13 * DAY).date().isoformat(), **params}
    r = client.get("/api/v1/kpis", params=params)
    assert r.status_code == 200, r.text
    return r.json()


EXPECTED = {
    "orders": 3,
    "order_cycle_time": 2.0,  # only A shipped in full: 2 days after entry
    "delivery_cycle_time": None,  # no delivery confirmed
    "order_to_cash_time": 10.0,  # A paid 10 days after entry
    "perfect_order_rate": 1.0,  # A: in full, on time, no correction, no damage
    "on_time_shipment_rate": 1.0,
    "order_fill_rate": 0.5,  # A filled at first allocation, B backordered
    "line_fill_rate": 0.6667,  # A's two lines yes, B's one line no
    "backorder_rate": 0.5,  # B of the two live orders
    "invoice_accuracy": 1.0,
    "return_rate": 0.04,  # 2 units back of 10 + 20 + 20 shipped
    "refund_rate": 0.0394,  # 5.00 credited of 27.00 + 100.00 live value
    "average_order_value": 63.5,  # (27 + 100) / 2, cancelled C excluded
    "touchless_rate": 0.3333,  # A of three orders
    "dso": 9.09,  # B's 50.00 open at the end / 77.00 invoiced x 14 days
}


def test_each_kpi_figure_on_the_hand_made_set(client, story):
    total = _kpis(client)["total"]
    assert {name: total[name] for name in EXPECTED} == EXPECTED


def test_kpis_per_customer_channel_product_line_and_week(client, story):
    acme, key = str(story["a"].customer_id), str(story["b"].customer_id)
    per_customer = _kpis(client, by="customer")["groups"]
    assert {k: g["orders"] for k, g in per_customer.items()} == {acme: 2, key: 1}
    assert per_customer[acme]["average_order_value"] == 27.0 and per_customer[key]["backorder_rate"] == 1.0
    per_channel = _kpis(client, by="channel")["groups"]
    assert {k: g["orders"] for k, g in per_channel.items()} == {"api": 2, "email": 1}
    per_line = _kpis(client, by="product_line")["groups"]
    assert per_line["washers"]["return_rate"] == 0.0 and per_line["bolts"]["return_rate"] == round(2 / 30, 4)
    weeks = _kpis(client, period="week")["groups"]
    assert list(weeks) == ["2026-W10"] and weeks["2026-W10"]["orders"] == 3


def test_the_definitions_come_with_the_figures(client, story):
    body = _kpis(client)
    assert "promised date" in body["definitions"]["on_time_shipment_rate"]
    assert set(EXPECTED) - {"orders"} <= set(body["definitions"])


def test_an_empty_range_answers_n_a_not_zero(client, story):
    body = _kpis(client, **{"from": "2020-01-01", "to": "2020-01-31"})
    assert body["total"]["orders"] == 0 and body["total"]["order_cycle_time"] is None
    assert client.get("/api/v1/kpis", params={"from": "2026-02-01", "to": "2026-01-01"}).status_code == 422
