"""The KPI sums in SQL: one GROUP BY over the per-order fact rows (`facts.py`, kept by the actions
through `store.py`), so no Python object is built per order and no join is needed. The sums are
what the pure definitions of `definitions.py` divide (see `service.py`).

By product line the rows are the per-product-line slices of the orders; the other groupings read
one row per order. Money and quantities are scaled integers, so the sums are exact on both databases.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, literal, select
from sqlmodel import Session

from app.orders.kpi import hooks  # noqa: F401 - keeps the facts of every order written in this process
from app.orders.kpi.facts import SUMS, unscaled
from app.orders.kpi.models import KpiLineFact, KpiOrderFact

__all__ = ["SUMS", "group_sums"]


def utc(value: datetime) -> datetime:
    """Naive timestamps are UTC, as they are stored."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def group_sums(session: Session, lo: datetime, hi: datetime, key: str) -> dict[str, dict]:
    """{group key (a day as 'YYYY-MM-DD' for key="day"): {sum name: value}} for orders entered in [lo, hi).
    `key` is "day", "customer", "channel", "product_line", or "all" (one group "all", every order)."""
    table = KpiLineFact if key == "product_line" else KpiOrderFact
    columns = [func.sum(getattr(table, name)) for name in SUMS]
    window = (table.entered_at >= utc(lo), table.entered_at < utc(hi))
    if key == "all":
        stmt = select(literal("all"), *columns).where(*window).having(func.count() > 0)
    else:
        group = {"day": KpiOrderFact.entered_on, "customer": KpiOrderFact.customer_id,
                 "channel": KpiOrderFact.channel, "product_line": KpiLineFact.product_line}[key]
        stmt = select(group, *columns).where(*window).group_by(group)
    out = {}
    for k, *values in session.connection().execute(stmt):
        out[str(k)] = {name: unscaled(v, kind) for (name, kind), v in zip(SUMS.items(), values)}
    return out
