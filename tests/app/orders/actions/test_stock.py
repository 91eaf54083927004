"""Allocation by rule: partial allocation backorders the rest with a promise date; stock arriving
fills backorders in rule order (first come, key accounts first, or earliest requested date)."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from app.catalog.models import Stock
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.errors import LifecycleError
from app.orders.models import OrderEvent, OrderLine
from tests.app.scenarios import CLERK, WAREHOUSE, new_order, seed


def _line(session, order_id, no=1):
    return session.exec(select(OrderLine).where(OrderLine.order_id == order_id, OrderLine.line_no == no)).one()


def _waiting(session, customer, qty, requested=None):
    order = new_order(session, customer, lines=[{"sku": "HB-1240", "quantity": qty, "unit_price": "2.50"}],
                      requested_date=requested)
    act.validate(session, order.id, CLERK)
    act.allocate(session, order.id, WAREHOUSE)
    commit(session)
    return order


def test_partial_allocation_backorders_the_rest_with_a_promise_date(session):
    seed(session, stock=6)
    promise = date.today() + timedelta(days=9)
    order = new_order(session, lines=[{"sku": "HB-1240", "quantity": 10, "unit_price": "2.50"}])
    act.validate(session, order.id, CLERK)
    act.allocate(session, order.id, WAREHOUSE, promise_date=promise)
    commit(session)
    line = _line(session, order.id)
    assert (line.allocated, line.backordered, line.promise_date) == (6, 4, promise)
    assert (order.state, order.fulfilment_status) == ("partially_allocated", "backordered")
    back = session.exec(select(OrderEvent).where(OrderEvent.type == "backordered")).one()
    assert back.details["lines"][0]["quantity"] == "4" and back.details["lines"][0]["promise_date"] == str(promise)
    assert session.exec(select(Stock).where(Stock.sku == "HB-1240")).one().allocated == 6


@pytest.mark.parametrize(("rule", "served_first"), [
    pytest.param("fifo", "early", id="fifo"),
    pytest.param("priority", "key", id="customer-priority"),
    pytest.param("requested_date", "urgent", id="requested-date"),
])
def test_stock_arriving_fills_backorders_in_rule_order(session, rule, served_first):
    seed(session, stock=0)
    soon, later = date.today() + timedelta(days=3), date.today() + timedelta(days=30)
    orders = {"early": _waiting(session, "ACME", 5, later), "key": _waiting(session, "KEY", 5, later),
              "urgent": _waiting(session, "ACME", 5, soon)}
    assert all(o.fulfilment_status == "backordered" for o in orders.values())
    result = act.receive_stock(session, "DAL", "HB-1240", 5, WAREHOUSE, rule=rule)
    commit(session)
    assert [a["order_id"] for a in result["allocated_to"]] == [orders[served_first].id]
    for name, order in orders.items():
        session.refresh(order)
        assert order.state == ("allocated" if name == served_first else "partially_allocated")
    event = session.exec(select(OrderEvent).where(OrderEvent.type == "backorder_allocated")).one()
    assert event.order_id == orders[served_first].id and event.details["rule"] == rule


def test_more_stock_serves_several_backorders_and_the_rest_stays_on_hand(session):
    seed(session, stock=0)
    a, b = _waiting(session, "ACME", 3), _waiting(session, "KEY", 4)
    act.receive_stock(session, "DAL", "HB-1240", 10, WAREHOUSE)
    commit(session)
    stock = session.exec(select(Stock).where(Stock.sku == "HB-1240")).one()
    assert (stock.on_hand, stock.allocated) == (10, 7)
    assert [_line(session, o.id).backordered for o in (a, b)] == [0, 0]


def test_allocating_again_without_stock_is_refused_and_an_unknown_rule_too(session):
    seed(session, stock=0)
    order = _waiting(session, "ACME", 3)
    with pytest.raises(LifecycleError) as none:
        act.allocate(session, order.id, WAREHOUSE)
    assert none.value.code == "no_stock_available"
    act.receive_stock(session, "DAL", "WS-12", Decimal(1), WAREHOUSE)
    with pytest.raises(LifecycleError) as bad:
        act.allocate(session, order.id, WAREHOUSE, rule="cheapest")
    assert bad.value.code == "unknown_rule"


def test_backorders_are_filled_after_a_stock_import_sets_on_hand(session):
    seed(session, stock=0)
    order = _waiting(session, "ACME", 3)
    stock = session.exec(select(Stock).where(Stock.sku == "HB-1240")).one()
    stock.on_hand = Decimal(50)  # what `intake import stock` does: sets the figure
    session.add(stock)
    served = act.allocate_backorders(session, "HB-1240", WAREHOUSE)
    commit(session)
    assert served[0]["order_id"] == order.id and order.state == "allocated"


def test_a_stock_csv_import_fills_waiting_backorders(session):
    from app.catalog.service import import_csv

    seed(session, stock=0)
    order = _waiting(session, "ACME", 5)
    assert order.fulfilment_status == "backordered"
    result = import_csv(session, "stock", "warehouse,sku,on_hand\nDAL,HB-1240,20\n")
    commit(session)
    assert result.backorders_allocated == 1
    session.refresh(order)
    assert order.state == "allocated" and _line(session, order.id).allocated == 5
