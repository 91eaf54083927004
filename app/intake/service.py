"""Intake: store what arrives, then process it in the background."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, select

from app.core.auth import Principal
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.db import get_engine, session_scope
from app.core.errors import AppError, NotFound
from app.core.storage import BlobStore
from app.intake import pipeline
from app.intake.models import Document, DocumentIssue, DocumentStatus
from app.intake.review.queue import priority as review_priority
from extractors.errors import OCR_UNAVAILABLE, DocumentError
from extractors.read import detect_kind

log = logging.getLogger("intake.service")

MAX_ATTEMPTS = 3


def document_or_404(session: Session, document_id: int, principal: Principal | None = None) -> Document:
    doc = session.get(Document, document_id)
    if doc is None or (principal is not None and not principal.may_see(doc.customer_id)):
        raise NotFound("document_not_found", f"no document {document_id}")
    return doc


def own_upload(doc: Document, customer_id: int | None, duplicate: bool) -> None:
    """A customer's new upload belongs to that customer, whatever its PO names; the same file sent
    before by someone else is not theirs to see (409 `duplicate_document`)."""
    if customer_id is None:
        return
    if not duplicate:
        doc.customer_id = customer_id
    elif doc.customer_id != customer_id:
        raise AppError("duplicate_document", f"{doc.filename or 'this file'} was received before", 409)


def reset_for_reprocess(session: Session, doc: Document) -> None:
    """Back to `received` to be read again (after a fix or new master data); not while it is being
    read or once it became an order (409 `document_busy`). The caller commits, then enqueues it."""
    if doc.status in (DocumentStatus.processing.value, DocumentStatus.ordered.value):
        raise AppError("document_busy", f"a document in status {doc.status} cannot be reprocessed", 409)
    doc.status = DocumentStatus.received.value
    doc.error_code = doc.error_message = None
    session.add(doc)


@dataclass
class Ingested:
    document: Document
    duplicate: bool


def ingest_bytes(session: Session, settings: Settings, data: bytes, *, filename: str | None,
                 channel: str, sender: str | None = None, customer_hint: str | None = None,
                 message_id: int | None = None) -> Ingested:
    """Store the bytes first, then record the document; the same bytes give the same document."""
    sha = BlobStore(settings.blob_dir).put(data)
    existing = session.exec(select(Document).where(Document.sha256 == sha)).first()
    if existing is not None:
        return Ingested(existing, duplicate=True)
    doc = Document(sha256=sha, filename=filename, size=len(data), channel=channel, sender=sender,
                   customer_hint=customer_hint, message_id=message_id)
    try:
        doc.kind = detect_kind(data)
    except DocumentError as exc:
        _fail(doc, exc.code, exc.message)
    session.add(doc)
    session.flush()
    return Ingested(doc, duplicate=False)


def _fail(doc: Document, code: str, message: str) -> None:
    doc.status = DocumentStatus.failed.value
    doc.error_code, doc.error_message = code, message
    doc.finished_at = utcnow()


def claim(settings: Settings, document_id: int) -> bool:
    """Take the document for processing unless someone else has it (atomic)."""
    stale = utcnow() - timedelta(seconds=settings.stale_processing_seconds)
    stmt = (
        update(Document)
        .where(Document.id == document_id)
        .where(or_(Document.status == DocumentStatus.received.value,
                   (Document.status == DocumentStatus.processing.value) & (Document.started_at < stale)))
        .values(status=DocumentStatus.processing.value, started_at=utcnow(), attempts=Document.attempts + 1)
    )
    with get_engine(settings.db_url).begin() as conn:
        return conn.execute(stmt).rowcount == 1


def process_document(settings: Settings, document_id: int) -> str:
    """Run the pipeline on one document and record the outcome; returns the status."""
    if not claim(settings, document_id):
        return "skipped"
    with session_scope(settings.db_url) as session:
        doc = session.get(Document, document_id)
        assert doc is not None
        data = BlobStore(settings.blob_dir).get(doc.sha256)
        job = pipeline.Job(settings=settings, session=session, document=doc, raw=data)
        try:
            pipeline.run(job)
        except DocumentError as exc:
            if exc.code == OCR_UNAVAILABLE:
                job.issues.append(pipeline.Issue(exc.code, exc.message))
                job.status = DocumentStatus.needs_review
            else:
                _fail(doc, exc.code, exc.message)
                return doc.status
        except Exception as exc:  # a bug or a passing fault: retry, then give up visibly
            log.exception("processing document %s failed", document_id)
            if doc.attempts >= MAX_ATTEMPTS:
                _fail(doc, "internal_error", f"processing failed {doc.attempts} times: {exc}")
                return doc.status
            session.rollback()
            _release(settings, document_id)
            raise
        _save(session, job)
        return doc.status


def _release(settings: Settings, document_id: int) -> None:
    with get_engine(settings.db_url).begin() as conn:
        conn.execute(update(Document).where(Document.id == document_id)
                     .values(status=DocumentStatus.received.value))


def _save(session: Session, job: pipeline.Job) -> None:
    doc = job.document
    for old in session.exec(select(DocumentIssue).where(DocumentIssue.document_id == doc.id)):
        session.delete(old)
    for issue in job.issues:
        session.add(DocumentIssue(document_id=doc.id, code=issue.code, message=issue.message,
                                  blocking=issue.blocking, field=issue.field, kind=issue.kind))
    if job.extraction is not None:
        doc.extraction = job.extraction.to_result()
        doc.page_count = job.extraction.page_count
    doc.doc_type = job.doc_type
    if job.data:
        doc.reviewed, doc.matches = job.data, job.matches
        doc.customer_id = job.data.get("customer_id")
    doc.order_id = job.order_id or doc.order_id
    doc.status = job.status.value
    if job.status == DocumentStatus.needs_review:
        doc.priority = review_priority(job.data, doc.received_at.date())
    doc.error_code = doc.error_message = None
    doc.finished_at = utcnow()
    doc.version += 1


def find_unfinished(settings: Settings, *, all_processing: bool = False) -> list[int]:
    """Documents received but not taken, or taken by a worker that seems gone."""
    stale = utcnow() - timedelta(seconds=settings.stale_processing_seconds)
    waiting = utcnow() - timedelta(seconds=30)
    processing = Document.status == DocumentStatus.processing.value
    if not all_processing:
        processing = processing & (Document.started_at < stale)
    received = Document.status == DocumentStatus.received.value
    if not all_processing:
        received = received & (Document.received_at < waiting)
    with Session(get_engine(settings.db_url)) as session:
        ids = session.exec(select(Document.id).where(or_(received, processing))).all()
    if all_processing and ids:
        with get_engine(settings.db_url).begin() as conn:
            conn.execute(update(Document).where(Document.id.in_(ids)).where(processing)
                         .values(status=DocumentStatus.received.value))
    return list(ids)
