"""Indexes for the KPI sums: events per order and type, payments by day, invoices by day (all, unpaid).

Revision ID: k1_kpi_indexes
Revises: a1_audit_append_only
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "k1_kpi_indexes"
down_revision = "a1_audit_append_only"
branch_labels = None
depends_on = None

UNPAID = sa.text("kind = 'invoice' AND status NOT IN ('paid', 'void')")


def upgrade() -> None:
    op.create_index("ix_orderevent_order_id_type", "orderevent", ["order_id", "type"])
    op.create_index("ix_payment_received_at", "payment", ["received_at", "invoice_id"])
    op.create_index("ix_payment_invoice_id_received_at", "payment", ["invoice_id", "received_at"])
    op.create_index("ix_invoice_issued_at_sums", "invoice", ["issued_at", "kind", "status", "customer_id", "total"])
    op.create_index("ix_invoice_unpaid", "invoice", ["issued_at", "customer_id", "total"],
                    sqlite_where=UNPAID, postgresql_where=UNPAID)


def downgrade() -> None:
    op.drop_index("ix_invoice_unpaid", table_name="invoice")
    op.drop_index("ix_invoice_issued_at_sums", table_name="invoice")
    op.drop_index("ix_payment_invoice_id_received_at", table_name="payment")
    op.drop_index("ix_payment_received_at", table_name="payment")
    op.drop_index("ix_orderevent_order_id_type", table_name="orderevent")
