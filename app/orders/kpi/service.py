"""KPIs from the database: SQL sums per group over the per-order fact rows (`sql.py`, DSO over the
invoice facts in `dso.py`), then the definitions of `definitions.py` applied to those sums per group.
Results are cached briefly.

Each order is one `definitions.OrderRecord` (the mapping from the order's rows is in `store.py`); its
fact row holds its term of every sum (`facts.sums`), by product line one row per slice.
DSO counts every invoice but void ones, whatever order it belongs to (see `dso.py`).
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from typing import Any

from huey import crontab
from sqlmodel import Session

from app.core import queue
from app.core.db import get_engine
from app.orders.kpi import definitions, dso
from app.orders.kpi.groups import period_bounds, period_key
from app.orders.kpi.sql import SUMS, group_sums

PERIODS = ("day", "week", "month")
GROUPINGS = PERIODS + ("customer", "product_line", "channel")
CACHE_SECONDS = 30.0
DEFAULT_DAYS = 91

_cache: dict[tuple, tuple[float, dict]] = {}
_cache_lock = threading.Lock()


def _midnight(day: date) -> datetime:
    """Naive UTC midnight, as the timestamps are stored."""
    return datetime.combine(day, dtime.min)


def _add(into: dict, sums: dict) -> None:
    for name, value in sums.items():
        into[name] = into.get(name, 0) + value


def values(n: dict, rounded: bool = True) -> dict[str, Any]:
    """The KPIs of `definitions.py` from one group's sums (rates rounded to 4 places, AOV to cents)."""
    n = {name: n.get(name, 0) for name in SUMS}

    def ratio(a: str, b: str) -> float | None:
        if not n[b]:
            return None
        value = float(Decimal(n[a]) / Decimal(n[b])) if isinstance(n[a], Decimal) else n[a] / n[b]
        return round(value, 4) if rounded else value

    aov = (Decimal(n["value"]) / n["live"]).quantize(Decimal("0.01")) if n["live"] else None
    return {
        "orders": n["orders"],
        "order_cycle_time": ratio("cycle_days", "cycle_n"),
        "delivery_cycle_time": ratio("delivery_days", "delivery_n"),
        "order_to_cash_time": ratio("o2c_days", "o2c_n"),
        "perfect_order_rate": ratio("perfect", "promised_n"),
        "order_fill_rate": ratio("filled_orders", "live"),
        "line_fill_rate": ratio("filled_lines", "lines"),
        "backorder_rate": ratio("backordered", "live"),
        "on_time_shipment_rate": ratio("on_time", "promised_n"),
        "invoice_accuracy": ratio("inv_ok", "inv"),
        "return_rate": ratio("returned_units", "shipped_units"),
        "refund_rate": ratio("refunded", "value"),
        "average_order_value": (float(aov) if rounded else aov) if aov is not None else None,
        "touchless_rate": ratio("touchless", "orders"),
    }


def group_totals(session: Session, by: str, lo: datetime, hi: datetime) -> tuple[dict, dict, dict[str, date]]:
    """(sums per group key, sums for all orders, first entry day per period key) for [lo, hi)."""
    key = "day" if by in PERIODS else by
    rows = group_sums(session, lo, hi, key)
    total: dict = {}
    firsts: dict[str, date] = {}
    if by in PERIODS:
        groups: dict[str, dict] = defaultdict(dict)
        for day_text, sums in rows.items():
            day = date.fromisoformat(day_text)
            k = period_key(day, by)
            _add(groups[k], sums)
            firsts[k] = min(firsts.get(k, day), day)
        rows = dict(groups)
    for sums in (group_sums(session, lo, hi, "all") if by == "product_line" else rows).values():
        _add(total, sums)  # slices of an order are not orders: the total is counted per order
    return rows, total, firsts


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
    rows, total, firsts = group_totals(session, by, lo, hi)
    out_groups = {k: values(rows[k]) for k in sorted(rows)}
    dso_customers, dso_total = dso.per_customer(session, start, end)
    if by in PERIODS:
        for key, days in dso.per_period(session, {k: period_bounds(firsts[k], by) for k in out_groups}).items():
            out_groups[key]["dso"] = days
    elif by == "customer":
        for key in out_groups:
            out_groups[key]["dso"] = dso_customers.get(key)
    return {"period": period, "by": by, "from": start.isoformat(), "to": end.isoformat(),
            "total": {**values(total), "dso": dso_total}, "groups": out_groups,
            "definitions": definitions.definitions()}


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


@queue.periodic("warm_kpis", crontab(minute="*"))
def warm_task() -> None:
    with Session(get_engine(queue.current_settings().db_url)) as session:
        warm(session)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
