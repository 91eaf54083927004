"""Reading orders as `definitions.OrderRecord`s and writing their `facts.py` rows.

`refresh` rewrites the rows of some orders (`hooks.py` calls it before every commit that
changed an order); `rebuild` runs the very same reading and writing over every order (the
migration's backfill, `intake kpi rebuild`, bulk loads).

The record mapping (see `service.py`):
- entered = Order.created_at; promised = promised_date, else requested_date; cancelled = state
  `cancelled`; touchless = Order.touchless;
- a line's ordered units and amount are net of cancelled units; shipped, returned as on the line;
  refunded = the credit-note lines for it; backordered when a `backordered` event names its line_no;
  filled at the first allocation when the order has an `allocated` or `backordered` event and no
  `backordered` event names the line (a line with nothing left to order is filled);
- shipped = the last Shipment.shipped_at once no open unit is left (some unit ordered); delivered =
  the last delivery once shipped so and every shipment is delivered; paid = the last payment once
  payment_status is `paid`;
- invoices = the order's invoices (kind `invoice`), corrected when their status is `corrected`;
  damage return = a return line of the order with disposition `damaged`.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache, partial

from sqlalchemy import bindparam, delete, func, insert, select
from sqlmodel import Session

from app.catalog.models import Product
from app.orders.events import EventType
from app.orders.kpi.definitions import InvoiceRecord, LineRecord, OrderRecord
from app.orders.kpi.facts import NO_LINE, InvoiceFact, OrderFact, invoice_fact, order_fact
from app.orders.kpi.models import KpiInvoiceFact, KpiLineFact, KpiOrderFact
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

BATCH = 2000
ZERO = Decimal(0)


def _in(column, by_ids: bool):
    """The orders to read: a list of ids (:ids), or an id range (:lo to :hi, rebuilds)."""
    return column.in_(bindparam("ids", expanding=True)) if by_ids else column.between(bindparam("lo"), bindparam("hi"))


@cache
def _queries(by_ids: bool) -> dict:
    """The statements, built once (building them costs more than running them for one order)."""
    w = partial(_in, by_ids=by_ids)
    return {
        "orders": select(Order.id, Order.customer_id, Order.channel, Order.created_at, Order.promised_date,
                         Order.requested_date, Order.state, Order.touchless, Order.payment_status)
        .where(w(Order.id)).order_by(Order.id),
        "lines": select(OrderLine.id, OrderLine.order_id, OrderLine.line_no, OrderLine.sku, OrderLine.ordered,
                        OrderLine.cancelled, OrderLine.shipped, OrderLine.returned, OrderLine.unit_price,
                        Product.product_line).outerjoin(Product, Product.sku == OrderLine.sku)
        .where(w(OrderLine.order_id)).order_by(OrderLine.id),
        "events": select(OrderEvent.order_id, OrderEvent.type, OrderEvent.details)
        .where(w(OrderEvent.order_id), OrderEvent.type.in_((EventType.ALLOCATED, EventType.BACKORDERED))),
        "ships": select(Shipment.order_id, Shipment.shipped_at, Shipment.delivered_at).where(w(Shipment.order_id)),
        "invoices": select(Invoice.id, Invoice.order_id, Invoice.customer_id, Invoice.kind, Invoice.status,
                           Invoice.issued_at, Invoice.total).where(w(Invoice.order_id)).order_by(Invoice.id),
        "paid": select(Payment.invoice_id, func.max(Payment.received_at))
        .join(Invoice, Invoice.id == Payment.invoice_id).where(w(Invoice.order_id)).group_by(Payment.invoice_id),
        "refunds": select(InvoiceLine.order_line_id, InvoiceLine.amount)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id).where(w(Invoice.order_id), Invoice.kind == "credit_note"),
        "damaged": select(ReturnRequest.order_id).join(ReturnLine, ReturnLine.return_id == ReturnRequest.id)
        .where(w(ReturnRequest.order_id), ReturnLine.disposition == "damaged"),
        "delete": [delete(t).where(w(t.order_id)) for t in (KpiOrderFact, KpiLineFact, KpiInvoiceFact)],
        "lock": select(Order.id).where(w(Order.id)).order_by(Order.id).with_for_update(),
    }


def _params(ids: list[int] | None, span: tuple[int, int] | None) -> dict:
    return {"ids": ids} if ids is not None else {"lo": span[0], "hi": span[1]}


def read_facts(session: Session, ids: list[int] | None = None,
               span: tuple[int, int] | None = None) -> tuple[list[OrderFact], list[InvoiceFact]]:
    """The fact rows of the given orders (by ids, or every order with id in `span`)."""
    q, params = _queries(ids is not None), _params(ids, span)

    def run(name: str):
        return session.connection().execute(q[name], params)

    orders = run("orders").all()
    if not orders:
        return [], []
    lines = defaultdict(list)
    for row in run("lines"):
        lines[row.order_id].append(row)
    allocated, named = set(), defaultdict(lambda: defaultdict(Decimal))
    for oid, type_, details in run("events"):
        allocated.add(oid)
        if type_ == "backordered":
            for x in (details or {}).get("lines", []):
                named[oid][int(x["line_no"])] += Decimal(str(x.get("quantity", 1)))
    ships = defaultdict(list)
    for oid, shipped_at, delivered_at in run("ships"):
        ships[oid].append((shipped_at, delivered_at))
    invoices = defaultdict(list)
    for row in run("invoices"):
        invoices[row.order_id].append(row)
    last_paid = dict(run("paid").all()) if invoices else {}
    refunds: dict[int, Decimal] = defaultdict(Decimal)
    for line_id, amount in run("refunds") if invoices else ():
        refunds[line_id] += Decimal(amount)
    damaged = set(run("damaged").scalars())
    facts, ar = [], []
    for o in orders:
        inv = invoices[o.id]
        record = _record(o, lines[o.id], o.id in allocated, named[o.id], refunds, ships[o.id], inv, last_paid,
                         o.id in damaged)
        facts.append(order_fact(record))
        for i in inv:
            fact = invoice_fact(i.id, o.id, i.customer_id, i.kind, i.status, i.issued_at, i.total, last_paid.get(i.id))
            if fact is not None:
                ar.append(fact)
    return facts, ar


def _record(o, lines, allocated: bool, named: dict, refunds: dict, ships: list, invoices: list,
            last_paid: dict, damaged: bool) -> OrderRecord:
    records = []
    for li in lines:
        net = Decimal(li.ordered) - Decimal(li.cancelled)
        filled = net if net <= 0 or (allocated and li.line_no not in named) else ZERO
        records.append(LineRecord(li.sku, li.product_line or NO_LINE, net, filled, shipped=Decimal(li.shipped),
                                  backordered=named.get(li.line_no, ZERO), returned=Decimal(li.returned),
                                  amount=net * Decimal(li.unit_price), refunded=refunds.get(li.id, ZERO)))
    in_full = all(x.shipped >= x.ordered for x in records) and sum((x.ordered for x in records), ZERO) > 0
    shipped_at = max(s for s, _ in ships) if ships and in_full else None
    delivered_at = max(d for _, d in ships) if shipped_at and all(d for _, d in ships) else None
    payments = [last_paid[i.id] for i in invoices if i.id in last_paid]
    paid_at = max(payments) if o.payment_status == "paid" and payments else None
    kept = tuple(InvoiceRecord(i.id, i.issued_at.date(), Decimal(i.total), corrected=i.status == "corrected")
                 for i in invoices if i.kind == "invoice")
    return OrderRecord(o.id, o.customer_id, o.channel, o.created_at, tuple(records),
                       promised_date=o.promised_date or o.requested_date, shipped_at=shipped_at,
                       delivered_at=delivered_at, paid_at=paid_at, invoices=kept, touchless=bool(o.touchless),
                       damage_return=damaged, cancelled=o.state == "cancelled")


def write_facts(session: Session, facts: list[OrderFact], ar: list[InvoiceFact], ids: list[int] | None = None,
                span: tuple[int, int] | None = None) -> None:
    """Replace the fact rows of the given orders with `facts` and `ar`."""
    run = session.connection().execute
    for stmt in _queries(ids is not None)["delete"]:
        run(stmt, _params(ids, span))
    def keys(f: OrderFact) -> dict:
        return {"order_id": f.order_id, "entered_at": f.entered_at}
    if facts:
        run(insert(KpiOrderFact), [{**keys(f), "customer_id": f.customer_id, "channel": f.channel,
                                    "entered_on": f.entered_on, **f.sums} for f in facts])
        slices = [{**keys(f), "product_line": pl, **s} for f in facts for pl, s in f.slices.items()]
        if slices:
            run(insert(KpiLineFact), slices)
    if ar:
        run(insert(KpiInvoiceFact), [{"invoice_id": a.invoice_id, "order_id": a.order_id, "customer_id": a.customer_id,
                                      "issued_on": a.issued_on, "paid_on": a.paid_on, "amount": a.amount} for a in ar])


def refresh(session: Session, order_ids: Iterable[int]) -> None:
    """Recompute the fact rows of these orders, under their row locks."""
    ids = sorted(set(order_ids))
    if not ids:
        return
    _lock(session, ids, None)
    for i in range(0, len(ids), BATCH):
        chunk = ids[i:i + BATCH]
        facts, ar = read_facts(session, ids=chunk)
        write_facts(session, facts, ar, ids=chunk)


def _lock(session: Session, ids: list[int] | None, span: tuple[int, int] | None) -> None:
    """Lock the orders' rows, in id order (PostgreSQL; SQLite writers already hold the database lock)."""
    if session.get_bind().dialect.name != "sqlite":
        session.connection().execute(_queries(ids is not None)["lock"], _params(ids, span))


def rebuild(session: Session, batch: int = 5000, after_batch: Callable[[int, int], None] | None = None) -> int:
    """Recompute every order's facts, `batch` ids at a time; `after_batch(done_up_to_id, max_id)`
    may commit. Returns the number of orders."""
    conn = session.connection()
    top = conn.execute(select(func.max(Order.id))).scalar() or 0
    stale = max(top, conn.execute(select(func.max(KpiOrderFact.order_id))).scalar() or 0)
    n = 0
    for lo in range(1, stale + 1, batch):
        span = (lo, lo + batch - 1)
        _lock(session, None, span)
        facts, ar = read_facts(session, span=span)
        write_facts(session, facts, ar, span=span)
        n += len(facts)
        if after_batch:
            after_batch(span[1], stale)
    return n
