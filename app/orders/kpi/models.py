"""The KPI fact tables: one row per order (and per product line of it, and per invoice) holding its
term of every KPI sum, so the dashboard's questions are SUMs with no join (see facts.py)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Index
from sqlmodel import Field, SQLModel


class KpiSums(SQLModel):
    """One order's (or one product-line slice's) term of every KPI sum; see `facts.sums`.
    Money and quantities are scaled integers (`facts.MONEY_SCALE`, `QTY_SCALE`)."""

    orders: int = 0
    touchless: int = 0
    inv: int = 0
    inv_ok: int = 0
    shipped_units: int = Field(default=0, sa_type=BigInteger)
    returned_units: int = Field(default=0, sa_type=BigInteger)
    live: int = 0
    value: int = Field(default=0, sa_type=BigInteger)
    refunded: int = Field(default=0, sa_type=BigInteger)
    backordered: int = 0
    filled_orders: int = 0
    lines: int = 0
    filled_lines: int = 0
    cycle_n: int = 0
    cycle_days: float = 0.0
    delivery_n: int = 0
    delivery_days: float = 0.0
    promised_n: int = 0
    on_time: int = 0
    perfect: int = 0
    o2c_n: int = 0
    o2c_days: float = 0.0


class KpiOrderFact(KpiSums, table=True):
    """An order's KPI facts, kept by every action in the same transaction (`store.py`)."""

    order_id: int = Field(primary_key=True, foreign_key="order.id")
    customer_id: int
    channel: str
    entered_at: datetime = Field(index=True)
    entered_on: date


class KpiLineFact(KpiSums, table=True):
    """The same facts per product line of the order (its lines of that product line only)."""

    order_id: int = Field(primary_key=True, foreign_key="order.id")
    product_line: str = Field(primary_key=True)
    entered_at: datetime = Field(index=True)


class KpiInvoiceFact(SQLModel, table=True):
    """An invoice as DSO counts it: open on the days [issued_on, paid_on); amount scaled by 10^4."""

    __table_args__ = (Index("ix_kpiinvoicefact_issued", "issued_on", "customer_id", "amount"),
                      Index("ix_kpiinvoicefact_paid", "paid_on", "issued_on", "customer_id", "amount"))

    invoice_id: int = Field(primary_key=True, foreign_key="invoice.id")
    order_id: int = Field(foreign_key="order.id", index=True)
    customer_id: int
    issued_on: date
    paid_on: date | None = None
    amount: int = Field(sa_type=BigInteger)
