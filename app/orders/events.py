"""Order events: every type in `EventType`, one tiny constructor per type (each returns an
unsaved OrderEvent), and the listeners told of every event flushed.

Actions add the returned event to the session in the same transaction as the change it
records; nothing writes an OrderEvent any other way. `actor` is a user name or a system
name ("system", "import", "alerts").
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from app.orders.models import OrderEvent


class EventType(StrEnum):
    """What happened to an order; the value is stored in `OrderEvent.type` and sent to webhooks."""

    ORDER_CREATED = "order_created"
    ORDER_VALIDATED = "order_validated"
    CREDIT_APPROVED = "credit_approved"
    CREDIT_HOLD = "credit_hold"
    CREDIT_RELEASED = "credit_released"
    ALLOCATED = "allocated"
    BACKORDERED = "backordered"
    BACKORDER_ALLOCATED = "backorder_allocated"
    PICKED = "picked"
    PACKED = "packed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    INVOICED = "invoiced"
    INVOICE_CORRECTED = "invoice_corrected"
    PAYMENT_RECEIVED = "payment_received"
    INVOICE_OVERDUE = "invoice_overdue"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    LINE_CANCELLED = "line_cancelled"
    CHANGED = "changed"
    HELD = "held"
    RELEASED = "released"
    PRICE_OVERRIDE_REQUESTED = "price_override_requested"
    PRICE_OVERRIDE_APPROVED = "price_override_approved"
    RETURN_REQUESTED = "return_requested"
    RETURN_APPROVED = "return_approved"
    RETURN_RECEIVED = "return_received"
    CREDIT_NOTE_ISSUED = "credit_note_issued"
    ALERT_RAISED = "alert_raised"


# --- listeners ------------------------------------------------------------------------

EventListener = Callable[[Session, OrderEvent], None]
_listeners: list[EventListener] = []


def on_event(fn: EventListener) -> EventListener:
    """Call `fn(session, event)` for every OrderEvent flushed (from any code path, intake included),
    inside the transaction; use `after_commit` in it for work that must wait for the commit (webhooks)."""
    if fn not in _listeners:
        _listeners.append(fn)
    return fn


@sa_event.listens_for(OrmSession, "after_flush")
def _dispatch(session: Session, _context: object) -> None:
    if _listeners:
        for obj in [o for o in session.new if isinstance(o, OrderEvent)]:
            for fn in list(_listeners):
                fn(session, obj)


# --- constructors -----------------------------------------------------------------------

CHANGE_KINDS = ("quantity", "date", "address", "line_added", "line_removed")


def _plain(value: Any) -> Any:
    """JSON-safe details: decimals as plain strings ("4", "2.5"), dates as ISO text."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _event(type_: EventType, order_id: int, actor: str, *, at: datetime | None = None, **details: Any) -> OrderEvent:
    event = OrderEvent(order_id=order_id, type=type_.value, actor=actor,
                       details=_plain({k: v for k, v in details.items() if v is not None}))
    if at is not None:
        event.at = at
    return event


def order_created(order_id: int, actor: str, *, channel: str | None = None, lines: int = 0,
                  po_number: str | None = None, document_id: int | None = None,
                  touchless: bool | None = None) -> OrderEvent:
    """`document_id` and `touchless` when the order was read from a document."""
    return _event(EventType.ORDER_CREATED, order_id, actor, channel=channel, lines=lines, po_number=po_number,
                  document_id=document_id, touchless=touchless)


def order_validated(order_id: int, actor: str) -> OrderEvent:
    return _event(EventType.ORDER_VALIDATED, order_id, actor)


def credit_approved(order_id: int, actor: str, *, exposure: Decimal, limit: Decimal | None) -> OrderEvent:
    return _event(EventType.CREDIT_APPROVED, order_id, actor, exposure=exposure, limit=limit)


def credit_hold(order_id: int, actor: str, *, exposure: Decimal, limit: Decimal | None, reason: str) -> OrderEvent:
    return _event(EventType.CREDIT_HOLD, order_id, actor, exposure=exposure, limit=limit, reason=reason)


def credit_released(order_id: int, actor: str, *, automatic: bool, exposure: Decimal | None = None,
                    note: str | None = None) -> OrderEvent:
    return _event(EventType.CREDIT_RELEASED, order_id, actor, automatic=automatic, exposure=exposure, note=note)


def allocated(order_id: int, actor: str, *, lines: list[dict], rule: str | None = None) -> OrderEvent:
    """lines: [{line_no, sku, warehouse_id, quantity}]"""
    return _event(EventType.ALLOCATED, order_id, actor, lines=lines, rule=rule)


def backordered(order_id: int, actor: str, *, lines: list[dict]) -> OrderEvent:
    """lines: [{line_no, sku, quantity, promise_date}]"""
    return _event(EventType.BACKORDERED, order_id, actor, lines=lines)


def backorder_allocated(order_id: int, actor: str, *, lines: list[dict], rule: str | None = None) -> OrderEvent:
    return _event(EventType.BACKORDER_ALLOCATED, order_id, actor, lines=lines, rule=rule)


def picked(order_id: int, actor: str, *, lines: list[dict]) -> OrderEvent:
    return _event(EventType.PICKED, order_id, actor, lines=lines)


def packed(order_id: int, actor: str, *, lines: list[dict]) -> OrderEvent:
    return _event(EventType.PACKED, order_id, actor, lines=lines)


def shipped(order_id: int, actor: str, *, shipment_id: int, shipment_number: str, carrier: str | None,
            tracking_number: str | None, lines: list[dict]) -> OrderEvent:
    return _event(EventType.SHIPPED, order_id, actor, shipment_id=shipment_id, shipment_number=shipment_number,
                  carrier=carrier, tracking_number=tracking_number, lines=lines)


