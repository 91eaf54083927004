"""Orders entered through the API, changes and cancellations (prices: act_pricing)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Mapping

from sqlmodel import Session, select

from app.catalog.models import Customer, Product
from app.core.auth import Actor
from app.core.errors import Conflict, NotFound
from app.core.numbers import next_number
from app.orders import events as ev
from app.orders import ledger as L
from app.orders.act_credit import recheck_credit
from app.orders.act_stock import lock_skus, release_stock
from app.orders.models import Order, OrderLine
from app.orders.queries import list_price
from app.orders.service import line_by_no, lock_order, order_lines, record, refuse, write_ledger
from app.orders.transitions import Action as A
from app.orders.transitions import check_allowed


def _order_total(lines: Iterable[OrderLine]) -> Decimal:
    return sum(((Decimal(li.ordered) - Decimal(li.cancelled)) * Decimal(li.unit_price) for li in lines), Decimal(0))


def _product(session: Session, sku: str) -> Product:
    product = session.exec(select(Product).where(Product.sku == sku)).first()
    if product is None or not product.active:
        raise NotFound("unknown_sku", f"no active product {sku}", details={"sku": sku})
    return product


def place_order(session: Session, customer_code: str, lines: list[Mapping[str, Any]], actor: Actor, *,
                po_number: str | None = None, requested_date: date | None = None, ship_to: str | None = None,
                channel: str = "api") -> Order:
    """An order posted by an API client: customer code, PO number, lines of sku/quantity/unit_price."""
    customer = session.exec(select(Customer).where(Customer.code == customer_code)).first()
    if customer is None:
        raise NotFound("customer_not_found", f"no customer {customer_code}")
    if po_number and session.exec(select(Order).where(Order.customer_id == customer.id,
                                                      Order.po_number == po_number)).first():
        raise Conflict("duplicate_po", f"customer {customer_code} already has an order for PO {po_number}")
    if not lines:
        raise refuse("order_incomplete", "An order needs at least one line")
    order = Order(number=next_number(session, "order", "SO-"), customer_id=customer.id, po_number=po_number,
                  channel=channel, currency=customer.currency, order_date=date.today(), requested_date=requested_date,
                  ship_to=ship_to or customer.ship_to, bill_to=customer.bill_to, entered_by=actor.name)
    session.add(order)
    session.flush()
    rows = []
    for n, spec in enumerate(lines, start=1):
        rows.append(_new_line(session, order, customer, n, spec))
    order.total = _order_total(rows)
    record(session, order, ev.order_created(order.id, actor.name, channel=channel, lines=len(rows),
                                            po_number=po_number), lines=rows)
    order.version = 1  # a new order starts at version 1
    return order


def _new_line(session: Session, order: Order, customer: Customer | None, line_no: int,
              spec: Mapping[str, Any]) -> OrderLine:
    product = _product(session, str(spec["sku"]))
    qty = L.as_qty(spec.get("quantity", 0))
    price = spec.get("unit_price")
    price = Decimal(str(price)) if price is not None else list_price(session, customer, product.sku, qty)
    line = OrderLine(order_id=order.id, line_no=line_no, sku=product.sku, description=product.description,
                     unit=product.uom, unit_price=price or Decimal(0), ordered=qty,
                     promise_date=spec.get("promise_date"))
    session.add(line)
    session.flush()
    return line


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
    order.total = _order_total(rows)
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
    events, before_total = [], _order_total(rows)
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
        line = _new_line(session, order, customer, max((li.line_no for li in rows), default=0) + 1, spec)
        rows.append(line)
        events.append(ev.changed(order.id, actor.name, kind="line_added", line_no=line.line_no,
                                 new={"sku": line.sku, "quantity": line.ordered, "unit_price": line.unit_price},
                                 source=source))
    if not events:
        raise refuse("nothing_to_change", "The change request changes nothing")
    order.total = _order_total(rows)
    record(session, order, *events, lines=rows, changed_by=actor.name)
    if order.total > before_total:
        recheck_credit(session, order)
    return order
