"""Reading orders and invoices for the API and the pages: one order with its lines, an invoice
by id or number, each limited to what the asking principal may see (another customer's is
"not found", never "forbidden")."""
from __future__ import annotations

from sqlmodel import Session, select

from app.core.auth import Principal
from app.core.errors import NotFound
from app.orders.models import Invoice, Order, OrderLine, OrderLinePublic, OrderPublic


def order_or_404(session: Session, order_id: int, principal: Principal | None = None) -> Order:
    order = session.get(Order, order_id)
    if order is None or (principal is not None and not principal.may_see(order.customer_id)):
        raise NotFound("order_not_found", f"no order {order_id}")
    return order


def order_view(session: Session, order_id: int, principal: Principal | None = None) -> OrderPublic:
    """The order with its lines (checked against `principal` when given)."""
    order = order_or_404(session, order_id, principal)
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)).all()
    return OrderPublic(**order.model_dump(), lines=[OrderLinePublic.model_validate(li, from_attributes=True)
                                                    for li in lines])


def invoice_or_404(session: Session, invoice_id: int, principal: Principal | None = None) -> Invoice:
    inv = session.get(Invoice, invoice_id)
    if inv is None or (principal is not None and not principal.may_see(inv.customer_id)):
        raise NotFound("invoice_not_found", f"no invoice {invoice_id}")
    return inv


def invoice_by_id_or_number(session: Session, invoice_id: int | None, number: str | None) -> Invoice:
    """The invoice a payment names, by id or else by its number."""
    if invoice_id is not None:
        return invoice_or_404(session, invoice_id)
    inv = session.exec(select(Invoice).where(Invoice.number == (number or ""))).first()
    if inv is None:
        raise NotFound("invoice_not_found", f"no invoice {number}")
    return inv
