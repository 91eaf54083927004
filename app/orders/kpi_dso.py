"""DSO from SQL sums, exactly as `kpis.dso` defines it, without a Python row per invoice.

Invoices that count: kind "invoice", not void. An invoice is open at the end of a period unless it
is paid and its last payment came on or before that day (a paid invoice with no payment, settled by
credit notes, counts as paid the day it was issued). So the receivables open at day b are
  unpaid invoices issued on or before b  +  paid invoices issued on or before b, last paid after b;
the first part is a running sum of daily totals, the second only needs invoices paid recently.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import text
from sqlmodel import Session

from app.orders.kpi_sql import Dialect, dialect_of

MONEY = 10 ** 4
COUNTED = "i.kind = 'invoice' AND i.status != 'void'"
UNPAID = "i.kind = 'invoice' AND i.status NOT IN ('paid', 'void')"
UNPAID_TOTAL = "CASE WHEN i.status != 'paid' THEN i.total ELSE 0 END"


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _ratio(open_at_end: Decimal, sales: Decimal, start: date, end: date) -> float | None:
    if sales <= 0:
        return None
    return round(float(open_at_end / sales) * ((end - start).days + 1), 2)


def _rows(session: Session, sql: str, **params: object) -> list:
    d = dialect_of(session)
    values = {k: d.param(v) if isinstance(v, datetime) else v for k, v in params.items()}
    return session.connection().execute(text(sql), values).all()


def per_customer(session: Session, start: date, end: date) -> tuple[dict[str, float | None], float | None]:
    """DSO over [start, end] for each customer with an invoice, and for all customers together."""
    d = dialect_of(session)
    a, b1 = _midnight(start), _midnight(end + timedelta(days=1))
    sales = _rows(session, f"SELECT i.customer_id, {d.exact_sum('i.total', MONEY)} FROM invoice i "
                           f"WHERE {COUNTED} AND i.issued_at >= :a AND i.issued_at < :b1 GROUP BY i.customer_id",
                  a=a, b1=b1)
    unpaid = _rows(session, f"SELECT i.customer_id, {d.exact_sum('i.total', MONEY)} FROM invoice i "
                            f"WHERE {UNPAID} AND i.issued_at < :b1 GROUP BY i.customer_id", b1=b1)
    late = _rows(session, f"SELECT i.customer_id, {d.exact_sum('i.total', MONEY)} FROM invoice i "
                          "WHERE i.kind = 'invoice' AND i.status = 'paid' AND i.issued_at < :b1 AND i.id IN "
                          "(SELECT invoice_id FROM payment WHERE received_at >= :b1) GROUP BY i.customer_id", b1=b1)
    s: dict[str, Decimal] = defaultdict(Decimal)
    o: dict[str, Decimal] = defaultdict(Decimal)
    for cid, v in sales:
        s[str(cid)] += d.exact(v, MONEY)
    for cid, v in [*unpaid, *late]:
        o[str(cid)] += d.exact(v, MONEY)
    groups = {cid: _ratio(o[cid], s[cid], start, end) for cid in set(s) | set(o)}
    return groups, _ratio(sum(o.values(), Decimal(0)), sum(s.values(), Decimal(0)), start, end)


def per_period(session: Session, periods: dict[str, tuple[date, date]]) -> dict[str, float | None]:
    """DSO for each period key -> (first day, last day)."""
    if not periods:
        return {}
    d: Dialect = dialect_of(session)
    lo = min(a for a, _ in periods.values())
    hi = max(b for _, b in periods.values())
    lo_t, hi_t = _midnight(lo), _midnight(hi + timedelta(days=1))
    daily = _rows(session, f"SELECT {d.day('i.issued_at')}, {d.exact_sum('i.total', MONEY)}, "
                           f"{d.exact_sum(UNPAID_TOTAL, MONEY)} "
                           f"FROM invoice i WHERE {COUNTED} AND i.issued_at >= :lo AND i.issued_at < :hi GROUP BY 1",
                  lo=lo_t, hi=hi_t)
    before = _rows(session, f"SELECT {d.exact_sum('i.total', MONEY)} FROM invoice i "
                            f"WHERE {UNPAID} AND i.issued_at < :lo", lo=lo_t)[0][0]
    paid_late = _rows(session, f"""
        SELECT {d.day('i.issued_at')}, {d.day('m.paid')}, {d.exact_sum('i.total', MONEY)} FROM invoice i
        JOIN (SELECT invoice_id, MAX(received_at) AS paid FROM payment WHERE invoice_id IN
              (SELECT invoice_id FROM payment WHERE received_at >= :lo1) GROUP BY invoice_id) m ON m.invoice_id = i.id
        WHERE i.kind = 'invoice' AND i.status = 'paid' AND i.issued_at < :hi GROUP BY 1, 2""",
                      lo1=lo_t + timedelta(days=1), hi=hi_t)
    n = (hi - lo).days + 1
    sales, delta = [Decimal(0)] * n, [Decimal(0)] * (n + 1)  # per day: sales, change of the open amount
    delta[0] = d.exact(before, MONEY)
    for day, total, unpaid in daily:
        i = (_day(day) - lo).days
        sales[i] = d.exact(total, MONEY)
        delta[i] += d.exact(unpaid, MONEY)
    for issued, paid, total in paid_late:  # open on the days [issued, paid)
        i, j = max((_day(issued) - lo).days, 0), min((_day(paid) - lo).days, n)
        if i < j:
            amount = d.exact(total, MONEY)
            delta[i] += amount
            delta[j] -= amount
    open_at, running = [], Decimal(0)
    for i in range(n):
        running += delta[i]
        open_at.append(running)
    out = {}
    for key, (a, b) in periods.items():
        i, j = (a - lo).days, (b - lo).days
        out[key] = _ratio(open_at[j], sum(sales[i:j + 1], Decimal(0)), a, b)
    return out
