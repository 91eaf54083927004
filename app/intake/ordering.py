"""The sales order for a document: its working data (read, matched, maybe corrected by a clerk)
becomes the lines and header of the one order-placing action, each line linked back to where it
was read and why its SKU was chosen."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from app.catalog.models import Customer
from app.core.auth import Actor
from app.intake import shipto
from app.intake.models import Document
from app.intake.validation import to_decimal
from app.orders import actions as act
from app.orders.models import Order


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _written_total(lines: list[dict]) -> Decimal:
    """The lines' amounts as the document states them (quantity x price where no amount is printed)."""
    return sum((to_decimal(li.get("amount")) or (to_decimal(li.get("quantity")) or 0) *
                (to_decimal(li.get("unit_price")) or 0) for li in lines), Decimal("0"))


def order_from_document(session: Session, doc: Document, data: dict, customer: Customer, *,
                        touchless: bool, actor: Actor) -> Order:
    """Place the sales order for a document; lines without one of our SKUs are left out."""
    lines = [li for li in data.get("line_items", []) if li.get("our_sku")]
    new_lines = [act.NewLine(
        sku=li["our_sku"], quantity=to_decimal(li.get("base_quantity") or li.get("quantity")) or Decimal("0"),
        unit_price=to_decimal(li.get("unit_price")) or Decimal("0"), unit=li.get("unit") or "EA",
        description=li.get("description"), source=li.get("source"), match=li.get("match")) for li in lines]
    header = act.NewOrder(
        channel=doc.channel, po_number=data.get("po_number"), order_date=_date(data.get("order_date")),
        requested_date=_date(data.get("requested_delivery_date")),
        ship_to=data.get("ship_to") or shipto.resolve(None, shipto.on_file_addresses(customer.ship_to)).address,
        bill_to=data.get("bill_to"), currency=data.get("currency"),
        total=to_decimal(data.get("total")) or _written_total(lines), document_id=doc.id, touchless=touchless,
        instructions=data.get("instructions"))
    order = act.place(session, customer, new_lines, actor, header)
    doc.order_id = order.id
    return order
