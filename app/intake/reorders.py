"""'Same again', 'igual que la 4500196301', 'wie letztes Mal': the customer's earlier order an email
repeats, and its lines filled into the working data for the clerk (such an order always waits for
review, see body_orders.py)."""
from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import Session, select

from app.orders.models import Order, OrderLine


def earlier_order(session: Session, customer_id: int, number: str | None, *, before_po: str | None) -> Order | None:
    """The order named (by its PO or our number), else the customer's latest order other than
    the one with this email's own PO."""
    stmt = select(Order).where(Order.customer_id == customer_id)
    if number:
        named = session.exec(stmt.where(or_(func.upper(Order.po_number) == number.upper(),
                                            func.upper(Order.number) == number.upper()))).first()
        if named is not None:
            return named
    if before_po:
        stmt = stmt.where(or_(Order.po_number.is_(None), func.upper(Order.po_number) != before_po.upper()))
    return session.exec(stmt.order_by(Order.id.desc())).first()


def fill_lines(session: Session, data: dict, order: Order) -> list[dict]:
    """Add the earlier order's lines the email does not already name; returns the lines added."""
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)).all()
    named = {str(li.get("our_sku") or li.get("sku") or "").upper() for li in data["line_items"]}
    added = []
    for line in lines:
        if line.sku.upper() in named:
            continue
        item = {"sku": line.sku, "description": line.description, "quantity": format(line.ordered.normalize(), "f"),
                "unit": line.unit, "unit_price": None, "amount": None,
                "source": {"page": None, "bbox": None, "confidence": None, "reorder_of": order.number}}
        data["line_items"].append(item)
        added.append(item)
    data["reorder_of"] = order.number
    return added
