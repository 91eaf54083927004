"""Derived statuses on partial shipments and payments; changes and cancellations recorded;
events written in the same transaction as the change; stale versions refused."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import Session, select

from app.catalog.models import Stock
from app.core.db import get_engine
from app.core.errors import Conflict
from app.core.transactions import after_commit, commit, rollback
from app.orders import actions as act
from app.orders.errors import LifecycleError
from app.orders.models import Order, OrderEvent, OrderLine, Shipment
from tests.app.scenarios import CLERK, FINANCE, WAREHOUSE, new_order, seed

SHIP = {"carrier": "DHL", "tracking_number": "JD0001"}


def _events(session, order_id, type_=None):
    stmt = select(OrderEvent).where(OrderEvent.order_id == order_id)
    if type_:
        stmt = stmt.where(OrderEvent.type == type_)
    return session.exec(stmt.order_by(OrderEvent.id)).all()


def _ready(session):
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    act.allocate(session, order.id, WAREHOUSE)
    act.pick(session, order.id, WAREHOUSE)
    act.pack(session, order.id, WAREHOUSE)
    return order


def test_two_shipments_then_two_partial_payments(session):
    seed(session)
    order = _ready(session)
    first = act.ship(session, order.id, WAREHOUSE, {1: 4}, **SHIP)
    assert (order.state, order.fulfilment_status) == ("partially_shipped", "partially_shipped")
    (inv1,) = act.invoice(session, order.id, FINANCE, per="shipment")
    assert inv1.shipment_id == first.id and inv1.total == Decimal("10.00")
    assert (order.state, order.billing_status) == ("partially_shipped", "partially_invoiced")
    act.record_payment(session, inv1.id, "10.00", FINANCE)
    assert (order.state, order.payment_status) == ("partially_shipped", "paid")
    second = act.ship(session, order.id, WAREHOUSE, carrier="UPS", tracking_number="1Z2")
    assert second.number != first.number and order.state == "partially_paid"  # shipped, part of it paid
    (inv2,) = act.invoice(session, order.id, FINANCE, per="shipment")
    assert inv2.shipment_id == second.id and inv2.total == Decimal("17.00")
    assert (order.state, order.billing_status, order.payment_status) == ("partially_paid", "invoiced",
                                                                        "partially_paid")
    act.record_payment(session, inv2.id, "7", FINANCE)
    assert order.state == "partially_paid"
    act.record_payment(session, inv2.id, "10", FINANCE)
    assert (order.state, order.payment_status, inv2.status) == ("paid", "paid", "paid")
    commit(session)
    shipments = session.exec(select(Shipment).where(Shipment.order_id == order.id)).all()
    assert [(s.carrier, s.tracking_number) for s in shipments] == [("DHL", "JD0001"), ("UPS", "1Z2")]
    delivered = act.deliver(session, first.id, CLERK)
    assert delivered.delivered_at is not None
    with pytest.raises(LifecycleError) as again:
        act.deliver(session, first.id, CLERK)
    assert again.value.code == "already_delivered"


def test_a_shipment_without_tracking_is_refused(session):
    seed(session)
    order = _ready(session)
    with pytest.raises(LifecycleError) as refused:
        act.ship(session, order.id, WAREHOUSE, carrier="UPS", tracking_number="")
    assert refused.value.code == "carrier_required"


def test_quantity_date_address_and_lines_changes_are_each_recorded(session):
    seed(session)
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    act.change(session, order.id, CLERK, quantities={1: 12}, ship_to="Dock 4, Dallas TX",
               add_lines=[{"sku": "WS-12", "quantity": 5}], remove_lines=[2], source="email")
    commit(session)
    kinds = [(e.details["kind"], e.details.get("old"), e.details.get("new")) for e in _events(session, order.id,
                                                                                            "changed")]
    assert kinds[0] == ("quantity", "10", "12")
    assert [k for k, _, _ in kinds] == ["quantity", "address", "line_removed", "line_added"]
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)).all()
    assert [(li.line_no, li.ordered, li.cancelled) for li in lines] == [
        (1, Decimal(12), 0), (2, Decimal(20), Decimal(20)), (3, Decimal(5), 0)]
    assert lines[2].unit_price == Decimal("0.10")  # list price when none given
    assert order.total == Decimal("30.50") and order.changed_by == "carla"


def test_a_quantity_below_what_is_allocated_is_refused(session):
    seed(session)
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    act.allocate(session, order.id, WAREHOUSE)
    with pytest.raises(LifecycleError) as refused:
        act.change(session, order.id, CLERK, quantities={1: 5})
    assert refused.value.code == "transition_not_allowed" or refused.value.code == "quantity_below_committed"


def test_cancelling_a_line_gives_its_stock_back(session):
    seed(session)
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    act.allocate(session, order.id, WAREHOUSE)
    act.cancel(session, order.id, CLERK, {1: 4}, reason="customer needs fewer")
    commit(session)
    stock = session.exec(select(Stock).where(Stock.sku == "HB-1240")).one()
    assert stock.allocated == Decimal(6)
    (event,) = _events(session, order.id, "line_cancelled")
    assert event.details["quantity"] == "4" and event.details["line_no"] == 1
    act.cancel(session, order.id, CLERK)
    commit(session)
    assert order.state == "cancelled"
    assert session.exec(select(Stock).where(Stock.sku == "HB-1240")).one().allocated == 0


def test_a_failing_action_leaves_no_event_and_no_change(session):
    seed(session)
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    commit(session)
    before = len(_events(session, order.id))
    with pytest.raises(LifecycleError):
        act.change(session, order.id, CLERK, ship_to="New address", quantities={1: "-3"})
    rollback(session)
    session.expire_all()
    assert len(_events(session, order.id)) == before
    assert session.get(Order, order.id).ship_to != "New address"


def test_after_commit_hooks_run_only_when_the_transaction_commits(session):
    seed(session)
    ran = []
    order = new_order(session)
    act.hold(session, order.id, CLERK)
    after_commit(session, lambda: ran.append("hold"))
    assert ran == []
    commit(session)
    assert ran == ["hold"]
    act.release(session, order.id, CLERK)
    after_commit(session, lambda: ran.append("release"))
    rollback(session)
    commit(session)
    assert ran == ["hold"]


def test_a_stale_version_is_refused_and_another_session_sees_the_committed_state(session, settings):
    seed(session)
    order = new_order(session)
    with pytest.raises(Conflict) as stale:
        act.validate(session, order.id, CLERK, version=order.version + 1)
    assert stale.value.code == "version_mismatch"
    rollback(session)
    act.validate(session, order.id, CLERK, version=order.version)
    commit(session)
    with Session(get_engine(settings.db_url), expire_on_commit=False) as other:
        with pytest.raises(LifecycleError) as twice:
            act.validate(other, order.id, CLERK)
        assert twice.value.code == "transition_not_allowed"


def test_event_listeners_see_every_event_and_queue_work_after_the_commit(session):
    from app.orders.events import _listeners, on_event

    seed(session)
    seen, sent = [], []

    def listener(s, event):
        seen.append(event.type)
        after_commit(s, lambda: sent.append(event.id))
    on_event(listener)
    try:
        order = new_order(session)
        assert seen == ["order_created"] and len(sent) == 1
        act.validate(session, order.id, CLERK)
        assert seen[1:] == ["order_validated", "credit_approved"] and len(sent) == 1
        rollback(session)
        assert len(sent) == 1
    finally:
        _listeners.remove(listener)
