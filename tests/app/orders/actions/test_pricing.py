"""Price overrides: within the tolerance they apply at once; beyond it the order waits on a
price-approval hold until another user with the finance or admin role approves."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from app.core.auth import Actor
from app.core.errors import Forbidden
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.errors import LifecycleError
from app.orders.models import OrderEvent, OrderLine
from tests.app.scenarios import CLERK, FINANCE, WAREHOUSE, new_order, seed


def _price(session, order_id, no=1):
    return session.exec(select(OrderLine.unit_price).where(OrderLine.order_id == order_id,
                                                           OrderLine.line_no == no)).one()


def test_a_small_discount_applies_without_approval(session):
    seed(session)
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    act.request_price_override(session, order.id, 1, "2.40", CLERK)  # 4% under list
    commit(session)
    assert _price(session, order.id) == Decimal("2.40") and order.hold_status == "none"
    approved = session.exec(select(OrderEvent).where(OrderEvent.type == "price_override_approved")).one()
    assert approved.details["automatic"] is True


def test_a_big_discount_waits_for_another_finance_user(session):
    seed(session)
    order = new_order(session)
    act.validate(session, order.id, CLERK)
    act.request_price_override(session, order.id, 1, "1.50", Actor.of("fred", "clerk", "finance"), reason="deal")
    commit(session)
    assert (order.state, order.hold_status) == ("on_hold", "price_approval")
    assert _price(session, order.id) == Decimal("2.50")
    with pytest.raises(LifecycleError):
        act.allocate(session, order.id, WAREHOUSE)
    session.rollback()
    with pytest.raises(Forbidden) as own:
        act.approve_price_override(session, order.id, 1, Actor.of("fred", "finance"))
    assert own.value.code == "segregation_of_duties"
    with pytest.raises(Forbidden) as role:
        act.approve_price_override(session, order.id, 1, CLERK)
    assert role.value.code == "forbidden"
    act.approve_price_override(session, order.id, 1, FINANCE)
    commit(session)
    assert _price(session, order.id) == Decimal("1.50") and order.state == "credit_approved"
    assert order.total == Decimal("17.00")
    with pytest.raises(LifecycleError) as nothing:
        act.approve_price_override(session, order.id, 1, FINANCE)
    assert nothing.value.code == "no_pending_override"


def test_an_order_priced_off_the_list_waits_for_approval_at_validation(session):
    seed(session)
    order = new_order(session, lines=[{"sku": "HB-1240", "quantity": 10, "unit_price": "1.00"},
                                      {"sku": "WS-12", "quantity": 20}])  # entered by carla
    act.validate(session, order.id, CLERK)
    commit(session)
    assert (order.state, order.hold_status) == ("on_hold", "price_approval")
    (req,) = session.exec(select(OrderEvent).where(OrderEvent.type == "price_override_requested")).all()
    assert (req.actor, req.details["line_no"], req.details["deviation"]) == ("carla", 1, "0.6")
    with pytest.raises(Forbidden):
        act.approve_price_override(session, order.id, 1, Actor.of("carla", "finance"))
    act.approve_price_override(session, order.id, 1, FINANCE)
    assert order.state == "credit_approved" and _price(session, order.id) == Decimal("1.00")
