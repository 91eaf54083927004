"""Review queue: a document's assignee and lock time, and clerks' saved queue views.

Revision ID: d1_review_queue
Revises: k2_kpi_facts
"""
from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "d1_review_queue"
down_revision = "k2_kpi_facts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("assigned_to", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.add_column(sa.Column("assigned_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch.create_index("ix_document_assigned_to", ["assigned_to"])
    op.create_table(
        "savedview",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("query", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("owner", "name", name="uq_savedview_owner_name"))
    op.create_index("ix_savedview_owner", "savedview", ["owner"])


def downgrade() -> None:
    op.drop_index("ix_savedview_owner", table_name="savedview")
    op.drop_table("savedview")
    with op.batch_alter_table("document") as batch:
        batch.drop_index("ix_document_assigned_to")
        batch.drop_column("assigned_at")
        batch.drop_column("assigned_to")
