"""The admin's pages: users (add, deactivate), API keys (made and shown once, revoked), the audit
log with filters, and master data import with each bad row named. Every change goes through the
accounts and catalog services, which audit it."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func
from sqlmodel import select

from app.accounts import service as accounts
from app.accounts.audit import entries_where
from app.accounts.models import ApiKey, AuditEntry, User
from app.catalog.models import Customer
from app.catalog.service import DEMO_ORDER, import_csv
from app.core.auth import Principal, require
from app.core.deps import SessionDep
from app.core.errors import AppError, NotFound
from app.web.access import PageRoute
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
AdminPage = Annotated[Principal, Depends(require("admin"))]
ROLES = ("clerk", "warehouse", "finance", "credit", "admin", "customer")
AUDIT_PAGE = 100
MAX_CSV_BYTES = 20 * 1024 * 1024


def _customers(session) -> list[Customer]:
    return list(session.exec(select(Customer).order_by(Customer.name)).all())


def _people(request: Request, session, **extra):
    return templates.TemplateResponse(request, "admin_users.html", {
        "users": session.exec(select(User).order_by(User.email)).all(),
        "keys": session.exec(select(ApiKey).order_by(ApiKey.id.desc())).all(),
        "customers": _customers(session), "roles": ROLES, "new_key": None, "error": None, **extra},
        status_code=422 if extra.get("error") else 200)


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep, me: AdminPage):
    return _people(request, session)


def _customer_id(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@router.post("/admin/users", response_class=HTMLResponse)
def add_user(request: Request, session: SessionDep, me: AdminPage, email: str = Form(""), password: str = Form(""),
             role: str = Form("clerk"), customer_id: str = Form(""), name: str = Form("")):
    try:
        accounts.add_user(session, me.name, email.strip(), password or None, [role],
                          customer_id=_customer_id(customer_id), name=name.strip())
        session.commit()
    except (AppError, ValueError) as exc:
        session.rollback()
        return _people(request, session, error=getattr(exc, "message", str(exc)))
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/deactivate", response_class=HTMLResponse)
def deactivate(request: Request, session: SessionDep, me: AdminPage, user_id: int):
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user_not_found", f"no user {user_id}")
    try:
        accounts.deactivate_user(session, user, me.name, actor_user_id=me.user_id)
        session.commit()
    except AppError as exc:
        session.rollback()
        return _people(request, session, error=exc.message)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/keys", response_class=HTMLResponse)
def add_key(request: Request, session: SessionDep, me: AdminPage, role: str = Form("clerk"),
            customer_id: str = Form(""), name: str = Form(""), user_id: str = Form("")):
    try:
        _row, key = accounts.add_api_key(session, me.name, role, customer_id=_customer_id(customer_id),
                                        name=name.strip(), user_id=_customer_id(user_id))
        session.commit()
    except (AppError, ValueError) as exc:
        session.rollback()
        return _people(request, session, error=getattr(exc, "message", str(exc)))
    return _people(request, session, new_key=key)  # shown this once, never stored


@router.post("/admin/keys/{key_id}/revoke", response_class=HTMLResponse)
def revoke_key(session: SessionDep, me: AdminPage, key_id: int):
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound("key_not_found", f"no API key {key_id}")
    accounts.revoke_api_key(session, row, me.name)
    session.commit()
    return RedirectResponse("/admin/users#keys", status_code=303)


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(request: Request, session: SessionDep, me: AdminPage, actor: str = "", action: str = "",
               object_type: str = "", object_id: str = "", page: str = "1"):
    number = max(int(page), 1) if page.isdigit() else 1
    stmt = entries_where(select(AuditEntry), actor=actor, action=action, object_type=object_type,
                         object_id=object_id)  # action "review_*" is a prefix
    total = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = session.exec(stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                        .offset((number - 1) * AUDIT_PAGE).limit(AUDIT_PAGE)).all()
    return templates.TemplateResponse(request, "admin_audit.html", {
        "rows": rows, "total": total, "page": number, "pages": max(1, -(-total // AUDIT_PAGE)),
        "f": {"actor": actor, "action": action, "object_type": object_type, "object_id": object_id}})


@router.get("/admin/master", response_class=HTMLResponse)
def master_page(request: Request, me: AdminPage):
    return templates.TemplateResponse(request, "admin_master.html", {"kinds": DEMO_ORDER, "result": None})


@router.post("/admin/master", response_class=HTMLResponse)
async def master_import(request: Request, session: SessionDep, me: AdminPage, file: UploadFile,
                        kind: str = Form(""), strict: bool = Form(False)):
    """One CSV of one kind; each bad row is named by its line, and strict loads nothing when any is bad."""
    if kind not in DEMO_ORDER:
        raise AppError("unknown_kind", f"choose one of {', '.join(DEMO_ORDER)}", 422)
    data = await file.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise AppError("file_too_large", f"a master data file has at most {MAX_CSV_BYTES} bytes", 413)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AppError("not_utf8", "save the CSV as UTF-8 and try again", 422) from None
    result = import_csv(session, kind, text, strict=strict)
    accounts.audit(session, me.name, "master_import", kind, None, {
        "file": file.filename, "created": result.created, "updated": result.updated, "bad_rows": len(result.errors)})
    session.commit()
    return templates.TemplateResponse(request, "admin_master.html", {
        "kinds": DEMO_ORDER, "result": result, "kind": kind, "filename": file.filename, "strict": strict},
        status_code=422 if result.errors else 200)
