"""The order-to-cash story end to end at the action level."""
from __future__ import annotations

from decimal import Decimal

from sqlmodel import select

from app.catalog.models import Stock
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.models import Order, OrderEvent
from tests.app.scenarios import CLERK, FINANCE, WAREHOUSE, new_order, seed


def _types(session, order_id):
    return [e.type for e in session.exec(select(OrderEvent).where(OrderEvent.order_id == order_id)
                                         .order_by(OrderEvent.id))]


def test_an_order_goes_from_entry_to_closed(session):
    seed(session)
    order = new_order(session, po="PO-1")
    assert order.state == "entered" and order.version == 1
    act.validate(session, order.id, CLERK)
    assert order.state == "credit_approved"
    act.allocate(session, order.id, WAREHOUSE)
    assert (order.state, order.fulfilment_status) == ("allocated", "allocated")
    act.pick(session, order.id, WAREHOUSE)
    assert order.state == "picking"
    act.pack(session, order.id, WAREHOUSE)
    assert order.state == "packed"
    act.ship(session, order.id, WAREHOUSE, carrier="UPS", tracking_number="1Z1")
    assert order.state == "shipped"
    (inv,) = act.invoice(session, order.id, FINANCE)
    assert order.state == "invoiced" and inv.total == Decimal("27.00") and inv.number.startswith("INV-")
    act.record_payment(session, inv.id, "27.00", FINANCE)
    assert (order.state, order.payment_status, inv.status) == ("paid", "paid", "paid")
    act.close(session, order.id, FINANCE)
    commit(session)
    session.expire_all()
    order = session.get(Order, order.id)
    assert order.state == "closed"
    assert _types(session, order.id) == ["order_created", "order_validated", "credit_approved", "allocated",
                                         "picked", "packed", "shipped", "invoiced", "payment_received", "closed"]
    assert order.version == 10  # created at 1, nine recorded actions
    stock = session.exec(select(Stock).where(Stock.sku == "HB-1240")).one()
    assert (stock.on_hand, stock.allocated) == (Decimal(90), Decimal(0))
