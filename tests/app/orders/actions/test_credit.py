"""Credit check on validation, holds released by the credit role with segregation of duties,
automatic release when payments bring exposure under the limit, manual holds."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app.core.auth import Actor
from app.core.errors import Forbidden
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.errors import LifecycleError
from app.orders.models import OrderEvent
from tests.app.scenarios import CLERK, CREDIT, FINANCE, WAREHOUSE, invoiced_order, new_order, seed

BIG = [{"sku": "HB-1240", "quantity": 40, "unit_price": "2.50"}]  # 100.00


def test_an_order_over_the_limit_goes_on_credit_hold(session):
    seed(session, limit="50")
    order = new_order(session, lines=BIG)
    act.validate(session, order.id, CLERK)
    commit(session)
    assert (order.state, order.hold_status) == ("credit_hold", "credit_hold")
    hold = session.exec(select(OrderEvent).where(OrderEvent.type == "credit_hold")).one()
    assert Decimal(hold.details["exposure"]) == 100 and hold.details["reason"] == "over_limit"
    with pytest.raises(LifecycleError) as refused:
        act.allocate(session, order.id, WAREHOUSE)
    assert refused.value.code == "transition_not_allowed"


def test_exposure_counts_open_orders_of_the_same_customer(session):
    seed(session, limit="150")
    first = new_order(session, lines=BIG)
    act.validate(session, first.id, CLERK)
    second = new_order(session, lines=BIG)
    act.validate(session, second.id, CLERK)
    assert (first.state, second.state) == ("credit_approved", "credit_hold")


@pytest.mark.parametrize(("who", "code"), [
    pytest.param(Actor.of("carla", "credit"), "segregation_of_duties", id="the-clerk-who-entered-it"),
    pytest.param(Actor.of("fiona", "finance"), "forbidden", id="no-credit-role"),
])
def test_credit_release_is_refused_to(session, who, code):
    seed(session, limit="50")
    order = new_order(session, lines=BIG)  # entered by carla
    act.validate(session, order.id, CLERK)
    with pytest.raises(Forbidden) as refused:
        act.release_credit(session, order.id, who)
    assert refused.value.code == code and refused.value.status_code == 403


def test_whoever_last_changed_the_order_cannot_release_it(session):
    seed(session, limit="50")
    order = new_order(session, lines=BIG)
    act.validate(session, order.id, CLERK)
    act.change(session, order.id, Actor.of("cris", "clerk", "credit"), ship_to="Dock 9")
    with pytest.raises(Forbidden) as refused:
        act.release_credit(session, order.id, CREDIT)  # cris changed it
    assert refused.value.code == "segregation_of_duties"
    act.release_credit(session, order.id, Actor.of("olga", "credit"), note="known customer")
    assert order.state == "credit_approved"


def test_a_payment_that_brings_exposure_under_the_limit_releases_the_hold(session):
    seed(session, limit="40")
    _, inv = invoiced_order(session, lines=[{"sku": "HB-1240", "quantity": 10, "unit_price": "2.50"}])  # 25
    waiting = new_order(session, lines=[{"sku": "WS-12", "quantity": 200, "unit_price": "0.10"}])  # 20
    act.validate(session, waiting.id, CLERK)
    assert waiting.state == "credit_hold"  # 25 open + 20 > 40
    act.record_payment(session, inv.id, "4", FINANCE)
    session.refresh(waiting)
    assert waiting.state == "credit_hold"  # 21 open + 20 > 40
    act.record_payment(session, inv.id, "10", FINANCE)  # 11 + 20 <= 40
    commit(session)
    session.refresh(waiting)
    assert waiting.state == "credit_approved"
    released = session.exec(select(OrderEvent).where(OrderEvent.order_id == waiting.id,
                                                     OrderEvent.type == "credit_released")).one()
    assert released.details["automatic"] is True and released.actor == "system"


def test_an_overdue_invoice_puts_new_orders_on_hold_and_is_flagged_once(session):
    seed(session, terms="NET30")
    _order, inv = invoiced_order(session)
    later = date.today() + timedelta(days=31)
    flagged = act.mark_overdue(session, today=later)
    assert [i.id for i in flagged] == [inv.id] and inv.status == "overdue"
    assert act.mark_overdue(session, today=later) == []
    commit(session)
    inv.due_date = date.today() - timedelta(days=1)
    session.add(inv)
    commit(session)
    fresh = new_order(session, lines=BIG)
    act.validate(session, fresh.id, CLERK)
    assert fresh.state == "credit_hold"


def test_a_manual_hold_stops_the_warehouse_until_released(session):
    seed(session)
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    act.hold(session, order.id, CLERK, reason="customer disputes price")
    assert (order.state, order.hold_status) == ("on_hold", "manual_hold")
    with pytest.raises(LifecycleError) as refused:
        act.allocate(session, order.id, WAREHOUSE)
    assert refused.value.code == "transition_not_allowed"
    act.release(session, order.id, CLERK)
    assert (order.state, order.hold_status) == ("credit_approved", "none")
