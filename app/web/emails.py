"""Emails as the clerk sees them: each message with what it was classified as (request type,
score, instructions), where it was routed, its documents and order; filters and paging."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, or_
from sqlmodel import select

from app.catalog.models import Customer
from app.core.deps import SessionDep
from app.core.errors import NotFound
from app.intake.models import Document, EmailMessage
from app.web.access import ClerkPage, PageRoute
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
PAGE_SIZE = 50
LABELS = ("new_order", "change_order", "cancel_order", "status_inquiry", "return_request", "invoice_question", "other")


@router.get("/emails", response_class=HTMLResponse)
def emails_page(request: Request, session: SessionDep, me: ClerkPage, q: str = "", label: str = "", queue: str = "",
                page: str = "1"):
    number = max(int(page), 1) if page.isdigit() else 1
    stmt = select(EmailMessage)
    if q.strip():
        like = f"%{q.strip().lower()[:100]}%"
        stmt = stmt.where(or_(func.lower(EmailMessage.sender).like(like), func.lower(EmailMessage.subject).like(like)))
    if label in LABELS:
        stmt = stmt.where(EmailMessage.label == label)
    if queue:
        stmt = stmt.where(EmailMessage.queue == queue[:20])
    total = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = session.exec(stmt.order_by(EmailMessage.received_at.desc(), EmailMessage.id.desc())
                        .offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    ids = [m.id for m in rows]
    docs: dict[int, list[Document]] = {}
    for d in session.exec(select(Document).where(Document.message_id.in_(ids))).all() if ids else []:
        docs.setdefault(d.message_id, []).append(d)
    cids = {m.customer_id for m in rows if m.customer_id}
    names = dict(session.exec(select(Customer.id, Customer.name).where(Customer.id.in_(cids))).all()) if cids else {}
    return templates.TemplateResponse(request, "emails.html", {
        "rows": rows, "docs": docs, "names": names, "total": total, "page": number,
        "pages": max(1, -(-total // PAGE_SIZE)), "q": q, "label": label, "queue": queue, "labels": LABELS,
        "queues": sorted(q for q in session.exec(select(EmailMessage.queue).distinct()).all() if q)})


@router.get("/emails/{email_id}", response_class=HTMLResponse)
def email_page(request: Request, session: SessionDep, me: ClerkPage, email_id: int):
    msg = session.get(EmailMessage, email_id)
    if msg is None:
        raise NotFound("email_not_found", f"no email {email_id}")
    return templates.TemplateResponse(request, "email.html", {
        "m": msg, "docs": session.exec(select(Document).where(Document.message_id == msg.id)).all(),
        "customer": session.get(Customer, msg.customer_id) if msg.customer_id else None})
