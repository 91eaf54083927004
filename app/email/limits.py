"""Documents per email sender per hour: beyond `INTAKE_SENDER_DOCUMENTS_PER_HOUR` an email's new
documents are stored (nothing is lost) but held in the review queue instead of being processed."""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlmodel import Session, func, select

from app.core.clock import utcnow
from app.core.config import Settings
from app.intake.models import Document, DocumentIssue, DocumentStatus, EmailMessage

log = logging.getLogger("intake.ratelimit")

SENDER_CODE = "sender_rate_limited"


def sender_documents_last_hour(session: Session, sender: str, exclude: list[int]) -> int:
    since = utcnow() - timedelta(hours=1)
    stmt = select(func.count()).select_from(Document).where(Document.sender == sender,
                                                            Document.received_at >= since)
    if exclude:
        stmt = stmt.where(Document.id.not_in(exclude))
    return session.exec(stmt).one()


def hold_over_sender_limit(session: Session, settings: Settings, msg: EmailMessage,
                           new_ids: list[int]) -> list[int]:
    """The new documents that may be processed; the others, beyond the sender's hourly limit,
    are kept in the review queue with the code `sender_rate_limited` (reprocess releases them)."""
    limit = settings.sender_documents_per_hour
    if limit <= 0 or not msg.sender or not new_ids:
        return new_ids
    allowed = max(0, limit - sender_documents_last_hour(session, msg.sender, new_ids))
    held = new_ids[allowed:]
    if not held:
        return new_ids
    text = f"{msg.sender} sent more than {limit} documents in the last hour; held for a clerk"
    for doc in session.exec(select(Document).where(Document.id.in_(held))).all():
        doc.status = DocumentStatus.needs_review.value
        doc.error_code, doc.error_message = SENDER_CODE, text
        session.add(doc)
        session.add(DocumentIssue(document_id=doc.id, code=SENDER_CODE, message=text))
    msg.defects = (msg.defects or []) + [f"{SENDER_CODE}: {len(held)} document(s) held"]
    msg.status, msg.queue = "needs_review", msg.queue or "review"
    session.add(msg)
    log.warning("sender over limit: %s, %d document(s) held", msg.sender, len(held))
    return new_ids[:allowed]
