"""KPIs from the database: SQL aggregates one row per order (or per order and product line),
then the definitions of `kpis.py` applied to those sums per group. Results are cached briefly.

Database facts behind each record field: entered = Order.created_at; promised = promised_date,
else requested_date; shipped = last Shipment.shipped_at once no open unit is left; delivered =
last delivery once every shipment is delivered; paid = last payment once payment_status is paid;
a line is not filled at the first allocation when a `backordered` event names it; an invoice is
corrected when its status is `corrected`; a damage return is a return line with disposition damaged.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from datetime import date, datetime, time as dtime, timedelta, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func
from sqlmodel import Session, select

from app.catalog.models import Product
from app.orders import kpis
from app.orders.models import Invoice, Order, OrderEvent, OrderLine, Payment, ReturnLine, ReturnRequest, Shipment
from app.orders.pure_kpi_groups import period_bounds, period_key

PERIODS = ("day", "week", "month")
GROUPINGS = PERIODS + ("customer", "product_line", "channel")
CACHE_SECONDS = 30.0
DEFAULT_DAYS = 91
NO_LINE = "(none)"

_cache: dict[tuple, tuple[float, dict]] = {}
_cache_lock = threading.Lock()


def _f(value: Any) -> float:
    return float(value or 0)


def _dt(value: Any) -> datetime | None:
    if value is None:
        return None
    value = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, dtime.min, tzinfo=timezone.utc)


def _window(stmt, start: datetime, end: datetime):  # noqa: ANN001, ANN202
    return stmt.where(Order.created_at >= start, Order.created_at < end)


def _per_order(session: Session, start: datetime, end: datetime) -> dict[int, dict]:
    """Order-level facts for the orders entered in [start, end)."""
    rows = session.exec(_window(select(Order.id, Order.customer_id, Order.channel, Order.created_at,
                                       func.coalesce(Order.promised_date, Order.requested_date), Order.state,
                                       Order.touchless, Order.payment_status), start, end)).all()
    out = {r[0]: {"customer": r[1], "channel": r[2], "entered": _dt(r[3]), "promised": r[4],
                  "cancelled": r[5] == "cancelled", "touchless": bool(r[6]), "paid_status": r[7],
                  "shipped_at": None, "delivered_at": None, "undelivered": 0, "paid_at": None, "invoices": 0,
                  "corrected": 0, "credited": 0.0, "damaged": False, "allocated": False, "bo_lines": set()}
           for r in rows}

    for oid, last, delivered, undelivered in session.exec(_window(
            select(Shipment.order_id, func.max(Shipment.shipped_at), func.max(Shipment.delivered_at),
                   func.sum(case((Shipment.delivered_at.is_(None), 1), else_=0)))
            .join(Order, Order.id == Shipment.order_id), start, end).group_by(Shipment.order_id)).all():
        out[oid].update(shipped_at=_dt(last), delivered_at=_dt(delivered), undelivered=undelivered or 0)
    for oid, n, corrected, credited in session.exec(_window(
            select(Invoice.order_id, func.sum(case((Invoice.kind == "invoice", 1), else_=0)),
                   func.sum(case((and_(Invoice.kind == "invoice", Invoice.status == "corrected"), 1), else_=0)),
                   func.sum(case((Invoice.kind == "credit_note", Invoice.total), else_=0)))
            .join(Order, Order.id == Invoice.order_id), start, end).group_by(Invoice.order_id)).all():
        out[oid].update(invoices=n or 0, corrected=corrected or 0, credited=_f(credited))
    for oid, paid in session.exec(_window(
            select(Invoice.order_id, func.max(Payment.received_at)).join(Invoice, Invoice.id == Payment.invoice_id)
            .join(Order, Order.id == Invoice.order_id), start, end).group_by(Invoice.order_id)).all():
        out[oid]["paid_at"] = _dt(paid)
    for oid in session.exec(_window(
            select(ReturnRequest.order_id).join(ReturnLine, ReturnLine.return_id == ReturnRequest.id)
            .join(Order, Order.id == ReturnRequest.order_id), start, end)
            .where(ReturnLine.disposition == "damaged").distinct()).all():
        out[oid]["damaged"] = True
    for oid, type_, details in session.exec(_window(
            select(OrderEvent.order_id, OrderEvent.type, OrderEvent.details)
            .join(Order, Order.id == OrderEvent.order_id), start, end)
            .where(OrderEvent.type.in_(("allocated", "backordered")))).all():
        out[oid]["allocated"] = True
        if type_ == "backordered":
            out[oid]["bo_lines"].update(int(x["line_no"]) for x in (details or {}).get("lines", []) if "line_no" in x)
    return out


def _per_line(session: Session, start: datetime, end: datetime, by_product_line: bool) -> list[tuple]:
    """(order_id, product line or None, line_no list, ordered, shipped, returned, amount, short lines)."""
    net = OrderLine.ordered - OrderLine.cancelled
    pl = func.coalesce(Product.product_line, NO_LINE) if by_product_line else None
    cols = [OrderLine.order_id, OrderLine.line_no, net, OrderLine.shipped, OrderLine.returned, net * OrderLine.unit_price]
    stmt = select(*cols, pl) if pl is not None else select(*cols)
    stmt = stmt.join(Order, Order.id == OrderLine.order_id)
    if pl is not None:
        stmt = stmt.outerjoin(Product, Product.sku == OrderLine.sku)
    return session.exec(_window(stmt, start, end)).all()


class _Acc:
    """Sums for one group; `values()` applies the KPI definitions."""

    def __init__(self) -> None:
        self.n = defaultdict(float)

    def add(self, o: dict, lines: list[tuple]) -> None:
        n = self.n
        ordered = sum(_f(x[2]) for x in lines)
        shipped_units = sum(_f(x[3]) for x in lines)
        value = sum(_f(x[5]) for x in lines)
        in_full = all(_f(x[3]) >= _f(x[2]) for x in lines)
        n["orders"] += 1
        n["touchless"] += o["touchless"]
        n["inv"] += o["invoices"]
        n["inv_ok"] += o["invoices"] - o["corrected"]
        n["shipped_units"] += shipped_units
        n["returned_units"] += sum(_f(x[4]) for x in lines)
        if o["cancelled"]:
            return
        n["live"] += 1
        n["value"] += value
        n["refunded"] += o["credited"]
        n["backordered"] += bool(o["bo_lines"])
        if o["allocated"]:
            n["alloc_orders"] += 1
            n["filled_orders"] += not o["bo_lines"]
            n["alloc_lines"] += len(lines)
            n["filled_lines"] += sum(1 for x in lines if x[1] not in o["bo_lines"])
        shipped_at = o["shipped_at"] if o["shipped_at"] and in_full and ordered > 0 else None
        entered = o["entered"]
        if shipped_at:
            n["cycle_n"] += 1
            n["cycle_days"] += (shipped_at - entered).total_seconds() / 86400
            if o["delivered_at"] and not o["undelivered"]:
                n["delivery_n"] += 1
                n["delivery_days"] += (o["delivered_at"] - entered).total_seconds() / 86400
            if o["promised"]:
                on_time = shipped_at.date() <= o["promised"]
                n["promised_n"] += 1
                n["on_time"] += on_time
                n["perfect"] += on_time and not o["corrected"] and not o["damaged"]
        if o["paid_status"] == "paid" and o["paid_at"]:
            n["o2c_n"] += 1
            n["o2c_days"] += (o["paid_at"] - entered).total_seconds() / 86400

    def values(self) -> dict[str, Any]:
        n = self.n

        def ratio(a: str, b: str) -> float | None:
            return round(n[a] / n[b], 4) if n[b] else None

        aov = (Decimal(n["value"]) / Decimal(n["live"])).quantize(Decimal("0.01")) if n["live"] else None
        return {
            "orders": int(n["orders"]),
            "order_cycle_time": ratio("cycle_days", "cycle_n"),
            "delivery_cycle_time": ratio("delivery_days", "delivery_n"),
            "order_to_cash_time": ratio("o2c_days", "o2c_n"),
            "perfect_order_rate": ratio("perfect", "promised_n"),
            "order_fill_rate": ratio("filled_orders", "alloc_orders"),
            "line_fill_rate": ratio("filled_lines", "alloc_lines"),
            "backorder_rate": ratio("backordered", "live"),
            "on_time_shipment_rate": ratio("on_time", "promised_n"),
            "invoice_accuracy": ratio("inv_ok", "inv"),
            "return_rate": ratio("returned_units", "shipped_units"),
            "refund_rate": ratio("refunded", "value"),
            "average_order_value": float(aov) if aov is not None else None,
            "touchless_rate": ratio("touchless", "orders"),
        }


PAY_LOOKBACK_DAYS = 120  # a paid invoice issued this long before the range may still be open inside it


def _invoice_rows(session: Session, lo: datetime, hi: datetime) -> list[tuple]:
    """(customer_id, issued on, amount, paid on or None) for every invoice that can count in DSO for
    periods inside [lo, hi): issued in range, recently before it, or still unpaid."""
    recent = lo - timedelta(days=PAY_LOOKBACK_DAYS)
    paid = (select(Payment.invoice_id, func.max(Payment.received_at).label("paid_at"))
            .join(Invoice, Invoice.id == Payment.invoice_id)
            .where(Invoice.issued_at >= recent, Invoice.issued_at < hi).group_by(Payment.invoice_id).subquery())
    rows = session.exec(select(Invoice.customer_id, Invoice.issued_at, Invoice.total, Invoice.status, paid.c.paid_at)
                        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
                        .where(Invoice.kind == "invoice", Invoice.status != "void", Invoice.issued_at < hi,
                               (Invoice.issued_at >= recent) | (Invoice.status != "paid"))).all()
    out = []
    for cid, issued, total, status, paid_at in rows:
        paid_on = _dt(paid_at).date() if status == "paid" and paid_at is not None else None
        out.append((cid, _dt(issued).date(), Decimal(total or 0), paid_on))
    return out


def _dso(invoices: list[tuple], start: date, end: date, customer_id: int | None = None) -> float | None:
    """DSO over [start, end] per the definition in kpis.dso."""
    rows = [r for r in invoices if customer_id is None or r[0] == customer_id]
    sales = sum((r[2] for r in rows if start <= r[1] <= end), Decimal(0))
    if sales <= 0:
        return None
    open_end = sum((r[2] for r in rows if r[1] <= end and (r[3] is None or r[3] > end)), Decimal(0))
    return round(float(open_end / sales) * ((end - start).days + 1), 2)


def compute(session: Session, period: str = "week", by: str | None = None, start: date | None = None,
            end: date | None = None) -> dict:
    """KPIs for orders entered from `start` to `end` (dates included), overall and per group."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    by = by or period
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}")
    end = end or date.today()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    lo, hi = _midnight(start), _midnight(end + timedelta(days=1))
    orders = _per_order(session, lo, hi)
    by_pl = by == "product_line"
    lines: dict[int, list[tuple]] = defaultdict(list)
    for row in _per_line(session, lo, hi, by_pl):
        lines[row[0]].append(row)
    total, groups = _Acc(), defaultdict(_Acc)
    firsts: dict[str, date] = {}
    for oid, o in orders.items():
        rows = lines.get(oid, [])
        total.add(o, rows)
        if by_pl:
            slices: dict[str, list[tuple]] = defaultdict(list)
            for r in rows:
                slices[r[6]].append(r)
            for pl, part in slices.items():
                groups[pl].add(o, part)
        elif by in PERIODS:
            day = o["entered"].date()
            key = period_key(day, by)
            groups[key].add(o, rows)
            firsts[key] = min(firsts.get(key, day), day)
        else:
            groups[str(o["customer"]) if by == "customer" else o["channel"]].add(o, rows)
    out_groups = {k: groups[k].values() for k in sorted(groups)}
    invoices = _invoice_rows(session, lo, hi)
    if by in PERIODS:
        for key in out_groups:
            a, b = period_bounds(firsts[key], by)
            out_groups[key]["dso"] = _dso(invoices, a, b)
    elif by == "customer":
        for key in out_groups:
            out_groups[key]["dso"] = _dso(invoices, start, end, int(key))
    result = {"period": period, "by": by, "from": start.isoformat(), "to": end.isoformat(),
              "total": {**total.values(), "dso": _dso(invoices, start, end)}, "groups": out_groups,
              "definitions": kpis.definitions()}
    return result


def cached(session: Session, period: str = "week", by: str | None = None, start: date | None = None,
           end: date | None = None, ttl: float = CACHE_SECONDS) -> dict:
    """`compute`, remembered for `ttl` seconds per database and question."""
    by = by or period
    key = (str(session.get_bind().url), period, by, start, end)
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
        if hit and hit[0] > now:
            return hit[1]
    result = compute(session, period, by, start, end)
    with _cache_lock:
        _cache[key] = (now + ttl, result)
    return result


def warm(session: Session, ttl: float = 150.0) -> None:
    """Compute the dashboard's default questions ahead of the page (the worker does it every minute,
    so in the embedded worker mode a page view is a cache hit even at a million orders)."""
    for by in ("week", "customer"):
        result = compute(session, "week", by)
        with _cache_lock:
            _cache[(str(session.get_bind().url), "week", by, None, None)] = (time.monotonic() + ttl, result)


def warm_task() -> None:
    from app import worker
    from app.db import get_engine

    with Session(get_engine(worker.current_settings().db_url)) as session:
        warm(session)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
