"""Prices: an order price beyond the tolerance from the price list waits on a price-approval
hold until another user with the finance or admin role approves it."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlmodel import Session, select

from app.catalog.models import Customer
from app.core.auth import Actor, require_role
from app.core.errors import Forbidden
from app.orders import events as ev
from app.orders.actions.common import line_by_no, lock_order, order_lines, record, refuse
from app.orders.events import EventType
from app.orders.models import Order, OrderEvent, OrderLine
from app.orders.queries import list_price, order_facts
from app.orders.rules.transitions import Action as A
from app.orders.rules.transitions import check_allowed

PRICE_TOLERANCE = Decimal("0.05")  # a price within 5% of the list price needs no approval
PRICE_APPROVER_ROLES = ("finance", "admin")


def _order_total(lines: Iterable[OrderLine]) -> Decimal:
    return sum(((Decimal(li.ordered) - Decimal(li.cancelled)) * Decimal(li.unit_price) for li in lines), Decimal(0))


def deviation(price: Decimal, listed: Decimal | None) -> Decimal | None:
    """Relative distance from the list price; None when there is no list price to compare with."""
    if not listed:
        return None
    return (abs(Decimal(price) - listed) / listed).quantize(Decimal("0.0001"))


def flag_price_deviations(session: Session, order: Order, lines: list[OrderLine]) -> list[OrderEvent]:
    """At validation: each line priced beyond the tolerance becomes a price override requested by
    whoever entered the order (so that person cannot approve it)."""
    customer = session.get(Customer, order.customer_id)
    events = []
    for line in lines:
        listed = list_price(session, customer, line.sku, Decimal(line.ordered))
        dev = deviation(Decimal(line.unit_price), listed)
        if dev is not None and dev > PRICE_TOLERANCE:
            events.append(ev.price_override_requested(
                order.id, order.entered_by, line_no=line.line_no, list_price=listed, old_price=listed,
                new_price=line.unit_price, deviation=dev, reason="order price differs from the price list"))
    return events


def request_price_override(session: Session, order_id: int, line_no: int, new_price: Decimal | int | str,
                           actor: Actor, *, reason: str | None = None, version: int | None = None) -> Order:
    """Set a line's price; beyond the tolerance from the list price it waits for another user's approval."""
    order = lock_order(session, order_id, version)
    rows = order_lines(session, order_id)
    check_allowed(A.HOLD, order.state)
    line = line_by_no(rows, line_no)
    price = Decimal(str(new_price))
    if price < 0:
        raise refuse("invalid_amount", "A price cannot be negative")
    listed = list_price(session, session.get(Customer, order.customer_id), line.sku, Decimal(line.ordered))
    dev = deviation(price, listed if listed else Decimal(line.unit_price))
    dev = Decimal(1) if dev is None else dev  # no price to compare with: always approved by someone
    requested = ev.price_override_requested(order.id, actor.name, line_no=line_no, list_price=listed,
                                            old_price=line.unit_price, new_price=price, deviation=dev,
                                            reason=reason)
    if dev <= PRICE_TOLERANCE:
        _set_price(line, price)
        order.total = _order_total(rows)
        return record(session, order, requested, ev.price_override_approved(
            order.id, "system", line_no=line_no, new_price=price, requested_by=actor.name, automatic=True),
            lines=rows, changed_by=actor.name)
    return record(session, order, requested, lines=rows, changed_by=actor.name)


def approve_price_override(session: Session, order_id: int, line_no: int, actor: Actor, *,
                           version: int | None = None) -> Order:
    """Another user with the finance or admin role applies a pending price override."""
    order = lock_order(session, order_id, version)
    pending = order_facts(session, order_id)["pending_prices"].get(int(line_no))
    if pending is None:
        raise refuse("no_pending_override", f"Line {line_no} has no price override waiting for approval")
    require_role(actor, *PRICE_APPROVER_ROLES)
    requester = _requesters(session, order_id, line_no)[-1]
    if actor.name == requester:
        raise Forbidden("segregation_of_duties", "A price override must be approved by someone else",
                        details={"actor": actor.name})
    rows = order_lines(session, order_id)
    line = line_by_no(rows, line_no)
    _set_price(line, Decimal(str(pending["new_price"])))
    order.total = _order_total(rows)
    return record(session, order, ev.price_override_approved(
        order.id, actor.name, line_no=line_no, new_price=line.unit_price,
        requested_by=requester), lines=rows)


def _requesters(session: Session, order_id: int, line_no: int) -> list[str]:
    rows = session.exec(select(OrderEvent).where(OrderEvent.order_id == order_id,
                                                 OrderEvent.type == EventType.PRICE_OVERRIDE_REQUESTED)
                        .order_by(OrderEvent.id)).all()
    return [e.actor for e in rows if (e.details or {}).get("line_no") == line_no]


def _set_price(line: OrderLine, price: Decimal) -> None:
    if Decimal(line.invoiced) > 0:
        raise refuse("line_invoiced", f"Line {line.line_no} is already invoiced; correct the invoice instead")
    line.unit_price = price
