"""KPIs grouped per period (day/week/month), per customer, per product line and per channel."""
from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from app.orders.kpi.definitions import KPIS, OrderRecord, dso

GroupBy = Literal["day", "week", "month", "customer", "product_line", "channel"]
Period = Literal["day", "week", "month"]


def period_key(day: date, period: Period) -> str:
    """'2026-03-05', ISO week '2026-W10' or '2026-03'."""
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    raise ValueError(f"unknown period {period!r}")


def period_bounds(day: date, period: Period) -> tuple[date, date]:
    """First and last day of the period that contains `day`."""
    if period == "day":
        return day, day
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if period == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    raise ValueError(f"unknown period {period!r}")


def group_orders(orders: Sequence[OrderRecord], by: GroupBy) -> dict[str, list[OrderRecord]]:
    """Orders per group, keys sorted. Periods go by entry date. Per product line an order is split
    into one slice per product line (its lines of that line only; order-level facts such as dates,
    invoices and flags stay on every slice)."""
    groups: dict[str, list[OrderRecord]] = {}
    for o in orders:
        if by == "product_line":
            for pl in sorted({x.product_line for x in o.lines}):
                lines = tuple(x for x in o.lines if x.product_line == pl)
                groups.setdefault(pl, []).append(replace(o, lines=lines))
            continue
        if by in ("day", "week", "month"):
            key = period_key(o.entered_at.date(), by)
        elif by == "customer":
            key = str(o.customer_id)
        elif by == "channel":
            key = o.channel
        else:
            raise ValueError(f"unknown grouping {by!r}")
        groups.setdefault(key, []).append(o)
    return dict(sorted(groups.items()))


def kpi_by(orders: Sequence[OrderRecord], kpi: str | Callable, by: GroupBy) -> dict:
    """One KPI per group: {group key: value}."""
    fn = KPIS[kpi] if isinstance(kpi, str) else kpi
    return {key: fn(group) for key, group in group_orders(orders, by).items()}


def dashboard(orders: Sequence[OrderRecord], by: GroupBy) -> dict[str, dict]:
    """Every KPI per group: {group key: {kpi name: value}}."""
    return {key: {name: fn(group) for name, fn in KPIS.items()} for key, group in group_orders(orders, by).items()}


def dso_per_period(orders: Sequence[OrderRecord], period: Period = "month") -> dict[str, float | None]:
    """DSO for every period in which an invoice was issued (receivables from all orders count)."""
    days = sorted({i.issued_on for o in orders for i in o.invoices})
    out: dict[str, float | None] = {}
    for day in days:
        key = period_key(day, period)
        if key not in out:
            out[key] = dso(orders, *period_bounds(day, period))
    return out
