"""Admin API: users, API keys (shown once) and the audit log (read only); plus "who am I"."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import select

from app.accounts import logins, service, websession
from app.accounts.audit import entries_where
from app.accounts.models import ApiKey, AuditEntry, User
from app.core.auth import AdminDep, PrincipalDep
from app.core.deps import SessionDep
from app.core.errors import AppError, NotFound

router = APIRouter(prefix="/api/v1", tags=["access"])


class UserIn(BaseModel):
    email: str = Field(..., examples=["carla@example.com"])
    roles: list[str] = Field(..., examples=[["clerk"]])
    customer_id: int | None = Field(None, description="required for the customer role")
    password: str | None = Field(None, min_length=8, description="omit for an API-only user")
    name: str = ""


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    roles: list[str]
    customer_id: int | None
    active: bool
    created_at: datetime


class KeyIn(BaseModel):
    role: str = Field(..., examples=["clerk"])
    customer_id: int | None = None
    user_id: int | None = Field(None, description="the person behind the key (segregation of duties)")
    name: str = ""


class KeyOut(BaseModel):
    id: int
    prefix: str
    name: str
    role: str
    customer_id: int | None
    user_id: int | None
    active: bool
    created_at: datetime
    last_used_at: datetime | None


class NewKeyOut(KeyOut):
    key: str = Field(..., description="shown this once; only its hash is kept")


def _user_out(u: User) -> UserOut:
    return UserOut(id=u.id, email=u.email, name=u.name, roles=list(u.roles or []), customer_id=u.customer_id,
                   active=u.active, created_at=u.created_at)


def _key_out(k: ApiKey) -> dict:
    return KeyOut.model_validate(k, from_attributes=True).model_dump()


def _mark(request: Request, object_type: str, object_id: Any) -> None:
    request.state.audit_object = (object_type, object_id)  # what the request's audit entry names


@router.get("/me", summary="Who is asking: name, roles and customer")
def whoami(principal: PrincipalDep) -> dict:
    return {"name": principal.name, "roles": sorted(principal.roles), "customer_id": principal.customer_id,
            "via": principal.via}


@router.post("/admin/users", status_code=201, response_model=UserOut, summary="Create a user")
def create_user(session: SessionDep, admin: AdminDep, body: UserIn, request: Request):
    user = service.add_user(session, admin.name, body.email, body.password, body.roles,
                            customer_id=body.customer_id, name=body.name)
    session.commit()
    _mark(request, "user", user.id)
    return _user_out(user)


@router.get("/admin/users", response_model=list[UserOut], summary="Users, oldest first")
def list_users(session: SessionDep, _admin: AdminDep, active: bool | None = None):
    stmt = select(User).order_by(User.id)
    if active is not None:
        stmt = stmt.where(User.active == active)
    return [_user_out(u) for u in session.exec(stmt)]


@router.post("/admin/users/{user_id}/deactivate", response_model=UserOut,
             summary="Deactivate a user: their logins and keys stop working")
def deactivate_user(session: SessionDep, admin: AdminDep, user_id: int):
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user_not_found", f"no user {user_id}")
    service.deactivate_user(session, user, admin.name, actor_user_id=admin.user_id)
    session.commit()
    return _user_out(user)


class PasswordChange(BaseModel):
    current_password: str = Field(..., max_length=logins.MAX_LENGTH)
    new_password: str = Field(..., min_length=logins.MIN_LENGTH, max_length=logins.MAX_LENGTH)


class PasswordReset(BaseModel):
    new_password: str = Field(..., min_length=logins.MIN_LENGTH, max_length=logins.MAX_LENGTH)


@router.post("/me/password", status_code=204, summary="Change your own password (your other browser sessions end)")
def change_password(session: SessionDep, principal: PrincipalDep, body: PasswordChange, request: Request) -> Response:
    user = logins.user_of(session, principal)
    if user is None:
        raise AppError("no_user", "this credential belongs to no user with a password", 409)
    logins.change_own(session, user, body.current_password, body.new_password,
                      keep_session=websession.current_id(request))
    session.commit()
    return Response(status_code=204)


@router.post("/admin/users/{user_id}/password", status_code=204,
             summary="Set a user's password (every browser session of theirs ends)")
def reset_password(session: SessionDep, admin: AdminDep, user_id: int, body: PasswordReset) -> Response:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user_not_found", f"no user {user_id}")
    logins.reset(session, user, body.new_password, admin.name)
    session.commit()
    return Response(status_code=204)


@router.post("/admin/keys", status_code=201, response_model=NewKeyOut, summary="Create an API key (shown once)")
def create_key(session: SessionDep, admin: AdminDep, body: KeyIn, request: Request):
    row, key = service.add_api_key(session, admin.name, body.role, customer_id=body.customer_id, name=body.name,
                                   user_id=body.user_id)
    session.commit()
    _mark(request, "api_key", row.id)
    return NewKeyOut(**_key_out(row), key=key)


@router.get("/admin/keys", response_model=list[KeyOut], summary="API keys (prefix only, never the key)")
def list_keys(session: SessionDep, _admin: AdminDep, active: bool | None = None):
    stmt = select(ApiKey).order_by(ApiKey.id)
    if active is not None:
        stmt = stmt.where(ApiKey.active == active)
    return [_key_out(k) for k in session.exec(stmt)]


@router.delete("/admin/keys/{key_id}", status_code=204, summary="Revoke an API key")
def revoke_key(session: SessionDep, admin: AdminDep, key_id: int) -> Response:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound("key_not_found", f"no API key {key_id}")
    service.revoke_api_key(session, row, admin.name)
    session.commit()
    return Response(status_code=204)


@router.get("/admin/audit", summary="The audit log, newest first, with filters")
def read_audit(session: SessionDep, _admin: AdminDep, actor: str | None = None,
               action: Annotated[str | None, Query(description="exact, or a prefix ending in *")] = None,
               object_type: str | None = None, object_id: str | None = None,
               since: datetime | None = None, until: datetime | None = None,
               limit: Annotated[int, Query(ge=1, le=500)] = 100, offset: Annotated[int, Query(ge=0)] = 0) -> dict:
    stmt = entries_where(select(AuditEntry), actor=actor, action=action, object_type=object_type,
                         object_id=object_id)
    if since:
        stmt = stmt.where(AuditEntry.at >= since)
    if until:
        stmt = stmt.where(AuditEntry.at < until)
    count = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = session.exec(stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).offset(offset).limit(limit)).all()
    return {"data": [r.model_dump(mode="json") for r in rows], "count": count, "limit": limit, "offset": offset}
