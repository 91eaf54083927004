"""Orders made from documents: lines linked back to where they were read and matched."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from app.catalog.models import Customer
from app.core.numbers import next_number
from app.intake.models import Document
from app.intake.validation import to_decimal
from app.orders import kpi_facts_hooks  # noqa: F401 - every changed order's KPI facts are rewritten at commit
from app.orders.models import Order, OrderEvent, OrderLine


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def existing_order_for_po(session: Session, customer_id: int, po_number: str | None) -> Order | None:
    if not po_number:
        return None
    return session.exec(select(Order).where(Order.customer_id == customer_id, Order.po_number == po_number)).first()


def create_order(session: Session, doc: Document, data: dict, customer: Customer, *,
                 touchless: bool, actor: str) -> Order:
    """Create the sales order for a document from its working data (read, matched, maybe corrected)."""
    lines = [li for li in data.get("line_items", []) if li.get("our_sku")]
    total = sum((to_decimal(li.get("amount")) or (to_decimal(li.get("quantity")) or 0) *
                 (to_decimal(li.get("unit_price")) or 0) for li in lines), Decimal("0"))
    order = Order(
        number=next_number(session, "order", "SO-"), customer_id=customer.id, po_number=data.get("po_number"),
        document_id=doc.id, channel=doc.channel, currency=data.get("currency") or customer.currency,
        order_date=_date(data.get("order_date")), requested_date=_date(data.get("requested_delivery_date")),
        ship_to=data.get("ship_to") or customer.ship_to, bill_to=data.get("bill_to") or customer.bill_to,
        total=to_decimal(data.get("total")) or total, touchless=touchless, entered_by=actor,
        instructions=data.get("instructions"))
    session.add(order)
    session.flush()
    for n, li in enumerate(lines, start=1):
        session.add(OrderLine(
            order_id=order.id, line_no=n, sku=li["our_sku"], description=li.get("description"),
            unit=li.get("unit") or "EA", unit_price=to_decimal(li.get("unit_price")) or Decimal("0"),
            ordered=to_decimal(li.get("base_quantity") or li.get("quantity")) or Decimal("0"),
            source=li.get("source"), match=li.get("match")))
    session.add(OrderEvent(order_id=order.id, type="order_created", actor=actor,
                           details={"document_id": doc.id, "touchless": touchless, "lines": len(lines),
                                    "po_number": order.po_number}))
    doc.order_id = order.id
    return order
