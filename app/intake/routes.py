"""Documents API: upload, status and extraction, original file, list."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func
from sqlmodel import select

from app.core.auth import ClerkDep, Principal, PrincipalDep, StaffDep, require
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError
from app.core.idempotency import IdempotencyKey
from app.core.storage import BlobStore
from app.intake import service
from app.intake.models import (
    Channel,
    Document,
    DocumentAccepted,
    DocumentIssue,
    DocumentIssuePublic,
    DocumentPublic,
    DocumentsAccepted,
    DocumentsPublic,
    DocumentStatus,
    DocumentSummary,
    ErrorInfo,
)
from app.intake.stats import intake_stats
from app.intake.tasks import enqueue_document

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])

MEDIA_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff",
    "heic": "image/heic", "bmp": "image/bmp", "gif": "image/gif", "webp": "image/webp",
    "eml": "message/rfc822", "msg": "application/vnd.ms-outlook", "text": "text/plain",
}
UPLOAD_EXAMPLE = {"documents": [{"id": 42, "sha256": "9f86d0…", "filename": "PO-4500012345.pdf",
                                 "status": "received", "duplicate": False,
                                 "status_url": "/api/v1/documents/42", "error": None}]}


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := await upload.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise AppError("file_too_large", f"{upload.filename or 'a file'} is over the limit of {limit} bytes",
                           status_code=413, details={"filename": upload.filename, "limit": limit})
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "", status_code=202, response_model=DocumentsAccepted,
    summary="Upload purchase orders",
    responses={202: {"content": {"application/json": {"example": UPLOAD_EXAMPLE}}},
               413: {"description": "a file is over the size limit (`file_too_large`)"},
               409: {"description": "the Idempotency-Key was used for another request"}},
)
async def upload_documents(
    session: SessionDep,
    settings: SettingsDep,
    principal: Annotated[Principal, Depends(require("clerk", "customer"))],
    files: Annotated[list[UploadFile], File(description="one or more PO files (PDF, image, email, text)")],
    customer_hint: Annotated[str | None, Form(description="customer code or name, if known")] = None,
    _idempotency_key: IdempotencyKey = None,
):
    """Store each file by SHA-256 at once and process it in the background.

    The type is decided by content, not by name. A file already received returns the
    existing document (`duplicate: true`). A file that cannot be read is kept and
    answered with `status: failed` and an error code. A customer's upload belongs to that
    customer (channel `portal`): it is matched to them only, whatever the PO names.
    """
    if len(files) > settings.max_files_per_request:
        raise AppError("too_many_files", f"at most {settings.max_files_per_request} files per request", 413)
    payloads = [(f.filename, await _read_limited(f, settings.max_upload_bytes)) for f in files]
    accepted, new_ids = [], []
    for filename, data in payloads:
        got = service.ingest_bytes(session, settings, data, filename=filename, channel=_channel(principal),
                                   customer_hint=customer_hint)
        doc = got.document
        service.own_upload(doc, principal.customer_id, got.duplicate)
        if not got.duplicate and doc.status == DocumentStatus.received.value:
            new_ids.append(doc.id)
        accepted.append(DocumentAccepted(
            id=doc.id, sha256=doc.sha256, filename=doc.filename, status=doc.status, duplicate=got.duplicate,
            status_url=f"/api/v1/documents/{doc.id}", error=_error(doc)))
    body = DocumentsAccepted(documents=accepted).model_dump(mode="json")
    status_code = 200 if all(a.duplicate for a in accepted) else 202
    session.commit()
    for doc_id in new_ids:  # after the commit, so a worker always finds the row
        enqueue_document(doc_id)
    return JSONResponse(body, status_code=status_code,
                        headers={"Location": accepted[0].status_url} if len(accepted) == 1 else None)


def _channel(principal: Principal) -> str:
    return Channel.portal.value if principal.is_customer else Channel.api.value


def _error(doc: Document) -> ErrorInfo | None:
    return ErrorInfo(code=doc.error_code, message=doc.error_message or "") if doc.error_code else None


def _summary(doc: Document) -> dict:
    data = doc.model_dump(include=set(DocumentSummary.model_fields) - {"error"})
    return {**data, "error": _error(doc)}


@router.get("", response_model=DocumentsPublic, summary="List documents")
def list_documents(
    session: SessionDep,
    principal: PrincipalDep,
    status: DocumentStatus | None = None,
    channel: Channel | None = None,
    sender: str | None = None,
    customer_id: int | None = None,
    received_after: datetime | None = None,
    received_before: datetime | None = None,
    q: Annotated[str | None, Query(description="part of the file name")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    """Newest first, with filters; `count` is the total before paging. A customer sees only theirs."""
    stmt = principal.scoped(select(Document), Document.customer_id)
    if status:
        stmt = stmt.where(Document.status == status.value)
    if channel:
        stmt = stmt.where(Document.channel == channel.value)
    if sender:
        stmt = stmt.where(Document.sender == sender.lower())
    if customer_id is not None:
        stmt = stmt.where(Document.customer_id == customer_id)
    if received_after:
        stmt = stmt.where(Document.received_at >= received_after)
    if received_before:
        stmt = stmt.where(Document.received_at < received_before)
    if q:
        stmt = stmt.where(Document.filename.ilike(f"%{q}%"))
    count = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    newest_first = stmt.order_by(Document.received_at.desc(), Document.id.desc())
    docs = session.exec(newest_first.offset(offset).limit(limit)).all()
    return DocumentsPublic(data=[DocumentSummary(**_summary(d)) for d in docs], count=count, limit=limit, offset=offset)


@router.get("/stats", summary="Documents by status and the touchless rate")
def document_stats(session: SessionDep, _staff: StaffDep) -> dict:
    """`touchless_rate`: orders made with no human touch / documents decided (ordered, in review, rejected)."""
    return intake_stats(session)


@router.get("/{document_id}", response_model=DocumentPublic, summary="A document, its status and extraction")
def get_document(session: SessionDep, principal: PrincipalDep, document_id: int):
    """Status is one of received, processing, extracted, needs_review, ordered, rejected, failed."""
    doc = service.document_or_404(session, document_id, principal)
    issues = session.exec(select(DocumentIssue).where(DocumentIssue.document_id == doc.id)).all()
    return DocumentPublic(
        **_summary(doc), customer_hint=doc.customer_hint, doc_type=doc.doc_type, attempts=doc.attempts,
        version=doc.version, extraction=doc.extraction, reviewed=doc.reviewed, matches=doc.matches,
        issues=[DocumentIssuePublic(code=i.code, message=i.message, blocking=i.blocking, kind=i.kind, field=i.field)
                for i in issues],
        file_url=f"/api/v1/documents/{doc.id}/file")


@router.get("/{document_id}/file", summary="The original bytes as received",
            response_class=Response, responses={200: {"content": {"application/octet-stream": {}}}})
def get_document_file(session: SessionDep, settings: SettingsDep, principal: PrincipalDep, document_id: int):
    doc = service.document_or_404(session, document_id, principal)
    data = BlobStore(settings.blob_dir).get(doc.sha256)
    name = (doc.filename or f"document-{doc.id}").replace('"', "")
    return Response(data, media_type=MEDIA_TYPES.get(doc.kind or "", "application/octet-stream"),
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "ETag": f'"{doc.sha256}"'})


@router.post("/{document_id}/reprocess", status_code=202, response_model=DocumentAccepted,
             summary="Read a document again (after a fix or new master data)")
def reprocess_document(session: SessionDep, _clerk: ClerkDep, document_id: int):
    doc = service.document_or_404(session, document_id)
    service.reset_for_reprocess(session, doc)
    session.commit()
    enqueue_document(doc.id)
    return DocumentAccepted(id=doc.id, sha256=doc.sha256, filename=doc.filename, status=doc.status,
                            duplicate=False, status_url=f"/api/v1/documents/{doc.id}")
