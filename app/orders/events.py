"""One tiny constructor per order event type; each returns an unsaved OrderEvent.

Actions add the returned event to the session in the same transaction as the
change it records. `actor` is a user name or a system name ("system", "import").
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.orders.models import OrderEvent

EVENT_TYPES: list[str] = [
    "order_created", "order_validated", "credit_approved", "credit_hold", "credit_released",
    "allocated", "backordered", "backorder_allocated", "picked", "packed", "shipped", "delivered",
    "invoiced", "invoice_corrected", "payment_received", "invoice_overdue", "closed", "cancelled",
    "line_cancelled", "changed", "held", "released", "price_override_requested",
    "price_override_approved", "return_requested", "return_approved", "return_received",
    "credit_note_issued", "alert_raised",
]

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


def _event(type_: str, order_id: int, actor: str, **details: Any) -> OrderEvent:
    assert type_ in EVENT_TYPES, type_
    return OrderEvent(order_id=order_id, type=type_, actor=actor,
                      details=_plain({k: v for k, v in details.items() if v is not None}))


def order_created(order_id: int, actor: str, *, channel: str | None = None, lines: int = 0,
                  po_number: str | None = None, document_id: int | None = None) -> OrderEvent:
    return _event("order_created", order_id, actor, channel=channel, lines=lines, po_number=po_number,
                  document_id=document_id)


def order_validated(order_id: int, actor: str) -> OrderEvent:
    return _event("order_validated", order_id, actor)


def credit_approved(order_id: int, actor: str, *, exposure: Decimal, limit: Decimal | None) -> OrderEvent:
    return _event("credit_approved", order_id, actor, exposure=exposure, limit=limit)


def credit_hold(order_id: int, actor: str, *, exposure: Decimal, limit: Decimal | None, reason: str) -> OrderEvent:
    return _event("credit_hold", order_id, actor, exposure=exposure, limit=limit, reason=reason)


def credit_released(order_id: int, actor: str, *, automatic: bool, exposure: Decimal | None = None,
                    note: str | None = None) -> OrderEvent:
    return _event("credit_released", order_id, actor, automatic=automatic, exposure=exposure, note=note)


def allocated(order_id: int, actor: str, *, lines: list[dict], rule: str | None = None) -> OrderEvent:
    """lines: [{line_no, sku, warehouse_id, quantity}]"""
    return _event("allocated", order_id, actor, lines=lines, rule=rule)


def backordered(order_id: int, actor: str, *, lines: list[dict]) -> OrderEvent:
    """lines: [{line_no, sku, quantity, promise_date}]"""
    return _event("backordered", order_id, actor, lines=lines)


def backorder_allocated(order_id: int, actor: str, *, lines: list[dict], rule: str | None = None) -> OrderEvent:
    return _event("backorder_allocated", order_id, actor, lines=lines, rule=rule)


def picked(order_id: int, actor: str, *, lines: list[dict]) -> OrderEvent:
    return _event("picked", order_id, actor, lines=lines)


def packed(order_id: int, actor: str, *, lines: list[dict]) -> OrderEvent:
    return _event("packed", order_id, actor, lines=lines)


def shipped(order_id: int, actor: str, *, shipment_id: int, shipment_number: str, carrier: str | None,
            tracking_number: str | None, lines: list[dict]) -> OrderEvent:
    return _event("shipped", order_id, actor, shipment_id=shipment_id, shipment_number=shipment_number,
                  carrier=carrier, tracking_number=tracking_number, lines=lines)


def delivered(order_id: int, actor: str, *, shipment_id: int, shipment_number: str) -> OrderEvent:
    return _event("delivered", order_id, actor, shipment_id=shipment_id, shipment_number=shipment_number)


def invoiced(order_id: int, actor: str, *, invoice_id: int, invoice_number: str, total: Decimal,
             due_date: Any = None, shipment_id: int | None = None) -> OrderEvent:
    return _event("invoiced", order_id, actor, invoice_id=invoice_id, invoice_number=invoice_number,
                  total=total, due_date=due_date, shipment_id=shipment_id)


def invoice_corrected(order_id: int, actor: str, *, invoice_id: int, credit_note_id: int,
                      new_invoice_id: int, reason: str | None = None) -> OrderEvent:
    return _event("invoice_corrected", order_id, actor, invoice_id=invoice_id, credit_note_id=credit_note_id,
                  new_invoice_id=new_invoice_id, reason=reason)


def payment_received(order_id: int, actor: str, *, payment_id: int, invoice_id: int, invoice_number: str,
                     amount: Decimal, reference: str | None = None) -> OrderEvent:
    return _event("payment_received", order_id, actor, payment_id=payment_id, invoice_id=invoice_id,
                  invoice_number=invoice_number, amount=amount, reference=reference)


def invoice_overdue(order_id: int, actor: str, *, invoice_id: int, invoice_number: str, due_date: Any,
                    open_amount: Decimal) -> OrderEvent:
    return _event("invoice_overdue", order_id, actor, invoice_id=invoice_id, invoice_number=invoice_number,
                  due_date=due_date, open_amount=open_amount)


def closed(order_id: int, actor: str) -> OrderEvent:
    return _event("closed", order_id, actor)


def cancelled(order_id: int, actor: str, *, reason: str | None = None, quantity: Decimal | None = None) -> OrderEvent:
    return _event("cancelled", order_id, actor, reason=reason, quantity=quantity)


def line_cancelled(order_id: int, actor: str, *, line_no: int, sku: str, quantity: Decimal,
                   reason: str | None = None) -> OrderEvent:
    return _event("line_cancelled", order_id, actor, line_no=line_no, sku=sku, quantity=quantity, reason=reason)


def changed(order_id: int, actor: str, *, kind: str, field: str | None = None, old: Any = None,
            new: Any = None, line_no: int | None = None, source: str | None = None) -> OrderEvent:
    """kind: quantity | date | address | line_added | line_removed"""
    assert kind in CHANGE_KINDS, kind
    return _event("changed", order_id, actor, kind=kind, field=field, old=old, new=new, line_no=line_no,
                  source=source)


def held(order_id: int, actor: str, *, reason: str | None = None) -> OrderEvent:
    return _event("held", order_id, actor, reason=reason)


def released(order_id: int, actor: str, *, note: str | None = None) -> OrderEvent:
    return _event("released", order_id, actor, note=note)


def price_override_requested(order_id: int, actor: str, *, line_no: int, list_price: Decimal | None,
                             old_price: Decimal, new_price: Decimal, deviation: Decimal,
                             reason: str | None = None) -> OrderEvent:
    return _event("price_override_requested", order_id, actor, line_no=line_no, list_price=list_price,
                  old_price=old_price, new_price=new_price, deviation=deviation, reason=reason)


def price_override_approved(order_id: int, actor: str, *, line_no: int, new_price: Decimal,
                            requested_by: str, automatic: bool = False) -> OrderEvent:
    return _event("price_override_approved", order_id, actor, line_no=line_no, new_price=new_price,
                  requested_by=requested_by, automatic=automatic)


def return_requested(order_id: int, actor: str, *, return_id: int, return_number: str, lines: list[dict],
                     reason: str | None = None) -> OrderEvent:
    return _event("return_requested", order_id, actor, return_id=return_id, return_number=return_number,
                  lines=lines, reason=reason)


def return_approved(order_id: int, actor: str, *, return_id: int, return_number: str) -> OrderEvent:
    return _event("return_approved", order_id, actor, return_id=return_id, return_number=return_number)


def return_received(order_id: int, actor: str, *, return_id: int, return_number: str,
                    lines: list[dict]) -> OrderEvent:
    """lines: [{line_no, sku, quantity, disposition}]"""
    return _event("return_received", order_id, actor, return_id=return_id, return_number=return_number,
                  lines=lines)


def credit_note_issued(order_id: int, actor: str, *, credit_note_id: int, credit_note_number: str,
                       invoice_id: int | None, total: Decimal, return_id: int | None = None) -> OrderEvent:
    return _event("credit_note_issued", order_id, actor, credit_note_id=credit_note_id,
                  credit_note_number=credit_note_number, invoice_id=invoice_id, total=total, return_id=return_id)
