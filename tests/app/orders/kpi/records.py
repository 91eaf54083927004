"""The record mapping of `kpi_service` written the slow, obvious way: one `kpis.OrderRecord` per
order, read row by row, so the SQL sums can be checked against the pure definitions."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, select

from app.catalog.models import Product
from app.orders.kpi.definitions import InvoiceRecord, LineRecord, OrderRecord
from app.orders.models import (
    Invoice,
    InvoiceLine,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    ReturnLine,
    ReturnRequest,
    Shipment,
)


def _invoice(inv: Invoice, payments: list[Payment]) -> InvoiceRecord:
    paid_on = None
    if inv.status == "paid":  # no payment: settled by credit notes the day it was issued
        paid_on = max(p.received_at for p in payments).date() if payments else inv.issued_at.date()
    return InvoiceRecord(inv.id, inv.issued_at.date(), Decimal(inv.total), paid_on, corrected=inv.status == "corrected")


def _lines(session: Session, order: Order, product_lines: dict, refunds: dict) -> tuple[LineRecord, ...]:
    events = session.exec(select(OrderEvent).where(OrderEvent.order_id == order.id)).all()
    allocated = any(e.type in ("allocated", "backordered") for e in events)
    named: dict[int, Decimal] = defaultdict(Decimal)
    for e in events:
        if e.type == "backordered":
            for x in (e.details or {}).get("lines", []):
                named[int(x["line_no"])] += Decimal(str(x.get("quantity", 1)))
    out = []
    for li in session.exec(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.id)).all():
        net = Decimal(li.ordered) - Decimal(li.cancelled)
        filled = net if allocated and li.line_no not in named else Decimal(0)
        out.append(LineRecord(li.sku, product_lines.get(li.sku) or "(none)", net, filled, shipped=Decimal(li.shipped),
                              backordered=named.get(li.line_no, Decimal(0)), returned=Decimal(li.returned),
                              amount=net * Decimal(li.unit_price), refunded=refunds.get(li.id, Decimal(0))))
    return tuple(out)


def order_records(session: Session, lo: datetime | None = None, hi: datetime | None = None,
                  void_invoices: bool = True) -> list[OrderRecord]:
    """Every order entered in [lo, hi) (all orders without bounds) as the KPIs see it."""
    stmt = select(Order).order_by(Order.id)
    if lo is not None:
        stmt = stmt.where(Order.created_at >= lo, Order.created_at < hi)
    product_lines = {p.sku: p.product_line for p in session.exec(select(Product)).all()}
    refunds: dict[int, Decimal] = defaultdict(Decimal)
    for il, kind in session.exec(select(InvoiceLine, Invoice.kind).join(Invoice, Invoice.id == InvoiceLine.invoice_id)):
        if kind == "credit_note":
            refunds[il.order_line_id] += Decimal(il.amount)
    out = []
    for o in session.exec(stmt).all():
        lines = _lines(session, o, product_lines, refunds)
        ships = session.exec(select(Shipment).where(Shipment.order_id == o.id)).all()
        in_full = all(x.shipped >= x.ordered for x in lines) and sum(x.ordered for x in lines) > 0
        shipped_at = max(s.shipped_at for s in ships) if ships and in_full else None
        delivered_at = (max(s.delivered_at for s in ships)
                        if shipped_at and all(s.delivered_at for s in ships) else None)
        invoices = session.exec(select(Invoice).where(Invoice.order_id == o.id, Invoice.kind == "invoice")).all()
        all_invoices = session.exec(select(Invoice.id).where(Invoice.order_id == o.id)).all()
        pays = session.exec(select(Payment).where(Payment.invoice_id.in_(all_invoices))).all() if all_invoices else []
        per_invoice = defaultdict(list)
        for p in pays:
            per_invoice[p.invoice_id].append(p)
        paid_at = max(p.received_at for p in pays) if o.payment_status == "paid" and pays else None
        damaged = session.exec(select(ReturnLine.id).join(ReturnRequest, ReturnRequest.id == ReturnLine.return_id)
                               .where(ReturnRequest.order_id == o.id, ReturnLine.disposition == "damaged")).first()
        out.append(OrderRecord(
            o.id, o.customer_id, o.channel, o.created_at, lines, promised_date=o.promised_date or o.requested_date,
            shipped_at=shipped_at, delivered_at=delivered_at, paid_at=paid_at,
            invoices=tuple(_invoice(i, per_invoice[i.id]) for i in invoices if void_invoices or i.status != "void"),
            touchless=o.touchless, damage_return=damaged is not None, cancelled=o.state == "cancelled"))
    return out
