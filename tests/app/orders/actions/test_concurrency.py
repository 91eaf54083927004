"""Concurrent actions: orders competing for the same stock never oversell it, and actions that
touch the same SKUs in different line orders do not deadlock (each thread has its own session)."""
from __future__ import annotations

import threading

from sqlmodel import Session, func, select

from app.catalog.models import Stock
from app.core.db import get_engine
from app.core.transactions import commit
from app.orders import actions as act
from app.orders.models import OrderLine
from tests.app.scenarios import CLERK, WAREHOUSE, new_order, seed


def _at_once(settings, fn, ids):
    barrier, failures = threading.Barrier(len(ids)), []

    def run(order_id):
        with Session(get_engine(settings.db_url), expire_on_commit=False) as s:
            barrier.wait()
            try:
                fn(s, order_id)
                commit(s)
            except Exception as err:
                s.rollback()
                failures.append(repr(err))
    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures


def test_orders_allocated_at_once_never_oversell_the_stock(session, settings):
    seed(session, stock=25)
    ids = []
    for _ in range(5):
        order = new_order(session, lines=[{"sku": "HB-1240", "quantity": 10, "unit_price": "2.50"}])
        act.validate(session, order.id, CLERK)
        ids.append(order.id)
    commit(session)
    assert _at_once(settings, lambda s, oid: act.allocate(s, oid, WAREHOUSE), ids) == []
    session.expire_all()
    stock = session.exec(select(Stock).where(Stock.sku == "HB-1240")).one()
    lines_allocated = session.exec(select(func.sum(OrderLine.allocated)).where(OrderLine.sku == "HB-1240")).one()
    assert stock.allocated == lines_allocated == 25
    backordered = session.exec(select(func.sum(OrderLine.backordered))).one()
    assert backordered == 50 - 25


def test_shipping_orders_whose_lines_name_the_skus_in_opposite_order(session, settings):
    seed(session)
    ab = [{"sku": "HB-1240", "quantity": 2, "unit_price": "2.50"},
          {"sku": "WS-12", "quantity": 2, "unit_price": "0.10"}]
    ids = []
    for i in range(6):
        order = new_order(session, lines=ab if i % 2 else ab[::-1])
        act.validate(session, order.id, CLERK)
        act.allocate(session, order.id, WAREHOUSE)
        act.pick(session, order.id, WAREHOUSE)
        act.pack(session, order.id, WAREHOUSE)
        ids.append(order.id)
    commit(session)
    failures = _at_once(settings, lambda s, oid: act.ship(s, oid, WAREHOUSE, carrier="UPS", tracking_number=str(oid)),
                        ids)
    assert failures == []
    session.expire_all()
    assert [(r.on_hand, r.allocated) for r in session.exec(select(Stock).order_by(Stock.sku))] == [(88, 0), (88, 0)]
