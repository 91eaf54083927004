"""The orders an email is about (PO number, our order number, or the thread), and the
automatic cancellation; always within the sender's own customer."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, select

from app.errors import AppError
from app.intake.models import Document, EmailMessage
from app.orders.errors import LifecycleError
from app.orders import events
from app.orders.models import Order, OrderEvent, OrderLine, ReturnRequest
from app.orders.numbers import next_number
from app.orders.service import Actor
from extractors.email.body.extract import extract_from_text

_OUR_NUMBER = re.compile(r"\b(SO-\d{4,})\b", re.I)
_PO_PREFIX = re.compile(r"^(?:P\.?\s?O\.?|PO)[\s#:.-]*", re.I)
CLOSED_STATES = ("cancelled", "closed")
EMAIL_ACTOR = Actor("email")


def numbers_in(subject: str | None, text: str | None) -> tuple[list[str], list[str]]:
    """(PO numbers, our order numbers) written in the subject or the request text."""
    pos: list[str] = []
    for chunk in (f"{subject or ''}\n\n{text or ''}", subject or ""):
        field = extract_from_text(chunk).fields.get("po_number") if chunk.strip() else None
        value = (field.normalized or field.value) if field else None
        if value and value not in pos:
            pos.append(str(value))
    ours = list(dict.fromkeys(m.upper() for m in _OUR_NUMBER.findall(f"{subject or ''}\n{text or ''}")))
    return [p for p in pos if p.upper() not in ours], ours


def _po_variants(po: str) -> set[str]:
    bare = _PO_PREFIX.sub("", po).strip()
    return {v for v in (po, po.upper(), bare, bare.upper()) if v}


def find_orders(session: Session, msg: EmailMessage) -> tuple[list[Order], list[str]]:
    """The sender's customer's orders this email names, else those of its thread; and the numbers asked for."""
    pos, ours = numbers_in(msg.subject, msg.request_text)
    asked = pos + ours
    if msg.customer_id is None:
        return [], asked
    found: list[Order] = []
    if asked:
        variants = set().union(*(_po_variants(p) for p in pos)) if pos else set()
        stmt = select(Order).where(Order.customer_id == msg.customer_id).where(or_(
            func.upper(Order.po_number).in_({v.upper() for v in variants} or {""}),
            func.upper(Order.number).in_(ours or [""])))
        found = list(session.exec(stmt.order_by(Order.id)))
    if not found:
        found = thread_orders(session, msg)
    return found, asked


def thread_orders(session: Session, msg: EmailMessage) -> list[Order]:
    """Orders of earlier messages in the same thread (In-Reply-To, References), same customer."""
    ids = [i for i in [msg.in_reply_to, *(msg.references or [])] if i]
    if not ids or msg.customer_id is None:
        return []
    earlier = list(session.exec(select(EmailMessage).where(EmailMessage.message_id_header.in_(ids))))
    order_ids = {m.order_id for m in earlier if m.order_id}
    if earlier:
        docs = session.exec(select(Document.order_id).where(
            Document.message_id.in_([m.id for m in earlier]), Document.order_id.is_not(None)))
        order_ids |= set(docs)
    if not order_ids:
        return []
    stmt = select(Order).where(Order.id.in_(order_ids), Order.customer_id == msg.customer_id)
    return list(session.exec(stmt.order_by(Order.id)))


def order_lines(session: Session, order: Order) -> list[OrderLine]:
    return list(session.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no)))


def cancel_refusal(session: Session, order: Order) -> str | None:
    """Why this order cannot be cancelled automatically (None: it can)."""
    if order.state in CLOSED_STATES:
        return f"order {order.number} is already {order.state}"
    lines = order_lines(session, order)
    if not lines:
        return f"order {order.number} has no lines"
    if any((line.shipped or 0) > 0 for line in lines):
        return f"order {order.number} has shipped goods"
    return None


def cancel_order(session: Session, order: Order, email_id: int) -> str | None:
    """Cancel every unshipped unit through the lifecycle action, in the caller's transaction;
    returns why it was refused (None: done). The event names the email."""
    from app.orders.act_change import cancel

    try:
        with session.begin_nested():
            cancel(session, order.id, EMAIL_ACTOR, reason="cancelled by the customer's email")
            event = session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id,
                                                          OrderEvent.type == "cancelled")
                                 .order_by(OrderEvent.id.desc())).first()
            event.details = {**(event.details or {}), "email_id": email_id}
            session.add(event)
    except (AppError, LifecycleError) as exc:
        return f"{exc.code}: {exc.message}"
    return None


def change_date(session: Session, order: Order, requested: date, email_id: int) -> str | None:
    """Move the requested delivery date through the lifecycle action; why it was refused, or None."""
    from app.orders.act_change import change

    try:
        with session.begin_nested():
            change(session, order.id, EMAIL_ACTOR, requested_date=requested, source=f"email:{email_id}")
    except (AppError, LifecycleError) as exc:
        return f"{exc.code}: {exc.message}"
    return None


def open_return(session: Session, order: Order, msg: EmailMessage) -> ReturnRequest:
    """A return through the lifecycle action when the email names shipped lines (SKU and
    quantity); otherwise an RMA without lines that the clerk completes."""
    from app.orders.act_returns import request_return

    reason = (msg.request_text or "")[:4000]
    by_sku = {line.sku.upper(): line.line_no for line in order_lines(session, order)}
    wanted: dict[int, str] = {}
    for item in extract_from_text(msg.request_text or "").line_items:
        sku, qty = (item.sku.normalized or item.sku.value) if item.sku else None, item.quantity
        if sku and qty and str(sku).upper() in by_sku:
            wanted[by_sku[str(sku).upper()]] = str(qty.normalized if qty.normalized is not None else qty.value)
    if wanted:
        try:
            with session.begin_nested():
                return request_return(session, order.id, wanted, Actor(msg.sender or "email"), reason=reason)
        except (AppError, LifecycleError):
            pass  # more than was shipped, or not allowed yet: the clerk sorts it out
    rma = ReturnRequest(number=next_number(session, "rma", "RMA-"), order_id=order.id, status="requested",
                        reason=reason, requested_by=msg.sender or "customer")
    session.add(rma)
    session.flush()
    session.add(events.return_requested(order.id, "email", return_id=rma.id, return_number=rma.number, lines=[],
                                        reason="requested by email"))
    return rma
