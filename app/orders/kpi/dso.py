"""DSO from SQL sums over the invoice facts (`KpiInvoiceFact`), exactly as `definitions.dso` defines it.

An invoice fact is an invoice that counts (kind "invoice", not void), open on the days
[issued_on, paid_on) (paid_on NULL: still open). So the receivables open at day b are
  invoices issued on or before b that are unpaid, or paid after b;
both parts are ranges of the paid_on index (paid_on IS NULL, paid_on > b), and over a run of days the open amount
moves by +amount on the issue day and -amount on the paid day.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, null, select
from sqlmodel import Session

from app.orders.kpi.facts import AR_SCALE
from app.orders.kpi.models import KpiInvoiceFact as F

AMOUNT = func.sum(F.amount)


def _money(value: object) -> Decimal:
    return Decimal(int(value or 0)) / AR_SCALE


def _ratio(open_at_end: Decimal, sales: Decimal, start: date, end: date) -> float | None:
    if sales <= 0:
        return None
    return round(float(open_at_end / sales) * ((end - start).days + 1), 2)


def _open_on(session: Session, day: date, by_customer: bool = False) -> list:
    """[(customer_id or None, open amount)] of the invoices open at the end of `day`: unpaid ones and
    ones paid after it, two ranges of the paid_on index (an OR would read every invoice)."""
    key = F.customer_id if by_customer else null()
    rows = []
    for still_open in (F.paid_on.is_(None), F.paid_on > day):
        stmt = select(key, AMOUNT).where(still_open, F.issued_on <= day)
        rows += session.connection().execute(stmt.group_by(key) if by_customer else stmt).all()
    return rows


def per_customer(session: Session, start: date, end: date) -> tuple[dict[str, float | None], float | None]:
    """DSO over [start, end] for each customer with an invoice, and for all customers together."""
    run = session.connection().execute
    s: dict[str, Decimal] = defaultdict(Decimal)
    o: dict[str, Decimal] = defaultdict(Decimal)
    for cid, v in run(select(F.customer_id, AMOUNT).where(F.issued_on.between(start, end)).group_by(F.customer_id)):
        s[str(cid)] += _money(v)
    for cid, v in _open_on(session, end, by_customer=True):
        o[str(cid)] += _money(v)
    groups = {cid: _ratio(o[cid], s[cid], start, end) for cid in set(s) | set(o)}
    return groups, _ratio(sum(o.values(), Decimal(0)), sum(s.values(), Decimal(0)), start, end)


def per_period(session: Session, periods: dict[str, tuple[date, date]]) -> dict[str, float | None]:
    """DSO for each period key -> (first day, last day)."""
    if not periods:
        return {}
    run = session.connection().execute
    lo = min(a for a, _ in periods.values())
    hi = max(b for _, b in periods.values())
    n = (hi - lo).days + 1
    sales, delta = [Decimal(0)] * n, [Decimal(0)] * n  # per day: sales, change of the open amount
    delta[0] = sum((_money(v) for _, v in _open_on(session, lo - timedelta(days=1))), Decimal(0))
    for day, v in run(select(F.issued_on, AMOUNT).where(F.issued_on.between(lo, hi)).group_by(F.issued_on)):
        i = (day - lo).days
        sales[i] = _money(v)
        delta[i] += sales[i]
    for day, v in run(select(F.paid_on, AMOUNT).where(F.paid_on.between(lo, hi)).group_by(F.paid_on)):
        delta[(day - lo).days] -= _money(v)  # issued on or before its paid day: counted open until then
    open_at, running = [], Decimal(0)
    for i in range(n):
        running += delta[i]
        open_at.append(running)
    out = {}
    for key, (a, b) in periods.items():
        i, j = (a - lo).days, (b - lo).days
        out[key] = _ratio(open_at[j], sum(sales[i:j + 1], Decimal(0)), a, b)
    return out
