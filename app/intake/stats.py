"""Intake figures: documents by status and the touchless rate."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from app.intake.models import Document
from app.orders.models import Order


def intake_stats(session: Session) -> dict:
    by_status = dict(session.exec(select(Document.status, func.count()).group_by(Document.status)).all())
    from_docs = session.exec(select(func.count()).select_from(Order).where(Order.document_id.is_not(None))).one()
    touchless = session.exec(select(func.count()).select_from(Order)
                             .where(Order.document_id.is_not(None), Order.touchless)).one()
    decided = from_docs + by_status.get("needs_review", 0) + by_status.get("rejected", 0)
    return {
        "documents": sum(by_status.values()),
        "by_status": by_status,
        "orders_from_documents": from_docs,
        "touchless_orders": touchless,
        # share of documents decided so far that became orders with no human touch
        "touchless_rate": round(touchless / decided, 4) if decided else None,
    }
