"""KPI fact tables: one row per order, per product line of an order, per counted invoice; backfilled.

Revision ID: k2_kpi_facts
Revises: w1_web_sessions
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "k2_kpi_facts"
down_revision = "w1_web_sessions"
branch_labels = None
depends_on = None

SUMS = [("orders", sa.Integer), ("touchless", sa.Integer), ("inv", sa.Integer), ("inv_ok", sa.Integer),
        ("shipped_units", sa.BigInteger), ("returned_units", sa.BigInteger), ("live", sa.Integer),
        ("value", sa.BigInteger), ("refunded", sa.BigInteger), ("backordered", sa.Integer),
        ("filled_orders", sa.Integer), ("lines", sa.Integer), ("filled_lines", sa.Integer), ("cycle_n", sa.Integer),
        ("cycle_days", sa.Float), ("delivery_n", sa.Integer), ("delivery_days", sa.Float), ("promised_n", sa.Integer),
        ("on_time", sa.Integer), ("perfect", sa.Integer), ("o2c_n", sa.Integer), ("o2c_days", sa.Float)]


def _sums() -> list[sa.Column]:
    return [sa.Column(name, kind(), nullable=False) for name, kind in SUMS]


def upgrade() -> None:
    op.create_table(
        "kpiorderfact", *_sums(),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("order.id"), primary_key=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("entered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False))
    op.create_index("ix_kpiorderfact_entered_at", "kpiorderfact", ["entered_at"])
    op.create_table(
        "kpilinefact", *_sums(),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("order.id"), primary_key=True),
        sa.Column("product_line", sqlmodel.sql.sqltypes.AutoString(), primary_key=True),
        sa.Column("entered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False))
    op.create_index("ix_kpilinefact_entered_at", "kpilinefact", ["entered_at"])
    op.create_table(
        "kpiinvoicefact",
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoice.id"), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("order.id"), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False))
    op.create_index("ix_kpiinvoicefact_order_id", "kpiinvoicefact", ["order_id"])
    op.create_index("ix_kpiinvoicefact_issued", "kpiinvoicefact", ["issued_on", "customer_id", "amount"])
    op.create_index("ix_kpiinvoicefact_paid", "kpiinvoicefact", ["paid_on", "issued_on", "customer_id", "amount"])
    _backfill()


def _backfill() -> None:
    """The facts of the orders already there, by the same code the actions use."""
    from sqlmodel import Session

    from app.orders.kpi.store import rebuild

    session = Session(bind=op.get_bind())
    rebuild(session)
    session.flush()


def downgrade() -> None:
    op.drop_table("kpiinvoicefact")
    op.drop_table("kpilinefact")
    op.drop_table("kpiorderfact")