def delivered(order_id: int, actor: str, *, shipment_id: int, shipment_number: str) -> OrderEvent:
    return _event(EventType.DELIVERED, order_id, actor, shipment_id=shipment_id, shipment_number=shipment_number)


def invoiced(order_id: int, actor: str, *, invoice_id: int, invoice_number: str, total: Decimal,
             due_date: Any = None, shipment_id: int | None = None) -> OrderEvent:
    return _event(EventType.INVOICED, order_id, actor, invoice_id=invoice_id, invoice_number=invoice_number,
                  total=total, due_date=due_date, shipment_id=shipment_id)


def invoice_corrected(order_id: int, actor: str, *, invoice_id: int, credit_note_id: int,
                      new_invoice_id: int, reason: str | None = None) -> OrderEvent:
    return _event(EventType.INVOICE_CORRECTED, order_id, actor, invoice_id=invoice_id, credit_note_id=credit_note_id,
                  new_invoice_id=new_invoice_id, reason=reason)


def payment_received(order_id: int, actor: str, *, payment_id: int, invoice_id: int, invoice_number: str,
                     amount: Decimal, reference: str | None = None) -> OrderEvent:
    return _event(EventType.PAYMENT_RECEIVED, order_id, actor, payment_id=payment_id, invoice_id=invoice_id,
                  invoice_number=invoice_number, amount=amount, reference=reference)


def invoice_overdue(order_id: int, actor: str, *, invoice_id: int, invoice_number: str, due_date: Any,
                    open_amount: Decimal) -> OrderEvent:
    return _event(EventType.INVOICE_OVERDUE, order_id, actor, invoice_id=invoice_id, invoice_number=invoice_number,
                  due_date=due_date, open_amount=open_amount)


def closed(order_id: int, actor: str) -> OrderEvent:
    return _event(EventType.CLOSED, order_id, actor)


def cancelled(order_id: int, actor: str, *, reason: str | None = None, quantity: Decimal | None = None) -> OrderEvent:
    return _event(EventType.CANCELLED, order_id, actor, reason=reason, quantity=quantity)


def line_cancelled(order_id: int, actor: str, *, line_no: int, sku: str, quantity: Decimal,
                   reason: str | None = None) -> OrderEvent:
    return _event(EventType.LINE_CANCELLED, order_id, actor, line_no=line_no, sku=sku, quantity=quantity, reason=reason)


def changed(order_id: int, actor: str, *, kind: str, field: str | None = None, old: Any = None,
            new: Any = None, line_no: int | None = None, source: str | None = None) -> OrderEvent:
    """kind: quantity | date | address | line_added | line_removed"""
    assert kind in CHANGE_KINDS, kind
    return _event(EventType.CHANGED, order_id, actor, kind=kind, field=field, old=old, new=new, line_no=line_no,
                  source=source)


def held(order_id: int, actor: str, *, reason: str | None = None) -> OrderEvent:
    return _event(EventType.HELD, order_id, actor, reason=reason)


def released(order_id: int, actor: str, *, note: str | None = None) -> OrderEvent:
    return _event(EventType.RELEASED, order_id, actor, note=note)


def price_override_requested(order_id: int, actor: str, *, line_no: int, list_price: Decimal | None,
                             old_price: Decimal, new_price: Decimal, deviation: Decimal,
                             reason: str | None = None) -> OrderEvent:
    return _event(EventType.PRICE_OVERRIDE_REQUESTED, order_id, actor, line_no=line_no, list_price=list_price,
                  old_price=old_price, new_price=new_price, deviation=deviation, reason=reason)


def price_override_approved(order_id: int, actor: str, *, line_no: int, new_price: Decimal,
                            requested_by: str, automatic: bool = False) -> OrderEvent:
    return _event(EventType.PRICE_OVERRIDE_APPROVED, order_id, actor, line_no=line_no, new_price=new_price,
                  requested_by=requested_by, automatic=automatic)


def return_requested(order_id: int, actor: str, *, return_id: int, return_number: str, lines: list[dict],
                     reason: str | None = None) -> OrderEvent:
    return _event(EventType.RETURN_REQUESTED, order_id, actor, return_id=return_id, return_number=return_number,
                  lines=lines, reason=reason)


def return_approved(order_id: int, actor: str, *, return_id: int, return_number: str) -> OrderEvent:
    return _event(EventType.RETURN_APPROVED, order_id, actor, return_id=return_id, return_number=return_number)


def return_received(order_id: int, actor: str, *, return_id: int, return_number: str,
                    lines: list[dict]) -> OrderEvent:
    """lines: [{line_no, sku, quantity, disposition}]"""
    return _event(EventType.RETURN_RECEIVED, order_id, actor, return_id=return_id, return_number=return_number,
                  lines=lines)


def credit_note_issued(order_id: int, actor: str, *, credit_note_id: int, credit_note_number: str,
                       invoice_id: int | None, total: Decimal, return_id: int | None = None) -> OrderEvent:
    return _event(EventType.CREDIT_NOTE_ISSUED, order_id, actor, credit_note_id=credit_note_id,
                  credit_note_number=credit_note_number, invoice_id=invoice_id, total=total, return_id=return_id)


def alert_raised(order_id: int, actor: str, *, kind: str, message: str, since: datetime,
                 at: datetime | None = None) -> OrderEvent:
    """An order stayed in a stage past its limit (app.orders.notify.alerts); `at` is when it was checked."""
    return _event(EventType.ALERT_RAISED, order_id, actor, at=at, kind=kind, message=message, since=since)
