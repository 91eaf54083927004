"""Stock: allocation by rule (one warehouse per line), backorders, and stock arriving."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from app.catalog.models import Customer, Stock, Warehouse
from app.catalog.service import on_stock_arrived
from app.core.auth import SYSTEM, Actor
from app.core.errors import NotFound
from app.orders import events as ev
from app.orders.actions.common import lock_order, order_lines, record, refuse, write_ledger
from app.orders.models import Order, OrderLine
from app.orders.rules import ledger as L
from app.orders.rules.allocation import RULES, Demand, allocate_stock, rule_key
from app.orders.rules.ledger import as_qty
from app.orders.rules.transitions import TRANSITIONS, check_allowed
from app.orders.rules.transitions import Action as A

ALLOCATION_RULE = "fifo"  # fifo | priority | requested_date
BACKORDER_LEAD_DAYS = 14  # promise date of a backorder when nothing better is known
ZERO = Decimal(0)


def lock_stock(session: Session, sku: str, warehouse_id: int | None = None) -> list[Stock]:
    """Stock rows of a SKU under a row lock, in id order (orders are always locked before stock)."""
    stmt = select(Stock).where(Stock.sku == sku)
    if warehouse_id is not None:
        stmt = stmt.where(Stock.warehouse_id == warehouse_id)
    return list(session.exec(stmt.order_by(Stock.id).with_for_update().execution_options(populate_existing=True)))


def lock_skus(session: Session, skus: Iterable[str]) -> None:
    """Lock the stock rows of several SKUs in one fixed order (by SKU), so two actions touching
    the same SKUs in another line order never deadlock."""
    for sku in sorted(set(skus)):
        lock_stock(session, sku)


def release_stock(session: Session, line: OrderLine, qty: Decimal, *, shipped: bool = False) -> None:
    """Give back reserved units (cancel) or take shipped units off the shelf."""
    if qty <= 0 or line.warehouse_id is None:
        return
    for row in lock_stock(session, line.sku, line.warehouse_id):
        row.allocated = max(ZERO, Decimal(row.allocated) - qty)
        if shipped:
            row.on_hand = Decimal(row.on_hand) - qty
        session.add(row)


def _demand(order: Order, line: OrderLine, priority: int, qty: Decimal) -> Demand:
    return Demand(order.id, line.id, line.sku, qty, order.created_at, order.requested_date, priority)


def _allocate_in_order(session: Session, demands: list[tuple[Demand, OrderLine]], rule: str) -> dict[int, Decimal]:
    """Serve demands in rule order, each from one warehouse (its own once it has one)."""
    if rule not in RULES:
        rule_key(rule)  # raises unknown_rule
    got: dict[int, Decimal] = {}
    stock_rows = {sku: lock_stock(session, sku) for sku in sorted({li.sku for _, li in demands})}
    for demand, line in sorted(demands, key=lambda dl: rule_key(rule)(dl[0])):
        rows = stock_rows[line.sku]
        usable = [r for r in rows if line.warehouse_id in (None, r.warehouse_id)]
        stock = {(str(r.warehouse_id), r.sku): Decimal(r.on_hand) - Decimal(r.allocated) for r in usable}
        found = allocate_stock([demand], stock, rule)
        if not found:
            continue
        first = found[0]  # the warehouse that covers most; a line never spans warehouses
        row = next(r for r in usable if str(r.warehouse_id) == first.warehouse)
        row.allocated = Decimal(row.allocated) + first.qty
        session.add(row)
        line.warehouse_id = row.warehouse_id
        write_ledger(line, L.allocate(L.LineLedger.from_attrs(line), first.qty))
        got[line.id] = first.qty
    return got


def _line_facts(line: OrderLine, qty: Decimal, warehouse_id: int | None = None) -> dict:
    return {"line_no": line.line_no, "sku": line.sku, "quantity": qty, "warehouse_id": warehouse_id}


def allocate(session: Session, order_id: int, actor: Actor, *, rule: str = ALLOCATION_RULE,
             promise_date: date | None = None, version: int | None = None) -> Order:
    """Reserve stock for every open unit; what cannot be reserved becomes a backorder with a promise date."""
    order = lock_order(session, order_id, version)
    lines = order_lines(session, order_id)
    check_allowed(A.ALLOCATE, order.state, [L.LineLedger.from_attrs(li) for li in lines])
    customer = session.get(Customer, order.customer_id)
    priority = customer.priority if customer else 100
    demands = [(_demand(order, li, priority, L.LineLedger.from_attrs(li).unallocated), li)
               for li in lines if L.LineLedger.from_attrs(li).unallocated > 0]
    got = _allocate_in_order(session, demands, rule)
    events = []
    if got:
        events.append(ev.allocated(order.id, actor.name, rule=rule, lines=[
            _line_facts(li, got[li.id], li.warehouse_id) for li in lines if li.id in got]))
    promise = promise_date or date.today() + timedelta(days=BACKORDER_LEAD_DAYS)
    back = []
    for li in lines:
        ledger = L.LineLedger.from_attrs(li)
        if ledger.free_demand > 0:
            back.append({**_line_facts(li, ledger.free_demand), "promise_date": promise})
            write_ledger(li, L.backorder(ledger, ledger.free_demand))
            li.promise_date = promise
    if back:
        events.append(ev.backordered(order.id, actor.name, lines=back))
        order.promised_date = max(promise, order.promised_date or promise)
    if not events:
        raise refuse("no_stock_available", "No stock is available for the backordered units",
                     skus=sorted({li.sku for li in lines if li.backordered > 0}))
    return record(session, order, *events, lines=lines)


def _warehouse(session: Session, warehouse: str | int) -> Warehouse:
    stmt = select(Warehouse).where(Warehouse.id == warehouse if isinstance(warehouse, int)
                                   else Warehouse.code == warehouse)
    found = session.exec(stmt).first()
    if found is None:
        raise NotFound("warehouse_not_found", f"no warehouse {warehouse}")
    return found


def receive_stock(session: Session, warehouse: str | int, sku: str, quantity: Decimal | int | str,
                  actor: Actor = SYSTEM, *, rule: str = ALLOCATION_RULE) -> dict:
    """Stock arrives: add it on hand, then allocate waiting backorders of that SKU in rule order."""
    qty = as_qty(quantity)
    wh = _warehouse(session, warehouse)
    orders = _lock_waiting(session, sku)  # orders first, then stock: one lock order everywhere
    rows = lock_stock(session, sku, wh.id)
    row = rows[0] if rows else Stock(warehouse_id=wh.id, sku=sku, on_hand=ZERO, allocated=ZERO)
    row.on_hand = Decimal(row.on_hand) + qty
    session.add(row)
    session.flush()
    served = _fill_backorders(session, orders, sku, actor, rule)
    return {"warehouse": wh.code, "sku": sku, "received": str(qty), "on_hand": str(row.on_hand),
            "allocated_to": served}


def allocate_backorders(session: Session, sku: str, actor: Actor = SYSTEM, *,
                        rule: str = ALLOCATION_RULE) -> list[dict]:
    """Allocate waiting backorders of a SKU from the stock there is now (e.g. after a stock import)."""
    return _fill_backorders(session, _lock_waiting(session, sku), sku, actor, rule)


def _lock_waiting(session: Session, sku: str) -> list[Order]:
    """Orders with backordered units of this SKU that may be allocated, locked in id order."""
    allowed = [s.value for s in TRANSITIONS[A.ALLOCATE]]
    waiting = session.exec(select(Order.id).join(OrderLine, OrderLine.order_id == Order.id)
                           .where(OrderLine.sku == sku, OrderLine.backordered > 0, Order.state.in_(allowed))
                           .distinct().order_by(Order.id)).all()
    return [o for o in (lock_order(session, oid) for oid in waiting) if o.state in allowed]


def _fill_backorders(session: Session, orders: list[Order], sku: str, actor: Actor, rule: str) -> list[dict]:
    priorities = {c.id: c.priority for c in session.exec(select(Customer).where(
        Customer.id.in_([o.customer_id for o in orders] or [-1])))}
    demands, owner = [], {}
    for order in orders:
        for li in order_lines(session, order.id):
            if li.sku == sku and Decimal(li.backordered) > 0:
                demands.append((_demand(order, li, priorities.get(order.customer_id, 100), Decimal(li.backordered)),
                                li))
                owner[li.id] = order
    got = _allocate_in_order(session, demands, rule)
    served = []
    for order in orders:
        mine = [li for _, li in demands if owner[li.id] is order and li.id in got]
        if mine:
            record(session, order, ev.backorder_allocated(order.id, actor.name, rule=rule, lines=[
                _line_facts(li, got[li.id], li.warehouse_id) for li in mine]))
            served.append({"order_id": order.id, "order_number": order.number,
                           "quantity": str(sum(got[li.id] for li in mine))})
    return served


@on_stock_arrived
def serve_backorders(session: Session, skus: list[str]) -> int:
    """A stock import is stock arriving: waiting backorders are allocated again, SKU by SKU, in rule order."""
    return sum(len(allocate_backorders(session, sku)) for sku in skus)


__all__ = [
    "ALLOCATION_RULE",
    "allocate",
    "allocate_backorders",
    "lock_skus",
    "lock_stock",
    "receive_stock",
    "release_stock",
]
