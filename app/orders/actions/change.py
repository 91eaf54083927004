"""Changes and cancellations of an order (its prices: pricing.py)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from app.catalog.models import Customer
from app.core.auth import Actor
from app.orders import events as ev
from app.orders.actions.common import line_by_no, lock_order, order_lines, order_total, record, refuse, write_ledger
from app.orders.actions.credit import recheck_credit
from app.orders.actions.place import catalog_line, write_line
from app.orders.actions.stock import lock_skus, release_stock
from app.orders.models import Order, OrderLine
from app.orders.rules import ledger as L
from app.orders.rules.transitions import Action as A
from app.orders.rules.transitions import check_allowed


def cancel(session: Session, order_id: int, actor: Actor, lines: Mapping[int, Decimal | int | str | None] | None = None,
           *, reason: str | None = None, version: int | None = None) -> Order:
    """Cancel the whole order (every unshipped unit) or some lines (line_no -> quantity, None = all unshipped)."""
    order = lock_order(session, order_id, version)
    rows = order_lines(session, order_id)
    check_allowed(A.CANCEL, order.state, [L.LineLedger.from_attrs(li) for li in rows])
    lock_skus(session, (li.sku for li in rows))
    events = []
    if lines is None:
        for line, after in zip(rows, L.cancel_remaining([L.LineLedger.from_attrs(li) for li in rows])):
            _write_cancel(session, line, after)
        events.append(ev.cancelled(order.id, actor.name, reason=reason))
    else:
        for no, qty in lines.items():
            line = line_by_no(rows, int(no))
            before = L.LineLedger.from_attrs(line)
            _write_cancel(session, line, L.cancel(before, qty))
            events.append(ev.line_cancelled(order.id, actor.name, line_no=line.line_no, sku=line.sku,
                                            quantity=Decimal(line.cancelled) - before.cancelled, reason=reason))
    order.total = order_total(rows)
    return record(session, order, *events, lines=rows, changed_by=actor.name)


def _write_cancel(session: Session, line: OrderLine, after: L.LineLedger) -> None:
    released = Decimal(line.allocated) - after.allocated
    write_ledger(line, after)
    release_stock(session, line, released)


def change(session: Session, order_id: int, actor: Actor, *, quantities: Mapping[int, Any] | None = None,
           requested_date: date | None = None, ship_to: str | None = None,
           add_lines: list[Mapping[str, Any]] | None = None, remove_lines: list[int] | None = None,
           source: str | None = None, version: int | None = None) -> Order:
    """Change quantities, the requested date, the address, add or remove lines; each change is an event."""
    order = lock_order(session, order_id, version)
    rows = order_lines(session, order_id)
    check_allowed(A.CHANGE_QUANTITY, order.state)
    lock_skus(session, (li.sku for li in rows))
    events, before_total = [], order_total(rows)
    for no, qty in (quantities or {}).items():
        line = line_by_no(rows, int(no))
        old = Decimal(line.ordered)
        _write_cancel(session, line, L.change_quantity(L.LineLedger.from_attrs(line), qty))
        events.append(ev.changed(order.id, actor.name, kind="quantity", field="ordered", old=old, new=line.ordered,
                                 line_no=line.line_no, source=source))
    if requested_date is not None and requested_date != order.requested_date:
        events.append(ev.changed(order.id, actor.name, kind="date", field="requested_date",
                                 old=order.requested_date, new=requested_date, source=source))
        order.requested_date = requested_date
    if ship_to is not None and ship_to != order.ship_to:
        events.append(ev.changed(order.id, actor.name, kind="address", field="ship_to", old=order.ship_to,
                                 new=ship_to, source=source))
        order.ship_to = ship_to
    for no in remove_lines or []:
        line = line_by_no(rows, int(no))
        ledger = L.LineLedger.from_attrs(line)
        if ledger.shipped > 0:
            raise refuse("line_shipped", f"Line {no} has shipped units and cannot be removed", line_no=no)
        if ledger.unshipped > 0:
            _write_cancel(session, line, L.cancel(ledger))
        events.append(ev.changed(order.id, actor.name, kind="line_removed", line_no=line.line_no, old=line.sku,
                                 source=source))
    customer = session.get(Customer, order.customer_id)
    for spec in add_lines or []:
        line_no = max((li.line_no for li in rows), default=0) + 1
        line = write_line(session, order, line_no, catalog_line(session, customer, spec))
        rows.append(line)
        events.append(ev.changed(order.id, actor.name, kind="line_added", line_no=line.line_no,
                                 new={"sku": line.sku, "quantity": line.ordered, "unit_price": line.unit_price},
                                 source=source))
    if not events:
        raise refuse("nothing_to_change", "The change request changes nothing")
    order.total = order_total(rows)
    record(session, order, *events, lines=rows, changed_by=actor.name)
    if order.total > before_total:
        recheck_credit(session, order)
    return order
