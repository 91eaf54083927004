"""Read-only questions the actions ask: recorded facts, money, exposure, prices, due dates,
and a customer's order history (a tie-breaker for matching)."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from app.catalog.models import Customer, Price, Product
from app.orders.events import EventType
from app.orders.models import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    ReturnLine,
    ReturnRequest,
    RmaStatus,
)
from app.orders.rules.statuses import HoldStatus, OrderState, ReturnFacts

ZERO = Decimal(0)
DEFAULT_TERMS_DAYS = 30
_CLOSED_STATES = (OrderState.CLOSED, OrderState.CANCELLED)


def order_facts(session: Session, order_id: int) -> dict:
    """Facts recorded as events: validated, credit approved, closed, active holds, pending price overrides."""
    rows = session.exec(select(OrderEvent.type, OrderEvent.details).where(OrderEvent.order_id == order_id)
                        .order_by(OrderEvent.id)).all()
    facts = {"validated": False, "credit_approved": False, "closed": False}
    holds: set[HoldStatus] = set()
    pending: dict[int, dict] = {}
    for type_, details in rows:
        details = details or {}
        if type_ == EventType.ORDER_VALIDATED:
            facts["validated"] = True
        elif type_ in (EventType.CREDIT_APPROVED, EventType.CREDIT_RELEASED):
            facts["credit_approved"] = True
            holds.discard(HoldStatus.CREDIT_HOLD)
        elif type_ == EventType.CREDIT_HOLD:
            facts["credit_approved"] = False
            holds.add(HoldStatus.CREDIT_HOLD)
        elif type_ == EventType.HELD:
            holds.add(HoldStatus.MANUAL_HOLD)
        elif type_ == EventType.RELEASED:
            holds.discard(HoldStatus.MANUAL_HOLD)
        elif type_ == EventType.PRICE_OVERRIDE_REQUESTED:
            pending[int(details["line_no"])] = details
        elif type_ == EventType.PRICE_OVERRIDE_APPROVED:
            pending.pop(int(details["line_no"]), None)
        elif type_ == EventType.CLOSED:
            facts["closed"] = True
    if pending:
        holds.add(HoldStatus.PRICE_APPROVAL)
    return {**facts, "holds": holds, "pending_prices": pending}


def invoice_credits(session: Session, invoice_id: int) -> Decimal:
    """Credit notes issued against one invoice."""
    total = session.exec(select(func.sum(Invoice.total)).where(Invoice.corrects_invoice_id == invoice_id,
                                                               Invoice.kind == InvoiceKind.CREDIT_NOTE)).one()
    return Decimal(total or 0)


def invoice_balance(session: Session, inv: Invoice) -> Decimal:
    """What is still owed on an invoice: total - paid - credit notes against it (negative: customer in credit)."""
    if inv.kind != InvoiceKind.INVOICE:
        return ZERO
    return Decimal(inv.total) - Decimal(inv.paid) - invoice_credits(session, inv.id)


def money_totals(session: Session, order_id: int, today: date | None = None) -> dict:
    """Invoiced, credited and paid amounts of an order, and whether money is overdue."""
    today = today or date.today()
    invoices = session.exec(select(Invoice).where(Invoice.order_id == order_id)).all()
    invoiced = sum((Decimal(i.total) for i in invoices if i.kind == InvoiceKind.INVOICE), ZERO)
    credited = sum((Decimal(i.total) for i in invoices if i.kind == InvoiceKind.CREDIT_NOTE), ZERO)
    paid = sum((Decimal(i.paid) for i in invoices if i.kind == InvoiceKind.INVOICE), ZERO)
    overdue = any(i.kind == InvoiceKind.INVOICE and i.due_date is not None and i.due_date < today
                  and invoice_balance(session, i) > 0 for i in invoices)
    return {"invoiced": invoiced, "credited": credited, "paid": paid, "overdue": overdue}


def return_facts(session: Session, order_id: int) -> ReturnFacts:
    rows = session.exec(select(ReturnRequest.status, ReturnLine.quantity)
                        .join(ReturnLine, ReturnLine.return_id == ReturnRequest.id)
                        .where(ReturnRequest.order_id == order_id, ReturnRequest.status != RmaStatus.REJECTED)).all()
    if not rows:
        return ReturnFacts()
    requested = sum((Decimal(q) for _, q in rows), ZERO)
    approved = sum((Decimal(q) for s, q in rows if s != RmaStatus.REQUESTED), ZERO)
    statuses = {s for s, _ in rows if s != RmaStatus.REQUESTED}
    credited = bool(statuses) and statuses == {RmaStatus.CREDITED}
    return ReturnFacts(requested=requested, approved=approved, credited=credited)


def uninvoiced_value(lines: list[OrderLine]) -> Decimal:
    """Value of open units not invoiced yet."""
    return sum(((Decimal(li.ordered) - Decimal(li.cancelled) - Decimal(li.invoiced)) * Decimal(li.unit_price)
                for li in lines), ZERO)


def customer_exposure(session: Session, customer_id: int, exclude_order_id: int | None = None,
                      today: date | None = None) -> dict:
    """Open receivables, open orders not yet invoiced (one order excluded) and overdue receivables."""
    today = today or date.today()
    credits = dict(session.exec(select(Invoice.corrects_invoice_id, func.sum(Invoice.total))
                                .where(Invoice.customer_id == customer_id, Invoice.kind == InvoiceKind.CREDIT_NOTE)
                                .group_by(Invoice.corrects_invoice_id)).all())
    receivables = overdue = ZERO
    settled = (InvoiceStatus.VOID, InvoiceStatus.CORRECTED, InvoiceStatus.PAID)
    for inv in session.exec(select(Invoice).where(Invoice.customer_id == customer_id,
                                                  Invoice.kind == InvoiceKind.INVOICE,
                                                  Invoice.status.not_in(settled))).all():
        balance = Decimal(inv.total) - Decimal(inv.paid) - Decimal(credits.get(inv.id) or 0)
        if balance > 0:
            receivables += balance
            if inv.due_date is not None and inv.due_date < today:
                overdue += balance
    stmt = (select(OrderLine).join(Order, Order.id == OrderLine.order_id)
            .where(Order.customer_id == customer_id, Order.state.not_in(_CLOSED_STATES)))
    if exclude_order_id is not None:
        stmt = stmt.where(Order.id != exclude_order_id)
    open_orders = max(ZERO, uninvoiced_value(list(session.exec(stmt).all())))
    return {"receivables": receivables, "open_orders": open_orders, "overdue": overdue}


def list_price(session: Session, customer: Customer | None, sku: str, qty: Decimal = Decimal(1)) -> Decimal | None:
    """The customer's price-list price for this quantity, else the product's list price."""
    if customer is not None and customer.price_list:
        price = session.exec(select(Price).where(Price.price_list == customer.price_list, Price.sku == sku,
                                                 Price.min_qty <= qty).order_by(Price.min_qty.desc())).first()
        if price is not None:
            return Decimal(price.unit_price)
    product = session.exec(select(Product).where(Product.sku == sku)).first()
    return Decimal(product.list_price) if product is not None and product.list_price is not None else None


def terms_days(terms: str | None) -> int:
    """Days to pay from terms like 'NET30', 'Net 30', '30 days', 'due on receipt'."""
    if not terms:
        return DEFAULT_TERMS_DAYS
    text = terms.lower()
    if "receipt" in text or "cod" in text or "prepaid" in text:
        return 0
    found = re.search(r"net\s*(\d+)", text) or re.search(r"(\d+)", text)
    return int(found.group(1)) if found else DEFAULT_TERMS_DAYS


def due_date_for(customer: Customer | None, issued: date) -> date:
    return issued + timedelta(days=terms_days(customer.payment_terms if customer else None))


def invoice_lines(session: Session, invoice_id: int) -> list[InvoiceLine]:
    return list(session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id)
                             .order_by(InvoiceLine.id)).all())


def payments_of(session: Session, invoice_id: int) -> list[Payment]:
    return list(session.exec(select(Payment).where(Payment.invoice_id == invoice_id).order_by(Payment.id)).all())


def order_history(session: Session, customer_id: int) -> Counter:
    """How often this customer ordered each SKU (a tie-breaker for matching)."""
    rows = session.exec(select(OrderLine.sku, func.count()).join(Order, Order.id == OrderLine.order_id)
                        .where(Order.customer_id == customer_id).group_by(OrderLine.sku)).all()
    return Counter(dict(rows))


def order_for_po(session: Session, customer_id: int, po_number: str | None) -> Order | None:
    """The customer's order for this PO number, if one exists (a PO is ordered once)."""
    if not po_number:
        return None
    return session.exec(select(Order).where(Order.customer_id == customer_id, Order.po_number == po_number)).first()
