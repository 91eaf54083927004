"""Email intake over HTTP: a raw message (or .eml/.msg upload) from a clerk's key, and the
inbound-mail webhook, which a mail service calls with INTAKE_INBOUND_MAIL_TOKEN (query `token` or
header `X-Inbound-Token`) or with a clerk's API key."""
from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import func
from sqlmodel import select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from app.core.auth import ClerkDep, Principal, StaffDep, get_principal
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import AppError, NotAuthenticated, NotFound
from app.email.service import IngestedEmail, ingest_email
from app.email.webhook import message_from_form
from app.intake.models import Channel, Document, EmailMessage

router = APIRouter(prefix="/api/v1", tags=["email"])


class InboundSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", env_file=".env", extra="ignore")
    inbound_mail_token: str | None = None


def inbound_caller(request: Request, session: SessionDep) -> Principal:
    """The mail service (shared token) or a clerk's key; anyone else is 401."""
    expected = InboundSettings().inbound_mail_token
    sent = request.query_params.get("token") or request.headers.get("x-inbound-token")
    if expected and sent and hmac.compare_digest(sent.encode(), expected.encode()):
        principal = Principal(name="inbound-mail", roles=frozenset({"clerk"}), via="token")
        request.state.principal = principal
        return principal
    if sent:
        raise NotAuthenticated("invalid_token", "the inbound-mail token is wrong")
    principal = get_principal(request, session)
    if not principal.has("clerk"):
        raise NotAuthenticated("not_authenticated", "the inbound-mail webhook needs its token or a clerk's key")
    return principal


async def _body(request: Request, limit: int) -> bytes:
    if int(request.headers.get("content-length") or 0) > limit:
        raise AppError("file_too_large", f"the message is over the limit of {limit} bytes", 413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise AppError("file_too_large", f"the message is over the limit of {limit} bytes", 413)
        chunks.append(chunk)
    return b"".join(chunks)


async def _read(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise AppError("file_too_large", f"{upload.filename or 'a file'} is over the limit of {limit} bytes", 413)
    return data


def _answer(got: IngestedEmail) -> JSONResponse:
    msg = got.message
    body = {"id": msg.id, "message_id": msg.message_id_header, "duplicate": got.duplicate, "status": msg.status,
            "label": msg.label, "queue": msg.queue, "status_url": f"/api/v1/emails/{msg.id}",
            "documents": [_doc(d) for d in got.documents]}
    return JSONResponse(body, status_code=200 if got.duplicate else 202)


def _doc(d: Document) -> dict:
    return {"id": d.id, "filename": d.filename, "kind": d.kind, "status": d.status,
            "status_url": f"/api/v1/documents/{d.id}"}


@router.post("/emails", status_code=202, summary="Receive one email (raw message/rfc822, or an .eml/.msg upload)",
             responses={200: {"description": "the same Message-ID was received before (`duplicate: true`)"},
                        413: {"description": "over the size limit (`file_too_large`)"}})
async def receive_email(request: Request, session: SessionDep, settings: SettingsDep, _clerk: ClerkDep):
    """The body is the raw message (`Content-Type: message/rfc822`), or a multipart form
    with the .eml or .msg file in `file`. Its attachments become documents and the
    request is classified and routed; answers 202 with the message and its documents."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        form = await request.form(max_part_size=settings.max_upload_bytes)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise AppError("file_missing", "send the email in the form field `file`", 422)
        raw = await _read(upload, settings.max_upload_bytes)
    else:
        raw = await _body(request, settings.max_upload_bytes)
    if not raw.strip():
        raise AppError("empty_file", "the message is empty", 422)
    return _answer(await run_in_threadpool(ingest_email, session, settings, raw, channel=Channel.email.value))


@router.post("/inbound-mail", status_code=202, summary="Inbound-mail webhook (multipart form from a mail service)")
async def inbound_mail(request: Request, session: SessionDep, settings: SettingsDep,
                       _caller: Annotated[Principal, Depends(inbound_caller)]):
    """Fields `from`, `to`, `subject`, `text`, `html`, optional `headers` and `message-id`;
    files in `attachment1..N` or `attachments`. Handled like any other email."""
    form = await request.form(max_part_size=settings.max_upload_bytes)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    files = []
    for key, value in form.multi_items():
        if isinstance(value, UploadFile) and (key.startswith("attachment")):
            files.append((value.filename or key, value.content_type or "application/octet-stream",
                          await _read(value, settings.max_upload_bytes)))
    if not (fields.get("from") or fields.get("headers")):
        raise AppError("invalid_request", "the form has no `from` field", 422)
    raw = message_from_form(fields, files)
    return _answer(await run_in_threadpool(ingest_email, session, settings, raw, channel=Channel.webhook.value))


@router.get("/emails", summary="Emails received, newest first, by status, queue or label")
def list_emails(session: SessionDep, _staff: StaffDep, status: str | None = None, queue: str | None = None,
                label: str | None = None,
                sender: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                offset: Annotated[int, Query(ge=0)] = 0) -> dict:
    """E.g. `?queue=finance` for invoice questions, `?status=needs_review` for the clerk."""
    stmt = select(EmailMessage)
    for column, value in ((EmailMessage.status, status), (EmailMessage.queue, queue),
                          (EmailMessage.label, label), (EmailMessage.sender, sender and sender.lower())):
        if value:
            stmt = stmt.where(column == value)
    count = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = session.exec(stmt.order_by(EmailMessage.id.desc()).offset(offset).limit(limit)).all()
    keep = {"id", "message_id_header", "channel", "sender", "subject", "received_at", "label", "label_score",
            "status", "queue", "customer_id", "order_id"}
    return {"data": [m.model_dump(include=keep, mode="json") for m in rows], "count": count,
            "limit": limit, "offset": offset}


@router.get("/emails/{email_id}", summary="An email: what it asks for, where it went, its documents")
def get_email(session: SessionDep, _staff: StaffDep, email_id: int) -> dict:
    msg = session.get(EmailMessage, email_id)
    if msg is None:
        raise NotFound("email_not_found", f"no email {email_id}")
    docs = session.exec(select(Document).where(Document.message_id == msg.id).order_by(Document.id)).all()
    data = msg.model_dump(exclude={"body_text"}, mode="json")
    return {**data, "documents": [_doc(d) for d in docs]}
